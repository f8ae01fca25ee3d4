import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CodegenError } from '../../codegen/errors/codegen-error.js'
import { parseSchemaModel } from '../../codegen/model/parse-schema-model.js'
import type { SchemaModel } from '../../codegen/model/schema-model.js'
import {
  readSnapshot,
  stableJson,
  writeSnapshot,
} from '../../codegen/snapshot/index.js'
import { diffOutput } from '../../codegen/verify/index.js'

const MODEL: SchemaModel = {
  version: 1,
  source: { kind: 'emulator', database: 'dev' },
  relations: [
    {
      schema: 'public',
      name: 'sales',
      kind: 'table',
      comment: 'one row per sale',
      distStyle: 'KEY',
      sortKeyKind: 'compound',
      columns: [
        {
          name: 'id',
          ordinal: 1,
          dataType: 'bigint',
          nullable: false,
          default: null,
          identity: { generation: 'always', seed: 1, step: 1 },
          comment: null,
          encoding: 'az64',
          distKey: true,
          sortKeyPosition: 1,
        },
      ],
    },
  ],
}

function snapshotError(run: () => unknown): Promise<CodegenError> {
  return Promise.resolve()
    .then(run)
    .then(
      () => {
        throw new Error('expected a snapshot error')
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(CodegenError)
        expect((error as CodegenError).code).toBe('snapshot')
        expect((error as CodegenError).exitCode).toBe(8)
        return error as CodegenError
      },
    )
}

describe('stableJson', () => {
  it('sorts keys at every depth, keeps array order, ends with a newline', () => {
    const a = stableJson({ b: 1, a: { d: [3, 1], c: null } })
    const b = stableJson({ a: { c: null, d: [3, 1] }, b: 1 })
    expect(a).toBe(b)
    expect(a).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      1\n    ]\n  },\n  "b": 1\n}\n',
    )
  })
})

describe('snapshots', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'codegen-snapshot-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('round-trips a model, creating the folder', async () => {
    const file = path.join(dir, 'nested', 'schema.json')
    await writeSnapshot(file, MODEL)
    expect(await readFile(file, 'utf8')).toBe(stableJson(MODEL))
    expect(await readSnapshot(file)).toEqual(MODEL)
  })

  it('names a missing file', async () => {
    const file = path.join(dir, 'none.json')
    const error = await snapshotError(() => readSnapshot(file))
    expect(error.message).toBe(`Cannot read snapshot ${file}: ENOENT`)
  })

  it('names a file that is not JSON', async () => {
    const file = path.join(dir, 'broken.json')
    await writeFile(file, '{"version": 1,')
    const error = await snapshotError(() => readSnapshot(file))
    expect(error.message).toContain(`Snapshot ${file} is not valid JSON:`)
  })

  it('says which version a snapshot is and which it reads', async () => {
    const v2 = await snapshotError(() =>
      parseSchemaModel({ ...MODEL, version: 2 }, 'Snapshot s.json'),
    )
    expect(v2.message).toBe(
      'Snapshot s.json is version 2; this kysely-redshift reads schema model version 1 (regenerate the snapshot with --snapshot)',
    )
    const none = await snapshotError(() =>
      parseSchemaModel([], 'Snapshot s.json'),
    )
    expect(none.message).toContain('Snapshot s.json has no "version" field')
  })

  it('names every bad field with its path and relation', async () => {
    const bad = structuredClone(MODEL) as unknown as {
      relations: { kind: string; columns: Record<string, unknown>[] }[]
      extra?: number
    }
    bad.relations[0]!.kind = 'table-ish'
    bad.relations[0]!.columns[0]!['dataType'] = 5
    bad.relations[0]!.columns[0]!['typo'] = true
    bad.extra = 1
    const error = await snapshotError(() =>
      parseSchemaModel(bad, 'Snapshot s.json'),
    )
    expect(error.message).toMatch(
      /^Snapshot s\.json is not a valid schema model \(4 issues\):/,
    )
    expect(error.message).toContain('relations[0].kind (public.sales): ')
    expect(error.message).toContain(
      'relations[0].columns[0].dataType (public.sales): ',
    )
    expect(error.message).toContain(
      'relations[0].columns[0] (public.sales): unknown field(s) "typo"',
    )
    expect(error.message).toContain('(root): unknown field(s) "extra"')
  })
})

describe('diffOutput', () => {
  it('is a unified diff from the file on disk to the output', () => {
    const diff = diffOutput('generated/db.ts', 'a\nb\n', 'a\nb\nc\n')
    expect(diff).toMatch(
      /^--- generated\/db\.ts\t\(on disk\)\n\+\+\+ generated\/db\.ts\t\(generated\)\n@@/,
    )
    expect(diff).toContain('@@ -1,2 +1,3 @@\n a\n b\n+c\n')
  })

  it('shows a missing file as a diff from nothing', () => {
    expect(diffOutput('db.ts', null, 'x\n')).toContain('--- db.ts\t(missing)')
  })
})
