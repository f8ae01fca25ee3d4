import type pg from 'pg'

import {
  buildConnectionLogInsert,
  type ConnectionLogEntry,
} from './catalog/connection-log.js'
import { installCatalog } from './catalog/install-catalog.js'
import {
  buildQueryLogUpsert,
  LAST_LOGGED_QUERY_ID_SQL,
  type QueryLogEntry,
  type QueryLogStatus,
} from './catalog/query-log.js'
import {
  buildNestedProcCallsInsert,
  buildStoredProcMessagesInsert,
} from './catalog/stored-proc-log.js'
import { buildTableAttributesSql } from './catalog/table-attributes.js'
import type { WlmQueueConfig as CatalogWlmQueue } from './catalog/wlm-config.js'
import type { QueryRun, QueryRunState } from './runtime/query-run.js'
import type { AdminUse } from './runtime/database-admin.js'
import type { WlmScheduler } from './runtime/wlm.js'
import { rewriteRedshiftDdl } from './sql/redshift-ddl.js'
import { lateBindingViewCall } from './sql/late-binding-view.js'
import { rewriteRedshiftDdlExtras } from './sql/redshift-ddl-extras.js'
import { rewriteRedshiftFunctions } from './sql/rewrite-functions.js'
import type { DdlRewrite, SqlRewrites } from './sql/sql-rewrites.js'

/**
 * The emulator's link to the SQL objects it installs in PostgreSQL (system
 * views, Redshift functions, the tables behind them) and to the text
 * rewrites that go with them.
 */
export interface CatalogBridge {
  readonly rewrites: SqlRewrites
  /**
   * Installs the catalog in a database (idempotent) and writes the WLM
   * configuration; for a database only read, an installed catalog is left
   * as it is.
   */
  prepare(client: pg.Client, database: string, use?: AdminUse): Promise<void>
  /** Upserts finished runs and the running/queued ones of that database, and its connection events. */
  writeQueryLog(
    client: pg.Client,
    database: string,
    finished: readonly QueryRun[],
    inflight: readonly QueryRun[],
    connections?: readonly ConnectionLogEntry[],
  ): Promise<void>
  /** The highest query id already logged (ids continue after it). */
  lastQueryId(client: pg.Client): Promise<number>
}

const STATUS: Readonly<Record<QueryRunState, QueryLogStatus>> = {
  queued: 'queued',
  running: 'running',
  done: 'success',
  failed: 'failed',
  cancelled: 'cancelled',
}

/** Redshift's first query ids are six digits; the emulator starts there too. */
const FIRST_QUERY_ID = 100000

/**
 * Builds the bridge over the catalog module (`./catalog`) and its rewrites.
 *
 * @example
 * ```ts
 * const catalog = createCatalogBridge({ wlm, isolation: 'serializable' })
 * await catalog.prepare(adminClient, 'dev')
 * ```
 */
export function createCatalogBridge(options: {
  readonly wlm: WlmScheduler
  readonly isolation: 'serializable' | 'snapshot'
}): CatalogBridge {
  const queues: CatalogWlmQueue[] = options.wlm.queues.map(
    (queue, index, all) => ({
      serviceClass: queue.serviceClass,
      name: queue.name,
      queryGroups: queue.queryGroups,
      userGroups: queue.userGroups,
      queryGroupWildCard: queue.queryGroupWildcard,
      userGroupWildCard: queue.userGroupWildcard,
      slots: queue.concurrency,
      isDefault: index === all.length - 1,
    }),
  )
  const rewrites: SqlRewrites = {
    rewriteDdl: (sql, written, viewQuery) => {
      const result = rewriteRedshiftDdl(sql)
      if (result === null) return ddlExtras(sql)
      if ('error' in result) {
        return {
          error: {
            severity: 'ERROR',
            code: result.error.code,
            message: result.error.message,
            ...(result.error.position !== undefined
              ? { position: String(result.error.position) }
              : {}),
          },
        }
      }
      if (result.attributes === undefined) return { sql: result.sql }
      // Redshift keeps a materialized or late-binding view's CREATE as
      // written and SHOW VIEW gives it back (show-ddl.ts).
      const attributes =
        written !== undefined &&
        (result.attributes.lateBinding ||
          result.attributes.kind === 'materialized_view')
          ? { ...result.attributes, source: written }
          : result.attributes
      const lateBinding = result.attributes.lateBinding
        ? // The query travels as text: Redshift's functions are translated first.
          lateBindingViewCall(
            rewriteRedshiftFunctions(result.sql, { lastQueryId: null }),
            viewQuery,
          )
        : null
      if (lateBinding !== null && typeof lateBinding !== 'string')
        return { error: lateBinding }
      // Recorded by the same session right after the DDL, so unqualified and
      // temporary names resolve as they did for the DDL, and a rollback undoes both.
      return {
        sql: lateBinding ?? result.sql,
        after: buildTableAttributesSql([attributes]),
        ...(lateBinding !== null
          ? { tag: 'CREATE VIEW', policyText: result.sql }
          : {}),
      }
    },
    rewriteFunctions: (sql, context) => rewriteRedshiftFunctions(sql, context),
  }
  return {
    rewrites,
    prepare: async (client, _database, use) => {
      await installCatalog(client, {
        isolation: options.isolation,
        wlmQueues: queues,
        keepInstalled: use === 'read',
      })
    },
    writeQueryLog: async (
      client,
      database,
      finished,
      inflight,
      connections,
    ) => {
      const logins = buildConnectionLogInsert(connections ?? [])
      if (logins !== null) await client.query(logins.text, [...logins.values])
      const entries: QueryLogEntry[] = []
      for (const run of inflight) {
        if (run.database === database) entries.push(entry(run))
      }
      for (const run of finished) entries.push(entry(run))
      // The in-flight runs listed are all there are: rows a lost session or an
      // earlier emulator left running are closed.
      const { text, values } = buildQueryLogUpsert(entries, {
        completeActivePicture: true,
      })
      await client.query(text, [...values])
      const messages = buildStoredProcMessagesInsert(
        finished.flatMap((run) =>
          run.messages.map((m) => ({
            query: run.queryId,
            pid: run.pid,
            xid: run.xid,
            recordtime: new Date(m.at),
            loglevel: m.level,
            message: m.message,
            linenum: m.line,
            querytext: run.text,
            label: run.label === 'default' ? null : run.label,
            aborted: run.state === 'done' ? 0 : 1,
            min_level: m.minLevel,
          })),
        ),
      )
      if (messages !== null)
        await client.query(messages.text, [...messages.values])
      const nested = buildNestedProcCallsInsert(
        finished.flatMap((run) =>
          run.nestedCalls.map((call) => ({
            query: call.queryId,
            top_query: run.queryId,
            from_sp_call: call.caller,
            querytxt: call.text,
            starttime: new Date(call.startedAt),
            endtime: new Date(call.endedAt),
            // One still on the stack when the CALL failed did not complete.
            aborted: run.state !== 'done' && !call.returned ? 1 : 0,
          })),
        ),
      )
      if (nested !== null) await client.query(nested.text, [...nested.values])
    },
    lastQueryId: async (client) => {
      const { rows } = await client.query<{ query: number }>(
        LAST_LOGGED_QUERY_ID_SQL,
      )
      return Math.max(FIRST_QUERY_ID, rows[0]?.query ?? 0)
    },
  }
}

/** ALTER TABLE attribute changes and the other DDL of `redshift-ddl-extras.ts`. */
function ddlExtras(sql: string): DdlRewrite | null {
  const result = rewriteRedshiftDdlExtras(sql)
  if (result === null || !('error' in result)) return result
  return {
    error: {
      severity: 'ERROR',
      code: result.error.code,
      message: result.error.message,
      ...(result.error.hint !== undefined ? { hint: result.error.hint } : {}),
      ...(result.error.position !== undefined
        ? { position: String(result.error.position) }
        : {}),
    },
  }
}

function entry(run: QueryRun): QueryLogEntry {
  const done =
    run.state === 'done' || run.state === 'failed' || run.state === 'cancelled'
  return {
    query: run.queryId,
    pid: run.pid,
    userid: 100,
    user_name: run.user,
    database: run.database,
    label: run.label === 'default' ? null : run.label,
    xid: run.xid,
    starttime: new Date(run.startedAt),
    endtime: done ? new Date(run.endedAt) : null,
    status: STATUS[run.state],
    rows: run.rows,
    querytxt: run.text,
    error: run.errorMessage ?? null,
    ...(run.conflictTableId !== undefined
      ? { conflict_table_id: run.conflictTableId }
      : {}),
    service_class: run.serviceClass,
    slot_count: run.slots,
    queue_start: new Date(run.submittedAt),
    ...(run.state === 'queued' ? {} : { exec_start: new Date(run.startedAt) }),
  }
}
