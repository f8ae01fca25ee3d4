import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { OtherDatabaseTables } from '../runtime/other-database-tables.js'
import { SCHEMA_ALIASES_SQL } from '../catalog/schema-alias-catalog.js'
import { rewriteExplain } from '../sql/explain-rewrite.js'
import { quoteLiteral } from '../sql/quote.js'
import type { SchemaAliases, SchemaAliasTarget } from '../sql/schema-aliases.js'
import type { PlannedStatement } from '../sql/statement-plan.js'
import {
  rewriteOtherDatabaseNames,
  type OtherDatabaseTable,
} from '../sql/three-part-names.js'
import type { TransactionState } from './transaction-state.js'

/** What a statement that names another database's relations needs before it runs. */
export interface OtherDatabaseReads {
  /** The foreign tables to set up. */
  readonly tables: readonly OtherDatabaseTable[]
  /** The statement is refused with this instead. */
  readonly refuse?: ErrorFields
}

/** What setting the foreign tables up needs from the session. */
export interface OtherDatabaseChannel {
  query(text: string): Promise<{
    readonly rows: readonly (readonly (string | null)[])[]
  }>
}

/**
 * The text PostgreSQL runs for a statement that names relations of another
 * database by three-part name, and what to do before it runs (see
 * `sql/three-part-names.ts`); null when it names none. Refused: a write
 * there, a first read there after a transaction's first statement (see
 * {@link TransactionState.otherDatabaseRead}), and any such name when the
 * backing PostgreSQL offers no way to read another database.
 *
 * @example
 * ```ts
 * otherDatabaseStatement(s, s.text, tx, true, true, false, planner.schemaAliases)
 * // { text: 'select * from redshift_local."xdb$..." AS t', reads: { tables: [...] } }
 * ```
 */
export function otherDatabaseStatement(
  s: PlannedStatement,
  text: string,
  tx: TransactionState,
  fold: boolean,
  available: boolean,
  parsed: boolean,
  aliases?: Pick<SchemaAliases, 'get'>,
): { readonly text: string; readonly reads: OtherDatabaseReads } | null {
  if (s.threePartNames === undefined) return null
  // An EXPLAIN's query is rewritten before it is wrapped in a literal (a
  // contextual text keeps the literal: its names are then refused).
  const explained = text === s.text ? s.explained : undefined
  const rewritten = rewriteOtherDatabaseNames(
    explained?.text ?? text,
    s.threePartNames,
    tx.database,
    fold,
    (alias) => aliases?.get(tx.database, alias),
  )
  if (rewritten === null) return null
  const refused = (refuse: ErrorFields) => ({
    text,
    reads: { tables: [], refuse },
  })
  if ('code' in rewritten) return refused(rewritten)
  if (!available) {
    return refused(
      reject.other(
        '0A000',
        `a reference to an object of another database (${rewritten.tables[0]!.database}) is not supported by this local emulator (an emulator limit): its PostgreSQL has no trusted private socket for postgres_fdw`,
        undefined,
        'let the emulator start its own PostgreSQL (no pgUrl), or connect to that database',
      ),
    )
  }
  const databases = [...new Set(rewritten.tables.map((t) => t.database))]
  const block = tx.otherDatabaseRead(databases, parsed)
  if (block !== undefined) return refused(block)
  if (explained !== undefined) {
    const explain = rewriteExplain(rewritten.text, explained.verbose)
    if ('code' in explain) return refused(explain)
    return { text: explain.text, reads: { tables: rewritten.tables } }
  }
  return { text: rewritten.text, reads: { tables: rewritten.tables } }
}

/**
 * Sets up the foreign tables a statement reads, for the session's current
 * user, just before it runs. A table set up earlier in the same open block
 * (`xid`, 0 outside one) is left as it is: the block may hold a lock on it.
 */
export async function prepareOtherDatabaseReads(
  channel: OtherDatabaseChannel,
  service: OtherDatabaseTables | undefined,
  database: string,
  reads: OtherDatabaseReads,
  xid: number,
  preparedIn: Map<string, number>,
  aliases?: SchemaAliases,
): Promise<ErrorFields | undefined> {
  if (reads.refuse !== undefined) return reads.refuse
  if (service === undefined) return undefined
  const changed = await checkAliases(channel, database, reads, aliases)
  if (changed !== undefined) return changed
  const { rows } = await channel.query('SELECT current_user::text')
  const user = rows[0]?.[0]
  if (user === null || user === undefined) return undefined
  const key = (t: OtherDatabaseTable) => `${user}\0${t.local}`
  const tables = reads.tables.filter(
    (t) => xid === 0 || preparedIn.get(key(t)) !== xid,
  )
  if (tables.length === 0) return undefined
  const error = await service.prepare(database, user, tables)
  if (xid === 0) preparedIn.clear()
  else if (error === undefined)
    for (const t of tables) preparedIn.set(key(t), xid)
  return error
}

/**
 * Checks the alias schemas a statement was rewritten through against the
 * catalog it runs on: one another emulator created, dropped or renamed, or
 * whose CREATE was rolled back, fails the statement once, with the
 * emulator's aliases corrected for the next.
 */
async function checkAliases(
  channel: OtherDatabaseChannel,
  database: string,
  reads: OtherDatabaseReads,
  aliases: SchemaAliases | undefined,
): Promise<ErrorFields | undefined> {
  const used = new Map<string, SchemaAliasTarget>()
  for (const t of reads.tables)
    if (t.alias !== undefined)
      used.set(t.alias, { database: t.database, schema: t.schema })
  if (aliases === undefined || used.size === 0) return undefined
  const { rows } = await channel.query(
    `${SCHEMA_ALIASES_SQL} where alias in (${[...used.keys()].map(quoteLiteral).join(', ')})`,
  )
  const found = new Map(
    rows.map(([alias, db, schema]) => [alias, { database: db, schema }]),
  )
  for (const [alias, target] of used) {
    const now = found.get(alias)
    if (now?.database === target.database && now.schema === target.schema)
      continue
    if (now?.database != null && now.schema != null)
      aliases.set(database, alias, {
        database: now.database,
        schema: now.schema,
      })
    else aliases.delete(database, alias)
    return reject.other(
      '0A000',
      `the external schema "${alias}" changed since the emulator last saw it: run the statement again`,
    )
  }
  return undefined
}
