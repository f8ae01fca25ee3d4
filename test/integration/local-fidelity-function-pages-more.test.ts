import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  run,
  typed,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG, INT4, NUMERIC, VARCHAR } from './function-answers.js'
import { connect } from './local-test-helpers.js'

// Function pages the other files leave out: the compute-node-only rule of
// LISTAGG, MEDIAN, PERCENTILE_CONT and PERCENTILE_DISC, the Examples of
// PG_CANCEL_BACKEND and PG_TERMINATE_BACKEND, EXPLAIN_MODEL, and a call of
// each spatial function (all refused as emulator limits).

/** A page's address in the Developer Guide. */
const page = (name: string): string => `${DG}${name}.html`

const COMPUTE_NODE = page('c_SQL_functions_compute_node_only')
const USER_TABLE =
  'One or more of the used functions must be applied on at least one user created table.'
/** A user table `name` of one INTEGER column x: 1, 2, 4 (each case its own). */
const table = (name: string) => [
  run(`create table ${name} (x int)`),
  run(`insert into ${name} values (1), (2), (4)`),
]

/** The query fails on the leader node: it references no user or system table. */
const leaderOnly = (sql: string) => fails(sql, '0A000', USER_TABLE)

const COMPUTE_NODE_ONLY: readonly Case[] = [
  {
    title: 'compute-node-only functions: a query of no table fails',
    doc: COMPUTE_NODE,
    steps: [
      leaderOnly('select listagg(x) from (select 1 as x)'),
      leaderOnly('select median(1)'),
      // A common table expression is no table.
      leaderOnly('with c as (select 1 as x) select median(x) from c'),
    ],
  },
  {
    title:
      'compute-node-only functions: catalog tables, PG_TABLE_DEF and generate_series run on the leader node',
    doc: COMPUTE_NODE,
    steps: [
      leaderOnly(
        "select listagg(tablename, ',') within group (order by tablename) from pg_table_def where schemaname = 'public'",
      ),
      leaderOnly("select median(relpages) from pg_class where relkind = 'r'"),
      leaderOnly(
        'select percentile_cont(0.5) within group (order by x) from generate_series(1, 3) as x',
      ),
    ],
  },
  {
    title: 'LISTAGG fails without a user table, runs on one',
    doc: page('r_LISTAGG'),
    steps: [
      ...table('h1_cn1'),
      leaderOnly(
        "select listagg(x, ',') within group (order by x) from (select 1 as x) as t",
      ),
      typed(
        "select listagg(x, ',') within group (order by x) as l from h1_cn1",
        [{ l: '1,2,4' }],
        [VARCHAR],
      ),
    ],
  },
  {
    title:
      'MEDIAN fails without a user table, runs on one (DECIMAL of integers)',
    doc: page('r_MEDIAN'),
    steps: [
      ...table('h1_cn2'),
      leaderOnly('select median(x) from (select 1 as x) as t'),
      typed('select median(x) from h1_cn2', [{ median: '2' }], [NUMERIC]),
    ],
  },
  {
    title: 'PERCENTILE_CONT fails without a user table, runs on one',
    doc: page('r_PERCENTILE_CONT'),
    steps: [
      ...table('h1_cn3'),
      leaderOnly(
        'select percentile_cont(0.5) within group (order by x) from (select 1 as x) as t',
      ),
      typed(
        'select percentile_cont(0.75) within group (order by x) as p from h1_cn3',
        [{ p: '3' }],
        [NUMERIC],
      ),
    ],
  },
  {
    title:
      'APPROXIMATE PERCENTILE_DISC fails without a user table, runs on one',
    doc: page('r_APPROXIMATE_PERCENTILE_DISC'),
    steps: [
      ...table('h1_cn4'),
      leaderOnly(
        'select approximate percentile_disc(0.5) within group (order by x) from generate_series(1, 3) as x',
      ),
      typed(
        'select approximate percentile_disc(0.5) within group (order by x) as p from h1_cn4',
        [{ p: 2 }],
        [INT4],
      ),
    ],
  },
  {
    title:
      'the window forms: MEDIAN and PERCENTILE_DISC OVER () without a user table',
    doc: page('r_WF_MEDIAN'),
    steps: [
      ...table('h1_cn5'),
      leaderOnly('select median(x) over () from generate_series(1, 3) as x'),
      leaderOnly(
        'select percentile_disc(0.5) within group (order by x) over () from (select 1 as x) as t',
      ),
      typed(
        'select distinct median(x) over () as m from h1_cn5',
        [{ m: '2' }],
        [NUMERIC],
      ),
    ],
  },
  {
    title:
      'a user table anywhere in the query, or a system table, is enough (a join, a subquery)',
    doc: COMPUTE_NODE,
    steps: [
      ...table('h1_cn6'),
      typed(
        'select median(t.y) as m from (select 10 as y) as t, h1_cn6 where h1_cn6.x = 1',
        [{ m: '10' }],
        [NUMERIC],
      ),
      typed(
        'select (select median(x) from h1_cn6) as m',
        [{ m: '2' }],
        [NUMERIC],
      ),
      run('select median(1) from stv_recents'),
    ],
  },
]

/** Each spatial function page and its function. */
const SPATIAL = [
  'AddBBox',
  'DropBBox',
  'GeometryType',
  'ST_AddPoint',
  'ST_Angle',
  'ST_Area',
  'ST_AsBinary',
  'ST_AsEWKB',
  'ST_AsEWKT',
  'ST_AsGeoJSON',
  'ST_Azimuth',
  'ST_Boundary',
  'ST_Collect',
  'ST_Contains',
  'ST_ContainsProperly',
  'ST_ConvexHull',
  'ST_CoveredBy',
  'ST_Covers',
  'ST_Crosses',
  'ST_Dimension',
  'ST_Disjoint',
  'ST_Distance',
  'ST_DistanceSphere',
  'ST_DWithin',
  'ST_EndPoint',
  'ST_Envelope',
  'ST_Equals',
  'ST_ExteriorRing',
  'ST_Force2D',
  'ST_Force3D',
  'ST_Force3DM',
  'ST_Force3DZ',
  'ST_Force4D',
  'ST_GeometryN',
  'ST_GeometryType',
  'ST_GeomFromEWKT',
  'ST_GeomFromText',
  'ST_GeomFromWKB',
  'ST_InteriorRingN',
  'ST_Intersects',
  'ST_IsPolygonCCW',
  'ST_IsPolygonCW',
  'ST_IsClosed',
  'ST_IsCollection',
  'ST_IsEmpty',
  'ST_IsSimple',
  'ST_IsValid',
  'ST_Length',
  'ST_LengthSphere',
  'ST_Length2D',
  'ST_LineFromMultiPoint',
  'ST_LineInterpolatePoint',
  'ST_M',
  'ST_MakeEnvelope',
  'ST_MakeLine',
  'ST_MakePoint',
  'ST_MakePolygon',
  'ST_MemSize',
  'ST_MMax',
  'ST_MMin',
  'ST_Multi',
  'ST_NDims',
  'ST_NPoints',
  'ST_NRings',
  'ST_NumGeometries',
  'ST_NumInteriorRings',
  'ST_NumPoints',
  'ST_Perimeter',
  'ST_Perimeter2D',
  'ST_PointN',
  'ST_Points',
  'ST_Polygon',
  'ST_RemovePoint',
  'ST_Reverse',
  'ST_SetPoint',
  'ST_SetSRID',
  'ST_Simplify',
  'ST_SRID',
  'ST_StartPoint',
  'ST_Touches',
  'ST_Within',
  'ST_X',
  'ST_XMax',
  'ST_XMin',
  'ST_Y',
  'ST_YMax',
  'ST_YMin',
  'ST_Z',
  'ST_ZMax',
  'ST_ZMin',
  'SupportsBBox',
]

const SPATIAL_CASES: readonly Case[] = SPATIAL.map((name) => ({
  title: `${name}: an emulator limit (no GEOMETRY engine)`,
  doc: page(`${name}-function`),
  steps: [
    fails(
      `select ${name.toLowerCase()}(null)`,
      '0A000',
      `${name.toUpperCase()} (Spatial functions) is not supported by the local emulator`,
    ),
  ],
}))

const OTHER_CASES: readonly Case[] = [
  {
    title: 'EXPLAIN_MODEL: an emulator limit, as CREATE MODEL is',
    doc: page('r_explain_model_function'),
    steps: [
      fails(
        "select explain_model('customer_churn_auto_model')",
        '0A000',
        'EXPLAIN_MODEL (Machine learning functions) is not supported by the local emulator',
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: more function pages',
  'local_fid_fpm',
  [...COMPUTE_NODE_ONLY, ...SPATIAL_CASES, ...OTHER_CASES],
  (url) => {
    it(`PG_CANCEL_BACKEND: the Examples' STV_RECENTS query and the call's column name (${page('PG_CANCEL_BACKEND')})`, async () => {
      const client = await connect(url())
      try {
        const recent = await client.query(
          `select pid, trim(starttime) as start,
duration, trim(user_name) as user,
substring (query,1,40) as querytxt
from stv_recents
where status = 'Running'`,
        )
        expect(recent.fields.map((f) => f.name)).toEqual([
          'pid',
          'start',
          'duration',
          'user',
          'querytxt',
        ])
        // The query itself is running.
        expect(recent.rows.map((r) => r['querytxt'])).toContain(
          'select pid, trim(starttime) as start,\ndu',
        )
        // Process 1 is never a session: the pages' pids (802, 8585) may be
        // live sessions of other files on the shared server.
        const cancelled = await client.query('select pg_cancel_backend(1)')
        expect(cancelled.fields.map((f) => f.name)).toEqual([
          'pg_cancel_backend',
        ])
      } finally {
        await client.end()
      }
    })

    it(`PG_TERMINATE_BACKEND: the Examples' SVV_TRANSACTIONS columns and the call's column name (${page('PG_TERMINATE_BACKEND')})`, async () => {
      const client = await connect(url())
      try {
        const locks = await client.query('select * from svv_transactions')
        expect(locks.fields.map((f) => f.name)).toEqual([
          'txn_owner',
          'txn_db',
          'xid',
          'pid',
          'txn_start',
          'lock_mode',
          'lockable_object_type',
          'relation',
          'granted',
        ])
        const terminated = await client.query('select pg_terminate_backend(1)')
        expect(terminated.fields.map((f) => f.name)).toEqual([
          'pg_terminate_backend',
        ])
      } finally {
        await client.end()
      }
    })
  },
)
