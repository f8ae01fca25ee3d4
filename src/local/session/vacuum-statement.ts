import { quoteLiteral } from '../sql/quote.js'
import type { EmulatorAction } from '../sql/statement-plan.js'
import { ChannelError } from './backend-channel.js'
import {
  writeRecords,
  type BulkContext,
  type BulkOutcome,
} from './bulk-context.js'

type VacuumAction = Extract<EmulatorAction, { readonly kind: 'vacuum' }>

// The tables a VACUUM without a table name vacuums: the database's user
// tables the user may vacuum (PostgreSQL's MAINTAIN: the owner, a superuser).
const ALL_TABLES = `select c.oid::text from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname !~ '^(pg_toast|pg_temp|redshift_local)'
  and not exists (select 1 from redshift_local.external_tables et where et.relid = c.oid)
  and pg_catalog.has_table_privilege(c.oid, 'MAINTAIN')`

/**
 * Runs a VACUUM on the session's connection and records it for STL_VACUUM
 * and the SVV_VACUUM_* views (catalog/vacuum-log.ts): the tables it
 * vacuums, as the user sees them, are measured on the emulator's own
 * connection before and after PostgreSQL's VACUUM runs, each step a
 * transaction of its own (PostgreSQL's VACUUM must run outside one, and
 * after no other statement of an implicit one). A VACUUM that fails leaves
 * no row.
 *
 * @example
 * ```ts
 * const outcome = await runVacuum(context, { kind: 'vacuum', text: 'VACUUM sales', table: 'sales', started: 'Started', recluster: false })
 * ```
 */
export async function runVacuum(
  context: BulkContext,
  action: VacuumAction,
): Promise<BulkOutcome> {
  const { channel, run } = context
  const found = await channel.query(
    action.table === undefined
      ? ALL_TABLES
      : `select c.oid::text from pg_catalog.pg_class c
         where c.oid = pg_catalog.to_regclass(${quoteLiteral(action.table)})
           and pg_catalog.has_table_privilege(c.oid, 'MAINTAIN')`,
  )
  await channel.sync()
  const tables = found.rows.map((row) => row[0]).filter((oid) => oid !== null)
  const record = (text: string, values: readonly unknown[]) =>
    writeRecords(context, [{ text, values }])
  await record(
    'select redshift_local.vacuum_begin($1, $2, $3, $4, $5::oid[], $6, $7)',
    [
      run.queryId,
      run.xid,
      run.user,
      context.pid,
      tables,
      action.started,
      action.recluster,
    ],
  )
  try {
    await channel.query(action.text)
    await channel.sync()
  } catch (cause) {
    await record('select redshift_local.vacuum_end($1, false)', [run.queryId])
    if (cause instanceof ChannelError)
      return { notices: [], error: cause.fields, rows: 0 }
    throw cause
  }
  await record('select redshift_local.vacuum_end($1, true)', [run.queryId])
  return { notices: [], rows: 0 }
}
