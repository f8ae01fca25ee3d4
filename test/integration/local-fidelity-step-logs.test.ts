import type pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import {
  describeFidelityCases,
  rows,
  run,
  viewColumns,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect } from './local-test-helpers.js'

// The per-operator step logs (r_STL_AGGR.html ... r_STL_WINDOW.html) and
// STL_SCAN (r_STL_SCAN.html): each view has its page's columns; STL_SCAN has
// the scan step SVL_QUERY_SUMMARY lists for a statement, the operator logs
// no rows (the emulator does not know which operators Redshift's plan would
// have run); the pages' sample queries run as printed; a user sees its own
// rows, a superuser or a user with SYSLOG ACCESS UNRESTRICTED every row.

const page = (name: string) => `${DG}${name}`

/** The nine columns every step log begins with, as format_type() names them. */
const HEAD = [
  'userid integer',
  'query integer',
  'slice integer',
  'segment integer',
  'step integer',
  'starttime timestamp without time zone',
  'endtime timestamp without time zone',
  'tasknum integer',
  'rows bigint',
] as const

/** Each page's columns after HEAD, internal-use ones included, in the page's order. */
const OWN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  stl_aggr: [
    'bytes bigint',
    'slots integer',
    'occupied integer',
    'maxlength integer',
    'tbl integer',
    'is_diskbased character(1)',
    'workmem bigint',
    'type character(6)',
    'resizes integer',
    'flushable integer',
  ],
  stl_bcast: ['bytes bigint', 'packets integer'],
  stl_dist: ['bytes bigint', 'packets integer'],
  stl_hash: [
    'bytes bigint',
    'slots integer',
    'occupied integer',
    'maxlength integer',
    'tbl integer',
    'is_diskbased character(1)',
    'workmem bigint',
    'num_parts integer',
    'est_rows bigint',
    'num_blocks_permitted integer',
    'resizes integer',
    'checksum bigint',
    'runtime_filter_size integer',
    'max_runtime_filter_size integer',
  ],
  stl_hashjoin: [
    'tbl integer',
    'num_parts integer',
    'join_type integer',
    'hash_looped character(1)',
    'switched_parts character(1)',
    'used_prefetching character(1)',
    'hash_segment integer',
    'hash_step integer',
    'checksum bigint',
    'distribution integer',
  ],
  stl_limit: ['checksum bigint'],
  stl_merge: [],
  stl_mergejoin: ['tbl integer', 'checksum bigint'],
  stl_nestloop: ['tbl integer', 'checksum bigint'],
  stl_parse: [],
  stl_project: ['checksum bigint'],
  stl_save: [
    'bytes bigint',
    'tbl integer',
    'is_diskbased character(1)',
    'workmem bigint',
  ],
  stl_sort: [
    'bytes bigint',
    'tbl integer',
    'is_diskbased character(1)',
    'workmem bigint',
    'checksum bigint',
  ],
  stl_unique: [
    'type character(6)',
    'is_diskbased character(1)',
    'slots integer',
    'workmem bigint',
    'max_buffers_used bigint',
    'resizes integer',
    'occupied integer',
    'flushable integer',
    'used_unique_prefetching character(1)',
    'bytes bigint',
  ],
  stl_window: ['is_diskbased character(1)', 'workmem bigint'],
  stl_scan: [
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
    'num_em_blocks integer',
    'checksum bigint',
    'runtime_filtering character(1)',
    'scan_region integer',
    'num_sortkey_as_predicate integer',
    'row_fetcher_state integer',
    'consumed_scan_ranges bigint',
    'work_stealing_reason bigint',
    'is_vectorized_scan character(1)',
    'is_vectorized_scan_reason integer',
    'row_fetcher_reason bigint',
    'topology_signature bigint',
    'use_tpm_partition character(1)',
    'is_rrscan_expr character(1)',
  ],
}

const OPERATOR_LOGS = Object.keys(OWN_COLUMNS).filter((v) => v !== 'stl_scan')

/** The page of a view. */
const pageOf = (view: string) => page(`r_${view.toUpperCase()}.html`)

/** The steps SVL_QUERY_SUMMARY lists for the session's last query. */
const summarySteps = (labels: readonly string[]) =>
  rows(
    `select step, trim(label) as label from svl_query_summary
     where query = pg_last_query_id() order by step`,
    labels.map((label, step) => ({ step, label })),
  )

// Small copies of the TICKIT tables the sample queries read.
const TICKIT = [
  run(
    'create table if not exists event (eventid int, dateid int, eventname varchar(200))',
  ),
  run('create table if not exists category (catid int, catname varchar(10))'),
  run('create table if not exists date (dateid int, caldate date)'),
  run('create table if not exists listing (listid int, eventid int)'),
  run('create table if not exists sales (listid int, qtysold int)'),
  run('create table if not exists venue (venueid int, venuename varchar(100))'),
  run(
    `insert into event select 1, 1, 'Opera' where not exists (select 1 from event)`,
  ),
  run(
    `insert into category select 1, 'Shows' where not exists (select 1 from category)`,
  ),
  run(
    `insert into date select 1, '2008-01-01' where not exists (select 1 from date)`,
  ),
] as const

const CASES: readonly FidelityCase[] = [
  {
    title:
      "STL_AGGR's sample query runs; an aggregate's steps are SVL_QUERY_SUMMARY's scan and return, no aggregate step",
    doc: pageOf('stl_aggr'),
    steps: [
      ...TICKIT,
      run('select eventname, count(*) from event group by eventname'),
      summarySteps(['scan', 'return']),
      rows('select * from stl_aggr where query = pg_last_query_id()', []),
      rows(
        `select query, segment, bytes, slots, occupied, maxlength, is_diskbased, workmem, type
from stl_aggr where slice=1 and tbl=239
order by rows
limit 10;`,
        [],
      ),
    ],
  },
  {
    title:
      "STL_BCAST's and STL_DIST's sample queries run: one slice, nothing broadcast or distributed",
    doc: pageOf('stl_bcast'),
    steps: [
      ...TICKIT,
      run(
        'select count(*) from event e join listing l on l.eventid = e.eventid',
      ),
      rows(
        `select query, slice, step, rows, bytes, packets, datediff(seconds, starttime, endtime)
from stl_bcast
where packets>0 and datediff(seconds, starttime, endtime)>0;`,
        [],
      ),
      rows(
        `select query, slice, step, rows, bytes, packets, 
datediff(seconds, starttime, endtime) as duration
from stl_dist
where packets>0 and datediff(seconds, starttime, endtime)>0
order by query
limit 10;`,
        [],
      ),
    ],
  },
  {
    title:
      "STL_HASH's and STL_HASHJOIN's sample queries run and find no hash step",
    doc: pageOf('stl_hashjoin'),
    steps: [
      ...TICKIT,
      run(
        'select e.eventname, s.qtysold from event e join listing l on l.eventid = e.eventid join sales s on s.listid = l.listid',
      ),
      rows('select * from stl_hash where query = pg_last_query_id()', []),
      rows('select * from stl_hashjoin where query = pg_last_query_id()', []),
      rows(
        `select slice, rows, bytes, occupied, workmem, num_parts, est_rows, num_blocks_permitted, is_diskbased
from stl_hash
where query=720 and segment=5
order by slice;`,
        [],
      ),
      rows(
        `select query, slice, tbl, num_parts
from stl_hashjoin
where query=720 limit 10;`,
        [],
      ),
    ],
  },
  {
    title:
      "STL_LIMIT's sample: the LIMIT query is the last in STL_QUERY, STL_LIMIT has no step of it",
    doc: pageOf('stl_limit'),
    steps: [
      ...TICKIT,
      run(`select * from venue
order by 1
limit 10;`),
      rows(
        `select trim(querytxt) like 'select * from venue%limit 10%' as limit_query from stl_query
where query = (select max(query) from stl_query);`,
        [{ limit_query: true }],
      ),
      rows(
        `select slice, segment, step, starttime, endtime, tasknum
from stl_limit
where query=(select max(query) from stl_query)
order by starttime, endtime;`,
        [],
      ),
    ],
  },
  {
    title:
      "STL_MERGE's, STL_PARSE's, STL_PROJECT's, STL_SORT's and STL_WINDOW's sample queries run and find nothing",
    doc: pageOf('stl_sort'),
    steps: [
      ...TICKIT,
      run(
        'select eventname, sum(eventid) over (order by eventid rows unbounded preceding) from event order by 1',
      ),
      rows(
        'select query, step, starttime, endtime, tasknum, rows from stl_merge limit 10;',
        [],
      ),
      rows(
        `select query, step, starttime, endtime, tasknum, rows
from stl_parse
where slice=1 and segment=0;`,
        [],
      ),
      rows(
        `select query, step, starttime, endtime, tasknum, rows
from stl_project
where slice=0 and segment=1;`,
        [],
      ),
      rows(
        `select query, bytes, tbl, is_diskbased, workmem
from stl_sort
where slice=0 and segment=1;`,
        [],
      ),
      rows(
        `select query, tasknum, rows, is_diskbased, workmem
from stl_window
where slice=0 and segment=3;`,
        [],
      ),
    ],
  },
  {
    title:
      "STL_MERGEJOIN's and STL_NESTLOOP's sample queries run after their joins and find no join step",
    doc: pageOf('stl_nestloop'),
    steps: [
      ...TICKIT,
      run(`select sum(s.qtysold), e.eventname
from event e, listing l, sales s
where e.eventid=l.eventid
and l.listid= s.listid
group by e.eventname;`),
      rows('select * from stl_mergejoin where query=pg_last_query_id();', []),
      run(`select count(event.eventname), event.eventname, category.catname, date.caldate
from event, category, date
where event.dateid = date.dateid
group by event.eventname, category.catname, date.caldate;`),
      summarySteps(['scan', 'return']),
      rows(
        `select query, slice, segment as seg, step, 
datediff(msec, starttime, endtime) as duration, tasknum, rows, tbl
from stl_nestloop
where query = pg_last_query_id();`,
        [],
      ),
    ],
  },
  {
    title:
      "STL_SAVE's and STL_UNIQUE's sample queries run after a DISTINCT and find no save or unique step",
    doc: pageOf('stl_unique'),
    steps: [
      ...TICKIT,
      run(`select distinct eventname
from event order by 1;`),
      rows(
        'select query, slice, segment, step, tasknum, rows, tbl from stl_save where query = pg_last_query_id();',
        [],
      ),
      rows(
        `select query, slice, segment, step, datediff(msec, starttime, endtime) as msec, tasknum, rows 
from stl_unique where query = pg_last_query_id()
order by query desc, slice, segment, step;`,
        [],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: per-operator step logs',
  'local_fidelity_step_logs',
  CASES,
  (url) => {
    let admin: pg.Client
    let plain: pg.Client
    let reader: pg.Client
    let adminQuery: number
    let plainQuery: number
    let plainId: number

    const as = async (user: string): Promise<pg.Client> => {
      const u = new URL(url())
      u.username = user
      return connect(u.toString())
    }
    const lastQuery = async (client: pg.Client): Promise<number> =>
      Number((await client.query('select pg_last_query_id() as q')).rows[0].q)

    beforeAll(async () => {
      admin = await connect(url())
      for (const sql of [
        'create table sl_t (id int)',
        'insert into sl_t values (1), (2), (3)',
        "create user stepl_plain password 'Abcdefg1'",
        "create user sl_reader password 'Abcdefg1' syslog access unrestricted",
        'grant select on sl_t to stepl_plain',
      ])
        await admin.query(sql)
      await admin.query('select id from sl_t where id > 1')
      adminQuery = await lastQuery(admin)
      plain = await as('stepl_plain')
      await plain.query('select id from sl_t')
      plainQuery = await lastQuery(plain)
      reader = await as('sl_reader')
      plainId = Number(
        (
          await admin.query(
            "select usesysid from pg_user where usename = 'stepl_plain'",
          )
        ).rows[0].usesysid,
      )
    })
    afterAll(async () => {
      await Promise.all([plain?.end(), reader?.end(), admin?.end()])
    })

    for (const [view, own] of Object.entries(OWN_COLUMNS)) {
      it(`${view.toUpperCase()} has the page's columns (${pageOf(view)})`, async () => {
        expect(await viewColumns(admin, view)).toEqual([...HEAD, ...own])
      })
    }

    it(`STL_SCAN has the scan step SVL_QUERY_SUMMARY and SVL_QUERY_REPORT list, on slice 0 (${pageOf('stl_scan')})`, async () => {
      const { rows: found } = await admin.query(
        `select c.slice, c.segment, c.step, c.rows, c.bytes, c.rows_pre_filter,
           c.is_rrscan, c.is_delayed_scan, c.tbl, c.perm_table_name, c.type,
           c.rows = s.rows and c.bytes = s.bytes and c.rows_pre_filter = s.rows_pre_filter
             and c.is_rrscan = s.is_rrscan and c.is_delayed_scan = s.is_delayed_scan as as_summary,
           c.starttime = r.start_time and c.endtime = r.end_time as as_report
         from stl_scan c
         join svl_query_summary s on s.query = c.query and s.seg = c.segment and s.step = c.step
         join svl_query_report r on r.query = c.query and r.slice = c.slice
           and r.segment = c.segment and r.step = c.step
         where c.query = $1`,
        [adminQuery],
      )
      expect(found).toEqual([
        {
          slice: 0,
          segment: 0,
          step: 0,
          rows: '2',
          bytes: '0',
          rows_pre_filter: '2',
          is_rrscan: 'f',
          is_delayed_scan: 'f',
          tbl: null,
          perm_table_name: null,
          type: null,
          as_summary: true,
          as_report: true,
        },
      ])
    })

    it(`STL_SCAN has a row for exactly the statements whose scan step SVL_QUERY_SUMMARY lists (${pageOf('stl_scan')})`, async () => {
      const { rows: diff } = await admin.query(
        `(select query, step from stl_scan
          except select query, step from svl_query_summary where label = 'scan')
         union all
         (select query, step from svl_query_summary where label = 'scan'
          except select query, step from stl_scan)`,
      )
      expect(diff).toEqual([])
      const { rows: counts } = await admin.query<{ n: string }>(
        'select count(*) as n from stl_scan where query in ($1, $2)',
        [adminQuery, plainQuery],
      )
      expect(counts[0]!.n).toBe('2')
    })

    it(`STL_SCAN's sample query shows the last query's scan step (${pageOf('stl_scan')})`, async () => {
      await admin.query('select id from sl_t')
      const last = await lastQuery(admin)
      const { rows: found } = await admin.query(
        `SELECT query, slice, segment,step,rows, rows_pre_filter, rows_pre_user_filter 
from stl_scan where query = pg_last_query_id();`,
      )
      expect(found).toEqual([
        {
          query: last,
          slice: 0,
          segment: 0,
          step: 0,
          rows: '3',
          rows_pre_filter: '3',
          rows_pre_user_filter: null,
        },
      ])
    })

    it(`a user sees its own STL_SCAN rows only, a superuser and SYSLOG ACCESS UNRESTRICTED every row (${page('cm_chap_system-tables.html#c_visibility-of-data')})`, async () => {
      const seen = async (client: pg.Client) =>
        (
          await client.query<{ query: number; userid: number }>(
            'select query, userid from stl_scan where query in ($1, $2) order by query',
            [adminQuery, plainQuery],
          )
        ).rows
      expect(await seen(plain)).toEqual([
        { query: plainQuery, userid: plainId },
      ])
      expect((await seen(admin)).map((r) => r.query)).toEqual([
        adminQuery,
        plainQuery,
      ])
      expect((await seen(reader)).map((r) => r.query)).toEqual([
        adminQuery,
        plainQuery,
      ])
    })

    it(`every Redshift system view is readable by a regular user, SVV_RLS_ATTACHED_POLICY aside (${page('cm_chap_system-tables.html#c_visibility-of-data')})`, async () => {
      // SVV_RLS_ATTACHED_POLICY is for superusers and sys:secadmin
      // (r_SVV_RLS_ATTACHED_POLICY.html); every other page says its view is
      // visible to all users, or to superusers with no rows for the others.
      const { rows: denied } = await admin.query<{ relname: string }>(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'pg_catalog' and c.relkind in ('v', 'r', 'm')
           and c.relname ~ '^(stl|stv|svl|svv|svcs|sys)_'
           and not has_table_privilege('stepl_plain', c.oid, 'select')
         order by 1`,
      )
      expect(denied.map((r) => r.relname)).toEqual(['svv_rls_attached_policy'])
    })

    it('every operator step log is readable by a user and empty, after statements of every kind', async () => {
      await admin.query(
        `select distinct e.id, count(*) over (order by e.id rows unbounded preceding) as n
         from sl_t e join sl_t f on f.id = e.id where e.id in (select id from sl_t)
         group by e.id order by 1 limit 2`,
      )
      await admin.query('update sl_t set id = id where id = 1')
      await admin.query('delete from sl_t where id = 4')
      for (const client of [admin, plain, reader])
        for (const view of OPERATOR_LOGS) {
          const { rows: n } = await client.query<{ n: string }>(
            `select count(*) as n from ${view}`,
          )
          expect(n[0]!.n, `${view} (${pageOf(view)})`).toBe('0')
        }
    })
  },
)
