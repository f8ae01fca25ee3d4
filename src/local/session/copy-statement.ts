import {
  buildLoadCommitsInsert,
  buildLoadErrorsInsert,
  buildLoadHistoryInsert,
  buildS3ClientInsert,
  type LoadErrorEntry,
} from '../catalog/load-log.js'
import type { BoundStatement } from '../catalog/bound-statement.js'
import { reject } from '../errors/reject.js'
import { reshapeError } from '../errors/reshape-error.js'
import {
  CopyLoadError,
  parseCopy,
  startCopyLoad,
  type CopyLoadFile,
} from '../load/index.js'
import type { CopyPlan } from '../load/copy-plan.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import {
  PG_MAX_IDENTIFIER_BYTES,
  REDSHIFT_MAX_IDENTIFIER_BYTES,
  truncateUtf8,
} from '../sql/long-identifiers.js'
import { quoteIdentifier } from '../sql/quote.js'
import { recordReads, type ObjectRead } from '../storage/recorded-reads.js'
import { ChannelError } from './backend-channel.js'
import { copyThroughStage } from './copy-row-security.js'
import {
  BulkAbort,
  BULK_USER_ID,
  info,
  noStorage,
  writeRecords,
  type BulkContext,
  type BulkOutcome,
} from './bulk-context.js'
import {
  qualifiedName,
  targetColumnsSql,
  targetTable,
  type TargetTable,
} from './target-columns.js'

/** What one COPY did, for its records. */
interface CopyTrace {
  readonly plan: CopyPlan
  readonly table: TargetTable | undefined
  readonly startedAt: Date
  readonly files: readonly CopyLoadFile[]
  readonly errors: readonly LoadErrorEntry[]
  /** Its object GETs (STL_S3CLIENT). */
  readonly reads: readonly ObjectRead[]
}

/**
 * Runs `COPY table FROM 's3://...'` on the session's own connection:
 * parses it (with Redshift's rules and messages), reads the target's columns
 * there (so temporary tables and tables of the open transaction resolve),
 * streams the load into PostgreSQL's `COPY ... FROM STDIN` inside the
 * client's transaction, and records STL_LOAD_ERRORS, STL_LOAD_COMMITS and
 * SYS_LOAD_HISTORY on the emulator's own connection. A failed load leaves
 * the table as it was: outside a block the COPY is its own transaction;
 * inside one, the error aborts the block, as on Redshift.
 *
 * @example
 * ```ts
 * const outcome = await runCopy(context, "copy sales from 's3://b/sales/' iam_role default csv")
 * outcome.notices[0]?.message // Load into table 'sales' completed, 3 record(s) loaded successfully.
 * ```
 */
export async function runCopy(
  context: BulkContext,
  text: string,
): Promise<BulkOutcome> {
  const parsed = parseCopy(text)
  if (!parsed.ok) return { notices: [], error: parsed.error, rows: 0 }
  const plan = parsed.plan
  const tableName = plan.tableParts.at(-1)!
  const provider = context.runtime.storage
  if (provider === undefined) {
    return { notices: [], error: noStorage('COPY'), rows: 0 }
  }
  const startedAt = new Date()
  let table: TargetTable | undefined
  let files: CopyTrace['files'] = []
  let loadErrors: readonly LoadErrorEntry[] = []
  let reads: readonly ObjectRead[] = []
  try {
    const channel = context.channel
    // Names over PostgreSQL's 63 bytes are held under their short names.
    const names = context.runtime.planner.longNames
    const held = (name: string) =>
      Buffer.byteLength(name) > PG_MAX_IDENTIFIER_BYTES
        ? names.shorten(truncateUtf8(name, REDSHIFT_MAX_IDENTIFIER_BYTES))
        : name
    const tableParts = plan.tableParts.map(held)
    const found = targetTable(await channel.query(targetColumnsSql(tableParts)))
    table = {
      oid: found.oid,
      rowSecurity: found.rowSecurity,
      columns: found.columns.map((c) => ({
        ...c,
        name: names.lookup(c.name) ?? c.name,
      })),
    }
    if (table.oid === 0) {
      return {
        notices: [],
        error: reject.other(
          '42P01',
          `relation "${plan.tableParts.join('.')}" does not exist`,
        ),
        rows: 0,
      }
    }
    const recorded = recordReads(provider.forStatement(plan.credentials))
    reads = recorded.reads
    const load = startCopyLoad(plan, {
      storage: recorded.storage,
      columns: table.columns,
      tableName,
      queryId: context.run.queryId,
    })
    let loaded: number
    if (load.noLoad) {
      // Everything is read and checked; nothing reaches the table.
      for await (const chunk of load.chunks) void chunk
      loaded = 0
    } else {
      const analyze = await analyzesAfterLoad(
        channel,
        plan.options.statUpdate,
        table.oid,
      )
      const target = qualifiedName(tableParts)
      const tag = found.rowSecurity
        ? await copyThroughStage(
            channel,
            target,
            found.oid,
            load.insertColumns.map(held),
            load.chunks,
          )
        : await channel.copyIn(
            `COPY ${target} (${load.insertColumns.map((name) => quoteIdentifier(held(name))).join(', ')}) FROM STDIN`,
            load.chunks,
          )
      loaded = Number(/(\d+)$/.exec(tag)?.[1] ?? load.result.rowsLoaded)
      if (analyze) {
        await channel.query(
          `CALL redshift_local.analyze_tables(${table.oid}::oid::regclass, NULL, false, true)`,
        )
      }
    }
    files = load.result.files
    loadErrors = load.result.errors
    await writeRecords(
      context,
      records(
        context,
        { plan, table, startedAt, files, errors: loadErrors, reads },
        {
          status: 'completed',
          loaded,
        },
      ),
    )
    const notices = [
      info(
        `Load into table '${tableName}' completed, ${loaded} record(s) loaded successfully.`,
      ),
    ]
    if (loadErrors.length > 0) {
      notices.push(
        info(
          `Load into table '${tableName}' completed, ${loadErrors.length} record(s) could not be loaded.  Check 'stl_load_errors' system table for details.`,
        ),
      )
    }
    return { notices, rows: loaded }
  } catch (cause) {
    const failure = copyFailure(context, cause, tableName, table?.oid)
    loadErrors = failure.loadErrors
    await writeRecords(
      context,
      records(
        context,
        { plan, table, startedAt, files, errors: loadErrors, reads },
        {
          status: 'failed',
          loaded: 0,
        },
      ),
    )
    return { notices: [], error: failure.error, rows: 0 }
  }
}

/** The client's error for a COPY that stopped, and the rejected rows behind it. */
function copyFailure(
  context: BulkContext,
  cause: unknown,
  tableName: string,
  tableId: number | undefined,
): {
  readonly error: ErrorFields
  readonly loadErrors: readonly LoadErrorEntry[]
} {
  if (cause instanceof CopyLoadError) {
    return { error: cause.fields, loadErrors: cause.loadErrors }
  }
  if (cause instanceof ChannelError) {
    const fields = cause.fields
    const reshaped = reshapeError(fields, {
      queryId: context.run.queryId,
      cancelMessage: undefined,
      isolation: context.runtime.isolation,
      table: tableName,
      tableId,
      xid: context.run.xid,
      otherXid: undefined,
      otherPid: undefined,
    })
    if (reshaped !== undefined || !isDataError(fields.code)) {
      return { error: reshaped ?? fields, loadErrors: [] }
    }
    // A value PostgreSQL refused that the load let through: reported as
    // Redshift reports a rejected row.
    return {
      error: loadFailed(tableName),
      loadErrors: [
        {
          query: context.run.queryId,
          line_number: lineOf(fields.where),
          colname: fields.column ?? columnOf(fields.where) ?? '',
          err_code: 1200,
          err_reason: fields.message.slice(0, 100),
        },
      ],
    }
  }
  if (cause instanceof BulkAbort) return { error: cause.fields, loadErrors: [] }
  return {
    error: reject.other(
      'XX000',
      cause instanceof Error ? cause.message : String(cause),
    ),
    loadErrors: [],
  }
}

/** Redshift's error for a load that failed on its rows. */
export function loadFailed(tableName: string): ErrorFields {
  return reject.other(
    'XX000',
    `Load into table '${tableName}' failed.  Check 'stl_load_errors' system table for details.`,
  )
}

/** SQLSTATE classes of a value PostgreSQL refused (22 data exception, 23 constraint). */
function isDataError(code: string): boolean {
  return code.startsWith('22') || code.startsWith('23')
}

/** `COPY t, line 3, column a: "x"` -> 3. */
function lineOf(where: string | undefined): number {
  return Number(/line (\d+)/.exec(where ?? '')?.[1] ?? 0)
}

function columnOf(where: string | undefined): string | undefined {
  return /column ([^:]+)/.exec(where ?? '')?.[1]
}

/** The STL_LOAD_ERRORS, STL_LOAD_COMMITS, STL_S3CLIENT and SYS_LOAD_HISTORY rows of one COPY. */
function records(
  context: BulkContext,
  trace: CopyTrace,
  end: { readonly status: 'completed' | 'failed'; readonly loaded: number },
): BoundStatement[] {
  const { run, pid, database } = context
  const now = new Date()
  const tableName = trace.plan.tableParts.at(-1)!
  const statements: BoundStatement[] = []
  if (trace.errors.length > 0) {
    statements.push(
      buildLoadErrorsInsert(
        trace.errors.map((entry) => ({
          userid: BULK_USER_ID,
          slice: 0,
          tbl: trace.table?.oid ?? 0,
          starttime: trace.startedAt,
          session: pid,
          ...entry,
          query: run.queryId,
          xid: run.xid,
          database_name: database,
        })),
      ),
    )
  }
  if (end.status === 'completed' && trace.files.length > 0) {
    statements.push(
      buildLoadCommitsInsert(
        trace.files.map((file) => ({
          userid: BULK_USER_ID,
          query: run.queryId,
          slice: 0,
          name: tableName,
          filename: file.url,
          byte_offset: 0,
          lines_scanned: file.lines,
          errors: trace.errors.filter((e) => e.filename === file.url).length,
          curtime: now,
          status: 1,
          file_format: fileFormat(trace.plan),
          bytes: file.bytes,
          ...(file.loadtime !== undefined ? { loadtime: file.loadtime } : {}),
          ...(file.began !== undefined ? { scan_time: file.began } : {}),
        })),
      ),
    )
  }
  if (trace.reads.length > 0) {
    const compressed = trace.plan.options.compression !== undefined
    statements.push(
      buildS3ClientInsert(
        trace.reads.map((read) => ({
          query: run.queryId,
          pid,
          bucket: read.bucket,
          key: read.key,
          start_time: read.start,
          end_time: read.end,
          bytes: read.bytes,
          compressed,
          ...(read.error !== undefined ? { error: read.error } : {}),
        })),
      ),
    )
  }
  const bytes = trace.files.reduce((sum, file) => sum + file.bytes, 0)
  statements.push(
    buildLoadHistoryInsert([
      {
        user_id: BULK_USER_ID,
        query_id: run.queryId,
        transaction_id: run.xid,
        session_id: pid,
        database_name: database,
        status: end.status,
        table_name: tableName,
        start_time: trace.startedAt,
        end_time: now,
        data_source: trace.plan.source.url,
        file_format: fileFormat(trace.plan),
        loaded_rows: end.loaded,
        loaded_bytes: end.status === 'completed' ? bytes : 0,
        source_file_count: trace.files.length,
        source_file_bytes: bytes,
        file_count_scanned: trace.files.length,
        file_bytes_scanned: bytes,
        error_count: trace.errors.length,
      },
    ]),
  )
  return statements
}

/** The file format as the load views name it. */
function fileFormat(plan: CopyPlan): string {
  const format = plan.options.format
  return format === 'text' ? 'Text' : format.toUpperCase()
}

/**
 * Whether a COPY analyzes its table once loaded (r_COPY.html, STATUPDATE):
 * always with ON, never with OFF, and without the option when the table
 * was empty before the load.
 */
async function analyzesAfterLoad(
  channel: BulkContext['channel'],
  statUpdate: string | undefined,
  oid: number,
): Promise<boolean> {
  if (statUpdate !== undefined) return /^(on|true)$/i.test(statUpdate)
  const { rows } = await channel.query(
    `SELECT redshift_local.analyzable_empty_table(${oid}::oid)`,
  )
  return rows[0]?.[0] === 't'
}
