import type { BoundStatement } from '../catalog/bound-statement.js'
import {
  buildUnloadHistoryInsert,
  buildUnloadLogInsert,
} from '../catalog/load-log.js'
import { reject } from '../errors/reject.js'
import { reshapeError } from '../errors/reshape-error.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import {
  parseUnload,
  UnloadError,
  writeUnload,
  type UnloadColumn,
  type UnloadOutcome,
  type UnloadPlan,
} from '../unload/index.js'
import { ChannelError, type BackendChannel } from './backend-channel.js'
import {
  BulkAbort,
  BULK_USER_ID,
  info,
  noStorage,
  writeRecords,
  type BulkContext,
  type BulkOutcome,
} from './bulk-context.js'
import { columnTypedPlan } from './column-typed-plan.js'
import type { RowField } from './data-rows.js'
import { withExactFloats } from './exact-floats.js'

/**
 * Runs `UNLOAD ('select ...') TO 's3://...'` on the session's own
 * connection: the inner query is planned like any client query (Redshift's
 * functions and refusals apply), described for its column types, then run
 * inside the client's transaction with its rows streamed into the files as
 * they arrive. STL_UNLOAD_LOG, SYS_UNLOAD_DETAIL and SYS_UNLOAD_HISTORY are
 * recorded on the emulator's own connection.
 *
 * @example
 * ```ts
 * const outcome = await runUnload(context, "unload ('select * from sales') to 's3://b/out/' iam_role default")
 * outcome.notices[0]?.message // UNLOAD completed, 3 record(s) unloaded successfully.
 * ```
 */
export async function runUnload(
  context: BulkContext,
  text: string,
): Promise<BulkOutcome> {
  const parsed = parseUnload(text)
  if (!parsed.ok) return notBegun(parsed.error)
  const plan = parsed.plan
  const provider = context.runtime.storage
  if (provider === undefined) {
    return notBegun(noStorage('UNLOAD'))
  }
  const inner = await innerQuery(context, plan.query)
  if (typeof inner !== 'string') return notBegun(inner)
  const startedAt = new Date()
  // Until the destination is checked, a failure (the query's own errors,
  // a bucket that cannot be reached) is one before the unload began.
  let begun = false
  try {
    const channel = context.channel
    const fields = await channel.describe(inner)
    const columns = await columnTypes(channel, fields)
    const outcome = await withExactFloats(channel, async () => {
      const stream = channel.copyOut(inner, fields)
      let written: UnloadOutcome
      try {
        written = await writeUnload(plan, {
          storage: provider.forStatement(plan.credentials),
          columns,
          chunks: stream.chunks,
          queryId: context.run.queryId,
          began: () => (begun = true),
        })
      } finally {
        // Whatever the writer did, the query's own end is read before the
        // channel runs anything else.
        await stream.tag.catch(() => {})
      }
      await stream.tag
      return written
    })
    await writeRecords(
      context,
      records(context, plan, startedAt, { outcome, error: undefined }),
    )
    return {
      notices: [
        info(
          `UNLOAD completed, ${outcome.rowCount} record(s) unloaded successfully.`,
        ),
      ],
      rows: outcome.rowCount,
    }
  } catch (cause) {
    const error = unloadFailure(context, cause)
    await writeRecords(
      context,
      records(context, plan, startedAt, { outcome: undefined, error }),
    )
    return { notices: [], error, rows: 0, begun }
  }
}

/** A failure before the unload began (PG_LAST_UNLOAD_ID() is left alone). */
function notBegun(error: ErrorFields): BulkOutcome {
  return { notices: [], error, rows: 0, begun: false }
}

/**
 * The inner query as PostgreSQL runs it, through the emulator's planner:
 * one SELECT, with Redshift's functions rewritten and its refusals applied,
 * and its DECIMAL expressions over table columns typed from the catalog as
 * a client's query is (r_numeric_computations201.html), so the files hold
 * Redshift's values and, in Parquet, its precision and scale.
 */
async function innerQuery(
  context: BulkContext,
  query: string,
): Promise<string | ErrorFields> {
  const tx = { database: context.database, columnTyping: context.columnTyping }
  const first = context.runtime.planner.plan(query, context.fold)
  let typed = columnTypedPlan(
    context.runtime,
    tx,
    first,
    query,
    context.fold,
    false,
  )
  if (typed instanceof Promise) {
    await typed.catch(() => {})
    typed = columnTypedPlan(
      context.runtime,
      tx,
      first,
      query,
      context.fold,
      true,
    )
  }
  const plan = typed instanceof Promise ? first : typed
  if (plan.reject !== undefined) return plan.reject
  const statement = plan.statements[0]
  if (
    plan.statements.length !== 1 ||
    statement === undefined ||
    statement.statementType !== 'SelectStmt' ||
    statement.action !== undefined
  ) {
    return reject.other(
      '0A000',
      'UNLOAD supports only a SELECT query',
      undefined,
      "write UNLOAD ('select ...') TO 's3://...'",
    )
  }
  return statement.contextual
    ? context.contextualText(statement)
    : statement.text
}

/** Each result column's Redshift type, asked of PostgreSQL in one round trip. */
async function columnTypes(
  channel: BackendChannel,
  fields: readonly RowField[],
): Promise<UnloadColumn[]> {
  if (fields.length === 0) return []
  const values = fields
    .map(
      (f, i) =>
        `(${i}, ${f.typeOid}::oid, ${f.typmod}, ${f.tableOid}::oid, ${f.attnum})`,
    )
    .join(', ')
  const result = await channel.query(
    `select redshift_local.redshift_column_type(x.typ, x.typmod, x.rel, x.attnum)
from (values ${values}) as x(i, typ, typmod, rel, attnum) order by x.i`,
  )
  return fields.map((field, i) =>
    Object.freeze({
      name: field.name,
      typeOid: field.typeOid,
      type: result.rows[i]?.[0] ?? 'text',
    }),
  )
}

function unloadFailure(context: BulkContext, cause: unknown): ErrorFields {
  if (cause instanceof UnloadError) return cause.fields
  if (cause instanceof BulkAbort) return cause.fields
  if (cause instanceof ChannelError) {
    return (
      reshapeError(cause.fields, {
        queryId: context.run.queryId,
        cancelMessage: undefined,
        isolation: context.runtime.isolation,
        table: undefined,
        xid: context.run.xid,
        otherXid: undefined,
        otherPid: undefined,
      }) ?? cause.fields
    )
  }
  return reject.other(
    'XX000',
    cause instanceof Error ? cause.message : String(cause),
  )
}

/** STL_UNLOAD_LOG rows (one per file) and the SYS_UNLOAD_HISTORY row of one UNLOAD. */
function records(
  context: BulkContext,
  plan: UnloadPlan,
  startedAt: Date,
  end: {
    readonly outcome: UnloadOutcome | undefined
    readonly error: ErrorFields | undefined
  },
): BoundStatement[] {
  const { run, pid, database } = context
  const now = new Date()
  const files = end.outcome?.files ?? []
  const statements: BoundStatement[] = []
  if (files.length > 0) {
    statements.push(
      buildUnloadLogInsert(
        files.map((file) => ({
          userid: BULK_USER_ID,
          query: run.queryId,
          slice: 0,
          pid,
          path: file.url,
          start_time: startedAt,
          end_time: now,
          line_count: file.rows,
          transfer_size: file.bytes,
          file_format: file.format,
          xid: run.xid,
        })),
      ),
    )
  }
  statements.push(
    buildUnloadHistoryInsert([
      {
        user_id: BULK_USER_ID,
        query_id: run.queryId,
        transaction_id: run.xid,
        session_id: pid,
        database_name: database,
        status: end.error === undefined ? 'completed' : 'failed',
        start_time: startedAt,
        end_time: now,
        file_format: plan.format.toLowerCase(),
        compression_type: plan.compression ?? 'none',
        unloaded_location: plan.target,
        unloaded_rows: end.outcome?.rowCount ?? 0,
        unloaded_files_count: files.length,
        unloaded_files_size: files.reduce((sum, file) => sum + file.bytes, 0),
        error_message: end.error?.message ?? null,
      },
    ]),
  )
  return statements
}
