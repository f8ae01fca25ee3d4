import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { codegenConfigSchema } from '../config/codegen-config-schema.js'
import { parseCodegenConfig } from '../config/parse-codegen-config.js'
import { CodegenError } from '../errors/codegen-error.js'
import { filterRelations, schemasOfPatterns } from '../filter/index.js'
import { parseSchemaModel } from '../model/parse-schema-model.js'
import type { SchemaModel } from '../model/schema-model.js'
import { readSnapshot, writeSnapshot } from '../snapshot/index.js'
import { diffOutput } from '../verify/index.js'
import { toCodegenError } from './connection-error.js'
import type {
  GenerateOptions,
  GenerateProgress,
  GenerateResult,
} from './generate-options.js'
import { writeError } from './write-error.js'
import { writeTextFile } from './write-text-file.js'

/**
 * Where the types go when no `outFile` is given, from the working folder.
 *
 * ```ts
 * import type { DB } from './generated/db.js' // DEFAULT_OUT_FILE
 * ```
 */
export const DEFAULT_OUT_FILE = 'generated/db.ts'

/**
 * The schemas keyed by bare name when no `defaultSchema` is given.
 *
 * ```ts
 * await generate({ url, defaultSchema: [...DEFAULT_SCHEMAS, 'sales'] })
 * ```
 */
export const DEFAULT_SCHEMAS: readonly string[] = Object.freeze(['public'])

/**
 * Generates Kysely types from a Redshift catalog (or a saved model): reads
 * the catalog through the SDK's own client, keeps the relations the
 * patterns select, renders them, and writes `outFile` — or returns the text
 * (`print`), compares it with `outFile` (`verify`), and saves the model
 * (`snapshot`). Its client is closed whatever happens. Failures are
 * {@link CodegenError}s whose messages never hold the URL's password.
 *
 * @example
 * ```ts
 * import { generate } from 'kysely-redshift/codegen'
 *
 * const result = await generate({
 *   url: 'redshift://awsuser@localhost:5439/dev',
 *   outFile: 'src/db.ts',
 *   includePattern: ['public.*', 'analytics.*'],
 * })
 * console.log(result.action, result.relations) // 'written' 12
 * ```
 */
export async function generate(
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  checkOptions(options)
  if (options.print === true && options.verify === true) {
    throw new CodegenError(
      'usage',
      '--print and --verify cannot be used together',
    )
  }
  const cwd = options.cwd ?? process.cwd()
  const progress = options.onProgress ?? (() => {})
  const include = listOf(options.includePattern)
  const exclude = listOf(options.excludePattern)
  const defaultSchemas = listOf(options.defaultSchema)
  const outFile = path.resolve(cwd, options.outFile ?? DEFAULT_OUT_FILE)

  let model: SchemaModel
  if (options.model !== undefined) {
    model = parseSchemaModel(options.model, 'The model option')
  } else if (options.fromSnapshot !== undefined) {
    const file = path.resolve(cwd, options.fromSnapshot)
    options.logger?.debug(`reading the model from ${file}`)
    model = await readSnapshot(file)
  } else {
    model = await introspectUrl(
      resolveUrl(options),
      schemasOfPatterns(include),
      progress,
      options,
    )
  }

  const filtered = filterRelations(model, {
    includePattern: include,
    excludePattern: exclude,
  })
  const relations = filtered.relations.length
  const columns = filtered.relations.reduce((n, r) => n + r.columns.length, 0)
  progress({ phase: 'rendering', relations })
  // Loaded here, not at the top: ts-morph takes a while to load, and
  // --help, usage errors and connection errors do not need it.
  const { render } = await import('../render/index.js')
  const output = render(filtered, {
    ...(options.int8 !== undefined ? { int8: options.int8 } : {}),
    ...(options.numeric !== undefined ? { numeric: options.numeric } : {}),
    camelCase: options.camelCase ?? false,
    typeOnlyImports: options.typeOnlyImports ?? true,
    defaultSchemas:
      defaultSchemas.length > 0 ? defaultSchemas : DEFAULT_SCHEMAS,
    ...(options.importFrom !== undefined
      ? { importFrom: options.importFrom }
      : {}),
  })
  progress({ phase: 'rendered', relations })

  let snapshotFile: string | null = null
  if (options.snapshot !== undefined) {
    snapshotFile = path.resolve(cwd, options.snapshot)
    await writeSnapshot(snapshotFile, filtered)
    options.logger?.info(
      `Saved the model of ${count(relations, 'relation')} to ${path.relative(cwd, snapshotFile) || snapshotFile}`,
    )
  }

  const base = {
    output,
    model: filtered,
    relations,
    columns,
    outFile,
    snapshotFile,
  }
  if (options.print === true) {
    return Object.freeze({
      ...base,
      action: 'printed',
      changed: false,
      diff: null,
    })
  }
  const current = await readCurrent(outFile)
  const changed = current !== output
  const shown = path.relative(cwd, outFile) || outFile
  if (options.verify === true) {
    return Object.freeze({
      ...base,
      action: 'verified',
      changed,
      diff: changed ? diffOutput(shown, current, output) : null,
    })
  }
  if (changed) {
    await writeTextFile('--out-file', outFile, output)
  }
  options.logger?.info(
    `${changed ? 'Wrote' : 'Unchanged:'} ${shown} (${count(relations, 'relation')}, ${count(columns, 'column')})`,
  )
  return Object.freeze({
    ...base,
    action: changed ? 'written' : 'unchanged',
    changed,
    diff: null,
  })
}

async function introspectUrl(
  { url, from }: { readonly url: string; readonly from: string },
  schemas: readonly string[] | undefined,
  progress: (progress: GenerateProgress) => void,
  options: GenerateOptions,
): Promise<SchemaModel> {
  const { server, secrets } = describeUrl(url)
  progress({ phase: 'connecting' })
  options.logger?.debug(`connecting to ${server}`)
  let db: RedshiftClient<any> | undefined
  try {
    db = createRedshift<any>({
      url,
      applicationName: 'kysely-redshift codegen',
    })
    const host = db.config.host
    const { detectServer, introspect } = await import('../introspect/index.js')
    // First, on its own: a server that is not Redshift is refused before
    // any catalog query, with a message that says what it is.
    const found = await detectServer(db, { host })
    options.logger?.debug(
      `connected to ${found.kind} ${found.version}, database ${found.database}`,
    )
    progress({ phase: 'introspecting' })
    const model = await introspect(db, {
      server: found,
      ...(schemas === undefined ? {} : { schemas }),
    })
    progress({ phase: 'introspected', relations: model.relations.length })
    return model
  } catch (error) {
    throw toCodegenError(error, { server, from, secrets })
  } finally {
    // A failed close must not hide why introspection failed.
    await db?.close().catch(() => {})
  }
}

/** The URL to read, and where it came from (for messages). */
function resolveUrl(options: GenerateOptions): {
  readonly url: string
  readonly from: string
} {
  const env = options.env ?? process.env
  const candidates: [string | undefined, string][] = [
    [options.url, '--url'],
    [env['REDSHIFT_URL'], 'REDSHIFT_URL'],
    [env['DATABASE_URL'], 'DATABASE_URL'],
  ]
  for (const [url, from] of candidates) {
    if (url !== undefined && url !== '') return { url, from }
  }
  throw new CodegenError(
    'usage',
    'No database to read: pass --url, set REDSHIFT_URL or DATABASE_URL, or render a saved model with --from-snapshot',
  )
}

/** `host:port/database` for messages, and the password to keep out of them. */
function describeUrl(url: string): {
  server: string
  secrets: readonly string[]
} {
  try {
    const parsed = new URL(url)
    const password = safeDecode(parsed.password)
    const database = safeDecode(parsed.pathname.replace(/^\//, ''))
    const server = `${parsed.host || 'localhost'}${database ? `/${database}` : ''}`
    return {
      server,
      secrets: password === '' ? [] : [password, parsed.password],
    }
  } catch {
    return { server: 'the server in --url', secrets: [] }
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

async function readCurrent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Missing, or under a path that cannot hold it: there is nothing to
    // compare with, and writing will say what is wrong.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw writeError('--out-file', file, error)
  }
}

// The options the config file also has are checked by its schema, so a
// caller from JavaScript (or with a cast) hears which field is wrong instead
// of getting types rendered with a setting silently ignored.
function checkOptions(options: GenerateOptions): void {
  const shared: Record<string, unknown> = {}
  for (const key of Object.keys(codegenConfigSchema.shape)) {
    const value = (options as Record<string, unknown>)[key]
    if (value !== undefined) shared[key] = value
  }
  parseCodegenConfig(shared, 'the options of generate()')
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : [...value]
}
