import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

/**
 * The Developer Guide's configuration reference (cm_chap_ConfigurationRef.html
 * and each parameter's page) with SET, RESET, SHOW and SET_CONFIG, run
 * through the emulator. What local-session.test.ts,
 * local-fidelity-results.test.ts and local-fidelity-commands-dml-audit.test.ts
 * already check (query_group, SHOW defaults of datestyle / extra_float_digits,
 * describe_field_name_in_uppercase column names, statement_timeout's cancel,
 * context variables, SET SESSION AUTHORIZATION) is not repeated here.
 */
const page = (name: string) => `${DG}${name}`

/** Each value a boolean parameter takes, and one it refuses. */
const booleanCase = (name: string, shown: 'on' | 'off'): FidelityCase => ({
  title: `${name}: default ${shown}, true/false/on/off, nothing else`,
  doc: page(`r_${name}.html`),
  steps: [
    rows(`show ${name}`, [{ [name]: shown }]),
    run(`set ${name} to ${shown === 'on' ? 'false' : 'true'}`),
    rows(`show ${name}`, [{ [name]: shown === 'on' ? 'off' : 'on' }]),
    run(`set ${name} to default`),
    rows(`show ${name}`, [{ [name]: shown }]),
    fails(
      `set ${name} to maybe`,
      '22023',
      `invalid value for parameter "${name}"`,
    ),
  ],
})

const CASES: readonly FidelityCase[] = [
  {
    title: 'analyze_threshold_percent: 10, from 0 to 100.0, the examples',
    doc: page('r_analyze_threshold_percent.html'),
    steps: [
      rows('show analyze_threshold_percent', [
        { analyze_threshold_percent: '10' },
      ]),
      run('set analyze_threshold_percent to 15'),
      run('set analyze_threshold_percent to 0.01'),
      rows('show analyze_threshold_percent', [
        { analyze_threshold_percent: '0.01' },
      ]),
      run('set analyze_threshold_percent to 0'),
      rows('show analyze_threshold_percent', [
        { analyze_threshold_percent: '0' },
      ]),
      fails('set analyze_threshold_percent to -1', '22023', 'invalid value'),
      fails("set analyze_threshold_percent to 'abc'", '22023', 'invalid value'),
    ],
  },
  {
    title: 'default_geometry_encoding: 2, or 1',
    doc: page('r_default_geometry_encoding.html'),
    steps: [
      rows('show default_geometry_encoding', [
        { default_geometry_encoding: '2' },
      ]),
      run('set default_geometry_encoding to 1'),
      rows('show default_geometry_encoding', [
        { default_geometry_encoding: '1' },
      ]),
      fails('set default_geometry_encoding to 3', '22023', 'invalid value'),
    ],
  },
  booleanCase('enable_case_sensitive_super_attribute', 'off'),
  booleanCase('enable_result_cache_for_session', 'on'),
  booleanCase('enable_vacuum_boost', 'off'),
  booleanCase('error_on_nondeterministic_update', 'off'),
  booleanCase('mv_enable_aqmv_for_session', 'on'),
  {
    title:
      'SUPER lax and strict modes: the defaults; strict is an emulator limit',
    doc: page('super-configurations.html'),
    steps: [
      rows('show navigate_super_null_on_error', [
        { navigate_super_null_on_error: 'on' },
      ]),
      rows('show cast_super_null_on_error', [
        { cast_super_null_on_error: 'on' },
      ]),
      rows('show parse_super_null_on_error', [
        { parse_super_null_on_error: 'off' },
      ]),
      run('set navigate_super_null_on_error = on'),
      run('set cast_super_null_on_error = on'),
      run('set parse_super_null_on_error = off'),
      fails('set parse_super_null_on_error = on', '0A000', 'local emulator'),
    ],
  },
  booleanCase('pg_federation_repeatable_read', 'on'),
  booleanCase('spectrum_enable_pseudo_columns', 'on'),
  {
    title:
      'enable_case_sensitive_identifier: false by default, the page examples',
    doc: page('r_enable_case_sensitive_identifier.html'),
    steps: [
      rows('show enable_case_sensitive_identifier', [
        { enable_case_sensitive_identifier: 'off' },
      ]),
      run('set enable_case_sensitive_identifier to true'),
      run('create table "MixedCasedTable" ("MixedCasedColumn" int)'),
      run('create table MixedCasedTable (MixedCasedColumn int)'),
      rows('select "MixedCasedColumn" from "MixedCasedTable"', []),
      run('reset enable_case_sensitive_identifier'),
      run('create table "MixedCasedTable2" ("MixedCasedColumn" int)'),
      fails(
        'create table MixedCasedTable2 (MixedCasedColumn int)',
        '42P07',
        '"mixedcasedtable2" already exists',
      ),
      fails(
        'set enable_case_sensitive_identifier to 2',
        '22023',
        'invalid value',
      ),
    ],
  },
  {
    title:
      'enable_numeric_rounding: on rounds NUMERIC casts; off is an emulator limit',
    doc: page('r_enable_numeric_rounding.html'),
    steps: [
      run('create table rounding_t (a numeric(10, 2))'),
      run('insert into rounding_t values (1.5)'),
      rows('show enable_numeric_rounding', [{ enable_numeric_rounding: 'on' }]),
      run('set enable_numeric_rounding to on'),
      rows('select a::int as a from rounding_t', [{ a: 2 }]),
      rows('select a::decimal(10, 0) as a from rounding_t', [{ a: '2' }]),
      rows('select a::decimal(10, 5) as a from rounding_t', [{ a: '1.50000' }]),
      fails('set enable_numeric_rounding to off', '0A000', 'local emulator'),
      rows('select a::int as a from rounding_t', [{ a: 2 }]),
      fails(
        'set enable_numeric_rounding to sometimes',
        '22023',
        'invalid value',
      ),
    ],
  },
  {
    title: 'JSON_PARSE options: json_parse_dedup_attributes and truncation',
    doc: page('super-configurations.html'),
    steps: [
      rows('show json_parse_dedup_attributes', [
        { json_parse_dedup_attributes: 'off' },
      ]),
      run('set json_parse_dedup_attributes to on'),
      rows('show json_parse_dedup_attributes', [
        { json_parse_dedup_attributes: 'on' },
      ]),
      rows('show json_parse_truncate_strings', [
        { json_parse_truncate_strings: 'off' },
      ]),
      run('set json_parse_truncate_strings to on'),
      rows('show json_parse_truncate_strings', [
        { json_parse_truncate_strings: 'on' },
      ]),
    ],
  },
  {
    title: 'error_on_nondeterministic_update: the page example fails',
    doc: page('r_error_on_nondeterministic_update.html'),
    steps: [
      run('set error_on_nondeterministic_update to true'),
      run('create table nd_t1 (x1 int, y1 int)'),
      run('create table nd_t2 (x2 int, y2 int)'),
      run('insert into nd_t1 values (1, 10), (2, 20), (3, 30)'),
      run('insert into nd_t2 values (2, 40), (2, 50)'),
      fails(
        'update nd_t1 set y1 = y2 from nd_t2 where x1 = x2',
        'XX000',
        'Found multiple matches to update the same tuple.',
      ),
    ],
  },
  {
    title: 'max_concurrency_scaling_clusters: 1, from 0 to 10',
    doc: page('r_max_concurrency_scaling_clusters.html'),
    steps: [
      rows('show max_concurrency_scaling_clusters', [
        { max_concurrency_scaling_clusters: '1' },
      ]),
      run('set max_concurrency_scaling_clusters to 0'),
      run('set max_concurrency_scaling_clusters to 10'),
      fails(
        'set max_concurrency_scaling_clusters to 11',
        '22023',
        'invalid value',
      ),
    ],
  },
  {
    title: 'spectrum_query_maxerror: -1, any integer',
    doc: page('r_spectrum_query_maxerror.html'),
    steps: [
      rows('show spectrum_query_maxerror', [{ spectrum_query_maxerror: '-1' }]),
      run('set spectrum_query_maxerror to 1'),
      rows('show spectrum_query_maxerror', [{ spectrum_query_maxerror: '1' }]),
      fails("set spectrum_query_maxerror to 'x'", '22023', 'invalid value'),
    ],
  },
  {
    title:
      'stored_proc_log_min_messages: LOG, INFO, NOTICE, WARNING, EXCEPTION only',
    doc: page('r_stored_proc_log_min_messages.html'),
    steps: [
      rows('show stored_proc_log_min_messages', [
        { stored_proc_log_min_messages: 'LOG' },
      ]),
      run('set stored_proc_log_min_messages to notice'),
      rows('show stored_proc_log_min_messages', [
        { stored_proc_log_min_messages: 'NOTICE' },
      ]),
      run("set stored_proc_log_min_messages to 'EXCEPTION'"),
      fails(
        "set stored_proc_log_min_messages to 'debug'",
        '22023',
        'invalid value for parameter "stored_proc_log_min_messages"',
      ),
      rows('show stored_proc_log_min_messages', [
        { stored_proc_log_min_messages: 'EXCEPTION' },
      ]),
    ],
  },
  {
    title: 'wlm_query_slot_count: 1, from 1 to 50',
    doc: page('r_wlm_query_slot_count.html'),
    steps: [
      run('set wlm_query_slot_count to 3'),
      rows('show wlm_query_slot_count', [{ wlm_query_slot_count: '3' }]),
      run('set wlm_query_slot_count to 50'),
      fails('set wlm_query_slot_count to 0', '22023', 'invalid value'),
    ],
  },
  {
    title: 'auto_mv is a parameter group setting, not a session one',
    doc: page('materialized-view-auto-mv.html'),
    steps: [
      fails(
        'set auto_mv to false',
        '42704',
        'unrecognized configuration parameter "auto_mv"',
      ),
    ],
  },
  {
    title: 'datestyle: the four styles and the field orders change output text',
    doc: page('r_datestyle.html'),
    steps: [
      run("set datestyle to 'SQL,DMY'"),
      rows("select date '2008-06-01'::text as d", [{ d: '01/06/2008' }]),
      run("set datestyle to 'German'"),
      rows("select date '2008-06-01'::text as d", [{ d: '01.06.2008' }]),
      run("set datestyle to 'Postgres, MDY'"),
      rows("select timestamp '2008-06-01 09:59:59'::text as t", [
        { t: 'Sun Jun 01 09:59:59 2008' },
      ]),
      run("set datestyle to 'ISO, DMY'"),
      rows("select current_setting('datestyle') as s", [{ s: 'ISO, DMY' }]),
      rows("select date '01/06/2008'::text as d", [{ d: '2008-06-01' }]),
      fails("set datestyle to 'bogus'", '22023', 'invalid value'),
      run('set datestyle to default'),
      rows('show datestyle', [{ datestyle: 'ISO, MDY' }]),
    ],
  },
  {
    title: 'extra_float_digits: from -15 to 2, added to the digits shown',
    doc: page('r_extra_float_digits.html'),
    steps: [
      run('set extra_float_digits to -15'),
      rows('select 3.14159265358979::float8::text as d', [{ d: '3' }]),
      fails(
        'set extra_float_digits to -16',
        '22023',
        'outside the valid range',
      ),
      run('reset extra_float_digits'),
      rows('select 3.14159265358979::float8::text as d', [
        { d: '3.14159265358979' },
      ]),
    ],
  },
  {
    title:
      'search_path: a set value keeps "$user" quoted, the default shows it bare',
    doc: page('r_search_path.html'),
    steps: [
      run('create schema enterprise'),
      run('set search_path to enterprise'),
      rows('show search_path', [{ search_path: 'enterprise' }]),
      run("set search_path to '$user', public, enterprise"),
      rows('show search_path', [
        { search_path: '"$user", public, enterprise' },
      ]),
      rows("select current_setting('search_path') as p", [
        { p: '"$user", public, enterprise' },
      ]),
      run('create table enterprise.frontier (c1 int)'),
      run('create table public.frontier (c1 int)'),
      run('insert into enterprise.frontier values (1)'),
      rows('select * from frontier', []),
      rows('select * from enterprise.frontier', [{ c1: 1 }]),
      run('reset search_path'),
      rows('show search_path', [{ search_path: '$user, public' }]),
      rows("select current_setting('search_path') as p", [
        { p: '$user, public' },
      ]),
    ],
  },
  {
    title: 'statement_timeout: SHOW and current_setting give milliseconds',
    doc: page('r_statement_timeout.html'),
    steps: [
      rows('show statement_timeout', [{ statement_timeout: '0' }]),
      run('set statement_timeout to 200000'),
      rows('show statement_timeout', [{ statement_timeout: '200000' }]),
      rows("select current_setting('statement_timeout') as t", [
        { t: '200000' },
      ]),
      fails('set statement_timeout to -1', '22023', 'outside the valid range'),
      run('reset statement_timeout'),
      rows('show statement_timeout', [{ statement_timeout: '0' }]),
    ],
  },
  {
    title: 'timezone: names, POSIX, ISO-8601 offsets east, INTERVAL, DEFAULT',
    doc: page('r_timezone_config.html'),
    steps: [
      rows('show timezone', [{ timezone: 'UTC' }]),
      run("set timezone = 'America/New_York'"),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 08:00:00-04' },
      ]),
      // UTC-8 (PST): ISO-8601 offsets are positive east of Greenwich.
      run("set timezone to '-8:00'"),
      rows('show timezone', [{ timezone: '-8:00' }]),
      rows("select current_setting('timezone') as z", [{ z: '-8:00' }]),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 04:00:00-08' },
      ]),
      run("set timezone to '+7:30'"),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 19:30:00+07:30' },
      ]),
      // POSIX-style offsets are positive west.
      run("set timezone to 'EST5'"),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 07:00:00-05' },
      ]),
      run("set timezone to 'PST8PDT'"),
      run("set timezone to 'xxx36'"),
      run("set timezone interval '-8 hours'"),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 04:00:00-08' },
      ]),
      run("set time zone interval '30 minutes'"),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 12:30:00+00:30' },
      ]),
      run("set time zone '-8:00'"),
      rows('show all', [
        { name: 'analyze_threshold_percent', setting: '10' },
        { name: 'datestyle', setting: 'ISO, MDY' },
        { name: 'extra_float_digits', setting: '0' },
        { name: 'query_group', setting: 'default' },
        { name: 'search_path', setting: '$user, public' },
        { name: 'statement_timeout', setting: '0' },
        { name: 'timezone', setting: '-8:00' },
        { name: 'wlm_query_slot_count', setting: '1' },
      ]),
      // Abbreviations are fixed offsets without daylight rules: refused.
      fails("set timezone to 'PST'", '22023', 'invalid value'),
      fails("set timezone to 'PDT'", '22023', 'invalid value'),
      // ... though many names are abbreviations too.
      run("set timezone to 'EST'"),
      run("set timezone to 'NZ'"),
      run("set timezone to 'UCT'"),
      run("set timezone to 'Etc/Greenwich'"),
      run("set timezone to 'GB'"),
      run("set timezone to 'CST6CDT'"),
      run('set timezone to default'),
      rows('show timezone', [{ timezone: 'UTC' }]),
    ],
  },
  {
    title: 'timezone: ROLLBACK undoes an ISO-8601 offset with the zone',
    doc: page('r_timezone_config.html'),
    steps: [
      run("set timezone to '-8:00'"),
      run('begin'),
      run("set timezone = 'America/New_York'"),
      rows('show timezone', [{ timezone: 'America/New_York' }]),
      run('rollback'),
      rows('show timezone', [{ timezone: '-8:00' }]),
      rows("select timestamptz '2008-06-01 12:00:00+00'::text as t", [
        { t: '2008-06-01 04:00:00-08' },
      ]),
      run('reset all'),
      rows('show timezone', [{ timezone: 'UTC' }]),
    ],
  },
  {
    title: 'SET_CONFIG: a Redshift parameter, is_local true or 1, false or 0',
    doc: page('r_SET_CONFIG.html'),
    steps: [
      rows("select set_config('query_group', 'test', true)", [
        { set_config: 'test' },
      ]),
      // is_local outside a transaction block: the value does not outlive the call.
      rows('show query_group', [{ query_group: 'unset' }]),
      run('begin'),
      rows("select set_config('query_group', 'in_block', 1)", [
        { set_config: 'in_block' },
      ]),
      rows('show query_group', [{ query_group: 'in_block' }]),
      run('commit'),
      rows('show query_group', [{ query_group: 'unset' }]),
      rows("select set_config('query_group', 'test', 0)", [
        { set_config: 'test' },
      ]),
      rows('show query_group', [{ query_group: 'test' }]),
      rows("select current_setting('query_group') as g", [{ g: 'test' }]),
      fails(
        "select set_config('wlm_query_slot_count', '99', false)",
        '22023',
        'invalid value for parameter "wlm_query_slot_count"',
      ),
      fails(
        "select 1, set_config('query_group', 'x', false)",
        '0A000',
        'local emulator',
      ),
      rows("select set_config('app.username', 'cuddy', false)", [
        { set_config: 'cuddy' },
      ]),
      rows('show app.username', [{ 'app.username': 'cuddy' }]),
      rows("select set_config('timezone', '-8:00', false)", [
        { set_config: '-8:00' },
      ]),
      rows('show timezone', [{ timezone: '-8:00' }]),
    ],
  },
  {
    title: 'RESET ALL returns every parameter to its default',
    doc: page('r_RESET.html'),
    steps: [
      run("set query_group to 'priority'"),
      run('set wlm_query_slot_count to 3'),
      run("set stored_proc_log_min_messages to 'warning'"),
      run("set timezone to '+7:30'"),
      run('set statement_timeout to 1000'),
      run('reset all'),
      rows('show query_group', [{ query_group: 'unset' }]),
      rows('show stored_proc_log_min_messages', [
        { stored_proc_log_min_messages: 'LOG' },
      ]),
      rows('show all', [
        { name: 'analyze_threshold_percent', setting: '10' },
        { name: 'datestyle', setting: 'ISO, MDY' },
        { name: 'extra_float_digits', setting: '0' },
        { name: 'query_group', setting: 'default' },
        { name: 'search_path', setting: '$user, public' },
        { name: 'statement_timeout', setting: '0' },
        { name: 'timezone', setting: 'UTC' },
        { name: 'wlm_query_slot_count', setting: '1' },
      ]),
    ],
  },
]

describeFidelityCases(
  'local emulator: the configuration reference, audited',
  'local_fidelity_config',
  CASES,
)
