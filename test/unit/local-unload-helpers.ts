import { Readable } from 'node:stream'

import type {
  ObjectLocation,
  ObjectStorage,
  StoredObject,
} from '../../src/local/storage/object-storage.js'
import { parseUnload } from '../../src/local/unload/index.js'
import type {
  UnloadColumn,
  UnloadOutcome,
  UnloadPlan,
} from '../../src/local/unload/index.js'
import { writeUnload } from '../../src/local/unload/index.js'

/**
 * A small in-memory S3 for the writer's tests: objects by bucket and key,
 * listed as S3 lists them (every key with the prefix, sorted).
 */
export class MemoryStorage implements ObjectStorage {
  readonly objects = new Map<string, Buffer>()
  /** Every write, in order (to see what was written, and how often). */
  readonly writes: string[] = []

  async list(bucket: string, prefix: string): Promise<readonly StoredObject[]> {
    return [...this.objects.entries()]
      .filter(([path]) => path.startsWith(`${bucket}/${prefix}`))
      .map(([path, body]) => ({
        bucket,
        key: path.slice(bucket.length + 1),
        size: body.length,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  async stat(location: ObjectLocation): Promise<StoredObject | undefined> {
    const body = this.objects.get(path(location))
    return body === undefined ? undefined : { ...location, size: body.length }
  }

  async read(location: ObjectLocation): Promise<Buffer> {
    const body = this.objects.get(path(location))
    if (body === undefined) throw new Error(`no such key ${path(location)}`)
    return body
  }

  async openRead(location: ObjectLocation): Promise<Readable> {
    return Readable.from([await this.read(location)])
  }

  async write(
    location: ObjectLocation,
    body: Buffer | Readable,
  ): Promise<void> {
    const chunks: Buffer[] = []
    if (Buffer.isBuffer(body)) chunks.push(body)
    else for await (const chunk of body) chunks.push(chunk as Buffer)
    this.objects.set(path(location), Buffer.concat(chunks))
    this.writes.push(path(location))
  }

  async delete(locations: readonly ObjectLocation[]): Promise<void> {
    for (const location of locations) this.objects.delete(path(location))
  }

  /** The keys under `bucket`, sorted. */
  keys(bucket = 'b'): string[] {
    return [...this.objects.keys()]
      .filter((p) => p.startsWith(`${bucket}/`))
      .map((p) => p.slice(bucket.length + 1))
      .sort()
  }

  text(key: string, bucket = 'b'): string {
    return this.body(key, bucket).toString('utf8')
  }

  body(key: string, bucket = 'b'): Buffer {
    const body = this.objects.get(`${bucket}/${key}`)
    if (body === undefined) throw new Error(`no object ${bucket}/${key}`)
    return body
  }
}

function path(location: ObjectLocation): string {
  return `${location.bucket}/${location.key}`
}

/** Parses an UNLOAD that must parse. */
export function plan(text: string): UnloadPlan {
  const parsed = parseUnload(text)
  if (!parsed.ok) throw new Error(`expected a plan: ${parsed.error.message}`)
  return parsed.plan
}

/** A column described as the session describes it. */
export function column(
  name: string,
  typeOid: number,
  type: string,
): UnloadColumn {
  return { name, typeOid, type }
}

export const INT = (name: string) => column(name, 23, 'integer')
export const BIGINT = (name: string) => column(name, 20, 'bigint')
export const TEXT = (name: string) =>
  column(name, 1043, 'character varying(256)')

const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
}

/**
 * Rows as PostgreSQL's `COPY ... TO STDOUT` text format writes them (tabs,
 * `\N` for NULL, backslash escapes), in chunks of whole rows: a chunk ends
 * after every `rowsPerChunk` rows, as the session hands them to the writer.
 */
export async function* copyTextChunks(
  rows: Iterable<readonly (string | null)[]>,
  rowsPerChunk = 3,
): AsyncGenerator<Buffer> {
  let lines: string[] = []
  for (const row of rows) {
    lines.push(
      row
        .map((value) =>
          value === null
            ? '\\N'
            : value.replace(/[\\\t\n\r\b\f\v]/g, (c) => COPY_ESCAPES[c]!),
        )
        .join('\t') + '\n',
    )
    if (lines.length === rowsPerChunk) {
      yield Buffer.from(lines.join(''))
      lines = []
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join(''))
}

/** Runs the writer over in-memory rows (sent to it as COPY text). */
export async function unload(
  storage: MemoryStorage,
  statement: string,
  columns: readonly UnloadColumn[],
  rows: readonly (readonly (string | null)[])[],
): Promise<UnloadOutcome> {
  return writeUnload(plan(statement), {
    storage,
    columns,
    chunks: copyTextChunks(rows),
    queryId: 1,
  })
}

/** `UNLOAD ('select 1') TO 's3://b/<key>' IAM_ROLE default <options>`. */
export function statement(key: string, options = ''): string {
  return `unload ('select 1') to 's3://b/${key}' iam_role default ${options}`
}
