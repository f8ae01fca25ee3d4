import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { viewColumns } from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  errorOf,
  startS3Emulator,
  type S3Emulator,
} from './local-test-helpers.js'

// The last SYS monitoring views of the Guide: SYS_CHILD_QUERY_TEXT over the
// query log, SYS_UDF_LOG (empty: Python UDFs are refused),
// SVCS_S3QUERY_SUMMARY beside SVL_S3QUERY_SUMMARY, the views refused as
// emulator limits, and COPY's SIMPLIFY.

const page = (name: string) => `${DG}${name}`

const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'

const COLUMNS: Readonly<Record<string, readonly [string, readonly string[]]>> =
  {
    sys_child_query_text: [
      'SYS_CHILD_QUERY_TEXT.html',
      [
        'user_id integer',
        'query_id bigint',
        'child_query_sequence integer',
        'sequence integer',
        'text character(200)',
      ],
    ],
    // schema_name is not in the page's table but in its sample output.
    sys_analyze_history: [
      'SYS_ANALYZE_HISTORY.html',
      [
        'user_id integer',
        'transaction_id bigint',
        'database_name character(30)',
        'schema_name character(30)',
        'table_name character(30)',
        'table_id integer',
        'is_automatic character(1)',
        'status character(15)',
        'start_time timestamp without time zone',
        'end_time timestamp without time zone',
        'rows double precision',
        'modified_rows double precision',
        'analyze_threshold_percent integer',
        'last_analyze_time timestamp without time zone',
      ],
    ],
    sys_udf_log: [
      'SYS_UDF_LOG.html',
      [
        'query_id bigint',
        'function_name text',
        'record_time timestamp without time zone',
        'sequence integer',
        'message text',
      ],
    ],
  }

/** SVCS_S3QUERY_SUMMARY's columns as far as its page was read. */
const SVCS_S3QUERY_SUMMARY_START = [
  'userid integer',
  'query integer',
  'xid bigint',
  'pid integer',
  'segment integer',
  'step integer',
  'starttime timestamp without time zone',
  'endtime timestamp without time zone',
  'elapsed integer',
  'aborted integer',
  'external_table_name character(136)',
  'file_format character(16)',
  'is_partitioned character(1)',
  'is_rrscan character(1)',
  'is_nested character varying(1)',
  's3_scanned_rows bigint',
]

const REFUSED: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['sys_vacuum_history', 'SYS_VACUUM_HISTORY.html', /STL_VACUUM/],
  [
    'sys_analyze_compression_history',
    'SYS_ANALYZE_COMPRESSION_HISTORY.html',
    /ANALYZE COMPRESSION/,
  ],
  ['sys_copy_replacements', 'SYS_COPY_REPLACEMENTS.html', /ACCEPTINVCHARS/],
  ['sys_restore_state', 'SYS_RESTORE_STATE.html', /no equivalent/],
  ['sys_restore_log', 'SYS_RESTORE_LOG.html', /no equivalent/],
  [
    'sys_auto_table_optimization',
    'SYS_AUTO_TABLE_OPTIMIZATION.html',
    /no equivalent/,
  ],
  [
    'sys_integration_activity',
    'SYS_INTEGRATION_ACTIVITY.html',
    /no equivalent/,
  ],
  [
    'sys_integration_table_state',
    'SYS_INTEGRATION_TABLE_STATE.html',
    /no equivalent/,
  ],
  [
    'sys_integration_table_activity',
    'SYS_INTEGRATION_TABLE_ACTIVITY.html',
    /no equivalent/,
  ],
  [
    'sys_datashare_cross_region_usage',
    'SYS_DATASHARE_CROSS_REGION_USAGE.html',
    /no equivalent/,
  ],
]

describe('local emulator: the last documented SYS monitoring views', () => {
  let emulator: S3Emulator
  let admin: pg.Client
  let plain: pg.Client

  beforeAll(async () => {
    emulator = await startS3Emulator('local_sysviews_tail', {
      'ext/rows.txt': '1|one\n2|two\n3|three\n',
    })
    admin = await connect(emulator.local.url)
    await admin.query('create table st_t (id int, label varchar(10))')
    await admin.query("create user svtail_plain password 'Abcdefg1'")
    await admin.query('grant select on st_t to svtail_plain')
    const url = new URL(emulator.local.url)
    url.username = 'svtail_plain'
    url.password = 'Abcdefg1'
    plain = await connect(url.toString())
  })
  afterAll(async () => {
    await plain?.end()
    await admin?.end()
    await emulator?.stop()
  })

  for (const [view, [doc, columns]] of Object.entries(COLUMNS)) {
    it(`${view.toUpperCase()} has the page's columns`, async () => {
      expect(await viewColumns(admin, view), page(doc)).toEqual(columns)
    })
  }

  it("SVCS_S3QUERY_SUMMARY has its page's columns, SVL_S3QUERY_SUMMARY's after them", async () => {
    const svcs = await viewColumns(admin, 'svcs_s3query_summary')
    expect(
      svcs.slice(0, SVCS_S3QUERY_SUMMARY_START.length),
      page('r_SVCS_S3QUERY_SUMMARY.html'),
    ).toEqual(SVCS_S3QUERY_SUMMARY_START)
    const svl = await viewColumns(admin, 'svl_s3query_summary')
    expect(svcs.map((c) => c.split(' ')[0])).toEqual(
      svl.map((c) => c.split(' ')[0]),
    )
  })

  it("SYS_CHILD_QUERY_TEXT: the page's example, a query's text as its one child query in 200-character pieces", async () => {
    const long = `select id, label from st_t where label <> '${'x'.repeat(300)}'`
    await admin.query(long)
    const query = Number(
      (await admin.query('select pg_last_query_id() as q')).rows[0].q,
    )
    const { rows } = await admin.query(
      `select user_id, child_query_sequence, sequence, text
       from sys_child_query_text where query_id = $1
       order by child_query_sequence asc, sequence asc`,
      [query],
    )
    expect(
      rows.map((r) => [r.child_query_sequence, r.sequence]),
      page('SYS_CHILD_QUERY_TEXT.html'),
    ).toEqual([
      [1, 0],
      [1, 1],
    ])
    expect(rows.map((r) => r.text as string).join('')).toBe(
      long.padEnd(400, ' '),
    )
    const me = await admin.query(
      'select usesysid from pg_user where usename = current_user',
    )
    expect(rows[0]?.user_id).toBe(me.rows[0].usesysid)
    // The child query is SYS_QUERY_DETAIL's.
    const detail = await admin.query(
      'select distinct child_query_sequence from sys_query_detail where query_id = $1',
      [query],
    )
    expect(detail.rows).toEqual([{ child_query_sequence: 1 }])
  })

  it('SYS_CHILD_QUERY_TEXT: no DDL, and a regular user sees only its own queries', async () => {
    await admin.query('create table st_ddl (id int)')
    const ddl = await admin.query(
      "select count(*)::int as n from sys_child_query_text where text like 'create table st_ddl%'",
    )
    expect(ddl.rows[0].n, page('SYS_CHILD_QUERY_TEXT.html')).toBe(0)
    await plain.query('select count(*) from st_t')
    const mine = Number(
      (await plain.query('select pg_last_query_id() as q')).rows[0].q,
    )
    const { rows } = await plain.query(
      'select distinct query_id from sys_child_query_text',
    )
    expect(rows.map((r) => Number(r.query_id))).toContain(mine)
    const me = await plain.query(
      'select count(*)::int as n from sys_child_query_text where user_id <> (select usesysid from pg_user where usename = current_user)',
    )
    expect(me.rows[0].n, page('c_visibility-of-data.html')).toBe(0)
  })

  it('SYS_UDF_LOG: no rows, as the Python UDFs that log are refused', async () => {
    const error = await errorOf(
      admin.query(
        'create function f_udf_inv(a int) returns float immutable as $$ return 1/a $$ language plpythonu',
      ),
    )
    expect(error.code).toBe('0A000')
    const { rows } = await admin.query(
      'select count(*)::int as n from sys_udf_log',
    )
    expect(rows[0].n, page('SYS_UDF_LOG.html')).toBe(0)
  })

  it('SVL_S3QUERY_SUMMARY / SVCS_S3QUERY_SUMMARY / SYS_EXTERNAL_QUERY_DETAIL: no rows after an external table is read', async () => {
    await admin.query(
      `create external schema st_ext from data catalog database 'st_extdb' iam_role '${ROLE}' create external database if not exists`,
    )
    await admin.query(
      "create external table st_ext.rows (id int, label varchar(10)) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/ext/'",
    )
    const read = await admin.query('select count(*)::int as n from st_ext.rows')
    expect(read.rows[0].n).toBe(3)
    for (const view of [
      'svl_s3query_summary',
      'svcs_s3query_summary',
      'sys_external_query_detail',
    ]) {
      const { rows } = await admin.query(
        `select count(*)::int as n from ${view}`,
      )
      expect(rows[0].n, page('r_SVCS_S3QUERY_SUMMARY.html')).toBe(0)
    }
  })

  it('COPY SIMPLIFY: with SHAPEFILE it is the emulator limit of shapefiles, without it a shapefile-only option', async () => {
    for (const options of [
      'format shapefile simplify auto',
      'format as shapefile simplify auto 1.1e-05',
      'format shapefile simplify 0.5 gzip',
      'format shapefile gzip simplify auto',
      'shapefile simplify',
    ]) {
      const error = await errorOf(
        admin.query(
          `copy st_t from 's3://bucket/shp/x.shp' iam_role default ${options}`,
        ),
      )
      expect(error.code, options).toBe('0A000')
      expect(error.message, page('spatial-copy-shapefile.html')).toMatch(
        /SHAPEFILE is not supported by the local emulator/,
      )
    }
    for (const options of ['simplify auto', "delimiter '|' simplify 0.5"]) {
      const error = await errorOf(
        admin.query(
          `copy st_t from 's3://bucket/ext/rows.txt' iam_role default ${options}`,
        ),
      )
      expect(error.code, options).toBe('42601')
      expect(error.message, page('spatial-copy-shapefile.html')).toBe(
        'SIMPLIFY can be used only with SHAPEFILE',
      )
    }
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
