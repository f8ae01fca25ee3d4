import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect } from './local-test-helpers.js'

// Staleness and refresh of materialized views: STV_MV_INFO / SVV_MV_INFO's
// is_stale follows committed changes to the base tables, a REFRESH of a view
// that holds them all does nothing and says so, and REFRESH ... CASCADE
// refreshes the materialized views a view is built on first.

const MV_REFRESH = `${DG}materialized-view-refresh.html`
const MV_REFRESH_SQL = `${DG}materialized-view-refresh-sql-command.html`
const STV_MV_INFO = `${DG}r_STV_MV_INFO.html`
const SVV_MV_INFO = `${DG}r_SVV_MV_INFO.html`
const SVL_MV_REFRESH_STATUS = `${DG}r_SVL_MV_REFRESH_STATUS.html`
const SYS_MV_REFRESH_HISTORY = `${DG}SYS_MV_REFRESH_HISTORY.html`

const INCREMENTAL = 'Refresh successfully updated MV incrementally'
const RECOMPUTED = 'Refresh successfully recomputed MV from scratch'
const UP_TO_DATE = 'MV was already updated'

const STALE = (name: string): string =>
  `select is_stale from stv_mv_info where trim(name) = '${name}'`
const STATUS = (prefix: string): string =>
  `select trim(mv_name) as mv, status from svl_mv_refresh_status where trim(mv_name) like '${prefix}%' order by starttime`

const CASES: readonly Case[] = [
  {
    title:
      'STV_MV_INFO is_stale: f as created, t after a committed INSERT, UPDATE or DELETE of a base table, f again after REFRESH',
    doc: STV_MV_INFO,
    steps: [
      run('create table s2_st_t (a int, b int)'),
      run('insert into s2_st_t values (1, 1)'),
      run(
        'create materialized view s2_st_mv as select a, sum(b) as s from s2_st_t group by a',
      ),
      rows(STALE('s2_st_mv'), [{ is_stale: 'f' }]),
      run('insert into s2_st_t values (1, 2)'),
      rows(STALE('s2_st_mv'), [{ is_stale: 't' }]),
      run('refresh materialized view s2_st_mv'),
      rows(STALE('s2_st_mv'), [{ is_stale: 'f' }]),
      rows('select s::int as s from s2_st_mv', [{ s: 3 }]),
      run('update s2_st_t set b = 5 where b = 2'),
      rows(STALE('s2_st_mv'), [{ is_stale: 't' }]),
      run('refresh materialized view s2_st_mv'),
      rows(STALE('s2_st_mv'), [{ is_stale: 'f' }]),
      run('delete from s2_st_t where b = 5'),
      rows(STALE('s2_st_mv'), [{ is_stale: 't' }]),
      run('refresh materialized view s2_st_mv'),
      rows('select s::int as s from s2_st_mv', [{ s: 1 }]),
      rows(STALE('s2_st_mv'), [{ is_stale: 'f' }]),
    ],
  },
  {
    title:
      'SVV_MV_INFO is_stale: a change to one base table of a join makes the view stale, a change to another table does not',
    doc: SVV_MV_INFO,
    steps: [
      run('create table s2_sj_a (k int, x int)'),
      run('create table s2_sj_b (k int, y int)'),
      run('create table s2_sj_other (k int)'),
      run(
        'create materialized view s2_sj_mv as select a.k, a.x, b.y from s2_sj_a a join s2_sj_b b on a.k = b.k',
      ),
      run('insert into s2_sj_other values (1)'),
      rows("select is_stale from svv_mv_info where trim(name) = 's2_sj_mv'", [
        { is_stale: 'f' },
      ]),
      run('insert into s2_sj_b values (1, 2)'),
      rows("select is_stale from svv_mv_info where trim(name) = 's2_sj_mv'", [
        { is_stale: 't' },
      ]),
    ],
  },
  {
    title:
      'STV_MV_INFO is_stale: a change that is rolled back leaves the view up to date',
    doc: STV_MV_INFO,
    steps: [
      run('create table s2_rb_t (a int)'),
      run('create materialized view s2_rb_mv as select a from s2_rb_t'),
      run('begin'),
      run('insert into s2_rb_t values (1)'),
      run('delete from s2_rb_t'),
      run('rollback'),
      rows(STALE('s2_rb_mv'), [{ is_stale: 'f' }]),
      run('refresh materialized view s2_rb_mv'),
      rows(STATUS('s2_rb_'), [{ mv: 's2_rb_mv', status: UP_TO_DATE }]),
    ],
  },
  {
    title:
      'STV_MV_INFO is_stale: TRUNCATE, ALTER TABLE APPEND and a procedure that inserts change a base table',
    doc: STV_MV_INFO,
    steps: [
      run('create table s2_ops_t (a int)'),
      run('create table s2_ops_src (a int)'),
      run('insert into s2_ops_t values (1)'),
      run('insert into s2_ops_src values (2)'),
      run('create materialized view s2_ops_mv as select a from s2_ops_t'),
      run('alter table s2_ops_t append from s2_ops_src'),
      rows(STALE('s2_ops_mv'), [{ is_stale: 't' }]),
      run('refresh materialized view s2_ops_mv'),
      rows('select count(*)::int as n from s2_ops_mv', [{ n: 2 }]),
      rows(STALE('s2_ops_mv'), [{ is_stale: 'f' }]),
      run('truncate s2_ops_t'),
      rows(STALE('s2_ops_mv'), [{ is_stale: 't' }]),
      run('refresh materialized view s2_ops_mv'),
      rows(STALE('s2_ops_mv'), [{ is_stale: 'f' }]),
      run(
        'create procedure s2_ops_add(v int) as $$ begin insert into s2_ops_t values (v); end $$ language plpgsql',
      ),
      run('call s2_ops_add(3)'),
      rows(STALE('s2_ops_mv'), [{ is_stale: 't' }]),
      run('refresh materialized view s2_ops_mv'),
      rows('select a from s2_ops_mv', [{ a: 3 }]),
      rows(STATUS('s2_ops_'), [
        { mv: 's2_ops_mv', status: INCREMENTAL },
        // A TRUNCATE makes the next refresh a recompute (MV_REFRESH_SQL).
        { mv: 's2_ops_mv', status: RECOMPUTED },
        { mv: 's2_ops_mv', status: INCREMENTAL },
      ]),
    ],
  },
  {
    title:
      'SVL_MV_REFRESH_STATUS: a REFRESH of a view that holds every change is "MV was already updated", incremental or recomputed',
    doc: SVL_MV_REFRESH_STATUS,
    steps: [
      run('create table s2_ud_t (a int, b int)'),
      run(
        'create materialized view s2_ud_inc as select a, count(*) as n from s2_ud_t group by a',
      ),
      run(
        'create materialized view s2_ud_full as select a, max(b) as m from s2_ud_t group by a',
      ),
      run('refresh materialized view s2_ud_inc'),
      run('refresh materialized view s2_ud_full'),
      run('insert into s2_ud_t values (1, 1)'),
      run('refresh materialized view s2_ud_inc'),
      run('refresh materialized view s2_ud_full'),
      run('refresh materialized view s2_ud_inc'),
      run('refresh materialized view s2_ud_full'),
      rows(STATUS('s2_ud_'), [
        { mv: 's2_ud_inc', status: UP_TO_DATE },
        { mv: 's2_ud_full', status: UP_TO_DATE },
        { mv: 's2_ud_inc', status: INCREMENTAL },
        { mv: 's2_ud_full', status: RECOMPUTED },
        { mv: 's2_ud_inc', status: UP_TO_DATE },
        { mv: 's2_ud_full', status: UP_TO_DATE },
      ]),
      rows(
        "select trim(mv_name) as mv, trim(refresh_type) as type, status from sys_mv_refresh_history where trim(mv_name) = 's2_ud_inc' order by start_time",
        [
          { mv: 's2_ud_inc', type: 'Manual', status: UP_TO_DATE },
          { mv: 's2_ud_inc', type: 'Manual', status: INCREMENTAL },
          { mv: 's2_ud_inc', type: 'Manual', status: UP_TO_DATE },
        ],
      ),
    ],
  },
  {
    title:
      'SYS_MV_REFRESH_HISTORY: a view that calls a mutable function is always stale and always refreshed',
    doc: SYS_MV_REFRESH_HISTORY,
    steps: [
      run('create table s2_mu_t (a int)'),
      run(
        'create materialized view s2_mu_mv as select a, getdate() as g from s2_mu_t',
      ),
      run('refresh materialized view s2_mu_mv'),
      run('refresh materialized view s2_mu_mv'),
      rows(STALE('s2_mu_mv'), [{ is_stale: 't' }]),
      rows(
        "select status from sys_mv_refresh_history where trim(mv_name) = 's2_mu_mv'",
        [{ status: RECOMPUTED }, { status: RECOMPUTED }],
      ),
    ],
  },
  {
    title:
      'materialized views on materialized views: a refresh of the inner view makes the outer one stale',
    doc: MV_REFRESH,
    steps: [
      run('create table s2_nv_a (a int)'),
      run('create materialized view s2_nv_b as select * from s2_nv_a'),
      run('create materialized view s2_nv_c as select * from s2_nv_b'),
      run('insert into s2_nv_a values (1)'),
      rows(
        "select trim(name) as name, is_stale from stv_mv_info where trim(name) like 's2_nv_%' order by 1",
        [
          { name: 's2_nv_b', is_stale: 't' },
          { name: 's2_nv_c', is_stale: 'f' },
        ],
      ),
      // c is up to date with b, which is not (the page's example).
      run('refresh materialized view s2_nv_c'),
      run('refresh materialized view s2_nv_b'),
      rows(
        "select trim(name) as name, is_stale from stv_mv_info where trim(name) like 's2_nv_%' order by 1",
        [
          { name: 's2_nv_b', is_stale: 'f' },
          { name: 's2_nv_c', is_stale: 't' },
        ],
      ),
      run('refresh materialized view s2_nv_c'),
      rows('select a from s2_nv_c', [{ a: 1 }]),
      rows(STATUS('s2_nv_'), [
        { mv: 's2_nv_c', status: UP_TO_DATE },
        { mv: 's2_nv_b', status: INCREMENTAL },
        { mv: 's2_nv_c', status: INCREMENTAL },
      ]),
    ],
  },
  {
    title:
      'REFRESH MATERIALIZED VIEW ... CASCADE: the views it is built on first, deepest first, and not the views built on it',
    doc: MV_REFRESH_SQL,
    steps: [
      run('create table s2_cc_t (a int)'),
      run('create materialized view s2_cc_u as select * from s2_cc_t'),
      run('create materialized view s2_cc_v as select * from s2_cc_u'),
      run('create materialized view s2_cc_w as select * from s2_cc_v'),
      run('insert into s2_cc_t values (1)'),
      run('refresh materialized view s2_cc_v cascade'),
      rows('select a from s2_cc_u', [{ a: 1 }]),
      rows('select a from s2_cc_v', [{ a: 1 }]),
      rows('select count(*)::int as n from s2_cc_w', [{ n: 0 }]),
      rows(STATUS('s2_cc_'), [
        { mv: 's2_cc_u', status: INCREMENTAL },
        { mv: 's2_cc_v', status: INCREMENTAL },
      ]),
      rows(
        "select trim(name) as name, is_stale from stv_mv_info where trim(name) like 's2_cc_%' order by 1",
        [
          { name: 's2_cc_u', is_stale: 'f' },
          { name: 's2_cc_v', is_stale: 'f' },
          { name: 's2_cc_w', is_stale: 't' },
        ],
      ),
      // Each view reads in one transaction what the one below it just got.
      run('insert into s2_cc_t values (2)'),
      run('refresh materialized view s2_cc_w cascade'),
      rows('select a from s2_cc_w order by a', [{ a: 1 }, { a: 2 }]),
      // Nothing left to do anywhere.
      run('refresh materialized view s2_cc_w cascade'),
      rows(
        "select trim(mv_name) as mv, status from svl_mv_refresh_status where trim(mv_name) like 's2_cc_%' and status = 'MV was already updated' order by starttime, 1",
        [
          { mv: 's2_cc_u', status: UP_TO_DATE },
          { mv: 's2_cc_v', status: UP_TO_DATE },
          { mv: 's2_cc_w', status: UP_TO_DATE },
        ],
      ),
    ],
  },
  {
    title:
      'REFRESH MATERIALIZED VIEW ... RESTRICT: the named view only, the default',
    doc: MV_REFRESH_SQL,
    steps: [
      run('create table s2_rs_t (a int)'),
      run('create materialized view s2_rs_u as select * from s2_rs_t'),
      run('create materialized view s2_rs_v as select * from s2_rs_u'),
      run('insert into s2_rs_t values (1)'),
      run('refresh materialized view s2_rs_v restrict'),
      rows('select count(*)::int as n from s2_rs_u', [{ n: 0 }]),
      run('refresh materialized view s2_rs_u restrict'),
      run('refresh materialized view s2_rs_v restrict'),
      rows('select a from s2_rs_v', [{ a: 1 }]),
      rows(STATUS('s2_rs_'), [
        { mv: 's2_rs_v', status: UP_TO_DATE },
        { mv: 's2_rs_u', status: INCREMENTAL },
        { mv: 's2_rs_v', status: INCREMENTAL },
      ]),
    ],
  },
  {
    title:
      'REFRESH MATERIALIZED VIEW in a stored procedure: an up-to-date view is left as it is, CASCADE refreshes the views below',
    doc: MV_REFRESH_SQL,
    steps: [
      run('create table s2_sp_t (a int)'),
      run('create materialized view s2_sp_u as select a from s2_sp_t'),
      run('create materialized view s2_sp_v as select a from s2_sp_u'),
      run(
        'create procedure s2_sp_refresh() as $$ begin refresh materialized view s2_sp_v cascade; end $$ language plpgsql',
      ),
      run('call s2_sp_refresh()'),
      run('insert into s2_sp_t values (1)'),
      run('call s2_sp_refresh()'),
      rows('select a from s2_sp_v', [{ a: 1 }]),
      rows(STATUS('s2_sp_'), [
        { mv: 's2_sp_u', status: UP_TO_DATE },
        { mv: 's2_sp_v', status: UP_TO_DATE },
        { mv: 's2_sp_u', status: INCREMENTAL },
        { mv: 's2_sp_v', status: INCREMENTAL },
      ]),
    ],
  },
]

describeFidelityCases(
  'local emulator: materialized view staleness and refresh',
  's2_mv_refresh',
  CASES,
  (url) => {
    const info = (message: string) => [{ severity: 'INFO', message }]

    it(`REFRESH MATERIALIZED VIEW: INFO says a view is already up to date, or that it depends on one that is not, and only a refresh that ran says it was updated (${MV_REFRESH})`, async () => {
      const client = await connect(url())
      const notices: { severity?: string; message?: string }[] = []
      client.on('notice', (n) =>
        notices.push({ severity: n.severity, message: n.message }),
      )
      const refreshed = async (sql: string): Promise<unknown[]> => {
        notices.length = 0
        await client.query(sql)
        return [...notices]
      }
      try {
        await client.query('create table s2_in_a (a int)')
        await client.query(
          'create materialized view s2_in_b as select * from s2_in_a',
        )
        await client.query(
          'create materialized view s2_in_c as select * from s2_in_b',
        )
        expect(await refreshed('refresh materialized view s2_in_b')).toEqual(
          info('Materialized view s2_in_b is already up to date.'),
        )
        // The page's example, word for word.
        await client.query('insert into s2_in_a values (1)')
        expect(await refreshed('refresh materialized view s2_in_c')).toEqual(
          info(
            'Materialized view s2_in_c is already up to date.  However, it depends on another materialized view that is not up to date.',
          ),
        )
        expect(await refreshed('refresh materialized view s2_in_b')).toEqual(
          info(
            'Materialized view s2_in_b was incrementally updated successfully.',
          ),
        )
        expect(await refreshed('refresh materialized view s2_in_c')).toEqual(
          info(
            'Materialized view s2_in_c was incrementally updated successfully.',
          ),
        )
        // CASCADE reports the view named (MV_REFRESH_SQL).
        await client.query('insert into s2_in_a values (2)')
        expect(
          await refreshed('refresh materialized view s2_in_c cascade'),
        ).toEqual(
          info(
            'Materialized view s2_in_c was incrementally updated successfully.',
          ),
        )
      } finally {
        await client.end()
      }
    })

    it(`STV_MV_INFO is_stale and REFRESH see only committed changes, from any session (${MV_REFRESH_SQL})`, async () => {
      const writer = await connect(url())
      const reader = await connect(url())
      const stale = async (): Promise<unknown> =>
        (await reader.query(STALE('s2_cs_mv'))).rows
      try {
        await writer.query('create table s2_cs_t (a int)')
        await writer.query(
          'create materialized view s2_cs_mv as select a from s2_cs_t',
        )
        await writer.query('begin')
        await writer.query('insert into s2_cs_t values (1)')
        expect(await stale()).toEqual([{ is_stale: 'f' }])
        // A refresh while the change is not committed holds none of it ...
        await reader.query('refresh materialized view s2_cs_mv')
        await writer.query('commit')
        // ... so the committed change leaves the view stale.
        expect(await stale()).toEqual([{ is_stale: 't' }])
        await reader.query('refresh materialized view s2_cs_mv')
        expect(await stale()).toEqual([{ is_stale: 'f' }])
        expect((await reader.query('select a from s2_cs_mv')).rows).toEqual([
          { a: 1 },
        ])
        const { rows: status } = await reader.query(STATUS('s2_cs_'))
        expect(status).toEqual([
          { mv: 's2_cs_mv', status: UP_TO_DATE },
          { mv: 's2_cs_mv', status: INCREMENTAL },
        ])
      } finally {
        await writer.end()
        await reader.end()
      }
    })
  },
)
