import { readFileSync } from 'node:fs'

import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import { describe, expect, it } from 'vitest'

import { quoteLiteral } from '../../src/sql/literal.js'
import { describeError } from '../../src/telemetry/describe-error.js'
import { PACKAGE_VERSION } from '../../src/telemetry/package-version.js'
import { claimPoolName } from '../../src/telemetry/pool-name.js'
import { MAX_SCANNED_TEXT, scanSql } from '../../src/telemetry/scan-sql.js'
import {
  CATALOG_CAPACITY,
  StatementCatalog,
} from '../../src/telemetry/statement-catalog.js'
import {
  MAX_SUMMARY,
  summarizeTokens,
} from '../../src/telemetry/statement-summary.js'
import { summarizeNode } from '../../src/telemetry/summarize-node.js'
import { DataError, SerializationFailureError } from '../../src/errors/index.js'

interface DB {
  sales: { id: number; qty: number }
  staging: { id: number; qty: number }
  'analytics.events': { id: number }
}

// Compiles only: Kysely's own builders give the operation nodes.
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

const summaryOf = (text: string) => summarizeTokens(scanSql(text).tokens)

describe('scanSql: the text telemetry shows', () => {
  it.each([
    [
      "select * from sales where note = 'it''s' and id > 42",
      'select * from sales where note = ? and id > ?',
    ],
    ["select 'a\\'b' as x", 'select ? as x'],
    ["select E'\\n', X'ff', B'01', N'n'", 'select ?, ?, ?, ?'],
    ["select $$a 'b' c$$, $t$ x $t$ from t", 'select ?, ? from t'],
    [
      'select 1.5, .5, 1e-3, 10e+2, t1.c2 from t1',
      'select ?, ?, ?, ?, t1.c2 from t1',
    ],
    [
      'select $1, $12 from "Weird ""Name"""',
      'select $1, $12 from "Weird ""Name"""',
    ],
    [
      "select 1 -- a 'comment'\n from t /* b /* nested */ 'x' */ where a",
      'select ? from t where a',
    ],
    ['select\n\t  a,\n  b   from t', 'select a, b from t'],
    ["select 'unterminated", 'select ?'],
  ])('%j -> %j', (sql, text) => {
    expect(scanSql(sql).text).toBe(text)
  })

  it('removes every credential of COPY, UNLOAD and CREATE USER', () => {
    const secrets = [
      'AKIAEXAMPLE',
      'wJalrXUtnFEMI/K7MDENG',
      'FwoGZXIvYXdzE',
      'master/key+base64=',
      'arn:aws:kms:us-east-1:1:key/abc',
      'arn:aws:iam::1:role/R',
      'hunter2',
    ]
    const statements = [
      `COPY "sales" FROM 's3://b/k' ACCESS_KEY_ID ${quoteLiteral(secrets[0]!)} SECRET_ACCESS_KEY ${quoteLiteral(secrets[1]!)} SESSION_TOKEN ${quoteLiteral(secrets[2]!)}`,
      `COPY sales FROM 's3://b/k' CREDENTIALS 'aws_access_key_id=${secrets[0]};aws_secret_access_key=${secrets[1]};token=${secrets[2]}' ENCRYPTED MASTER_SYMMETRIC_KEY ${quoteLiteral(secrets[3]!)}`,
      `UNLOAD ('select * from sales where x = ''${secrets[6]}''') TO 's3://b/p_' IAM_ROLE '${secrets[5]}' KMS_KEY_ID '${secrets[4]}' ENCRYPTED`,
      `create user bob password '${secrets[6]}'`,
      `alter user bob password $$${secrets[6]}$$`,
    ]
    for (const statement of statements) {
      const { text } = scanSql(statement)
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
    expect(scanSql(statements[0]!).text).toBe(
      'COPY "sales" FROM ? ACCESS_KEY_ID ? SECRET_ACCESS_KEY ? SESSION_TOKEN ?',
    )
    expect(scanSql(statements[2]!).text).toBe(
      'UNLOAD (?) TO ? IAM_ROLE ? KMS_KEY_ID ? ENCRYPTED',
    )
  })

  it('stops at a bounded length, never inside a value', () => {
    const long = `insert into sales values ${Array.from({ length: 5000 }, (_, i) => `(${i}, 'v${i}')`).join(', ')}`
    const { text } = scanSql(long)
    expect(text.length).toBeLessThanOrEqual(MAX_SCANNED_TEXT + 10)
    expect(text.endsWith(' ...')).toBe(true)
    expect(text).not.toMatch(/v\d/)
    expect(scanSql(`select '${'x'.repeat(100_000)}`).text).toBe('select ?')
  })
})

describe('statement summaries', () => {
  it.each([
    ['select * from sales', 'SELECT', 'SELECT sales', ['sales']],
    [
      'SELECT a.x FROM public.sales a JOIN staging s ON a.id = s.id',
      'SELECT',
      'SELECT public.sales staging',
      ['public.sales', 'staging'],
    ],
    [
      'select * from "Analytics"."Events" e, sales',
      'SELECT',
      'SELECT Analytics.Events sales',
      ['Analytics.Events', 'sales'],
    ],
    ['select g from generate_series(1, 3) as g', 'SELECT', 'SELECT', []],
    [
      'select * from (select id from sales) s',
      'SELECT',
      'SELECT sales',
      ['sales'],
    ],
    [
      'insert into sales (id, qty) select id, qty from staging',
      'INSERT',
      'INSERT sales SELECT staging',
      ['sales', 'staging'],
    ],
    [
      'with s as (select * from staging) delete from sales using s where s.id = sales.id',
      'DELETE',
      'SELECT staging DELETE sales s',
      ['staging', 'sales', 's'],
    ],
    [
      'update sales set qty = 0 where id = 1',
      'UPDATE',
      'UPDATE sales',
      ['sales'],
    ],
    [
      'COPY "analytics"."sales" ("id") FROM \'s3://b/\' IAM_ROLE default',
      'COPY',
      'COPY analytics.sales',
      ['analytics.sales'],
    ],
    [
      "UNLOAD ('select * from sales') TO 's3://b/' IAM_ROLE default",
      'UNLOAD',
      'UNLOAD',
      [],
    ],
    ['begin', 'BEGIN', 'BEGIN', []],
    [
      'start transaction isolation level serializable',
      'START TRANSACTION',
      'START TRANSACTION',
      [],
    ],
    ['COMMIT', 'COMMIT', 'COMMIT', []],
    [
      'create temp table if not exists t1 (id int)',
      'CREATE TABLE',
      'CREATE TABLE t1',
      ['t1'],
    ],
    [
      'create or replace view v as select * from sales',
      'CREATE VIEW',
      'CREATE VIEW v',
      ['v'],
    ],
    ['drop schema s cascade', 'DROP SCHEMA', 'DROP SCHEMA', []],
    ['truncate table sales', 'TRUNCATE', 'TRUNCATE sales', ['sales']],
    ['lock sales, staging', 'LOCK', 'LOCK sales staging', ['sales', 'staging']],
    ['vacuum delete only sales', 'VACUUM', 'VACUUM sales', ['sales']],
    ["set query_group to 'etl'", 'SET', 'SET', []],
    ['', '', '', []],
    ['(select 1)', '', '', []],
  ])('%j', (sql, operation, summary, collections) => {
    expect(summaryOf(sql)).toEqual({ operation, summary, collections })
  })

  it('summaries stay within 255 characters', () => {
    const sql = `select * from ${Array.from({ length: 100 }, (_, i) => `table_number_${i}`).join(', ')}`
    const { summary } = summaryOf(sql)
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY)
    expect(summary.startsWith('SELECT table_number_0 table_number_1')).toBe(
      true,
    )
  })

  it('Kysely queries are summarized from their operation nodes', () => {
    const node = (q: { compile(): CompiledQuery }) =>
      summarizeNode(q.compile().query)
    expect(node(db.selectFrom('sales').selectAll())).toEqual({
      operation: 'SELECT',
      collections: ['sales'],
      summary: 'SELECT sales',
    })
    expect(
      node(
        db
          .selectFrom('sales as s')
          .innerJoin('staging', 'staging.id', 's.id')
          .selectAll(),
      ),
    ).toMatchObject({ summary: 'SELECT sales staging' })
    expect(node(db.selectFrom('analytics.events').selectAll())).toMatchObject({
      collections: ['analytics.events'],
    })
    expect(
      node(db.insertInto('sales').values({ id: 1, qty: 2 })),
    ).toMatchObject({ operation: 'INSERT', summary: 'INSERT sales' })
    expect(
      node(
        db
          .insertInto('sales')
          .columns(['id', 'qty'])
          .expression(db.selectFrom('staging').select(['id', 'qty'])),
      ),
    ).toMatchObject({ summary: 'INSERT sales SELECT staging' })
    expect(
      node(db.updateTable('sales').set({ qty: 1 }).where('id', '=', 1)),
    ).toMatchObject({ operation: 'UPDATE', collections: ['sales'] })
    expect(node(db.deleteFrom('sales').where('id', '=', 1))).toMatchObject({
      operation: 'DELETE',
      summary: 'DELETE sales',
    })
    expect(
      node(db.schema.createTable('t').addColumn('id', 'integer')),
    ).toMatchObject({ operation: 'CREATE TABLE', summary: 'CREATE TABLE t' })
    expect(node(db.schema.dropTable('t'))).toMatchObject({
      summary: 'DROP TABLE t',
    })
    expect(summarizeNode(CompiledQuery.raw('select 1').query)).toBeUndefined()
  })
})

describe('StatementCatalog: one description per text, bounded', () => {
  const connection = Object.freeze({
    'db.system.name': 'aws.redshift',
    'db.namespace': 'dev',
  })

  it('describes a statement once and shares the description', () => {
    const catalog = new StatementCatalog(connection)
    const first = catalog.describe(
      CompiledQuery.raw("select * from sales where a = 'x'"),
    )
    const again = catalog.describe(
      CompiledQuery.raw("select * from sales where a = 'x'"),
    )
    expect(again).toBe(first)
    expect(first.name).toBe('SELECT sales')
    expect(Object.isFrozen(first.spanOptions.attributes)).toBe(true)
    expect(first.spanOptions.attributes).toEqual({
      ...connection,
      'db.operation.name': 'SELECT',
      'db.collection.name': 'sales',
      'db.query.summary': 'SELECT sales',
      'db.query.text': 'select * from sales where a = ?',
    })
    // Metrics carry no text.
    expect(first.metricAttributes['db.query.text']).toBeUndefined()
  })

  it('forgets the oldest texts beyond its capacity', () => {
    const catalog = new StatementCatalog(connection)
    const oldest = catalog.describe(CompiledQuery.raw('select 0 from t0'))
    for (let i = 1; i <= CATALOG_CAPACITY; i++) {
      catalog.describe(CompiledQuery.raw(`select ${i} from t${i}`))
    }
    expect(catalog.describe(CompiledQuery.raw('select 0 from t0'))).not.toBe(
      oldest,
    )
    const recent = catalog.describe(
      CompiledQuery.raw(`select 9 from t${CATALOG_CAPACITY}`),
    )
    expect(
      catalog.describe(CompiledQuery.raw(`select 9 from t${CATALOG_CAPACITY}`)),
    ).toBe(recent)
  })

  it('falls back to the operation, then to aws.redshift, for the span name', () => {
    const catalog = new StatementCatalog(connection)
    expect(catalog.describe(CompiledQuery.raw('select 1')).name).toBe('SELECT')
    expect(catalog.describe(CompiledQuery.raw('(select 1)')).name).toBe(
      'aws.redshift',
    )
  })
})

describe('describeError', () => {
  it('names the class and the SQLSTATE, and cuts the message at its first quote', () => {
    expect(
      describeError(
        new DataError('invalid input syntax for type integer: "s3cr3t"', {
          code: '22P02',
        }),
      ),
    ).toEqual({
      type: 'DataError',
      statusCode: '22P02',
      message: 'DataError: invalid input syntax for type integer: ?',
    })
    expect(
      describeError(new SerializationFailureError('1023', { code: 'XX000' })),
    ).toEqual({
      type: 'SerializationFailureError',
      statusCode: 'XX000',
      message: 'SerializationFailureError: 1023',
    })
  })

  it('classifies a raw server error as the driver does, and anything else by its name', () => {
    const raw = Object.assign(
      new Error('relation "secret_table" does not exist'),
      {
        code: '42P01',
      },
    )
    expect(describeError(raw)).toEqual({
      type: 'TableNotFoundError',
      statusCode: '42P01',
      message: 'TableNotFoundError: relation ?',
    })
    const abort = new DOMException('This operation was aborted', 'AbortError')
    expect(describeError(abort)).toMatchObject({
      type: 'AbortError',
      statusCode: undefined,
    })
    expect(describeError('a string')).toMatchObject({ type: '_OTHER' })
    expect(
      describeError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
    ).toMatchObject({ statusCode: undefined })
  })

  it('removes credentials that come unquoted', () => {
    const { message } = describeError(
      new Error('failed: aws_secret_access_key=abc123SECRET;token=tok456'),
    )
    expect(message).not.toMatch(/abc123SECRET|tok456/)
  })
})

describe('pool names and the version', () => {
  it('applicationName, else host:port/database; a second live pool gets #2, a released name is reused', () => {
    const config = { host: 'h.example', port: 5439, database: 'dev' }
    const a = claimPoolName(config)
    const b = claimPoolName(config)
    expect([a.name, b.name]).toEqual([
      'h.example:5439/dev',
      'h.example:5439/dev#2',
    ])
    a.release()
    const c = claimPoolName(config)
    expect(c.name).toBe('h.example:5439/dev')
    const named = claimPoolName({ ...config, applicationName: 'etl' })
    expect(named.name).toBe('etl')
    for (const claim of [b, c, named]) claim.release()
  })

  it('PACKAGE_VERSION is the package.json version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      version: string
    }
    expect(PACKAGE_VERSION).toBe(pkg.version)
  })
})
