import { reject } from '../../errors/reject.js'
import type { Token } from '../lexer.js'
import { quoteIdentifier } from '../quote.js'
import type { RecognizedStatement } from '../recognize-redshift.js'
import { alterExternalTable, isExternalAlter } from './alter-external-table.js'
import { createExternalSchema } from './create-external-schema.js'
import { createExternalTable } from './create-external-table.js'
import {
  dropExternalColumn,
  type MaybeExternalSchemas,
} from './drop-external-column.js'
import { SpectrumCursor, SpectrumSyntaxError } from './spectrum-cursor.js'

/**
 * Recognises Redshift Spectrum's DDL, which PostgreSQL's grammar cannot
 * parse, and turns it into a call of the emulator's catalog procedures
 * (see `catalog/spectrum-catalog.ts`): CREATE EXTERNAL SCHEMA, CREATE
 * EXTERNAL TABLE (refused inside a transaction block, 25001, as Redshift
 * refuses it), the external forms of ALTER TABLE (the same), and DROP SCHEMA
 * ... DROP EXTERNAL DATABASE, DROP COLUMN of a table of a schema that may be
 * external (`externalSchemas`; see `dropExternalColumn`), and refuses Lake Formation's GRANT / REVOKE
 * ... ON EXTERNAL TABLE | SCHEMA as an emulator limit. DROP TABLE and DROP SCHEMA of external
 * objects need nothing: PostgreSQL runs them and the catalog follows.
 * Returns `null` for every other statement, after looking at no more than
 * its first few tokens.
 *
 * @example
 * ```ts
 * recognizeSpectrum("create external schema s from data catalog database 'db' iam_role default", tokens, true)
 * // { kind: 'statement', text: 'CALL redshift_local.create_external_schema(...)', tag: 'CREATE SCHEMA', ... }
 * ```
 */
export function recognizeSpectrum(
  text: string,
  tokens: readonly Token[],
  fold: boolean,
  externalSchemas?: MaybeExternalSchemas,
): RecognizedStatement | null {
  const c = new SpectrumCursor(text, tokens, fold)
  try {
    switch (c.peekWord()) {
      case 'create':
        return c.peekWord(1) === 'external' ? create(c) : null
      case 'alter':
        return c.peekWord(1) === 'table' ? alter(c, externalSchemas) : null
      case 'drop':
        return c.peekWord(1) === 'schema' ? dropSchema(c) : null
      case 'grant':
      case 'revoke':
        return lakeFormationGrant(c)
      default:
        return null
    }
  } catch (error) {
    if (error instanceof SpectrumSyntaxError) {
      return { kind: 'reject', error: error.fields }
    }
    throw error
  }
}

/**
 * `GRANT | REVOKE ... ON EXTERNAL TABLE | EXTERNAL SCHEMA ... { TO | FROM }
 * IAM_ROLE ...`: Lake Formation's permissions
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html), which the
 * emulator has no catalog for. Null for every other GRANT or REVOKE.
 */
function lakeFormationGrant(c: SpectrumCursor): RecognizedStatement | null {
  let at = 1
  while (c.peekKind(at) !== undefined && c.peekWord(at) !== 'on') at++
  const what = c.peekWord(at + 2)
  if (
    c.peekWord(at + 1) !== 'external' ||
    (what !== 'table' && what !== 'schema')
  ) {
    return null
  }
  return {
    kind: 'reject',
    error: reject.other(
      '0A000',
      `${c.peekWord().toUpperCase()} ... ON EXTERNAL ${what.toUpperCase()} (Lake Formation permissions) is not supported by the local emulator (an emulator limit)`,
      undefined,
      'grant or revoke USAGE on the external schema instead',
    ),
  }
}

function create(c: SpectrumCursor): RecognizedStatement | null {
  c.expectWords('create', 'external')
  if (c.word('schema')) {
    return statement(createExternalSchema(c), 'CREATE SCHEMA', false)
  }
  if (c.word('table')) {
    return statement(createExternalTable(c), 'CREATE EXTERNAL TABLE', true)
  }
  return null
}

function alter(
  c: SpectrumCursor,
  externalSchemas: MaybeExternalSchemas | undefined,
): RecognizedStatement | null {
  c.expectWords('alter', 'table')
  let name: string[]
  try {
    name = c.expectQualifiedName('table name')
  } catch {
    return null
  }
  if (!isExternalAlter(c)) {
    // DROP COLUMN of what may be an external table (the call checks).
    if (name.length !== 2 || externalSchemas?.has(name[0]!) !== true) {
      return null
    }
    const drop = dropExternalColumn(c, name)
    return drop === null ? null : statement(drop, 'ALTER TABLE', false)
  }
  return statement(alterExternalTable(c, name), 'ALTER TABLE', true)
}

/**
 * `DROP SCHEMA [IF EXISTS] name [, ...] DROP EXTERNAL DATABASE [CASCADE |
 * RESTRICT]`: the emulator keeps an external database's tables in its
 * schema, so dropping the schema drops them; PostgreSQL gets the DROP
 * SCHEMA without the clause.
 */
function dropSchema(c: SpectrumCursor): RecognizedStatement | null {
  c.expectWords('drop', 'schema')
  const ifExists = c.word('if', 'exists')
  const names: string[] = []
  do {
    const name = c.name()
    if (name === undefined) return null
    names.push(name)
  } while (c.take('comma'))
  if (!c.word('drop', 'external', 'database')) return null
  const behaviour = c.word('cascade')
    ? ' CASCADE'
    : c.word('restrict')
      ? ' RESTRICT'
      : ''
  if (!c.done) throw c.syntaxError()
  return statement(
    `DROP SCHEMA ${ifExists ? 'IF EXISTS ' : ''}${names.map(quoteIdentifier).join(', ')}${behaviour}`,
    'DROP SCHEMA',
    false,
  )
}

function statement(
  text: string,
  tag: string,
  notInBlock: boolean,
): RecognizedStatement {
  return {
    kind: 'statement',
    text,
    tag,
    usesWlm: false,
    ...(notInBlock
      ? {
          notInBlock: reject.notInTransaction(
            tag === 'ALTER TABLE' ? 'ALTER EXTERNAL TABLE' : tag,
          ),
        }
      : {}),
  }
}
