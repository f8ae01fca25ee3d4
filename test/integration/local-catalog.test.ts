import fs from 'node:fs'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  CATALOG_VERSION,
  installCatalog,
} from '../../src/local/catalog/install-catalog.js'
import {
  buildLoadErrorsInsert,
  buildUnloadLogInsert,
} from '../../src/local/catalog/load-log.js'
import {
  buildQueryLogUpsert,
  LAST_LOGGED_QUERY_ID_SQL,
  NEXT_QUERY_ID_SQL,
  type QueryLogEntry,
} from '../../src/local/catalog/query-log.js'
import {
  buildTableAttributesSql,
  buildTableAttributesUpsert,
  type TableAttributes,
} from '../../src/local/catalog/table-attributes.js'
import { buildWlmConfigInsert } from '../../src/local/catalog/wlm-config.js'
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js'

interface DocumentedColumn {
  readonly name: string
  readonly type: string | null
  readonly type_guess?: string | null
  readonly verified?: boolean
}

const documented = JSON.parse(
  fs.readFileSync(
    new URL('./local-catalog-views.json', import.meta.url),
    'utf8',
  ),
) as { views: Record<string, { columns: DocumentedColumn[] }> }

/** Types picked for columns the documentation does not give (verified: false). */
const UNVERIFIED_CHOICES: Record<string, string> = {
  'sys_query_history.compute_type': 'character(32)',
  'sys_query_history.compile_time': 'bigint',
  'sys_query_history.planning_time': 'bigint',
  'sys_query_history.lock_wait_time': 'bigint',
  'sys_query_history.service_class_id': 'integer',
  'sys_query_history.service_class_name': 'character(64)',
  'sys_query_history.query_priority': 'character(20)',
  'sys_query_history.short_query_accelerated': 'character(10)',
  'sys_query_history.user_query_hash': 'character(40)',
  'sys_query_history.generic_query_hash': 'character(40)',
  'sys_query_history.query_hash_version': 'integer',
  'sys_query_history.result_cache_query_id': 'bigint',
  'sys_query_history.usage_limit': 'character(150)',
  'svv_table_info.estimated_visible_rows': 'numeric(38,0)',
  'svv_table_info.risk_event': 'text',
  'svv_table_info.vacuum_sort_benefit': 'numeric(12,2)',
  'svv_table_info.create_time': 'timestamp without time zone',
  'stl_load_errors.is_partial': 'integer',
  'stl_load_errors.start_offset': 'bigint',
  'stl_load_errors.copy_job_id': 'bigint',
}

/** Spells a documented type the way format_type() does. */
function normaliseType(type: string): string {
  const t = type.trim().toLowerCase().replace(/\s+/g, ' ')
  const sized = /^(\w[\w ]*?)\s*\((.+)\)$/.exec(t)
  const base = sized ? sized[1]! : t
  const size = sized ? `(${sized[2]!.replace(/\s/g, '')})` : ''
  const names: Record<string, string> = {
    int: 'integer',
    int4: 'integer',
    int8: 'bigint',
    int2: 'smallint',
    bool: 'boolean',
    char: 'character',
    bpchar: 'character',
    varchar: 'character varying',
    timestamp: 'timestamp without time zone',
    timestamptz: 'timestamp with time zone',
    decimal: 'numeric',
  }
  return `${names[base] ?? base}${size}`
}

describe('installCatalog run by two emulators at once', () => {
  it("installs once: the second finds the first one's catalog and keeps it", async () => {
    const { db, client, close } = await openTestDatabase('local_catalog_twice')
    const other = new pg.Client({ connectionString: db.url })
    await other.connect()
    try {
      // Both see no catalog before either commits; the second waits on the
      // lock and must not rebuild (dropping functions the first one's
      // sessions already use) once it is granted.
      const results = await Promise.all([
        installCatalog(client),
        installCatalog(other),
      ])
      expect(results.map((r) => r.created).sort()).toEqual([false, true])
    } finally {
      await other.end()
      await close()
    }
  })
})

describe('installCatalog', () => {
  let db: TestDatabase
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db, client, close } = await openTestDatabase('local_catalog'))
    await installCatalog(client, { redshiftVersion: '1.0.80000' })
  })
  afterAll(() => close())

  async function viewColumns(view: string) {
    const { rows } = await client.query<{ name: string; type: string }>(
      `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a
       where a.attrelid = ('pg_catalog.' || $1)::regclass and a.attnum > 0
       order by a.attnum`,
      [view],
    )
    return rows
  }

  for (const [view, spec] of Object.entries(documented.views)) {
    it(`${view} has the documented column names and types`, async () => {
      const actual = await viewColumns(view)
      expect(actual.map((c) => c.name)).toEqual(spec.columns.map((c) => c.name))
      for (const [i, column] of spec.columns.entries()) {
        const got = actual[i]!.type
        if (column.type !== null) {
          expect(`${view}.${column.name}: ${got}`).toBe(
            `${view}.${column.name}: ${normaliseType(column.type)}`,
          )
          continue
        }
        const choice = UNVERIFIED_CHOICES[`${view}.${column.name}`]
        expect(
          choice,
          `no recorded choice for ${view}.${column.name}`,
        ).toBeDefined()
        expect(got).toBe(choice)
        const guess = column.type_guess
        if (guess === 'character') expect(got).toMatch(/^character\(\d+\)$/)
        else if (guess) expect(got).toBe(normaliseType(guess))
      }
    })
  }

  it('resolves views and functions unqualified whatever search_path a client sets', async () => {
    const other = new pg.Client({ connectionString: db.url })
    await other.connect()
    try {
      await other.query('create schema if not exists elsewhere')
      await other.query('set search_path to elsewhere')
      const { rows } = await other.query(
        'select (select count(*) from stv_wlm_service_class_config) as queues, getdate() is not null as now',
      )
      expect(rows[0]).toEqual({ queues: '2', now: true })
    } finally {
      await other.end()
    }
  })

  it('serves views and functions to a user who is not a superuser', async () => {
    const role = `plain_${db.name.slice(-12)}`
    await client.query(`create role ${role}`)
    try {
      await client.query('begin')
      await client.query(`set local role ${role}`)
      const { rows } = await client.query(
        `select datediff('day', '2024-01-01', '2024-03-01') as d, version(true) like '%Redshift 1.0.80000' as v,
           listagg(x, ',') as l, median(x) as m, (select count(*) from stv_recents) >= 0 as r
         from generate_series(1, 3) as x`,
      )
      expect(rows[0]).toEqual({ d: '60', v: true, l: '1,2,3', m: '2', r: true })
    } finally {
      await client.query('rollback')
      await client.query(`drop role ${role}`)
    }
  })

  it('is idempotent, and rebuilds a different catalog version keeping the rows', async () => {
    expect(
      await installCatalog(client, { redshiftVersion: '1.0.80000' }),
    ).toEqual({
      created: false,
      version: CATALOG_VERSION,
    })
    const { text, values } = buildQueryLogUpsert([
      {
        query: 1,
        status: 'success',
        querytxt: 'select 1',
        starttime: new Date(),
      },
    ])
    await client.query(text, [...values])
    await client.query(
      "update redshift_local.settings set value = '0' where key = 'catalog_version'",
    )
    expect(
      (await installCatalog(client, { redshiftVersion: '1.0.80000' })).created,
    ).toBe(true)
    const { rows } = await client.query(
      'select query from stl_query where query = 1',
    )
    expect(rows).toEqual([{ query: 1 }])
    await client.query('delete from redshift_local.query_log')
  })

  it('hands out int4 query ids from its sequence', async () => {
    const a = (await client.query(NEXT_QUERY_ID_SQL)).rows[0].query
    const b = (await client.query(NEXT_QUERY_ID_SQL)).rows[0].query
    expect(typeof a).toBe('number')
    expect(b).toBe(a + 1)
  })

  describe('query log views', () => {
    const t0 = new Date(Date.UTC(2024, 0, 2, 10, 0, 0))
    const at = (ms: number) => new Date(t0.getTime() + ms)
    const base = { userid: 100, user_name: 'alice', database: 'dev' } as const

    beforeAll(async () => {
      await client.query('delete from redshift_local.query_log')
      const starts: QueryLogEntry[] = [
        {
          ...base,
          query: 201,
          pid: 11,
          xid: 501,
          starttime: at(0),
          status: 'running',
          querytxt: 'select * from sales',
          label: null,
          exec_start: at(0),
          queue_start: at(0),
        },
        {
          ...base,
          query: 202,
          pid: 12,
          xid: 502,
          starttime: at(10),
          status: 'running',
          querytxt: 'insert into t values (1)',
          label: 'a_label_that_is_longer_than_thirty_chars',
          queue_start: at(10),
          exec_start: at(20),
          service_class: 6,
        },
        {
          ...base,
          query: 203,
          pid: 13,
          xid: 503,
          starttime: at(20),
          status: 'queued',
          querytxt: 'select 2',
          queue_start: at(20),
          service_class: 6,
          slot_count: 2,
        },
        {
          ...base,
          query: 204,
          pid: 14,
          xid: 504,
          starttime: at(30),
          status: 'running',
          querytxt: 'copy t from s3',
          label: 'etl',
        },
      ]
      const batch1 = buildQueryLogUpsert(starts)
      await client.query(batch1.text, [...batch1.values])
      // Completions carry only what changed; one is merged with its own start.
      const batch2 = buildQueryLogUpsert([
        { query: 201, status: 'success', endtime: at(1500), rows: 3 },
        { query: 204, status: 'cancelled', endtime: at(2000) },
        {
          ...base,
          query: 205,
          pid: 15,
          xid: 505,
          starttime: at(40),
          status: 'running',
          querytxt: 'create table x as select 1',
        },
        { query: 205, status: 'failed', endtime: at(90), error: 'boom' },
      ])
      await client.query(batch2.text, [...batch2.values])
    })

    it('keeps the start fields when a completion arrives', async () => {
      const { rows } = await client.query(
        'select query, pid, querytxt, status, rows from redshift_local.query_log where query = 201',
      )
      expect(rows).toEqual([
        {
          query: 201,
          pid: 11,
          querytxt: 'select * from sales',
          status: 'success',
          rows: '3',
        },
      ])
    })

    it('STV_RECENTS shows running queries with their pid and finished ones with pid -1', async () => {
      const { rows } = await client.query(
        'select pid, trim(status) as status, duration, trim(query) as query, trim(user_name) as u, trim(db_name) as d from stv_recents order by starttime',
      )
      expect(rows.map((r) => [r.pid, r.status, r.query])).toEqual([
        [-1, 'Done', 'select * from sales'],
        [12, 'Running', 'insert into t values (1)'],
        [13, 'Running', 'select 2'],
        [-1, 'Done', 'copy t from s3'],
        [-1, 'Done', 'create table x as select 1'],
      ])
      expect(rows[0]).toMatchObject({
        duration: 1_500_000,
        u: 'alice',
        d: 'dev',
      })
      const padded = await client.query(
        'select status, octet_length(status::text) as n from stv_recents limit 1',
      )
      expect(padded.rows[0].status).toHaveLength(20)
    })

    it('STV_INFLIGHT lists running statements with the label cut to 15 characters', async () => {
      const { rows } = await client.query(
        'select query, pid, xid, trim(label) as label, trim(text) as text from stv_inflight order by query',
      )
      expect(rows).toEqual([
        {
          query: 202,
          pid: 12,
          xid: '502',
          label: 'a_label_that_is',
          text: 'insert into t values (1)',
        },
      ])
    })

    it('STL_QUERY and SVL_QLOG show finished statements, label defaulted and cut to 30', async () => {
      const { rows } = await client.query(
        'select query, trim(label) as label, aborted, endtime - starttime as took from stl_query order by query',
      )
      expect(rows.map((r) => [r.query, r.label, r.aborted])).toEqual([
        [201, 'default', 0],
        [204, 'etl', 1],
        [205, 'default', 1],
      ])
      const qlog = await client.query(
        'select query, elapsed, trim(substring) as s from svl_qlog where query = 201',
      )
      expect(qlog.rows).toEqual([
        { query: 201, elapsed: '1500000', s: 'select * from sales' },
      ])
    })

    it('SYS_QUERY_HISTORY shows every statement with bigint ids and Redshift status words', async () => {
      const { rows } = await client.query(
        `select query_id, trim(status) as status, trim(query_type) as query_type,
           trim(query_label) as label, returned_rows, trim(error_message) as error,
           trim(redshift_version) as version, elapsed_time, queue_time, execution_time
         from sys_query_history order by query_id`,
      )
      expect(
        rows.map((r) => [r.query_id, r.status, r.query_type, r.label]),
      ).toEqual([
        ['201', 'success', 'SELECT', 'default'],
        ['202', 'running', 'INSERT', 'a_label_that_is_longer_than_th'],
        ['203', 'queued', 'SELECT', 'default'],
        ['204', 'canceled', 'COPY', 'etl'],
        ['205', 'failed', 'CTAS', 'default'],
      ])
      expect(rows[0]).toMatchObject({
        returned_rows: '3',
        version: '1.0.80000',
      })
      expect(rows[0].elapsed_time).toBe('1500000')
      expect(rows[4].error).toBe('boom')
      expect(Number(rows[1].queue_time)).toBe(10_000)
    })

    it('STV_WLM_QUERY_STATE and STV_WLM_SERVICE_CLASS_STATE count queued and running work', async () => {
      const { rows } = await client.query(
        'select query, service_class, slot_count, trim(state) as state from stv_wlm_query_state order by query',
      )
      expect(rows).toEqual([
        { query: 202, service_class: 6, slot_count: 1, state: 'Running' },
        { query: 203, service_class: 6, slot_count: 2, state: 'QueuedWaiting' },
      ])
      const state = await client.query(
        'select * from stv_wlm_service_class_state where service_class = 6',
      )
      expect(state.rows[0]).toMatchObject({
        num_queued_queries: 1,
        num_executing_queries: 1,
        num_serviced_queries: 5,
        num_executed_queries: 3,
      })
    })
  })

  it('closes rows left queued or running when a batch is the complete in-flight picture', async () => {
    await client.query('delete from redshift_local.query_log')
    const stale = buildQueryLogUpsert([
      {
        query: 401,
        pid: 1,
        status: 'running',
        starttime: new Date(),
        querytxt: 'select 1',
      },
      {
        query: 402,
        pid: 2,
        status: 'queued',
        starttime: new Date(),
        querytxt: 'select 2',
      },
    ])
    await client.query(stale.text, [...stale.values])
    const picture = buildQueryLogUpsert(
      [
        { query: 402, status: 'running', exec_start: new Date() },
        {
          query: 403,
          pid: 3,
          status: 'running',
          starttime: new Date(),
          querytxt: 'select 3',
        },
      ],
      { completeActivePicture: true },
    )
    await client.query(picture.text, [...picture.values])
    const { rows } = await client.query(
      'select query, status, endtime is not null as ended, querytxt from redshift_local.query_log order by query',
    )
    expect(rows).toEqual([
      { query: 401, status: 'cancelled', ended: true, querytxt: 'select 1' },
      { query: 402, status: 'running', ended: false, querytxt: 'select 2' },
      { query: 403, status: 'running', ended: false, querytxt: 'select 3' },
    ])
    expect((await client.query(LAST_LOGGED_QUERY_ID_SQL)).rows[0].query).toBe(
      403,
    )
    await client.query('delete from redshift_local.query_log')
    expect((await client.query(LAST_LOGGED_QUERY_ID_SQL)).rows[0].query).toBe(0)
  })

  it('records table attributes from plain text whatever the string rules', async () => {
    const name = `we'ird\\$j$ "name"`
    await client.query(`create table ${client.escapeIdentifier(name)} (a int)`)
    const text = buildTableAttributesSql([
      {
        kind: 'table',
        relation: { schema: 'public', name },
        temporary: false,
        diststyle: 'EVEN',
        distkey: null,
        sortkey: ['a'],
        sortkeyType: 'compound',
        encodeAuto: true,
        encodings: {},
        backup: true,
        identity: {},
        columnTypes: {},
        collations: {},
        likeTable: null,
        lateBinding: false,
        autoRefresh: null,
      },
    ])
    await client.query('set standard_conforming_strings = off')
    try {
      await client.query(text)
    } finally {
      await client.query('reset standard_conforming_strings')
    }
    const { rows } = await client.query(
      'select table_name, diststyle, sortkey from redshift_local.table_attributes where table_name = $1',
      [name],
    )
    expect(rows).toEqual([
      { table_name: name, diststyle: 'EVEN', sortkey: ['a'] },
    ])
  })

  it('replaces the WLM configuration in one statement', async () => {
    const { text, values } = buildWlmConfigInsert([
      {
        serviceClass: 6,
        name: 'etl',
        queryGroups: ['etl', 'load'],
        slots: 2,
        memoryPercent: 40,
      },
      {
        serviceClass: 7,
        name: 'Default queue',
        slots: 5,
        isDefault: true,
        maxExecutionTime: 60000,
      },
    ])
    await client.query(text, [...values])
    const { rows } = await client.query(
      `select service_class, trim(name) as name, num_query_tasks, max_execution_time,
         query_working_mem, trim(query_priority) as priority
       from stv_wlm_service_class_config order by service_class`,
    )
    expect(rows).toEqual([
      {
        service_class: 6,
        name: 'etl',
        num_query_tasks: 2,
        max_execution_time: '0',
        query_working_mem: 200,
        priority: 'Normal',
      },
      {
        service_class: 7,
        name: 'Default queue',
        num_query_tasks: 5,
        max_execution_time: '60000',
        query_working_mem: 100,
        priority: 'Normal',
      },
    ])
    const groups = await client.query(
      'select query_groups from redshift_local.wlm_queue where service_class = 6',
    )
    expect(groups.rows[0].query_groups).toEqual(['etl', 'load'])
  })

  it('STV_DB_ISOLATION_LEVEL reports the configured isolation', async () => {
    const level = async () =>
      (
        await client.query(
          'select trim(isolation_level) as l from stv_db_isolation_level where trim(db_name) = current_database()',
        )
      ).rows[0].l
    expect(await level()).toBe('Serializable')
    await installCatalog(client, {
      isolation: 'snapshot',
      redshiftVersion: '1.0.80000',
    })
    expect(await level()).toBe('Snapshot Isolation')
    await installCatalog(client, { redshiftVersion: '1.0.80000' })
  })

  it('STL_LOAD_ERRORS and STL_UNLOAD_LOG read what the builders wrote', async () => {
    const errors = buildLoadErrorsInsert([
      {
        query: 301,
        filename: 's3://bucket/a.csv',
        line_number: 3,
        colname: 'id',
        type: 'int4',
        raw_field_value: 'x',
        err_code: 1207,
        err_reason: 'Invalid digit, Value x, Pos 0, Type: Integer',
      },
    ])
    await client.query(errors.text, [...errors.values])
    const unload = buildUnloadLogInsert([
      {
        query: 302,
        path: 's3://bucket/out/0000_part_00',
        line_count: 10n,
        file_format: 'Text',
      },
    ])
    await client.query(unload.text, [...unload.values])
    const e = await client.query(
      'select query, slice, trim(filename) as f, line_number, trim(colname) as c, err_code, trim(err_reason) as r from stl_load_errors',
    )
    expect(e.rows).toEqual([
      {
        query: 301,
        slice: 0,
        f: 's3://bucket/a.csv',
        line_number: '3',
        c: 'id',
        err_code: 1207,
        r: 'Invalid digit, Value x, Pos 0, Type: Integer',
      },
    ])
    const u = await client.query(
      'select query, trim(path) as p, line_count from stl_unload_log',
    )
    expect(u.rows).toEqual([
      { query: 302, p: 's3://bucket/out/0000_part_00', line_count: '10' },
    ])
  })

  describe('table attributes', () => {
    const attributes = (
      name: string,
      overrides: Partial<TableAttributes> = {},
    ): TableAttributes => ({
      kind: 'table',
      relation: { schema: 'public', name },
      temporary: false,
      diststyle: null,
      distkey: null,
      sortkey: [],
      sortkeyType: null,
      encodeAuto: true,
      encodings: {},
      backup: true,
      identity: {},
      columnTypes: {},
      collations: {},
      likeTable: null,
      lateBinding: false,
      autoRefresh: null,
      ...overrides,
    })

    beforeAll(async () => {
      await client.query(
        'create table public.sales (id int not null, region varchar(20), amount numeric(12,2), sold_at timestamp, doc jsonb)',
      )
      await client.query(
        "insert into public.sales values (1, 'eu', 10.5, now(), '{}')",
      )
      await client.query('create table public.plain (a int, b varchar(30))')
      await client.query("insert into public.plain values (1, 'x')")
      await client.query('create table public.empty_one (a int)')
      const { text, values } = buildTableAttributesUpsert([
        attributes('sales', {
          diststyle: 'KEY',
          distkey: 'region',
          sortkey: ['sold_at', 'id'],
          sortkeyType: 'compound',
          encodeAuto: false,
          encodings: { region: 'zstd', amount: 'raw' },
          columnTypes: { doc: 'super' },
        }),
        attributes('missing_table'),
      ])
      await client.query(text, [...values])
      const recorded = await client.query(
        `select table_name from redshift_local.table_attributes
         where table_name in ('sales', 'missing_table')`,
      )
      expect(recorded.rows).toEqual([{ table_name: 'sales' }])
    })

    it('PG_TABLE_DEF shows distkey, sort key positions, encodings and Redshift types', async () => {
      const { rows } = await client.query(
        `select "column", type, trim(encoding) as encoding, distkey, sortkey, "notnull"
         from pg_table_def where tablename = 'sales' order by "column"`,
      )
      expect(rows).toEqual([
        {
          column: 'amount',
          type: 'numeric(12,2)',
          encoding: 'none',
          distkey: false,
          sortkey: 0,
          notnull: false,
        },
        {
          column: 'doc',
          type: 'super',
          encoding: 'none',
          distkey: false,
          sortkey: 0,
          notnull: false,
        },
        {
          column: 'id',
          type: 'integer',
          encoding: 'none',
          distkey: false,
          sortkey: 2,
          notnull: true,
        },
        {
          column: 'region',
          type: 'character varying(20)',
          encoding: 'zstd',
          distkey: true,
          sortkey: 0,
          notnull: false,
        },
        {
          column: 'sold_at',
          type: 'timestamp without time zone',
          encoding: 'none',
          distkey: false,
          sortkey: 1,
          notnull: false,
        },
      ])
    })

    it('PG_TABLE_DEF gives unrecorded tables the automatic encodings and follows search_path', async () => {
      const { rows } = await client.query(
        `select "column", trim(encoding) as encoding, sortkey from pg_table_def where tablename = 'plain' order by "column"`,
      )
      expect(rows).toEqual([
        { column: 'a', encoding: 'az64', sortkey: 0 },
        { column: 'b', encoding: 'lzo', sortkey: 0 },
      ])
      await client.query('create schema hidden')
      await client.query('create table hidden.t (a int)')
      const hidden = await client.query(
        "select count(*) from pg_table_def where schemaname = 'hidden'",
      )
      expect(hidden.rows[0].count).toBe('0')
      await client.query('set search_path to "$user", public, hidden')
      const shown = await client.query(
        "select count(*) from pg_table_def where schemaname = 'hidden'",
      )
      expect(shown.rows[0].count).toBe('1')
      await client.query('reset search_path')
    })

    it('SVV_TABLE_INFO summarises non-empty tables with their Redshift attributes', async () => {
      const { rows } = await client.query(
        `select "table", encoded, diststyle, sortkey1, trim(sortkey1_enc) as sortkey1_enc, sortkey_num,
           max_varchar, tbl_rows, size > 0 as sized, skew_rows, database = current_database() as here
         from svv_table_info where schema = 'public' order by "table"`,
      )
      expect(rows).toEqual([
        {
          table: 'plain',
          encoded: 'Y, AUTO(ENCODE)',
          diststyle: 'AUTO(ALL)',
          sortkey1: 'AUTO(SORTKEY)',
          sortkey1_enc: null,
          sortkey_num: 0,
          max_varchar: 30,
          tbl_rows: '1',
          sized: true,
          skew_rows: '1.00',
          here: true,
        },
        {
          table: 'sales',
          encoded: 'Y',
          diststyle: 'KEY(region)',
          sortkey1: 'sold_at',
          sortkey1_enc: 'none',
          sortkey_num: 2,
          max_varchar: 20,
          tbl_rows: '1',
          sized: true,
          skew_rows: '1.00',
          here: true,
        },
      ])
    })

    it('SVV_COLUMNS and SVV_ALL_COLUMNS list columns with the Redshift data type', async () => {
      const { rows } = await client.query(
        `select column_name, ordinal_position, is_nullable, data_type, character_maximum_length,
           numeric_precision, numeric_scale
         from svv_columns where table_schema = 'public' and table_name = 'sales' order by ordinal_position`,
      )
      expect(rows).toEqual([
        {
          column_name: 'id',
          ordinal_position: 1,
          is_nullable: 'NO',
          data_type: 'integer',
          character_maximum_length: null,
          numeric_precision: 32,
          numeric_scale: 0,
        },
        {
          column_name: 'region',
          ordinal_position: 2,
          is_nullable: 'YES',
          data_type: 'character varying',
          character_maximum_length: 20,
          numeric_precision: null,
          numeric_scale: null,
        },
        {
          column_name: 'amount',
          ordinal_position: 3,
          is_nullable: 'YES',
          data_type: 'numeric',
          character_maximum_length: null,
          numeric_precision: 12,
          numeric_scale: 2,
        },
        {
          column_name: 'sold_at',
          ordinal_position: 4,
          is_nullable: 'YES',
          data_type: 'timestamp without time zone',
          character_maximum_length: null,
          numeric_precision: null,
          numeric_scale: null,
        },
        {
          column_name: 'doc',
          ordinal_position: 5,
          is_nullable: 'YES',
          data_type: 'super',
          character_maximum_length: null,
          numeric_precision: null,
          numeric_scale: null,
        },
      ])
      const all = await client.query(
        `select database_name = current_database() as here, column_name, data_type
         from svv_all_columns where database_name = current_database() and schema_name = 'public' and table_name = 'sales' and column_name in ('doc', 'region')
         order by ordinal_position`,
      )
      expect(all.rows).toEqual([
        { here: true, column_name: 'region', data_type: 'character varying' },
        { here: true, column_name: 'doc', data_type: 'super' },
      ])
      const internal = await client.query(
        "select count(*) from svv_columns where table_schema = 'redshift_local'",
      )
      expect(internal.rows[0].count).toBe('0')
    })

    it('keeps attributes through a rename, and LIKE inherits the parent attributes', async () => {
      await client.query('alter table public.sales rename to sales_renamed')
      await client.query(
        'create table public.sales_copy (like public.sales_renamed)',
      )
      const { text, values } = buildTableAttributesUpsert([
        attributes('sales_copy', {
          likeTable: { schema: 'public', name: 'sales_renamed' },
        }),
      ])
      await client.query(text, [...values])
      const { rows } = await client.query(
        `select tablename, "column", distkey, sortkey, trim(encoding) as encoding from pg_table_def
         where tablename in ('sales_renamed', 'sales_copy') and "column" in ('region', 'sold_at')
         order by tablename, "column"`,
      )
      expect(rows).toEqual([
        {
          tablename: 'sales_copy',
          column: 'region',
          distkey: true,
          sortkey: 0,
          encoding: 'zstd',
        },
        {
          tablename: 'sales_copy',
          column: 'sold_at',
          distkey: false,
          sortkey: 1,
          encoding: 'none',
        },
        {
          tablename: 'sales_renamed',
          column: 'region',
          distkey: true,
          sortkey: 0,
          encoding: 'zstd',
        },
        {
          tablename: 'sales_renamed',
          column: 'sold_at',
          distkey: false,
          sortkey: 1,
          encoding: 'none',
        },
      ])
    })
  })
})
