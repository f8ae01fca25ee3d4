import { gzipSync } from 'node:zlib'

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

// System views the Guide documents that were still missing: STL_USERLOG and
// SYS_USERLOG (r_STL_USERLOG.html, SYS_USERLOG.html) from CREATE / ALTER /
// DROP USER, STL_S3CLIENT and STL_S3CLIENT_ERROR (r_STL_S3CLIENT.html,
// r_STL_S3CLIENT_ERROR.html) from COPY's object reads,
// SVV_DATASHARE_PRIVILEGES and PG_ATTRIBUTE_INFO over the grants, the views
// of what the emulator never does (empty, with the pages' columns), and the
// views whose rows it cannot give (refused as emulator limits).

const page = (name: string) => `${DG}${name}`

const PIPE_FILE = '1|one\n2|two\n3|three\n'

const COLUMNS: Readonly<Record<string, readonly [string, readonly string[]]>> =
  {
    stl_userlog: [
      'r_STL_USERLOG.html',
      [
        'userid integer',
        'username character(50)',
        'oldusername character(50)',
        'action character(10)',
        'usecreatedb integer',
        'usesuper integer',
        'usecatupd integer',
        'valuntil timestamp without time zone',
        'pid integer',
        'xid bigint',
        'recordtime timestamp without time zone',
      ],
    ],
    sys_userlog: [
      'SYS_USERLOG.html',
      [
        'user_id integer',
        'user_name character(50)',
        'original_user_name character(50)',
        'action character(10)',
        'has_create_db_privs integer',
        'is_superuser integer',
        'has_update_catalog_privs integer',
        'password_expiration timestamp without time zone',
        'session_id integer',
        'transaction_id bigint',
        'record_time timestamp without time zone',
      ],
    ],
    stl_s3client: [
      'r_STL_S3CLIENT.html',
      [
        'userid integer',
        'query integer',
        'slice integer',
        'recordtime timestamp without time zone',
        'pid integer',
        'http_method character(64)',
        'bucket character(64)',
        'key character(256)',
        'transfer_size bigint',
        'data_size bigint',
        'start_time bigint',
        'end_time bigint',
        'transfer_time bigint',
        'compression_time bigint',
        'connect_time bigint',
        'app_connect_time bigint',
        'retries bigint',
        'request_id character(32)',
        'extended_request_id character(128)',
        'ip_address character(64)',
        'is_partial integer',
        'start_offset bigint',
      ],
    ],
    stl_s3client_error: [
      'r_STL_S3CLIENT_ERROR.html',
      [
        'userid integer',
        'query integer',
        'sliceid integer',
        'recordtime timestamp without time zone',
        'pid integer',
        'http_method character(64)',
        'bucket character(64)',
        'key character(256)',
        'error character(1024)',
        'is_partial integer',
        'start_offset bigint',
      ],
    ],
    stl_schema_quota_violations: [
      'r_STL_SCHEMA_QUOTA_VIOLATIONS.html',
      [
        'ownerid integer',
        'xid bigint',
        'pid integer',
        'userid integer',
        'schema_id integer',
        'schema_name character(128)',
        'quota integer',
        'disk_usage integer',
        'disk_usage_pct double precision',
        'timestamp timestamp without time zone',
      ],
    ],
    sys_schema_quota_violations: [
      'r_SYS_SCHEMA_QUOTA_VIOLATIONS.html',
      [
        'owner_id integer',
        'user_id integer',
        'transaction_id bigint',
        'session_id integer',
        'schema_id integer',
        'schema_name character(128)',
        'quota integer',
        'disk_usage integer',
        'record_time timestamp without time zone',
      ],
    ],
    sys_query_explain: [
      'SYS_QUERY_EXPLAIN.html',
      [
        'userid integer',
        'query_id bigint',
        'child_query_sequence integer',
        'plan_node_id integer',
        'plan_parent_id integer',
        'plan_node character(400)',
        'node_info character(400)',
      ],
    ],
    svv_datashare_privileges: [
      'r_SVV_DATASHARE_PRIVILEGES.html',
      [
        'datashare_name text',
        'privilege_type text',
        'identity_id integer',
        'identity_name text',
        'identity_type text',
        'admin_option boolean',
      ],
    ],
    svv_ml_model_privileges: [
      'r_SVV_ML_MODEL_PRIVILEGES.html',
      [
        'namespace_name text',
        'model_name text',
        'model_version integer',
        'privilege_type text',
        'identity_id integer',
        'identity_name text',
        'identity_type text',
        'admin_option boolean',
      ],
    ],
    svl_datashare_usage_consumer: [
      'r_SVL_DATASHARE_USAGE_CONSUMER.html',
      [
        'userid integer',
        'pid integer',
        'xid bigint',
        'request_id character varying(50)',
        'request_type character varying(25)',
        'transaction_uid character varying(50)',
        'recordtime timestamp without time zone',
        'status integer',
        'error character varying(512)',
      ],
    ],
    sys_datashare_usage_consumer: [
      'SYS_DATASHARE_USAGE_CONSUMER.html',
      [
        'user_id integer',
        'session_id integer',
        'transaction_id bigint',
        'request_id character varying(50)',
        'request_type character varying(25)',
        'transaction_uid character varying(50)',
        'record_time timestamp without time zone',
        'status integer',
        'error_message character varying(512)',
      ],
    ],
    svl_datashare_usage_producer: [
      'r_SVL_DATASHARE_USAGE_PRODUCER.html',
      [
        'share_id integer',
        'share_name character varying(128)',
        'request_id character varying(50)',
        'request_type character varying(25)',
        'object_type character varying(64)',
        'object_oid integer',
        'object_name character varying(128)',
        'consumer_account character varying(16)',
        'consumer_namespace character varying(64)',
        'consumer_transaction_uid character varying(50)',
        'recordtime timestamp without time zone',
        'status integer',
        'error character varying(512)',
        'consumer_region character(64)',
      ],
    ],
    sys_datashare_usage_producer: [
      'SYS_DATASHARE_USAGE_PRODUCER.html',
      [
        'share_id integer',
        'share_name character varying(128)',
        'request_id character varying(50)',
        'request_type character varying(25)',
        'object_type character varying(64)',
        'object_oid integer',
        'object_name character varying(128)',
        'consumer_account character varying(16)',
        'consumer_namespace character varying(64)',
        'consumer_transaction_uid character varying(50)',
        'record_time timestamp without time zone',
        'status integer',
        'error_message character varying(512)',
        'consumer_region character(64)',
      ],
    ],
    stl_sshclient_error: [
      'r_STL_SSHCLIENT_ERROR.html',
      [
        'userid integer',
        'query integer',
        'slice integer',
        'recordtime timestamp without time zone',
        'pid integer',
        'ssh_username character(1024)',
        'endpoint character(1024)',
        'command character(4096)',
        'error character(1024)',
      ],
    ],
    svl_federated_query: [
      'r_SVL_FEDERATED_QUERY.html',
      [
        'userid integer',
        'xid bigint',
        'pid integer',
        'query integer',
        'sourcetype character(32)',
        'recordtime timestamp without time zone',
        'querytext character(4000)',
        'num_rows bigint',
        'num_bytes bigint',
        'duration bigint',
      ],
    ],
    svl_s3list: [
      'r_SVL_S3LIST.html',
      [
        'query integer',
        'segment integer',
        'node integer',
        'slice integer',
        'eventtime timestamp without time zone',
        'bucket text',
        'prefix text',
        'recursive character(1)',
        'retrieved_files integer',
        'max_file_size bigint',
        'avg_file_size double precision',
        'generated_splits integer',
        'avg_split_length double precision',
        'duration bigint',
      ],
    ],
    svcs_s3list: [
      'r_SVCS_S3LIST.html',
      [
        'query integer',
        'segment integer',
        'node integer',
        'eventtime timestamp without time zone',
        'bucket character(256)',
        'prefix character(256)',
        'recursive character(1)',
        'retrieved_files integer',
        'max_file_size bigint',
        'avg_file_size double precision',
        'generated_splits integer',
        'avg_split_length double precision',
        'duration bigint',
      ],
    ],
    svl_s3log: [
      'r_SVL_S3LOG.html',
      [
        'pid integer',
        'query integer',
        'segment integer',
        'step integer',
        'node integer',
        'slice integer',
        'eventtime timestamp without time zone',
        'message text',
      ],
    ],
    svcs_s3log: [
      'r_SVCS_S3LOG.html',
      [
        'pid integer',
        'query integer',
        'segment integer',
        'step integer',
        'node integer',
        'eventtime timestamp without time zone',
        'message character(512)',
      ],
    ],
    sys_copy_job: [
      'SYS_COPY_JOB.html',
      [
        'job_id bigint',
        'job_name character(128)',
        'iam_role character(128)',
        'job_text character(256)',
        'is_auto integer',
        'on_error_suspend integer',
      ],
    ],
    sys_stream_scan_errors: [
      'r_SYS_STREAM_SCAN_ERRORS.html',
      [
        'external_schema_name character(128)',
        'stream_name character(255)',
        'mv_name character(128)',
        'transaction_id bigint',
        'query_id bigint',
        'stream_timestamp_type character(1)',
        'stream_timestamp timestamp without time zone',
        'record_time timestamp without time zone',
        'partition_id character(128)',
        'position character(128)',
        'error_code integer',
        'error_reason character(128)',
      ],
    ],
    sys_stream_scan_states: [
      'r_SYS_STREAM_SCAN_STATES.html',
      [
        'external_schema_name character(128)',
        'stream_name character(255)',
        'mv_name character(128)',
        'transaction_id bigint',
        'query_id bigint',
        'record_time timestamp without time zone',
        'partition_id character(128)',
        'latest_position character(128)',
        'scanned_rows bigint',
        'skipped_rows bigint',
        'scanned_bytes bigint',
        'stream_record_time_min timestamp without time zone',
        'stream_record_time_max timestamp without time zone',
      ],
    ],
    svl_spatial_simplify: [
      'r_SVL_SPATIAL_SIMPLIFY.html',
      [
        'query integer',
        'line_number integer',
        'maximum_tolerance double precision',
        'initial_size integer',
        'simplified character(1)',
        'final_size integer',
        'final_tolerance double precision',
      ],
    ],
    sys_spatial_simplify: [
      'SYS_SPATIAL_SIMPLIFY.html',
      [
        'query_id bigint',
        'line_number bigint',
        'maximum_tolerance double precision',
        'initial_size bigint',
        'simplified character(1)',
        'final_size bigint',
        'final_tolerance double precision',
      ],
    ],
    svcs_s3partition_summary: [
      'r_SVCS_S3PARTITION_SUMMARY.html',
      [
        'query integer',
        'segment integer',
        'assignment character(1)',
        'min_starttime timestamp without time zone',
        'max_endtime timestamp without time zone',
        'min_duration bigint',
        'max_duration bigint',
        'avg_duration bigint',
        'total_partitions integer',
        'qualified_partitions integer',
        'min_assigned_partitions integer',
        'max_assigned_partitions integer',
        'avg_assigned_partitions bigint',
      ],
    ],
    svcs_unload_log: [
      'r_SVCS_UNLOAD_LOG.html',
      [
        'userid integer',
        'query integer',
        'pid integer',
        'path character(1280)',
        'start_time timestamp without time zone',
        'end_time timestamp without time zone',
        'line_count bigint',
        'transfer_size bigint',
        'file_format character(10)',
      ],
    ],
    svl_s3retries: [
      'r_SVL_S3RETRIES.html',
      [
        'query integer',
        'segment integer',
        'node integer',
        'slice integer',
        'eventtime timestamp without time zone',
        'retries integer',
        'successful_fetches integer',
        'file_size bigint',
        'location text',
        'message text',
      ],
    ],
  }

/** Views of what the emulator never does: no rows, as their pages' columns. */
const EMPTY: readonly (readonly [string, string])[] = [
  ['stl_schema_quota_violations', 'r_STL_SCHEMA_QUOTA_VIOLATIONS.html'],
  ['sys_schema_quota_violations', 'r_SYS_SCHEMA_QUOTA_VIOLATIONS.html'],
  ['sys_query_explain', 'SYS_QUERY_EXPLAIN.html'],
  ['svv_ml_model_privileges', 'r_SVV_ML_MODEL_PRIVILEGES.html'],
  ['svl_datashare_usage_consumer', 'r_SVL_DATASHARE_USAGE_CONSUMER.html'],
  ['sys_datashare_usage_consumer', 'SYS_DATASHARE_USAGE_CONSUMER.html'],
  ['svl_datashare_usage_producer', 'r_SVL_DATASHARE_USAGE_PRODUCER.html'],
  ['sys_datashare_usage_producer', 'SYS_DATASHARE_USAGE_PRODUCER.html'],
  ['stl_sshclient_error', 'r_STL_SSHCLIENT_ERROR.html'],
  ['svl_federated_query', 'r_SVL_FEDERATED_QUERY.html'],
  ['svl_s3list', 'r_SVL_S3LIST.html'],
  ['svcs_s3list', 'r_SVCS_S3LIST.html'],
  ['svcs_s3partition_summary', 'r_SVCS_S3PARTITION_SUMMARY.html'],
  ['svl_s3log', 'r_SVL_S3LOG.html'],
  ['svcs_s3log', 'r_SVCS_S3LOG.html'],
  ['svl_s3retries', 'r_SVL_S3RETRIES.html'],
  ['sys_copy_job', 'SYS_COPY_JOB.html'],
  ['sys_stream_scan_errors', 'r_SYS_STREAM_SCAN_ERRORS.html'],
  ['sys_stream_scan_states', 'r_SYS_STREAM_SCAN_STATES.html'],
  ['svl_spatial_simplify', 'r_SVL_SPATIAL_SIMPLIFY.html'],
  ['sys_spatial_simplify', 'SYS_SPATIAL_SIMPLIFY.html'],
]

const REFUSED: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['svl_compile', 'r_SVL_COMPILE.html', /compiles no query segments/],
  ['svcs_compile', 'r_SVCS_COMPILE.html', /compiles no query segments/],
  ['svl_vacuum_percentage', 'r_SVL_VACUUM_PERCENTAGE.html', /storage blocks/],
  ['stv_tbl_trans', 'r_STV_TBL_TRANS.html', /node memory/],
  ['stv_cursor_configuration', 'r_STV_CURSOR_CONFIGURATION.html', /cursors/],
  ['stv_load_state', 'r_STV_LOAD_STATE.html', /not sampled/],
  ['stl_undone', 'r_STL_UNDONE.html', /does not record/],
  ['stl_wlm_error', 'r_STL_WLM_ERROR.html', /does not record/],
  ['stl_replacements', 'r_STL_REPLACEMENTS.html', /does not record/],
  [
    'stl_analyze_compression',
    'r_STL_ANALYZE_COMPRESSION.html',
    /does not record/,
  ],
  ['svl_terminate', 'r_SVL_TERMINATE.html', /does not record/],
  [
    'svl_multi_statement_violations',
    'r_SVL_MULTI_STATEMENT_VIOLATIONS.html',
    /does not record/,
  ],
  ['svl_datashare_change_log', 'r_SVL_DATASHARE_CHANGE_LOG.html', /record/],
  ['sys_datashare_change_log', 'SYS_DATASHARE_CHANGE_LOG.html', /record/],
  ['sys_load_detail', 'SYS_LOAD_DETAIL.html', /STL_LOAD_COMMITS/],
  ['stl_usage_control', 'r_STL_USAGE_CONTROL.html', /no equivalent/],
  [
    'stv_startup_recovery_state',
    'r_STV_STARTUP_RECOVERY_STATE.html',
    /no equivalent/,
  ],
]

describe('local emulator: more documented system views', () => {
  let emulator: S3Emulator
  let admin: pg.Client
  let plain: pg.Client
  let plainUrl: string

  beforeAll(async () => {
    emulator = await startS3Emulator('local_sysviews_more', {
      'plain/rows.txt': PIPE_FILE,
      'gz/rows.txt.gz': gzipSync(PIPE_FILE),
    })
    admin = await connect(emulator.local.url)
    await admin.query('create table sm_t (id int, label varchar(10))')
    await admin.query("create user sm_plain password 'Abcdefg1'")
    await admin.query('grant insert on sm_t to sm_plain')
    const url = new URL(emulator.local.url)
    url.username = 'sm_plain'
    url.password = 'Abcdefg1'
    plainUrl = url.toString()
    plain = await connect(plainUrl)
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

  it('PG_ATTRIBUTE_INFO has the columns of PG_ATTRIBUTE and attacl', async () => {
    const info = await viewColumns(admin, 'pg_attribute_info')
    expect(info, page('r_PG_ATTRIBUTE_INFO.html')).toContain('attacl aclitem[]')
    expect(info).toEqual(await viewColumns(admin, 'pg_attribute'))
  })

  it("STL_USERLOG / SYS_USERLOG: the page's four user actions, newest first", async () => {
    await admin.query("create user userlog1 password 'Userlog1'")
    await admin.query('alter user userlog1 createdb createuser')
    await admin.query('alter user userlog1 rename  to userlog2')
    await admin.query('drop user userlog2')
    const { rows } = await admin.query(
      `select userid, trim(username) as username, trim(oldusername) as oldusername,
         trim(action) as action, usecreatedb, usesuper, usecatupd,
         pid = pg_backend_pid() as mine, xid > 0 as has_xid
       from stl_userlog where username in ('userlog1', 'userlog2') order by recordtime desc`,
    )
    const id = rows[0]?.userid as number
    expect(id).toBeGreaterThan(0)
    const row = (
      username: string,
      oldusername: string,
      action: string,
      flag: number,
    ) => ({
      userid: id,
      username,
      oldusername,
      action,
      usecreatedb: flag,
      usesuper: flag,
      usecatupd: flag,
      mine: true,
      has_xid: true,
    })
    expect(rows, page('r_STL_USERLOG.html')).toEqual([
      row('userlog2', '', 'drop', 1),
      row('userlog2', 'userlog1', 'rename', 1),
      row('userlog1', '', 'alter', 1),
      row('userlog1', '', 'create', 0),
    ])
    const sys = await admin.query(
      `select user_id, trim(user_name) as user_name, trim(original_user_name) as original_user_name,
         trim(action) as action, has_create_db_privs, is_superuser
       from sys_userlog where user_name in ('userlog1', 'userlog2') order by record_time desc`,
    )
    expect(sys.rows, page('SYS_USERLOG.html')).toEqual(
      rows.map((r) => ({
        user_id: r.userid,
        user_name: r.username,
        original_user_name: r.oldusername,
        action: r.action,
        has_create_db_privs: r.usecreatedb,
        is_superuser: r.usesuper,
      })),
    )
  })

  it('STL_USERLOG: a VALID UNTIL is the row of its ALTER; a failed or rolled back change leaves no row', async () => {
    await admin.query("create user sm_owner password 'Abcdefg1'")
    await admin.query('create table sm_owned (id int)')
    await admin.query('alter table sm_owned owner to sm_owner')
    const owns = await errorOf(admin.query('drop user sm_owner'))
    expect(owns.message).toMatch(/owns/)
    await admin.query('begin')
    await admin.query('alter user sm_owner createdb')
    await admin.query('rollback')
    await admin.query("alter user sm_owner valid until '2031-01-02'")
    const duplicate = await errorOf(
      admin.query("create user sm_owner password 'Abcdefg1'"),
    )
    expect(duplicate.message).toMatch(/already exists/)
    // The statement the emulator runs for it is not shown as its context.
    expect(duplicate.where).toBeUndefined()
    const { rows } = await admin.query(
      `select trim(action) as action, usecreatedb, valuntil::text as valuntil
       from stl_userlog where username = 'sm_owner' order by recordtime`,
    )
    expect(rows, page('r_STL_USERLOG.html')).toEqual([
      { action: 'create', usecreatedb: 0, valuntil: null },
      { action: 'alter', usecreatedb: 0, valuntil: '2031-01-02 00:00:00' },
    ])
  })

  it('STL_USERLOG / SYS_USERLOG: visible only to superusers', async () => {
    for (const view of ['stl_userlog', 'sys_userlog']) {
      const { rows } = await plain.query(
        `select count(*)::int as n from ${view}`,
      )
      expect(rows[0].n, page('r_STL_USERLOG.html')).toBe(0)
    }
    const own = await admin.query('select count(*)::int as n from stl_userlog')
    expect(own.rows[0].n).toBeGreaterThan(0)
  })

  it("STL_S3CLIENT: the page's example lists the GET of each file a COPY loaded", async () => {
    await admin.query(
      "copy sm_t from 's3://bucket/plain/rows.txt' iam_role default delimiter '|'",
    )
    const { rows } = await admin.query(
      `select slice, trim(key) as key, transfer_time >= 0 as timed,
         end_time - start_time = transfer_time as spans, trim(http_method) as method,
         trim(bucket) as bucket, transfer_size, data_size, compression_time,
         pid = pg_backend_pid() as mine, is_partial, start_offset,
         recordtime >= timestamp '2000-01-01' + start_time * interval '1 microsecond' as recorded
       from stl_s3client where query = pg_last_copy_id()`,
    )
    expect(rows, page('r_STL_S3CLIENT.html')).toEqual([
      {
        slice: 0,
        key: 'plain/rows.txt',
        timed: true,
        spans: true,
        method: 'GET',
        bucket: 'bucket',
        transfer_size: String(PIPE_FILE.length),
        data_size: String(PIPE_FILE.length),
        compression_time: '0',
        mine: true,
        is_partial: 0,
        start_offset: '0',
        recorded: true,
      },
    ])
  })

  it('STL_S3CLIENT: a compressed file has the bytes received and no decompressed size', async () => {
    await admin.query(
      "copy sm_t from 's3://bucket/gz/rows.txt.gz' iam_role default delimiter '|' gzip",
    )
    const { rows } = await admin.query(
      `select trim(key) as key, transfer_size, data_size, compression_time
       from stl_s3client where query = pg_last_copy_id()`,
    )
    expect(rows, page('r_STL_S3CLIENT.html')).toEqual([
      {
        key: 'gz/rows.txt.gz',
        transfer_size: String(gzipSync(PIPE_FILE).length),
        data_size: null,
        compression_time: null,
      },
    ])
  })

  it('STL_S3CLIENT / STL_LOAD_ERRORS: a compressed file read as text fails as a load, its GET recorded', async () => {
    // The raw line holds NUL bytes, which PostgreSQL's text cannot store.
    const error = await errorOf(
      admin.query(
        "copy sm_t from 's3://bucket/gz/rows.txt.gz' iam_role default delimiter '|'",
      ),
    )
    expect(error.message, page('r_STL_LOAD_ERRORS.html')).toMatch(
      /^Load into table 'sm_t' failed/,
    )
    const copy = Number(
      (
        await admin.query(
          "select max(query) as q from stl_query where querytxt like 'copy sm_t from ''s3://bucket/gz/rows.txt.gz'' iam_role default delimiter%'",
        )
      ).rows[0].q,
    )
    const loadErrors = await admin.query(
      `select trim(filename) as filename, err_code, length(raw_line) > 0 as has_line
       from stl_load_errors where query = $1`,
      [copy],
    )
    expect(loadErrors.rows, page('r_STL_LOAD_ERRORS.html')).toEqual([
      {
        filename: 's3://bucket/gz/rows.txt.gz',
        err_code: 1214,
        has_line: true,
      },
    ])
    const gets = await admin.query(
      'select trim(key) as key, transfer_size from stl_s3client where query = $1',
      [copy],
    )
    expect(gets.rows, page('r_STL_S3CLIENT.html')).toEqual([
      {
        key: 'gz/rows.txt.gz',
        transfer_size: String(gzipSync(PIPE_FILE).length),
      },
    ])
  })

  it("STL_S3CLIENT_ERROR: the page's example lists a COPY's failed GET", async () => {
    const error = await errorOf(
      admin.query(
        "copy sm_t from 's3://bucket/in/missing.manifest' iam_role default manifest",
      ),
    )
    expect(error.message).toMatch(/manifest/)
    const copy = Number(
      (
        await admin.query(
          "select query from stl_query where querytxt like 'copy sm_t from ''s3://bucket/in/missing%'",
        )
      ).rows[0].query,
    )
    const { rows } = await admin.query(
      `select query, sliceid, substring(key from 1 for 20) as file,
         trim(error) like '%does not exist%' as missing, trim(http_method) as method
       from stl_s3client_error where pid = pg_backend_pid() order by query desc`,
    )
    expect(rows, page('r_STL_S3CLIENT_ERROR.html')).toEqual([
      {
        query: copy,
        sliceid: 0,
        file: 'in/missing.manifest',
        missing: true,
        method: 'GET',
      },
    ])
    const ok = await admin.query(
      'select count(*)::int as n from stl_s3client where query = $1',
      [copy],
    )
    expect(ok.rows[0].n).toBe(0)
  })

  it('STL_S3CLIENT / STL_S3CLIENT_ERROR: a regular user sees only its own COPY', async () => {
    await plain.query(
      "copy sm_t from 's3://bucket/plain/rows.txt' iam_role default delimiter '|'",
    )
    const mine = Number(
      (await plain.query('select pg_last_copy_id() as q')).rows[0].q,
    )
    const { rows } = await plain.query(
      'select distinct query from stl_s3client',
    )
    expect(rows, page('c_visibility-of-data.html')).toEqual([{ query: mine }])
    const errors = await plain.query(
      'select count(*)::int as n from stl_s3client_error',
    )
    expect(errors.rows[0].n).toBe(0)
    const all = await admin.query(
      'select count(distinct query)::int as n from stl_s3client',
    )
    expect(all.rows[0].n).toBeGreaterThan(1)
  })

  it("SVV_DATASHARE_PRIVILEGES: the page's example lists the ALTER and SHARE grants", async () => {
    await admin.query('create datashare demo_share')
    await admin.query('grant alter on datashare demo_share to sm_plain')
    await admin.query('grant share on datashare demo_share to public')
    const sql = `select datashare_name, privilege_type, identity_name, identity_type, admin_option
      from svv_datashare_privileges where datashare_name = 'demo_share' order by privilege_type`
    const expected = [
      {
        datashare_name: 'demo_share',
        privilege_type: 'ALTER',
        identity_name: 'sm_plain',
        identity_type: 'user',
        admin_option: false,
      },
      {
        datashare_name: 'demo_share',
        privilege_type: 'SHARE',
        identity_name: 'public',
        identity_type: 'public',
        admin_option: false,
      },
    ]
    expect(
      (await admin.query(sql)).rows,
      page('r_SVV_DATASHARE_PRIVILEGES.html'),
    ).toEqual(expected)
    expect((await plain.query(sql)).rows).toEqual(expected)
    await admin.query("create user sm_other password 'Abcdefg1'")
    const url = new URL(plainUrl)
    url.username = 'sm_other'
    const other = await connect(url.toString())
    try {
      const { rows } = await other.query(sql)
      expect(rows, page('r_SVV_DATASHARE_PRIVILEGES.html')).toEqual([
        expected[1],
      ])
    } finally {
      await other.end()
    }
  })

  it("PG_ATTRIBUTE_INFO: a column grant is the column's attacl", async () => {
    await admin.query('grant select (label) on sm_t to sm_plain')
    const { rows } = await admin.query(
      `select attname, attacl::text as attacl from pg_attribute_info
       where attrelid = 'sm_t'::regclass and attnum > 0 order by attnum`,
    )
    expect(rows, page('r_PG_ATTRIBUTE_INFO.html')).toEqual([
      { attname: 'id', attacl: null },
      { attname: 'label', attacl: expect.stringMatching(/^\{sm_plain=r\//) },
    ])
  })

  it('SYS_QUERY_EXPLAIN and the schema quota violations: no rows, as STL_EXPLAIN has none and quotas are not enforced', async () => {
    await admin.query('create schema sm_quota quota 1 mb')
    await admin.query(
      "create table sm_quota.big as select repeat('x', 200) as pad from sm_t",
    )
    await admin.query('select count(*) from sm_t')
    for (const [view, doc] of EMPTY) {
      const { rows } = await admin.query(
        `select count(*)::int as n from ${view}`,
      )
      expect(rows[0].n, page(doc)).toBe(0)
      const own = await plain.query(`select count(*)::int as n from ${view}`)
      expect(own.rows[0].n, page(doc)).toBe(0)
    }
  })

  it("SVCS_UNLOAD_LOG: the page's example lists an UNLOAD's files, as STL_UNLOAD_LOG without the slice", async () => {
    await admin.query(
      "unload ('select id, label from sm_t') to 's3://bucket/out/sm_' iam_role default",
    )
    const unload = Number(
      (await admin.query('select pg_last_query_id() as q')).rows[0].q,
    )
    const files = async (view: string) =>
      (
        await admin.query(
          `select query, substring(path, 0, 40) as path, line_count from ${view}
           where query = $1 order by path`,
          [unload],
        )
      ).rows
    const svcs = await files('svcs_unload_log')
    expect(svcs.length, page('r_SVCS_UNLOAD_LOG.html')).toBeGreaterThan(0)
    expect(svcs[0]?.path).toMatch(/^s3:\/\/bucket\/out\/sm_/)
    expect(svcs).toEqual(await files('stl_unload_log'))
  })

  it('the empty views stand for features the emulator refuses', async () => {
    for (const sql of [
      'copy job create sm_job',
      'create external schema sm_k from kinesis iam_role default',
      "copy sm_t from 's3://bucket/x.shp' iam_role default format shapefile",
      "create external schema sm_fq from postgres database 'x' uri 'h' iam_role default secret_arn 'arn:aws:secretsmanager:us-east-1:1:secret:x'",
      "copy sm_t from 's3://bucket/plain/rows.txt' iam_role default ssh",
      "create database sm_consumer from datashare demo_share of namespace 'x'",
    ]) {
      const error = await errorOf(admin.query(sql))
      expect(error.code, sql).toBe('0A000')
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
