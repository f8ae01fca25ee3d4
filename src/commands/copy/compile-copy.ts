import { CommandOptionError } from '../../errors/command-option-error.js'
import {
  quoteIdentifier,
  quoteLiteral,
  quoteQualifiedName,
} from '../../sql/literal.js'
import {
  MAX_STATEMENT_BYTES,
  MAX_STATEMENT_UNITS_WITHOUT_COUNT,
} from '../../dialect/compiler/redshift-limits.js'
import { compileAuthorization } from '../authorization.js'
import { checkOptionRules } from '../option-rule.js'
import { COPY_COLUMNAR, COPY_RULES } from './copy-rules.js'
import type { CopySourceKeyword, CopyState } from './copy-state.js'
import { fail, literalArgument } from './copy-values.js'

/** Redshift's largest statement: 16 MB (`limits.max_statement_size`). */
export const REDSHIFT_MAX_STATEMENT_BYTES = MAX_STATEMENT_BYTES

/** A compiled COPY: its text and the keywords it holds. */
export interface CompiledCopy {
  readonly sql: string
  readonly keywords: ReadonlySet<string>
}

/**
 * Compiles the target of a COPY, `"schema"."table" ("a", "b")`, with errors
 * that name the table or the column.
 *
 * ```ts
 * compileTarget('analytics.sales', ['id', 'qty']) // "analytics"."sales" ("id", "qty")
 * ```
 */
export function compileTarget(
  table: string,
  columns: readonly string[] | undefined,
): string {
  if (typeof table !== 'string' || table.length === 0) {
    fail('table', 'the target table must be a non-empty name')
  }
  let sql = quoted('table', () => quoteQualifiedName(table.split('.')))
  if (columns !== undefined) {
    if (!Array.isArray(columns) || columns.length === 0) {
      fail(
        'columns',
        'a column list names at least one column (leave it out for all)',
      )
    }
    const seen = new Set<string>()
    const names = columns.map((column, index) => {
      if (seen.has(column)) {
        fail('columns', `column ${index} appears twice in the column list`)
      }
      seen.add(column)
      return quoted('columns', () => quoteIdentifier(column))
    })
    sql += ` (${names.join(', ')})`
  }
  return sql
}

/**
 * Parses a FROM URL into its source: `s3://` (a prefix, an object, a
 * manifest, an SSH manifest), `dynamodb://Table` or `emr://j-ID/path`.
 *
 * ```ts
 * parseSource('dynamodb://Orders') // { keyword: 'DYNAMODB', url: 'dynamodb://Orders' }
 * ```
 */
export function parseSource(url: string): {
  readonly keyword: CopySourceKeyword
  readonly url: string
} {
  literalArgument('FROM', url)
  const match = /^(s3|dynamodb|emr):\/\/(.+)$/s.exec(url)
  if (!match) {
    fail(
      'FROM',
      "takes an 's3://bucket/prefix', 'dynamodb://Table' or 'emr://j-ID/path' URL",
    )
  }
  const keyword = match[1]!.toUpperCase() as CopySourceKeyword
  return Object.freeze({ keyword, url })
}

/**
 * The keywords a COPY holds: FROM, the source, the authorization's, every
 * option's and what they imply.
 *
 * ```ts
 * heldKeywords(state) // Set { 'FROM', 'S3', 'IAM_ROLE', 'CSV', 'MAXERROR' }
 * ```
 */
export function heldKeywords(
  state: CopyState,
  authorizationKeywords: readonly string[],
): Set<string> {
  const held = new Set<string>(['FROM', ...authorizationKeywords])
  if (state.source) held.add(state.source.keyword)
  for (const option of state.options) {
    held.add(option.keyword)
    for (const implied of option.implies ?? []) held.add(implied)
  }
  if (held.has('PARQUET') || held.has('ORC')) held.add(COPY_COLUMNAR)
  return held
}

/**
 * Compiles a COPY: checks that it has a source and an authorization, applies
 * every rule of {@link COPY_RULES} to the keywords it holds, and refuses a
 * statement longer than Redshift's 16 MB, all before anything is sent.
 *
 * ```ts
 * compileCopy(state).sql
 * // COPY "sales" ("id", "qty") FROM 's3://b/sales/' IAM_ROLE default CSV IGNOREHEADER 1
 * ```
 */
export function compileCopy(
  state: CopyState & { readonly target: string },
): CompiledCopy {
  if (state.source === undefined) {
    fail('FROM', "a COPY needs a source: call from('s3://...')")
  }
  if (state.authorization === undefined) {
    fail(
      'authorization',
      "a COPY needs an authorization: iamRole('default' | arn), accessKey({...}) or credentials('...')",
    )
  }
  const authorization = compileAuthorization('COPY', state.authorization)
  const keywords = heldKeywords(state, authorization.keywords)
  checkOptionRules(COPY_RULES, keywords)
  const sql = [
    'COPY',
    state.target,
    'FROM',
    quoteLiteral(state.source.url),
    authorization.sql,
    ...state.options.map((option) => option.sql),
  ].join(' ')
  // Bytes are counted only when the text could be that long.
  if (sql.length > MAX_STATEMENT_UNITS_WITHOUT_COUNT) {
    const bytes = Buffer.byteLength(sql, 'utf8')
    if (bytes > REDSHIFT_MAX_STATEMENT_BYTES) {
      fail(
        'statement',
        `the COPY is ${bytes} bytes long; Redshift's statement limit is 16 MB (${REDSHIFT_MAX_STATEMENT_BYTES} bytes)`,
      )
    }
  }
  return Object.freeze({ sql, keywords })
}

function quoted(option: string, quote: () => string): string {
  try {
    return quote()
  } catch (error) {
    if (error instanceof CommandOptionError) throw error
    return fail(option, (error as Error).message)
  }
}
