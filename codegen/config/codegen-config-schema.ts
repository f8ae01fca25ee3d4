import { z } from 'zod'

import { LOG_LEVELS } from './log-level.js'

const INT8 = ['bigint', 'string'] as const
const NUMERIC = ['string', 'number'] as const
const patterns = z.union([z.string().min(1), z.array(z.string().min(1))])
const path = z.string().min(1)

/**
 * The codegen config file (`codegen.config.json`, or the `codegen` key of
 * package.json): the CLI's options with camelCase keys. `types` has the
 * shape of the client's own `types` option, so one JSON file can configure
 * both the app's `createRedshift` and the generated types, and they agree.
 * Strict: a misspelt key is an error, not a silently ignored setting.
 *
 * ```ts
 * codegenConfigSchema.safeParse({ outFile: 'src/db.ts' }).success // true
 * ```
 */
export const codegenConfigSchema = z.strictObject({
  /** For editors that validate JSON against a schema; ignored. */
  $schema: z.string().optional(),
  url: z.string().min(1).optional(),
  outFile: path.optional(),
  includePattern: patterns.optional(),
  excludePattern: patterns.optional(),
  defaultSchema: patterns.optional(),
  camelCase: z.boolean().optional(),
  typeOnlyImports: z.boolean().optional(),
  int8: z.enum(INT8).optional(),
  numeric: z.enum(NUMERIC).optional(),
  types: z
    .strictObject({
      int8: z.enum(INT8).optional(),
      numeric: z.enum(NUMERIC).optional(),
    })
    .optional(),
  importFrom: z.string().min(1).optional(),
  print: z.boolean().optional(),
  verify: z.boolean().optional(),
  snapshot: path.optional(),
  fromSnapshot: path.optional(),
  logLevel: z.enum(LOG_LEVELS).optional(),
})

/**
 * The codegen config file's contents (see {@link codegenConfigSchema}).
 *
 * ```ts
 * const config: CodegenConfig = { includePattern: ['public.*'], types: { int8: 'string' } }
 * ```
 */
export type CodegenConfig = z.infer<typeof codegenConfigSchema>

const PATTERNS = 'a glob on "schema.table", or an array of them'

/** The expected form of each field, for error messages. */
export const CONFIG_EXPECTED: Readonly<Record<string, string>> = Object.freeze({
  '': 'a JSON object',
  $schema: 'string',
  url: 'redshift://, postgres:// or postgresql:// URL',
  outFile: 'a file path',
  includePattern: PATTERNS,
  excludePattern: PATTERNS,
  defaultSchema: 'a schema name, or an array of them',
  camelCase: 'true | false',
  typeOnlyImports: 'true | false',
  int8: "'bigint' | 'string'",
  numeric: "'string' | 'number'",
  types: 'an object { int8, numeric }',
  'types.int8': "'bigint' | 'string'",
  'types.numeric': "'string' | 'number'",
  importFrom: 'a module specifier',
  print: 'true | false',
  verify: 'true | false',
  snapshot: 'a file path',
  fromSnapshot: 'a file path',
  logLevel: LOG_LEVELS.map((l) => `'${l}'`).join(' | '),
})
