import { reject } from '../errors/reject.js'
import { toJsonParameter } from '../catalog/bound-statement.js'
import { quoteLiteral } from '../sql/quote.js'
import type { EmulatorAction } from '../sql/statement-plan.js'
import { ChannelError } from './backend-channel.js'
import {
  writeRecords,
  type BulkContext,
  type BulkOutcome,
} from './bulk-context.js'

type VacuumAction = Extract<EmulatorAction, { readonly kind: 'vacuum' }>

/**
 * The emulators (by their runtime, which every session of one shares) that
 * run a VACUUM right now: r_VACUUM_command.html, "You can run only one
 * VACUUM command on a cluster at any given time. If you attempt to run
 * multiple vacuum operations concurrently, Amazon Redshift returns an
 * error." The page gives no words or SQLSTATE: these are the emulator's
 * (XX000, Redshift's code for its own execution errors).
 */
const VACUUMING = new WeakSet<object>()

// The tables a VACUUM without a table name vacuums: the database's user
// tables the user may vacuum (PostgreSQL's MAINTAIN: the owner, a superuser).
const ALL_TABLES = `select c.oid from pg_catalog.pg_class c
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
 * no row, and one that starts while another runs fails (see VACUUMING).
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
  const { runtime } = context
  if (VACUUMING.has(runtime)) {
    return {
      notices: [],
      error: reject.other(
        'XX000',
        'VACUUM is already running: Redshift runs one VACUUM at a time on a cluster',
        undefined,
        'run the VACUUM again once the other one ended',
      ),
      rows: 0,
    }
  }
  VACUUMING.add(runtime)
  try {
    return await vacuum(context, action)
  } finally {
    VACUUMING.delete(runtime)
  }
}

async function vacuum(
  context: BulkContext,
  action: VacuumAction,
): Promise<BulkOutcome> {
  const { channel, run } = context
  const tables =
    action.table === undefined
      ? `(${ALL_TABLES})`
      : `(select c.oid from pg_catalog.pg_class c
          where c.oid = pg_catalog.to_regclass(${quoteLiteral(action.table)})
            and pg_catalog.has_table_privilege(c.oid, 'MAINTAIN'))`
  const measure = async (): Promise<readonly Measured[]> => {
    const { rows } = await channel.query(
      `select m.relid::text, m.table_name, m.n::text, m.sorted::text, m.blocks::text
       from redshift_local.vacuum_measure_all(array${tables}) m`,
    )
    await channel.sync()
    const at = new Date()
    return rows.map((row) => ({
      relid: Number(row[0]),
      table_name: row[1] ?? '',
      rows: Number(row[2]),
      sortedrows: Number(row[3]),
      blocks: Number(row[4]),
      eventtime: at,
    }))
  }
  const before = await measure()
  try {
    await channel.query(action.text)
    await channel.sync()
  } catch (cause) {
    if (cause instanceof ChannelError)
      return { notices: [], error: cause.fields, rows: 0 }
    throw cause
  }
  const after = new Map((await measure()).map((m) => [m.relid, m]))
  const rows = before.flatMap((start) => {
    if (start.rows === 0) return [{ ...start, status: 'Skipped (0 rows)' }]
    const end = after.get(start.relid)
    const started = { ...start, status: action.started }
    return end === undefined
      ? [started]
      : [started, { ...end, status: 'Finished' }]
  })
  await writeRecords(context, [
    {
      text: 'select redshift_local.vacuum_record($1, $2, $3, $4, $5, $6::jsonb)',
      values: [
        run.queryId,
        run.xid,
        run.user,
        context.pid,
        action.recluster,
        toJsonParameter(rows),
      ],
    },
  ])
  return { notices: [], rows: 0 }
}

/** A table as `vacuum_measure` measures it. */
interface Measured {
  readonly relid: number
  readonly table_name: string
  readonly rows: number
  readonly sortedrows: number
  readonly blocks: number
  readonly eventtime: Date
}
