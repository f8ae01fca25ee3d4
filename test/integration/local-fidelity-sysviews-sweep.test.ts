import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { viewColumns } from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  errorOf,
  eventually,
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

// System views the Guide documents that were missing: STL_QUERY_METRICS
// (r_STL_QUERY_METRICS.html), SVL_QUERY_METRICS (r_SVL_QUERY_METRICS.html),
// SVL_QUERY_QUEUE_INFO (r_SVL_QUERY_QUEUE_INFO.html) and SVV_QUERY_INFLIGHT
// (r_SVV_QUERY_INFLIGHT.html) over the query log, STV_SLICES
// (r_STV_SLICES.html), and the views whose rows the emulator cannot give
// (running-statement metrics, storage), refused as emulator limits.

const page = (name: string) => `${DG}${name}`

const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  stl_query_metrics: [
    'userid integer',
    'service_class integer',
    'query integer',
    'segment integer',
    'step_type integer',
    'starttime timestamp without time zone',
    'slices integer',
    'max_rows bigint',
    'rows bigint',
    'max_cpu_time bigint',
    'cpu_time bigint',
    'max_blocks_read integer',
    'blocks_read bigint',
    'max_run_time bigint',
    'run_time bigint',
    'max_blocks_to_disk bigint',
    'blocks_to_disk bigint',
    'step integer',
    'max_query_scan_size bigint',
    'query_scan_size bigint',
    'query_priority integer',
    'query_queue_time bigint',
    'service_class_name character(64)',
  ],
  svl_query_metrics: [
    'userid integer',
    'query integer',
    'service_class integer',
    'dimension character varying(24)',
    'segment integer',
    'step integer',
    'step_label character varying(30)',
    'query_cpu_time bigint',
    'query_blocks_read bigint',
    'query_execution_time bigint',
    'query_cpu_usage_percent bigint',
    'query_temp_blocks_to_disk bigint',
    'segment_execution_time bigint',
    'cpu_skew numeric(38,2)',
    'io_skew numeric(38,2)',
    'scan_row_count bigint',
    'join_row_count bigint',
    'nested_loop_join_row_count bigint',
    'return_row_count bigint',
    'spectrum_scan_row_count bigint',
    'spectrum_scan_size_mb bigint',
    'query_queue_time bigint',
  ],
  svl_query_queue_info: [
    'database text',
    'query integer',
    'xid bigint',
    'userid integer',
    'querytxt text',
    'queue_start_time timestamp without time zone',
    'exec_start_time timestamp without time zone',
    'service_class integer',
    'slots integer',
    'queue_elapsed bigint',
    'exec_elapsed bigint',
    'wlm_total_elapsed bigint',
    'commit_queue_elapsed bigint',
    'commit_exec_time bigint',
    'service_class_name character(64)',
  ],
  svv_query_inflight: [
    'userid integer',
    'slice integer',
    'query integer',
    'pid integer',
    'starttime timestamp without time zone',
    'suspended integer',
    'text character(200)',
    'sequence integer',
  ],
  sys_query_text: [
    'user_id integer',
    'query_id bigint',
    'transaction_id bigint',
    'session_id integer',
    'start_time timestamp without time zone',
    'sequence integer',
    'text character(4000)',
  ],
  stl_return: [
    'userid integer',
    'query integer',
    'slice integer',
    'segment integer',
    'step integer',
    'starttime timestamp without time zone',
    'endtime timestamp without time zone',
    'tasknum integer',
    'rows bigint',
    'bytes bigint',
    'packets integer',
    'checksum bigint',
  ],
  stl_insert: [
    'userid integer',
    'query integer',
    'slice integer',
    'segment integer',
    'step integer',
    'starttime timestamp without time zone',
    'endtime timestamp without time zone',
    'tasknum integer',
    'rows bigint',
    'tbl integer',
    'inserted_mega_value character(1)',
  ],
  stl_delete: [
    'userid integer',
    'query integer',
    'slice integer',
    'segment integer',
    'step integer',
    'starttime timestamp without time zone',
    'endtime timestamp without time zone',
    'tasknum integer',
    'rows bigint',
    'tbl integer',
  ],
  sys_procedure_call: [
    'session_user_id integer',
    'security_user_id integer',
    'query_id integer',
    'query_text character(4000)',
    'start_time timestamp without time zone',
    'end_time timestamp without time zone',
    'status character(10)',
    'caller_procedure_query_id integer',
  ],
  svcs_query_summary: [
    'userid integer',
    'query integer',
    'stm integer',
    'seg integer',
    'step integer',
    'maxtime bigint',
    'avgtime bigint',
    'rows bigint',
    'bytes bigint',
    'rate_row double precision',
    'rate_byte double precision',
    'label text',
    'is_diskbased character(1)',
    'workmem bigint',
    'is_rrscan character(1)',
    'is_delayed_scan character(1)',
    'rows_pre_filter bigint',
  ],
  svcs_plan_info: [
    'userid integer',
    'query integer',
    'nodeid integer',
    'segment integer',
    'step integer',
    'locus integer',
    'plannode integer',
    'startupcost double precision',
    'totalcost double precision',
    'rows bigint',
    'bytes bigint',
  ],
  svcs_alert_event_log: [
    'userid integer',
    'query integer',
    'segment integer',
    'step integer',
    'pid integer',
    'xid bigint',
    'event character(1024)',
    'solution character(1024)',
    'event_time timestamp without time zone',
  ],
  svv_ml_model_info: [
    'database_name character(128)',
    'schema_name character(128)',
    'user_name character(128)',
    'model_name character(128)',
    'life_cycle character(20)',
    'is_refreshable integer',
    'model_state character(128)',
  ],
  stv_ml_model_info: [
    'schema_name character(128)',
    'user_name character(128)',
    'model_name character(128)',
    'life_cycle character(20)',
    'is_refreshable integer',
    'model_state character(128)',
  ],
  svl_udf_log: [
    'query bigint',
    'message character(4096)',
    'created timestamp without time zone',
    'traceback character(4096)',
    'funcname character(256)',
    'node integer',
    'slice integer',
    'seq integer',
  ],
  sys_procedure_messages: [
    'transaction_id bigint',
    'query_id integer',
    'record_time timestamp without time zone',
    'log_level character(10)',
    'message character(1024)',
    'line_number integer',
  ],
  stv_wlm_qmr_config: [
    'service_class integer',
    'rule_name character(256)',
    'action character(256)',
    'metric_name character(256)',
    'metric_operator character(256)',
    'metric_value double precision',
    'action_value character(256)',
  ],
  stl_stream_segs: [
    'userid integer',
    'query integer',
    'stream integer',
    'segment integer',
  ],
  svcs_stream_segs: [
    'userid integer',
    'query integer',
    'stream integer',
    'segment integer',
  ],
  stl_restarted_sessions: [
    'currenttime timestamp without time zone',
    'dbname character(50)',
    'newpid integer',
    'oldpid integer',
    'username character(50)',
    'remotehost character(45)',
    'remoteport character(32)',
    'parkedtime timestamp without time zone',
    'session_vars character(2000)',
  ],
  stv_slices: [
    'node integer',
    'slice integer',
    'localslice integer',
    'type character(1)',
  ],
}

const DOC: Readonly<Record<string, string>> = {
  stl_query_metrics: 'r_STL_QUERY_METRICS.html',
  svl_query_metrics: 'r_SVL_QUERY_METRICS.html',
  svl_query_queue_info: 'r_SVL_QUERY_QUEUE_INFO.html',
  svv_query_inflight: 'r_SVV_QUERY_INFLIGHT.html',
  stv_slices: 'r_STV_SLICES.html',
  sys_query_text: 'SYS_QUERY_TEXT.html',
  stl_return: 'r_STL_RETURN.html',
  stl_insert: 'r_STL_INSERT.html',
  stl_delete: 'r_STL_DELETE.html',
  sys_procedure_call: 'SYS_PROCEDURE_CALL.html',
  svcs_query_summary: 'r_SVCS_QUERY_SUMMARY.html',
  svcs_plan_info: 'r_SVCS_PLAN_INFO.html',
  svcs_alert_event_log: 'r_SVCS_ALERT_EVENT_LOG.html',
  svv_ml_model_info: 'r_SVV_ML_MODEL_INFO.html',
  stv_ml_model_info: 'r_STV_ML_MODEL_INFO.html',
  svl_udf_log: 'r_SVL_UDF_LOG.html',
  sys_procedure_messages: 'SYS_PROCEDURE_MESSAGES.html',
  stv_wlm_qmr_config: 'r_STV_WLM_QMR_CONFIG.html',
  stl_stream_segs: 'r_STL_STREAM_SEGS.html',
  svcs_stream_segs: 'r_SVCS_STREAM_SEGS.html',
  stl_restarted_sessions: 'r_STL_RESTARTED_SESSIONS.html',
}

const REFUSED: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['stv_query_metrics', 'r_STV_QUERY_METRICS.html', /not sampled/],
  ['stv_exec_state', 'r_STV_EXEC_STATE.html', /not sampled/],
  ['svv_query_state', 'r_SVV_QUERY_STATE.html', /not sampled/],
  ['stv_active_cursors', 'r_STV_ACTIVE_CURSORS.html', /own cursors/],
  ['stl_commit_stats', 'r_STL_COMMIT_STATS.html', /not time/],
  ['stv_partitions', 'r_STV_PARTITIONS.html', /storage blocks/],
  [
    'stv_node_storage_capacity',
    'r_STV_NODE_STORAGE_CAPACITY.html',
    /storage blocks/,
  ],
  ['stl_disk_full_diag', 'r_STL_DISK_FULL_DIAG.html', /storage blocks/],
]

describe('local emulator: documented system views sweep', () => {
  let open: EmulatorDatabase
  let admin: pg.Client
  let plain: pg.Client
  let selectId: number
  let plainId: number

  beforeAll(async () => {
    open = await openEmulatorDatabase('local_sysviews_sweep', [
      'create table sw_t (id int)',
      'insert into sw_t values (1), (2), (3)',
      "create user sw_plain password 'Abcdefg1'",
      'grant select on sw_t to sw_plain',
    ])
    admin = open.client
    await admin.query('select id from sw_t where id > 1')
    selectId = Number(
      (await admin.query('select pg_last_query_id() as q')).rows[0].q,
    )
    const url = new URL(open.url)
    url.username = 'sw_plain'
    plain = await connect(url.toString())
    await plain.query('select id from sw_t')
    plainId = Number(
      (await plain.query('select pg_last_query_id() as q')).rows[0].q,
    )
  })
  afterAll(async () => {
    await plain?.end()
    await open.close()
  })

  for (const [view, columns] of Object.entries(COLUMNS)) {
    it(`${view.toUpperCase()} has the page's columns`, async () => {
      expect(await viewColumns(admin, view), page(DOC[view]!)).toEqual(columns)
    })
  }

  it('STL_QUERY_METRICS: a finished SELECT has its query-level and segment-level rows', async () => {
    const { rows } = await admin.query(
      `select segment, step_type, rows, max_rows, slices, step, service_class,
         rtrim(service_class_name) as queue, run_time >= 0 as timed
       from stl_query_metrics where query = $1 order by segment`,
      [selectId],
    )
    expect(rows, page('r_STL_QUERY_METRICS.html')).toEqual([
      {
        segment: -1,
        step_type: -1,
        rows: '2',
        max_rows: '2',
        slices: 1,
        step: -1,
        service_class: 6,
        queue: 'Default queue',
        timed: true,
      },
      {
        segment: 0,
        step_type: -1,
        rows: '2',
        max_rows: '2',
        slices: 1,
        step: -1,
        service_class: 6,
        queue: 'Default queue',
        timed: true,
      },
    ])
  })

  it('STL_QUERY_METRICS: DDL runs on the leader node and has no rows', async () => {
    await admin.query('create table sw_ddl (id int)')
    const { rows } = await admin.query(
      `select count(*)::int as n from stl_query_metrics m
       join stl_query q using (query) where q.querytxt like 'create table sw_ddl%'`,
    )
    const ddl = await admin.query(
      `select count(*)::int as n from stl_ddltext where text like 'create table sw_ddl%'`,
    )
    expect(ddl.rows[0].n, page('r_STL_DDLTEXT.html')).toBe(1)
    expect(rows[0].n, page('r_STL_QUERY_METRICS.html')).toBe(0)
  })

  it('SVL_QUERY_METRICS: the query and segment dimensions of a SELECT, rows returned', async () => {
    const { rows } = await admin.query(
      `select dimension, segment, step, step_label, scan_row_count, return_row_count, service_class
       from svl_query_metrics where query = $1 order by dimension`,
      [selectId],
    )
    expect(rows, page('r_SVL_QUERY_METRICS.html')).toEqual([
      {
        dimension: 'query',
        segment: null,
        step: null,
        step_label: null,
        scan_row_count: '2',
        return_row_count: '2',
        service_class: 6,
      },
      {
        dimension: 'segment',
        segment: 0,
        step: null,
        step_label: null,
        scan_row_count: '2',
        return_row_count: '2',
        service_class: 6,
      },
    ])
  })

  it('STL_QUERY_METRICS / SVL_QUERY_METRICS: a regular user sees only its own rows', async () => {
    for (const view of ['stl_query_metrics', 'svl_query_metrics']) {
      const { rows } = await plain.query<{ query: number }>(
        `select distinct query from ${view} where query in ($1, $2) order by 1`,
        [selectId, plainId],
      )
      expect(
        rows.map((r) => r.query),
        page('c_visibility-of-data.html'),
      ).toEqual([plainId])
    }
  })

  it("SVL_QUERY_QUEUE_INFO: the page's example lists a finished SELECT's queue and execution seconds", async () => {
    const { rows } = await admin.query(
      `select query, service_class, queue_elapsed, exec_elapsed, wlm_total_elapsed,
         querytxt, slots, rtrim(service_class_name) as queue, database = current_database() as here
       from svl_query_queue_info where query = $1`,
      [selectId],
    )
    expect(rows, page('r_SVL_QUERY_QUEUE_INFO.html')).toEqual([
      {
        query: selectId,
        service_class: 6,
        queue_elapsed: '0',
        exec_elapsed: '0',
        wlm_total_elapsed: '0',
        querytxt: 'select id from sw_t where id > 1',
        slots: 1,
        queue: 'Default queue',
        here: true,
      },
    ])
  })

  it('SVL_QUERY_QUEUE_INFO: visible only to superusers', async () => {
    const { rows } = await plain.query(
      'select count(*)::int as n from svl_query_queue_info',
    )
    expect(rows[0].n, page('r_SVL_QUERY_QUEUE_INFO.html')).toBe(0)
  })

  it('SVV_QUERY_INFLIGHT: a running statement in 200-character pieces, and the query itself', async () => {
    const url = new URL(open.url)
    const runner = await connect(url.toString())
    const locker = await connect(url.toString())
    try {
      const pad = 'x'.repeat(250)
      const text = `select id, '${pad}' as pad from sw_t`
      // The lock keeps the statement running (waiting) while it is observed.
      await locker.query('begin')
      await locker.query('lock table sw_t')
      const running = runner.query(text)
      let pieces: { sequence: number; len: number; pid: number }[] = []
      await eventually(async () => {
        const { rows } = await admin.query(
          `select sequence, length(rtrim(text)) as len, pid from svv_query_inflight
           where query = (select query from svv_query_inflight
                          where text like 'select id, ''x%' and sequence = 0)
           order by sequence`,
        )
        pieces = rows
        return rows.length === 2
      })
      const self = await admin.query(
        `select count(*)::int as n from svv_query_inflight
         where text like 'select count(*)::int as n from svv_query_inflight%'`,
      )
      await locker.query('commit')
      await running
      expect(
        pieces.map((p) => [p.sequence, p.len]),
        page('r_SVV_QUERY_INFLIGHT.html'),
      ).toEqual([
        [0, 200],
        [1, text.length - 200],
      ])
      expect(self.rows[0].n, page('r_SVV_QUERY_INFLIGHT.html')).toBe(1)
      const after = await admin.query(
        `select count(*)::int as n from svv_query_inflight where text like 'select id, ''x%'`,
      )
      expect(after.rows[0].n, page('r_SVV_QUERY_INFLIGHT.html')).toBe(0)
    } finally {
      await locker.end()
      await runner.end()
    }
  })

  it('SYS_QUERY_TEXT: DDL, a long query in 4000-character pieces, and the running query itself', async () => {
    await admin.query('create table sw_text (id int)')
    const long = `select id, '${'y'.repeat(4500)}' as pad from sw_t`
    await admin.query(long)
    const { rows } = await admin.query(
      `select query_id, sequence, length(rtrim(text)) as len, session_id = pg_backend_pid() as mine,
         substring(text, 1, 25) as head
       from sys_query_text
       where query_id in (select query_id from sys_query_text
                          where text like 'create table sw_text%' or text like 'select id, ''yyy%'
                             or text like 'select query_id, sequence, length(rtrim(text))%')
       order by query_id, sequence`,
    )
    expect(
      rows.map((r) => [r.sequence, r.len, r.mine, r.head]),
      page('SYS_QUERY_TEXT.html'),
    ).toEqual([
      [
        0,
        'create table sw_text (id int)'.length,
        true,
        'create table sw_text (id ',
      ],
      [0, 4000, true, "select id, 'yyyyyyyyyyyyy"],
      [1, long.length - 4000, true, 'yyyyyyyyyyyyyyyyyyyyyyyyy'],
      [0, expect.any(Number), true, 'select query_id, sequence'],
    ])
  })

  it('SYS_QUERY_TEXT: a regular user sees only its own statements', async () => {
    const { rows } = await plain.query(
      'select distinct user_id from sys_query_text',
    )
    const me = await plain.query(
      "select usesysid as id from pg_user where usename = 'sw_plain'",
    )
    expect(rows, page('SYS_QUERY_TEXT.html')).toEqual([
      { user_id: me.rows[0].id },
    ])
  })

  it("STL_RETURN / STL_INSERT / STL_DELETE: each statement's step on slice 0, segment 0", async () => {
    const last = async (sql: string): Promise<number> => {
      await admin.query(sql)
      return Number(
        (await admin.query('select pg_last_query_id() as q')).rows[0].q,
      )
    }
    const insert = await last('insert into sw_t values (10), (11)')
    const update = await last('update sw_t set id = id + 100 where id >= 10')
    const del = await last('delete from sw_t where id >= 100')
    const steps = async (view: string) =>
      (
        await admin.query(
          `select query, slice, segment, step, rows::int as rows from ${view}
           where query = any($1) order by query, step`,
          [[selectId, insert, update, del]],
        )
      ).rows
    expect(await steps('stl_return'), page('r_STL_RETURN.html')).toEqual([
      { query: selectId, slice: 0, segment: 0, step: 1, rows: 2 },
    ])
    expect(await steps('stl_insert'), page('r_STL_INSERT.html')).toEqual([
      { query: insert, slice: 0, segment: 0, step: 1, rows: 2 },
      { query: update, slice: 0, segment: 0, step: 2, rows: 2 },
    ])
    expect(await steps('stl_delete'), page('r_STL_DELETE.html')).toEqual([
      { query: update, slice: 0, segment: 0, step: 1, rows: 2 },
      { query: del, slice: 0, segment: 0, step: 1, rows: 2 },
    ])
    const own = await plain.query(
      'select distinct query from stl_return where query = any($1)',
      [[selectId, plainId]],
    )
    expect(own.rows, page('c_visibility-of-data.html')).toEqual([
      { query: plainId },
    ])
  })

  it("SYS_PROCEDURE_CALL: the page's example lists a finished and a failed call", async () => {
    await admin.query(
      'create procedure sw_ok() as $$ begin null; end; $$ language plpgsql',
    )
    await admin.query(
      "create procedure sw_fail() as $$ begin raise exception 'sw stop'; end; $$ language plpgsql",
    )
    await admin.query('call sw_ok()')
    await errorOf(admin.query('call sw_fail()'))
    const { rows } = await admin.query(
      `select datediff(seconds, start_time, end_time) >= 0 as timed, status,
         trim(query_text) as call, caller_procedure_query_id,
         session_user_id = security_user_id as same_user
       from sys_procedure_call where query_text like 'call sw_%' order by query_id`,
    )
    expect(rows, page('SYS_PROCEDURE_CALL.html')).toEqual([
      {
        timed: true,
        status: 'success   ',
        call: 'call sw_ok()',
        caller_procedure_query_id: null,
        same_user: true,
      },
      {
        timed: true,
        status: 'canceled  ',
        call: 'call sw_fail()',
        caller_procedure_query_id: null,
        same_user: true,
      },
    ])
  })

  it("SVCS_QUERY_SUMMARY: the main cluster's steps, as SVL_QUERY_SUMMARY lists them", async () => {
    const steps = async (view: string) =>
      (
        await admin.query(
          `select seg, step, rows::int as rows, trim(label) as label from ${view}
           where query = $1 order by seg, step`,
          [selectId],
        )
      ).rows
    const svcs = await steps('svcs_query_summary')
    expect(svcs, page('r_SVCS_QUERY_SUMMARY.html')).toEqual([
      { seg: 0, step: 0, rows: 2, label: 'scan' },
      { seg: 0, step: 1, rows: 2, label: 'return' },
    ])
    expect(svcs).toEqual(await steps('svl_query_summary'))
  })

  it('SVV_ML_MODEL_INFO / STV_ML_MODEL_INFO / SVL_UDF_LOG: no rows, as their objects cannot be created', async () => {
    const model = await errorOf(
      admin.query(
        "create model sw_m from (select id from sw_t) target id function sw_f iam_role default settings (s3_bucket 'b')",
      ),
    )
    expect(model.code).toBe('0A000')
    const udf = await errorOf(
      admin.query(
        'create function sw_py(int) returns int stable as $$ return 1 $$ language plpythonu',
      ),
    )
    expect(udf.code).toBe('0A000')
    for (const [view, doc] of [
      ['svv_ml_model_info', 'r_SVV_ML_MODEL_INFO.html'],
      ['stv_ml_model_info', 'r_STV_ML_MODEL_INFO.html'],
      ['svl_udf_log', 'r_SVL_UDF_LOG.html'],
    ] as const) {
      const { rows } = await admin.query(
        `select count(*)::int as n from ${view}`,
      )
      expect(rows[0].n, page(doc)).toBe(0)
    }
  })

  it("SYS_PROCEDURE_MESSAGES: the page's example lists a call's RAISE messages", async () => {
    await admin.query(
      `create procedure sw_msgs() as $$ begin
raise info 'sw_info_msg';
raise notice 'sw_notice_msg';
end; $$ language plpgsql`,
    )
    await admin.query('call sw_msgs()')
    const call = Number(
      (
        await admin.query(
          "select query_id from sys_procedure_call where query_text like 'call sw_msgs()%'",
        )
      ).rows[0].query_id,
    )
    const { rows } = await admin.query(
      `select query_id, trim(log_level) as log_level, trim(message) as message, line_number
       from sys_procedure_messages where query_id = $1 order by record_time, line_number`,
      [call],
    )
    expect(rows, page('SYS_PROCEDURE_MESSAGES.html')).toEqual([
      {
        query_id: call,
        log_level: 'INFO',
        message: 'sw_info_msg',
        line_number: 2,
      },
      {
        query_id: call,
        log_level: 'NOTICE',
        message: 'sw_notice_msg',
        line_number: 3,
      },
    ])
  })

  it('STV_WLM_QMR_CONFIG: no rows, as the WLM configuration has no query monitoring rules', async () => {
    const { rows } = await admin.query(
      'select * from stv_wlm_qmr_config where service_class > 5 order by service_class',
    )
    expect(rows, page('r_STV_WLM_QMR_CONFIG.html')).toEqual([])
    const all = await admin.query(
      'select count(*)::int as n from stv_wlm_qmr_config',
    )
    expect(all.rows[0].n, page('r_STV_WLM_QMR_CONFIG.html')).toBe(0)
  })

  it("STL_STREAM_SEGS / SVCS_STREAM_SEGS: the page's example shows a query's one stream and segment", async () => {
    for (const [view, doc] of [
      ['stl_stream_segs', 'r_STL_STREAM_SEGS.html'],
      ['svcs_stream_segs', 'r_SVCS_STREAM_SEGS.html'],
    ] as const) {
      const { rows } = await admin.query(
        `select query, stream, segment from ${view} where query = $1`,
        [selectId],
      )
      expect(rows, page(doc)).toEqual([
        { query: selectId, stream: 0, segment: 0 },
      ])
    }
    const ddl = await admin.query(
      `select count(*)::int as n from stl_stream_segs s
       join sys_query_history h on h.query_id = s.query where trim(h.query_type) = 'DDL'`,
    )
    expect(ddl.rows[0].n, page('r_STL_STREAM_SEGS.html')).toBe(0)
    const ddlRan = await admin.query(
      `select count(*)::int as n from sys_query_history where trim(query_type) = 'DDL'`,
    )
    expect(ddlRan.rows[0].n).toBeGreaterThan(0)
  })

  it('STL_RESTARTED_SESSIONS: no rows, as the emulator never restarts a session', async () => {
    const { rows } = await admin.query(
      'select count(*)::int as n from stl_restarted_sessions',
    )
    expect(rows[0].n, page('r_STL_RESTARTED_SESSIONS.html')).toBe(0)
  })

  it("STV_SLICES: the page's example lists the emulator's one slice on node 0", async () => {
    const { rows } = await plain.query('select node, slice from stv_slices')
    expect(rows, page('r_STV_SLICES.html')).toEqual([{ node: 0, slice: 0 }])
  })

  for (const [view, doc, hint] of REFUSED) {
    it(`${view.toUpperCase()} is refused as an emulator limit`, async () => {
      const error = await errorOf(admin.query(`select * from ${view}`))
      expect(error.code, page(doc)).toBe('0A000')
      expect(error.message).toMatch(/emulator limit/)
      expect(error.hint).toMatch(hint)
    })
  }
})
