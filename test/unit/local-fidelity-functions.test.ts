import { loadModule } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import type { ColumnSource } from '../../src/local/sql/column-scopes.js'
import { LEADER_NODE_FUNCTIONS } from '../../src/local/sql/leader-node-functions.js'
import { Planner } from '../../src/local/sql/planner.js'
import { UNSUPPORTED_FAMILIES } from '../../src/local/sql/unsupported-functions.js'

// Every name of the table built from the "Unsupported PostgreSQL functions"
// page (https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-functions.html)
// is refused wherever it is called, and every leader-node-only name
// (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html)
// runs alone and is refused next to a user table. The planner decides all of
// it before PostgreSQL sees the text, so these run without a database.

const planner = new Planner({ isolation: 'serializable' })

beforeAll(async () => {
  await loadModule()
})

/** The page's own explicit names, spelled as it spells them. */
const PAGE_NAMES = [
  'STRING_AGG',
  'ARRAY_AGG',
  'EVERY',
  'XML_AGG',
  'CORR',
  'COVAR_POP',
  'COVAR_SAMP',
  'REGR_AVGX',
  'REGR_AVGY',
  'REGR_COUNT',
  'REGR_INTERCEPT',
  'REGR_R2',
  'REGR_SLOPE',
  'REGR_SXX',
  'REGR_SXY',
  'REGR_SYY',
  'CLOCK_TIMESTAMP',
  'JUSTIFY_DAYS',
  'JUSTIFY_HOURS',
  'JUSTIFY_INTERVAL',
  'PG_SLEEP',
  'TRANSACTION_TIMESTAMP',
  'DIV',
  'SETSEED',
  'WIDTH_BUCKET',
  'GENERATE_SUBSCRIPTS',
  'BIT_LENGTH',
  'OVERLAY',
  'CONVERT_FROM',
  'CONVERT_TO',
  'ENCODE',
  'FORMAT',
  'QUOTE_NULLABLE',
  'REGEXP_MATCHES',
  'REGEXP_SPLIT_TO_ARRAY',
  'REGEXP_SPLIT_TO_TABLE',
  'CURRENT_QUERY',
  'INET_CLIENT_ADDR',
  'INET_CLIENT_PORT',
  'INET_SERVER_ADDR',
  'INET_SERVER_PORT',
  'PG_CONF_LOAD_TIME',
  'PG_IS_OTHER_TEMP_SCHEMA',
  'PG_LISTENING_CHANNELS',
  'PG_MY_TEMP_SCHEMA',
  'PG_POSTMASTER_START_TIME',
  'PG_TRIGGER_DEPTH',
]

/** XML functions PostgreSQL's grammar reads as keywords, in a call it parses. */
const XML_KEYWORD_CALLS: Readonly<Record<string, string>> = {
  xmlconcat: "xmlconcat('<a/>', '<b/>')",
  xmlelement: 'xmlelement(name foo)',
  xmlforest: 'xmlforest(1 as a)',
  xmlpi: 'xmlpi(name php)',
  xmlroot: "xmlroot('<a/>', version '1.0')",
  xmlexists: "xmlexists('//a' passing '<a/>')",
  xmlparse: "xmlparse(document '<a/>')",
  xmlserialize: "xmlserialize(document '<a/>' as text)",
}

const TABLE_NAMES = UNSUPPORTED_FAMILIES.flatMap((f) =>
  f.names.map((name) => ({ name, family: f.family })),
)

describe('local emulator: the unsupported-functions table', () => {
  it('holds every function the page names', () => {
    const names = new Set(TABLE_NAMES.map((n) => n.name))
    expect(PAGE_NAMES.filter((n) => !names.has(n.toLowerCase()))).toEqual([])
  })

  it.each(TABLE_NAMES)('refuses $name ($family)', ({ name }) => {
    const keyword = XML_KEYWORD_CALLS[name]
    for (const sql of keyword !== undefined
      ? [`select ${keyword}`, `insert into t select ${keyword} from t`]
      : [
          `select ${name}(1)`,
          `select pg_catalog.${name}(1, 2) from t`,
          `insert into t select ${name}()`,
        ]) {
      const plan = planner.plan(sql, true)
      expect(plan.reject, sql).toMatchObject({
        code: '42883',
        message: `function ${name} does not exist`,
      })
    }
  })

  it('leaves a schema-qualified user function of the same name alone', () => {
    expect(planner.plan('select public.format(1)', true).reject).toBeUndefined()
  })

  it.each([...LEADER_NODE_FUNCTIONS])(
    'runs %s alone and refuses it with a user table',
    (name) => {
      expect(planner.plan(`select ${name}(1)`, true).reject).toBeUndefined()
      for (const sql of [
        `select ${name}(1), id from t`,
        `create table n as select ${name}(1) as v`,
        `select ${name}(1) as v into n`,
        `update t set v = ${name}(1)`,
        `select ${name}(1) from svv_table_info`,
      ]) {
        expect(planner.plan(sql, true).reject, sql).toMatchObject({
          code: '0A000',
          message:
            'Specified types or functions (one per INFO message) not supported on Amazon Redshift tables.',
          detail: `Function "${name}()" is a leader-node-only function.`,
        })
      }
    },
  )
})

describe('where a query runs (c_sql-functions-leader-node.html, c_SQL_functions_compute_node_only.html)', () => {
  const ON_USER_TABLE =
    'One or more of the used functions must be applied on at least one user created table.'
  /** `none` is a view that reads no table, `read` a view over a user table. */
  const catalog: ColumnSource = {
    fold: true,
    columnsOf: (key) =>
      key === 'none'
        ? Object.assign(new Map([['x', { kind: 'int4' } as const]]), {
            readsNoTable: true,
          })
        : key === 'read'
          ? new Map([['x', { kind: 'int4' } as const]])
          : undefined,
  }

  it('runs the page example of a leader-node-only function over PG_TABLE_DEF', () => {
    expect(
      planner.plan(
        'select * from pg_table_def where schemaname = current_schema() limit 1',
        true,
      ).reject,
    ).toBeUndefined()
  })

  it('does not count the table an INSERT, CREATE TABLE AS or SELECT INTO writes', () => {
    for (const sql of [
      'insert into t select median(1)',
      'create table n as select median(1) as m',
      'select median(1) into n',
    ])
      expect(planner.plan(sql, true).reject, sql).toMatchObject({
        code: '0A000',
        message: ON_USER_TABLE,
      })
    expect(
      planner.plan('insert into t select median(v) from t', true).reject,
    ).toBeUndefined()
  })

  it('asks the catalog about the relations, then runs a leader-node-only function over views that read no table', () => {
    const first = planner.plan('select current_schema(), x from none', true)
    expect(first.reject).toMatchObject({ code: '0A000' })
    expect(first.columnRelations).toContain('none')
    expect(
      planner.plan('select current_schema(), x from none', true, catalog)
        .reject,
    ).toBeUndefined()
    for (const sql of [
      'select current_schema(), x from read',
      'select current_schema(), none.x from none, read',
      'insert into t select x from none where current_schema() = x',
    ])
      expect(planner.plan(sql, true, catalog).reject, sql).toMatchObject({
        code: '0A000',
        detail: 'Function "current_schema()" is a leader-node-only function.',
      })
  })

  it('asks the catalog about the relations, then refuses views that read no table', () => {
    const collected = planner.plan('select median(x) from none', true)
    expect(collected.reject).toBeUndefined()
    expect(collected.columnRelations).toContain('none')
    expect(
      planner.plan('select median(x) from none', true, catalog).reject,
    ).toMatchObject({ code: '0A000', message: ON_USER_TABLE })
    for (const sql of [
      'select median(x) from read',
      'select median(none.x) from none, read',
      'select median(x) from unknown_relation',
    ])
      expect(planner.plan(sql, true, catalog).reject, sql).toBeUndefined()
  })
})
