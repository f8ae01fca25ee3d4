// Table-driven fidelity cases whose steps also write objects into the
// emulator's local S3 folder and check the objects UNLOAD writes: each case
// runs on a text-mode connection of its own, to one emulator (with an S3
// folder) per file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connectAsText } from './function-answers.js'
import {
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

type Value = string | null

/** One step of a case: a statement and what it must give, or an S3 object. */
export type S3Step =
  | { readonly sql: string }
  | {
      readonly sql: string
      readonly rows: readonly (readonly Value[])[]
      readonly types?: readonly number[]
    }
  | { readonly sql: string; readonly code: string; readonly message: string }
  | { readonly sql: string; readonly put: string; readonly body: Uint8Array }
  | { readonly sql: string; readonly file: string; readonly text: string }

/** A case: its title, the page it comes from, its steps in order. */
export interface S3Case {
  readonly title: string
  readonly doc: string
  readonly steps: readonly S3Step[]
}

/** A statement that must succeed. */
export const run = (sql: string): S3Step => ({ sql })

/** A statement whose rows (as text) and, optionally, result type OIDs are given. */
export const answer = (
  sql: string,
  rows: readonly (readonly Value[])[],
  types?: readonly number[],
): S3Step => ({ sql, rows, ...(types ? { types } : {}) })

/** A statement that must fail with `code`, its message containing `message`. */
export const fails = (sql: string, code: string, message: string): S3Step => ({
  sql,
  code,
  message,
})

/** Writes `body` at `s3://bucket/<key>` (the emulator's local S3 folder). */
export const put = (key: string, body: string | Uint8Array): S3Step => ({
  sql: '',
  put: key,
  body: typeof body === 'string' ? Buffer.from(body) : body,
})

/** The object at `s3://bucket/<key>` must hold exactly `text`. */
export const file = (key: string, text: string): S3Step => ({
  sql: '',
  file: key,
  text,
})

/**
 * One test per case, on an emulator of the file's own whose S3 folder holds
 * `bucket`.
 *
 * @example
 * ```ts
 * describeS3FidelityCases('SUPER loads', 'local_fid_super_loads', [
 *   { title: 'a CSV field', doc: COPY_JSON, steps: [put('a.csv', '1\n'), run('copy ...')] },
 * ])
 * ```
 */
export function describeS3FidelityCases(
  title: string,
  prefix: string,
  cases: readonly S3Case[],
): void {
  describe(title, () => {
    let own: OwnEmulator
    let dir: string

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`))
      fs.mkdirSync(path.join(dir, 'bucket'))
      own = await startOwnEmulator(prefix, { s3Dir: dir })
    })
    afterAll(async () => {
      await own?.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it.each(cases.map((c) => [c.title, c] as const))(
      '%s',
      async (_title, testCase) => {
        const client = await connectAsText(own.local.url)
        try {
          await runCase(client, testCase, path.join(dir, 'bucket'))
        } finally {
          await client.end()
        }
      },
    )
  })
}

async function runCase(
  client: pg.Client,
  testCase: S3Case,
  bucket: string,
): Promise<void> {
  for (const step of testCase.steps) {
    if ('put' in step) {
      const target = path.join(bucket, step.put)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, step.body)
      continue
    }
    if ('file' in step) {
      const written = fs.readFileSync(path.join(bucket, step.file), 'utf8')
      expect(written, `${step.file} (${testCase.doc})`).toBe(step.text)
      continue
    }
    const where = `${step.sql} (${testCase.doc})`
    if ('code' in step) {
      const error = await errorOf(client.query(step.sql))
      expect(error.code, where).toBe(step.code)
      expect(error.message, where).toContain(step.message)
      continue
    }
    const result = await client.query({ text: step.sql, rowMode: 'array' })
    if (!('rows' in step)) continue
    expect(result.rows, where).toEqual(step.rows)
    if (step.types !== undefined) {
      expect(
        result.fields.map((f) => f.dataTypeID),
        where,
      ).toEqual(step.types)
    }
  }
}
