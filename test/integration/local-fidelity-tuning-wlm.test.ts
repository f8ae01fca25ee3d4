import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  viewColumns,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  eventually,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

// The Developer Guide's "Tuning query performance" chapter (the diagnostic
// queries, SVL_QUERY_REPORT, STL_EXPLAIN, STL_PLAN_INFO, STL_ALERT_EVENT_LOG)
// and "Implementing workload management" chapter (query groups, SQA,
// STV_WLM_QUERY_QUEUE_STATE / TASK_STATE, STL_WLM_RULE_ACTION, concurrency
// scaling usage), each page's statements run as printed. The EXPLAIN shapes
// and the WLM slots have files of their own (local-explain, local-wlm).

const page = (name: string) => `${DG}${name}`
const DIAG = page('diagnostic-queries-for-query-tuning.html')

/** Documented columns in order, as PostgreSQL's format_type() names the types. */
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  stl_explain: [
    'userid integer',
    'query integer',
    'nodeid integer',
    'parentid integer',
    'plannode character(400)',
    'info character(400)',
  ],
  stl_plan_info: [
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
  stl_alert_event_log: [
    'userid integer',
    'query integer',
    'slice integer',
    'segment integer',
    'step integer',
    'pid integer',
    'xid bigint',
    'event character(1024)',
    'solution character(1024)',
    'event_time timestamp without time zone',
  ],
  svl_query_report: [
    'userid integer',
    'query integer',
    'slice integer',
    'segment integer',
    'step integer',
    'start_time timestamp without time zone',
    'end_time timestamp without time zone',
    'elapsed_time bigint',
    'rows bigint',
    'bytes bigint',
    'label character(256)',
    'is_diskbased character(1)',
    'workmem bigint',
    'is_rrscan character(1)',
    'is_delayed_scan character(1)',
    'rows_pre_filter bigint',
  ],
  stv_wlm_query_queue_state: [
    'service_class integer',
    'position integer',
    'task integer',
    'query integer',
    'slot_count integer',
    'start_time timestamp without time zone',
    'queue_time bigint',
  ],
  stv_wlm_query_task_state: [
    'service_class integer',
    'task integer',
    'query integer',
    'slot_count integer',
    'start_time timestamp without time zone',
    'exec_time bigint',
  ],
  stl_wlm_rule_action: [
    'userid integer',
    'query integer',
    'service_class integer',
    'rule character(256)',
    'action character(256)',
    'recordtime timestamp without time zone',
    'action_value character(256)',
    'service_class_name character(64)',
  ],
  // The columns the page describes; the internal-use ones after them are left out here.
  stl_scan: [
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
    'fetches bigint',
    'type integer',
    'tbl integer',
    'is_rrscan character(1)',
    'is_delayed_scan character(1)',
    'rows_pre_filter bigint',
    'rows_pre_user_filter bigint',
    'perm_table_name character(136)',
    'is_rlf_scan character(1)',
    'is_rlf_scan_reason integer',
  ],
  svcs_concurrency_scaling_usage: [
    'start_time timestamp without time zone',
    'end_time timestamp without time zone',
    'queries bigint',
    'usage_in_seconds numeric(27,0)',
  ],
}

const DOC: Readonly<Record<string, string>> = {
  stl_explain: 'r_STL_EXPLAIN.html',
  stl_plan_info: 'r_STL_PLAN_INFO.html',
  stl_alert_event_log: 'r_STL_ALERT_EVENT_LOG.html',
  svl_query_report: 'r_SVL_QUERY_REPORT.html',
  stv_wlm_query_queue_state: 'r_STV_WLM_QUERY_QUEUE_STATE.html',
  stv_wlm_query_task_state: 'r_STV_WLM_QUERY_TASK_STATE.html',
  stl_wlm_rule_action: 'r_STL_WLM_RULE_ACTION.html',
  stl_scan: 'r_STL_SCAN.html',
  svcs_concurrency_scaling_usage: 'r_SVCS_CONCURRENCY_SCALING_USAGE.html',
}

// The diagnostic queries, exactly as diagnostic-queries-for-query-tuning.html prints them.
const TOP_CANDIDATES = `select trim(database) as db, count(query) as n_qry, 
max(substring (qrytext,1,80)) as qrytext, 
min(run_minutes) as "min" , 
max(run_minutes) as "max", 
avg(run_minutes) as "avg", sum(run_minutes) as total,  
max(query) as max_query_id, 
max(starttime)::date as last_run, 
sum(alerts) as alerts, aborted
from (select userid, label, stl_query.query, 
trim(database) as database, 
trim(querytxt) as qrytext, 
md5(trim(querytxt)) as qry_md5, 
starttime, endtime, 
(datediff(seconds, starttime,endtime)::numeric(12,2))/60 as run_minutes,     
alrt.num_events as alerts, aborted 
from stl_query 
left outer join 
(select query, 1 as num_events from stl_alert_event_log group by query ) as alrt 
on alrt.query = stl_query.query
where userid <> 1 and starttime >=  dateadd(day, -7, current_date)) 
group by database, label, qry_md5, aborted
order by total desc limit 50;`

const SKEW = `select trim(pgn.nspname) as schema, 
trim(a.name) as table, id as tableid, 
decode(pgc.reldiststyle,0, 'even',1,det.distkey ,8,'all') as distkey, dist_ratio.ratio::decimal(10,4) as skew, 
det.head_sort as "sortkey", 
det.n_sortkeys as "#sks", b.mbytes,  
decode(b.mbytes,0,0,((b.mbytes/part.total::decimal)*100)::decimal(5,2)) as pct_of_total, 
decode(det.max_enc,0,'n','y') as enc, a.rows, 
decode( det.n_sortkeys, 0, null, a.unsorted_rows ) as unsorted_rows , 
decode( det.n_sortkeys, 0, null, decode( a.rows,0,0, (a.unsorted_rows::decimal(32)/a.rows)*100) )::decimal(5,2) as pct_unsorted 
from (select db_id, id, name, sum(rows) as rows, 
sum(rows)-sum(sorted_rows) as unsorted_rows 
from stv_tbl_perm a 
group by db_id, id, name) as a 
join pg_class as pgc on pgc.oid = a.id
join pg_namespace as pgn on pgn.oid = pgc.relnamespace
left outer join (select tbl, count(*) as mbytes 
from stv_blocklist group by tbl) b on a.id=b.tbl
inner join (select attrelid, 
min(case attisdistkey when 't' then attname else null end) as "distkey",
min(case attsortkeyord when 1 then attname  else null end ) as head_sort , 
max(attsortkeyord) as n_sortkeys, 
max(attencodingtype) as max_enc 
from pg_attribute group by 1) as det 
on det.attrelid = a.id
inner join ( select tbl, max(mbytes)::decimal(32)/min(mbytes) as ratio 
from (select tbl, trim(name) as name, slice, count(*) as mbytes
from svv_diskusage group by tbl, name, slice ) 
group by tbl, name ) as dist_ratio on a.id = dist_ratio.tbl
join ( select sum(capacity) as  total
from stv_partitions where part_begin=0 ) as part on 1=1
where mbytes is not null 
order by  mbytes desc;`

const NESTED_LOOPS = `select query, trim(querytxt) as SQL, starttime 
from stl_query 
where query in (
select distinct query 
from stl_alert_event_log 
where event like 'Nested Loop Join in the query plan%') 
order by starttime desc;`

const QUEUE_WAITS = `select trim(database) as DB , w.query, 
substring(q.querytxt, 1, 100) as querytxt,  w.queue_start_time, 
w.service_class as class, w.slot_count as slots, 
w.total_queue_time/1000000 as queue_seconds, 
w.total_exec_time/1000000 exec_seconds, (w.total_queue_time+w.total_Exec_time)/1000000 as total_seconds 
from stl_wlm_query w 
left join stl_query q on q.query = w.query and q.userid = w.userid 
where w.queue_start_Time >= dateadd(day, -7, current_Date) 
and w.total_queue_Time > 0  and w.userid >1   
and q.starttime >= dateadd(day, -7, current_Date) 
order by w.total_queue_time desc, w.queue_start_time desc limit 35;`

const ALERTS_BY_TABLE = `select trim(s.perm_table_name) as table, 
(sum(abs(datediff(seconds, s.starttime, s.endtime)))/60)::numeric(24,0) as minutes, trim(split_part(l.event,':',1)) as event,  trim(l.solution) as solution, 
max(l.query) as sample_query, count(*) 
from stl_alert_event_log as l 
left join stl_scan as s on s.query = l.query and s.slice = l.slice 
and s.segment = l.segment and s.step = l.step
where l.event_time >=  dateadd(day, -7, current_Date) 
group by 1,3,4 
order by 2 desc,6 desc;`

const MISSING_STATISTICS = `select substring(trim(plannode),1,100) as plannode, count(*) 
from stl_explain 
where plannode like '%missing statistics%' 
group by plannode 
order by 2 desc;`

const CASES: readonly FidelityCase[] = [
  {
    title:
      'the skew and unsorted-rows diagnostic is refused: it counts storage blocks (emulator limit)',
    doc: DIAG,
    steps: [fails(SKEW, '0A000', 'emulator limit')],
  },
  {
    title:
      'the nested-loop, alerts-by-table and missing-statistics diagnostics run on empty plan logs',
    doc: DIAG,
    steps: [
      run('create table tw_a (id int)'),
      run('create table tw_b (id int)'),
      // A Cartesian product: EXPLAIN warns of the nested loop, the alert log keeps nothing.
      run('select count(*) from tw_a, tw_b'),
      rows(NESTED_LOOPS, []),
      rows(ALERTS_BY_TABLE, []),
      rows(MISSING_STATISTICS, []),
    ],
  },
  {
    title: "STL_EXPLAIN's sample queries run and find no plan",
    doc: page('r_STL_EXPLAIN.html'),
    steps: [
      rows(
        `select query,nodeid,parentid,substring(plannode from 1 for 30),
substring(info from 1 for 20) from stl_explain
where query=10 order by 1,2;`,
        [],
      ),
      rows(
        `select query,nodeid,parentid,substring(plannode from 1 for 56)
from stl_explain where query=15 order by 1, 2 desc;`,
        [],
      ),
      rows(
        `select query, trim(plannode) from stl_explain
where plannode like '%Window%';`,
        [],
      ),
    ],
  },
  {
    title: "STL_PLAN_INFO's sample query runs and finds no plan",
    doc: page('r_STL_PLAN_INFO.html'),
    steps: [rows('select * from stl_plan_info where query=256;', [])],
  },
  {
    title:
      "STL_ALERT_EVENT_LOG's sample query runs, TRIM of its timestamp included",
    doc: page('r_STL_ALERT_EVENT_LOG.html'),
    steps: [
      rows(
        `SELECT query, substring(event,0,25) as event, 
substring(solution,0,25) as solution, 
trim(event_time) as event_time from stl_alert_event_log order by query;`,
        [],
      ),
      rows(
        "select trim(timestamp '2014-01-03 18:20:58') as t, trim('  kept as text  ') as s",
        [{ t: '2014-01-03 18:20:58', s: 'kept as text' }],
      ),
      rows("select trim(timestamp '2014-01-03 18:20:58.131358') as t", [
        { t: '2014-01-03 18:20:58.131358' },
      ]),
    ],
  },
  {
    title:
      'SVL_QUERY_REPORT has the steps of SVL_QUERY_SUMMARY on the one slice 0',
    doc: page('using-SVL-Query-Report.html'),
    steps: [
      run('create table tw_r (id int)'),
      run('insert into tw_r values (1), (2), (3)'),
      run('select * from tw_r'),
      rows(
        `select r.slice, r.segment, r.step, r.rows, trim(r.label) as label,
           r.elapsed_time = s.maxtime as same_time,
           r.elapsed_time = datediff(microsecond, r.start_time, r.end_time) as timed
         from svl_query_report r
         join svl_query_summary s on s.query = r.query and s.step = r.step
         where r.query = pg_last_query_id() order by r.segment, r.step, r.elapsed_time, r.rows`,
        [
          {
            slice: 0,
            segment: 0,
            step: 0,
            rows: '3',
            label: 'scan',
            same_time: true,
            timed: true,
          },
          {
            slice: 0,
            segment: 0,
            step: 1,
            rows: '3',
            label: 'return',
            same_time: true,
            timed: true,
          },
        ],
      ),
    ],
  },
  {
    title:
      'a finished query is Completed in STL_WLM_QUERY, as the SQA pages filter on',
    doc: page('wlm-short-query-acceleration.html'),
    steps: [
      run('select 1'),
      rows(
        `select distinct trim(final_state) as final_state from stl_wlm_query`,
        [{ final_state: 'Completed' }],
      ),
      // No SQA queue (service class 14): the emulator never accelerates a query.
      rows(
        `select * from stv_wlm_service_class_config 
where service_class = 14;`,
        [],
      ),
      rows(
        `select a.queue_start_time, a.total_exec_time, label, trim(querytxt) 
from stl_wlm_query a, stl_query b 
where a.query = b.query and a.service_class = 14 and a.final_state = 'Completed' 
order by b.query desc limit 5;`,
        [],
      ),
    ],
  },
  {
    title: "STL_WLM_RULE_ACTION's sample query runs: no monitoring rule acts",
    doc: page('r_STL_WLM_RULE_ACTION.html'),
    steps: [
      rows(
        `Select query, rule
from stl_wlm_rule_action 
where action = 'abort'
order by query;`,
        [],
      ),
    ],
  },
  {
    title:
      'SVCS_CONCURRENCY_SCALING_USAGE is empty: every query runs on the main cluster',
    doc: page('r_SVCS_CONCURRENCY_SCALING_USAGE.html'),
    steps: [
      rows(
        'select * from svcs_concurrency_scaling_usage order by start_time;',
        [],
      ),
      rows(
        `select date_trunc('hour',end_time) as burst_hour
      ,sum(queries) as query_count
      ,sum(usage_in_seconds) as burst_usage_in_seconds  
from svcs_concurrency_scaling_usage
group by burst_hour;`,
        [],
      ),
    ],
  },
  {
    title:
      'STV_WLM_QUERY_TASK_STATE shows the running statement, the queue state nothing queued',
    doc: page('r_STV_WLM_QUERY_TASK_STATE.html'),
    steps: [
      rows(
        `select service_class, slot_count, task = query as same,
           query = (select max(query) from stv_inflight) as itself
         from stv_wlm_query_task_state where service_class > 4`,
        [{ service_class: 6, slot_count: 1, same: true, itself: true }],
      ),
      rows(
        `select * from stv_wlm_query_queue_state
where service_class > 4
order by service_class;`,
        [],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: query tuning and workload management pages',
  'local_fidelity_tuning_wlm',
  CASES,
  (url) => {
    let client: pg.Client
    beforeAll(async () => {
      client = await connect(url())
    })
    afterAll(() => client.end())

    for (const [view, columns] of Object.entries(COLUMNS)) {
      it(`${view.toUpperCase()} has the page's columns (${DOC[view]})`, async () => {
        const found = await viewColumns(client, view)
        expect(found.slice(0, columns.length)).toEqual(columns)
        if (view !== 'stl_scan') expect(found).toHaveLength(columns.length)
      })
    }

    it(`the top-candidates diagnostic lists each query with its run time and no alerts (${DIAG})`, async () => {
      await client.query('create table tw_top (id int)')
      await client.query('select count(*) from tw_top')
      const result = await client.query(TOP_CANDIDATES)
      expect(result.fields.map((f) => f.name)).toEqual([
        'db',
        'n_qry',
        'qrytext',
        'min',
        'max',
        'avg',
        'total',
        'max_query_id',
        'last_run',
        'alerts',
        'aborted',
      ])
      const mine = result.rows.find(
        (r: { qrytext: string }) => r.qrytext === 'select count(*) from tw_top',
      )
      expect(mine).toMatchObject({ n_qry: '1', alerts: null, aborted: 0 })
    })

    it(`the queue-wait diagnostic lists queries WLM ran, in whole seconds (${DIAG})`, async () => {
      await client.query('select count(*) from tw_top')
      const result = await client.query(QUEUE_WAITS)
      expect(result.fields.map((f) => f.name)).toEqual([
        'db',
        'query',
        'querytxt',
        'queue_start_time',
        'class',
        'slots',
        'queue_seconds',
        'exec_seconds',
        'total_seconds',
      ])
      const { rows: waited } = await client.query<{ n: string }>(
        `select count(*) as n from stl_wlm_query
         where total_queue_time > 0 and userid > 1 and queue_start_time >= dateadd(day, -7, current_date)`,
      )
      // Every query that waited at all is listed (up to the page's 35).
      expect(result.rows.length).toBe(Math.min(Number(waited[0]!.n), 35))
      for (const row of result.rows as { class: number; slots: number }[])
        expect(row).toMatchObject({ class: 6, slots: 1 })
    })
  },
)

// A queue of one slot, so that a second query in it waits: the queue state
// and task state pages' sample queries then show one each.
describe('local emulator: WLM queue and task state (r_STV_WLM_QUERY_QUEUE_STATE.html)', () => {
  let own: OwnEmulator
  const clients: pg.Client[] = []
  const open = async (): Promise<pg.Client> => {
    const client = await connect(own.local.url)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    own = await startOwnEmulator('local_tuning_wlm_queue', {
      wlm: [
        { name: 'etl', concurrency: 1, queryGroups: ['etl'] },
        { name: 'Default queue', concurrency: 2 },
      ],
    })
  })
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {})
    await own.stop()
  })

  it('shows the running query of a full queue in TASK_STATE and the waiting one in QUEUE_STATE', async () => {
    const observer = await open()
    await observer.query('create table tw_q (id int)')
    const blocker = await open()
    await blocker.query('begin')
    await blocker.query('lock table tw_q')
    const holder = await open()
    await holder.query("set query_group to 'etl'")
    const holding = holder.query('select count(*) from tw_q')
    await eventually(async () => {
      const { rows: held } = await observer.query(
        'select 1 from stv_wlm_query_task_state where service_class = 6',
      )
      return held.length === 1
    }, 20000)
    const waiter = await open()
    await waiter.query("set query_group to 'etl'")
    const waiting = waiter.query('select count(*) from tw_q')
    try {
      await eventually(async () => {
        const { rows: queued } = await observer.query(
          'select 1 from stv_wlm_query_queue_state',
        )
        return queued.length === 1
      }, 20000)
      const { rows: queued } = await observer.query(
        `select service_class, position, task = query as same, slot_count, queue_time >= 0 as timed
         from stv_wlm_query_queue_state where service_class > 4 order by service_class`,
      )
      expect(queued).toEqual([
        {
          service_class: 6,
          position: 0,
          same: true,
          slot_count: 1,
          timed: true,
        },
      ])
      const { rows: running } = await observer.query(
        `select t.service_class, t.slot_count, trim(h.query_text) as text
         from stv_wlm_query_task_state t join sys_query_history h on h.query_id = t.query
         where t.service_class = 6`,
      )
      expect(running).toEqual([
        { service_class: 6, slot_count: 1, text: 'select count(*) from tw_q' },
      ])
    } finally {
      await blocker.query('rollback')
    }
    await expect(holding).resolves.toBeDefined()
    await expect(waiting).resolves.toBeDefined()
    const { rows: after } = await observer.query(
      'select count(*)::int as n from stv_wlm_query_queue_state',
    )
    expect(after).toEqual([{ n: 0 }])
  })
})
