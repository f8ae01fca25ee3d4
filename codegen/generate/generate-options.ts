import type { SchemaModel } from '../model/schema-model.js'

/**
 * A step of {@link generate}, for progress lines.
 *
 * ```ts
 * await generate({ url, onProgress: (p) => console.error(p.phase) })
 * ```
 */
export type GenerateProgress =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'introspecting' }
  | { readonly phase: 'introspected'; readonly relations: number }
  | { readonly phase: 'rendering'; readonly relations: number }
  | { readonly phase: 'rendered'; readonly relations: number }

/**
 * Where {@link generate} reports what it does (the CLI's `--log-level`).
 *
 * ```ts
 * await generate({ url, logger: { debug() {}, info: console.error, warn: console.error } })
 * ```
 */
export interface GenerateLogger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
}

/**
 * Options of {@link generate}: the CLI's options with camelCase names.
 *
 * ```ts
 * await generate({ url: process.env.REDSHIFT_URL, outFile: 'src/db.ts', camelCase: true })
 * ```
 */
export interface GenerateOptions {
  /**
   * `redshift://` or `postgres://` URL of the cluster (or the local
   * emulator). Default: `env.REDSHIFT_URL`, then `env.DATABASE_URL`. Not
   * read with `fromSnapshot` or `model`.
   */
  readonly url?: string
  /** Render from a model saved with `snapshot`, with no database. */
  readonly fromSnapshot?: string
  /** Render from this model, with no database. */
  readonly model?: SchemaModel
  /** The file to write or verify (default `generated/db.ts`, from `cwd`). */
  readonly outFile?: string
  /** Globs on `schema.table`: only relations matching one are generated. */
  readonly includePattern?: string | readonly string[]
  /** Globs on `schema.table`: relations matching one are left out. */
  readonly excludePattern?: string | readonly string[]
  /** Schemas whose relations are keyed by bare name in `DB` (default `public`). */
  readonly defaultSchema?: string | readonly string[]
  /** camelCase property names, as Kysely's `CamelCasePlugin` expects. */
  readonly camelCase?: boolean
  /** `import type` for the file's imports (default true). */
  readonly typeOnlyImports?: boolean
  /** The TypeScript type of int8 columns; match the client's `types.int8` (default `bigint`). */
  readonly int8?: 'bigint' | 'string'
  /** The TypeScript type of numeric columns; match the client's `types.numeric` (default `string`). */
  readonly numeric?: 'string' | 'number'
  /** The module the generated file imports its helper types from (default `kysely-redshift`). */
  readonly importFrom?: string
  /** Return the output without writing it (the CLI prints it). */
  readonly print?: boolean
  /** Compare with `outFile` instead of writing: `changed` and `diff` say whether it is stale. */
  readonly verify?: boolean
  /** Also save the (filtered) model as JSON to this file. */
  readonly snapshot?: string
  /** The folder relative paths are read from (default `process.cwd()`). */
  readonly cwd?: string
  /** Where the URL defaults come from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv
  /** Called at each step, e.g. to show a progress line. */
  readonly onProgress?: (progress: GenerateProgress) => void
  /** Where to say what was done (default: nowhere). */
  readonly logger?: GenerateLogger
}

/**
 * What {@link generate} did.
 *
 * ```ts
 * const { outFile, changed, relations } = await generate({ url })
 * console.log(`${outFile}: ${relations} relations${changed ? '' : ' (unchanged)'}`)
 * ```
 */
export interface GenerateResult {
  /** The generated TypeScript. */
  readonly output: string
  /** The model it was rendered from, after the include/exclude patterns. */
  readonly model: SchemaModel
  /** Number of relations (tables, views...) in the output. */
  readonly relations: number
  /** Number of columns in the output. */
  readonly columns: number
  /** The absolute path of the out file, whether or not it was written. */
  readonly outFile: string
  /** `written`, `unchanged` (same bytes already there), `printed` or `verified`. */
  readonly action: 'written' | 'unchanged' | 'printed' | 'verified'
  /**
   * Whether the file on disk differs (differed, when written) from the
   * output; with `verify`, true means stale.
   */
  readonly changed: boolean
  /** With `verify` and a stale file: a unified diff from the file to the output. */
  readonly diff: string | null
  /** The absolute path of the snapshot written, or null. */
  readonly snapshotFile: string | null
}
