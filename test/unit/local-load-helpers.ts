import { expect } from 'vitest'

import {
  CopyLoadError,
  parseCopy,
  startCopyLoad,
  type CopyLoadResult,
  type CopyPlan,
  type TargetColumn,
} from '../../src/local/load/index.js'
import type { ErrorFields } from '../../src/local/protocol/error-fields.js'
import { MemoryStorage } from './local-load-memory-storage.js'

/**
 * Decodes PostgreSQL COPY text format on its own (not with the loader's
 * code): rows end at newline, fields at tab, `\N` is NULL, and `\\`, `\t`,
 * `\n`, `\r` are the escaped characters.
 */
export function decodeCopyText(text: string): (string | null)[][] {
  if (text === '') return []
  expect(text.endsWith('\n')).toBe(true)
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) =>
      line.split('\t').map((field) => {
        if (field === '\\N') return null
        let out = ''
        for (let i = 0; i < field.length; i++) {
          const c = field[i]!
          if (c !== '\\') {
            out += c
            continue
          }
          const next = field[++i]
          const map: Record<string, string> = {
            '\\': '\\',
            t: '\t',
            n: '\n',
            r: '\r',
          }
          if (next === undefined || map[next] === undefined)
            throw new Error(`bad escape in COPY text: ${field}`)
          out += map[next]
        }
        return out
      }),
    )
}

/** A column of a test table: `name type [not null] [identity] [default]`. */
export function col(
  name: string,
  type: string,
  extra: { notNull?: boolean; identity?: boolean; hasDefault?: boolean } = {},
): TargetColumn {
  return {
    name,
    type,
    notNull: extra.notNull ?? false,
    identity: extra.identity ?? false,
    hasDefault: extra.hasDefault ?? false,
  }
}

/** A parsed plan, failing the test if the statement is refused. */
export function plan(sql: string): CopyPlan {
  const parsed = parseCopy(sql)
  if (!parsed.ok) throw new Error(`refused: ${parsed.error.message}`)
  return parsed.plan
}

/** The error of a refused statement, failing the test if it is accepted. */
export function refusal(sql: string): ErrorFields {
  const parsed = parseCopy(sql)
  if (parsed.ok) throw new Error(`accepted: ${sql}`)
  return parsed.error
}

/** What one load produced. */
export interface LoadOutcome {
  readonly insertColumns: readonly string[]
  readonly rows: (string | null)[][]
  readonly result: CopyLoadResult
  readonly error?: CopyLoadError
  readonly chunks: number
}

/**
 * Runs a COPY over an in-memory storage and decodes what it sends. Files are
 * streamed in `pieceSize`-byte pieces so chunk boundaries fall inside
 * records, characters and quotes.
 */
export async function runLoad(
  sql: string,
  files: Record<string, string | Buffer> | MemoryStorage,
  columns: readonly TargetColumn[],
  pieceSize = 5,
): Promise<LoadOutcome> {
  const storage =
    files instanceof MemoryStorage ? files : new MemoryStorage(files, pieceSize)
  const load = startCopyLoad(plan(sql), {
    storage,
    columns,
    tableName: 't',
    queryId: 42,
  })
  const parts: Buffer[] = []
  let error: CopyLoadError | undefined
  try {
    for await (const chunk of load.chunks) parts.push(chunk)
  } catch (e) {
    if (!(e instanceof CopyLoadError)) throw e
    error = e
  }
  return {
    insertColumns: load.insertColumns,
    rows: decodeCopyText(Buffer.concat(parts).toString('utf8')),
    result: load.result,
    chunks: parts.length,
    ...(error !== undefined ? { error } : {}),
  }
}
