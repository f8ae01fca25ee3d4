import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  startS3Emulator,
  type S3Emulator,
} from './local-test-helpers.js'

// More of Spectrum's documented behaviour over the emulator's S3: nested
// arrays read into local tables, ranges through an alias that is also a
// schema's name, views read after SET SESSION AUTHORIZATION, and the usage
// notes of the external DDL pages.

const TUTORIAL = `${DG}tutorial-query-nested-data-sqlextensions.html`
const USE_CASES = `${DG}nested-data-use-cases.html`
const CREATE_TABLE = `${DG}r_CREATE_EXTERNAL_TABLE.html`
const CREATE_VIEW = `${DG}r_CREATE_VIEW.html`
const CREATE_SCHEMA = `${DG}r_CREATE_EXTERNAL_SCHEMA.html`
const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const ALTER_EXAMPLES = `${DG}r_ALTER_TABLE_external-table.html`

/** Files the cases read, under s3://bucket/. */
const FILES: Readonly<Record<string, string>> = {
  'tags/part-0.json':
    '{"id": 1, "tags": ["alpha", "beta"], "who": {"name": "ann", "langs": ["en", "fr"]}}\n{"id": 2, "tags": ["gamma"], "who": {"name": "bob", "langs": []}}\n{"id": 3}\n',
  'sales/part-0.txt': '1|10\n2|20\n',
  // The DATE forms of r_CREATE_EXTERNAL_TABLE.html, one a line.
  'dates/part-0.txt':
    '1|2017-05-01\n2|05-01-2017\n3|05-01-17\n4|05-01-89\n5|may-01-2017\n6|01-May-2017\n7|2017-may-01\n',
  'baddates/slash.txt': '1|2017/05/01\n',
  'baddates13/month.txt': '1|13-01-2017\n',
  // The tutorial's customers (tutorial-query-nested-data.html), as JSON lines.
  'customers/part-0.json': [
    '{"id": 1, "name": {"given": "John", "family": "Smith"}, "phones": ["123-457789"]}',
    '{"id": 2, "name": {"given": "Jenny", "family": "Doe"}, "phones": ["858-8675309", "415-9876543"]}',
    '{"id": 3, "name": {"given": "Andy", "family": "Jones"}, "phones": []}',
    '',
  ].join('\n'),
}

const JSON_SERDE = "row format serde 'org.openx.data.jsonserde.JsonSerDe'"

const cases: Case[] = [
  {
    title:
      'DATE values of a text file in each documented form: mm-dd-yyyy, yyyy-mm-dd, mmm-dd-yyyy, dd-mmm-yyyy, yyyy-mmm-dd, two-digit years',
    doc: CREATE_TABLE,
    steps: [
      run(
        "create external table spectrum.h2_dates (id int, d date) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/dates/'",
      ),
      rows(
        "select id, to_char(d, 'YYYY-MM-DD') as d from spectrum.h2_dates order by 1",
        [
          { id: 1, d: '2017-05-01' },
          { id: 2, d: '2017-05-01' },
          { id: 3, d: '2017-05-01' },
          { id: 4, d: '1989-05-01' },
          { id: 5, d: '2017-05-01' },
          { id: 6, d: '2017-05-01' },
          { id: 7, d: '2017-05-01' },
        ],
      ),
      // Other forms, and impossible dates, stay the emulator's limit.
      run(
        "create external table spectrum.h2_slash (id int, d date) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/baddates/'",
      ),
      fails(
        'select d from spectrum.h2_slash',
        '0A000',
        "the value '2017/05/01'",
      ),
      run(
        "create external table spectrum.h2_month (id int, d date) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/baddates13/'",
      ),
      fails(
        'select d from spectrum.h2_month',
        '0A000',
        "the value '13-01-2017'",
      ),
    ],
  },
  {
    title:
      'A query reads an external table as DROP COLUMN left it: text fields by position, JSON keys by name',
    doc: ALTER_TABLE,
    steps: [
      run(
        "create external table spectrum.h2_sales (id int, note varchar(5), qty smallint) partitioned by (p int) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/sales/'",
      ),
      run(
        "alter table spectrum.h2_sales add partition (p=7) location 's3://bucket/sales/'",
      ),
      // Two fields a line, three columns: the emulator's limit.
      fails('select id from spectrum.h2_sales', '0A000', 'an emulator limit'),
      run('alter table spectrum.h2_sales drop column note'),
      rows('select id, qty, p from spectrum.h2_sales order by 1', [
        { id: 1, qty: 10, p: 7 },
        { id: 2, qty: 20, p: 7 },
      ]),
      run(
        `create external table spectrum.h2_cust (id int, zip varchar(5), name struct<given:varchar(20), family:varchar(20)>) ${JSON_SERDE} location 's3://bucket/customers/'`,
      ),
      run('alter table spectrum.h2_cust drop column zip'),
      rows('select c.id, c.name.given from spectrum.h2_cust c order by 1', [
        { id: 1, given: 'John' },
        { id: 2, given: 'Jenny' },
        { id: 3, given: 'Andy' },
      ]),
    ],
  },
  {
    title:
      'CREATE TABLE AS of the elements of array<varchar(20)> makes VARCHAR(20) columns',
    doc: USE_CASES,
    steps: [
      run(
        'create table h3_tag_copy as select s.id, e from spectrum.j s, s.tags e',
      ),
      rows(
        'select "column", type from pg_table_def where tablename = \'h3_tag_copy\' order by 1',
        [
          { column: 'e', type: 'character varying(20)' },
          { column: 'id', type: 'integer' },
        ],
      ),
      rows('select id, e from h3_tag_copy order by 1, 2', [
        { id: 1, e: 'alpha' },
        { id: 1, e: 'beta' },
        { id: 2, e: 'gamma' },
      ]),
      // An array inside a struct keeps its elements' length too.
      run(
        'create table h3_lang_copy as select l from spectrum.j s, s.who.langs l',
      ),
      rows(
        'select "column", type from pg_table_def where tablename = \'h3_lang_copy\'',
        [{ column: 'l', type: 'character varying(5)' }],
      ),
      rows('select l from h3_lang_copy order by 1', [{ l: 'en' }, { l: 'fr' }]),
    ],
  },
  {
    title:
      'an alias that is also the external schema’s name heads the ranges after it',
    doc: TUTORIAL,
    steps: [
      rows(
        'select spectrum.id, g from spectrum.j as spectrum, spectrum.tags g order by 1, 2',
        [
          { id: 1, g: 'alpha' },
          { id: 1, g: 'beta' },
          { id: 2, g: 'gamma' },
        ],
      ),
      rows(
        'select spectrum.id, g from spectrum.j spectrum left join spectrum.tags g on true order by 1, 2',
        [
          { id: 1, g: 'alpha' },
          { id: 1, g: 'beta' },
          { id: 2, g: 'gamma' },
          { id: 3, g: null },
        ],
      ),
      // Alone, the item is a table of the schema, not a path of its own alias.
      rows('select count(*)::int as n from spectrum.j as spectrum', [{ n: 3 }]),
    ],
  },
  {
    title:
      'a view over an external table, read after SET SESSION AUTHORIZATION by a user with SELECT on it',
    doc: CREATE_VIEW,
    steps: [
      run('create user h3_plain password disable'),
      run(
        'create view h3_sales_v as select id, qty from spectrum.sales with no schema binding',
      ),
      run('grant select on h3_sales_v to h3_plain'),
      // The superuser reads first: the session's copy of the table is its own.
      rows('select count(*)::int as n from h3_sales_v', [{ n: 2 }]),
      run('set session authorization h3_plain'),
      rows('select id, qty from h3_sales_v order by 1', [
        { id: 1, qty: 10 },
        { id: 2, qty: 20 },
      ]),
      // Its own read of the table needs USAGE on the schema.
      fails(
        'select count(*) from spectrum.sales',
        '42501',
        'permission denied for schema spectrum',
      ),
      run('reset session authorization'),
      run('grant usage on schema spectrum to h3_plain'),
      run('set session authorization h3_plain'),
      rows('select count(*)::int as n from spectrum.sales', [{ n: 2 }]),
      run('reset session authorization'),
      rows('select count(*)::int as n from h3_sales_v', [{ n: 2 }]),
      run('revoke usage on schema spectrum from h3_plain'),
      run('drop view h3_sales_v'),
      run('drop user h3_plain'),
    ],
  },
  {
    title:
      'the Guide’s CustomerPhones: CREATE TABLE AS of struct fields and array elements keeps their lengths',
    doc: USE_CASES,
    steps: [
      run(
        'CREATE TABLE CustomerPhones AS SELECT c.name.given, c.name.family, p AS phone FROM spectrum.customers c LEFT JOIN c.phones p ON true',
      ),
      rows(
        'select "column", type from pg_table_def where tablename = \'customerphones\' order by 1',
        [
          { column: 'family', type: 'character varying(20)' },
          { column: 'given', type: 'character varying(20)' },
          { column: 'phone', type: 'character varying(20)' },
        ],
      ),
      rows('select given, family, phone from CustomerPhones order by 1, 3', [
        { given: 'Andy', family: 'Jones', phone: null },
        { given: 'Jenny', family: 'Doe', phone: '415-9876543' },
        { given: 'Jenny', family: 'Doe', phone: '858-8675309' },
        { given: 'John', family: 'Smith', phone: '123-457789' },
      ]),
      rows(
        'SELECT c.name.given, c.name.family, (SELECT COUNT(*) FROM c.phones p)::int AS phonecount FROM spectrum.customers c order by 1',
        [
          { given: 'Andy', family: 'Jones', phonecount: 0 },
          { given: 'Jenny', family: 'Doe', phonecount: 2 },
          { given: 'John', family: 'Smith', phonecount: 1 },
        ],
      ),
    ],
  },
  {
    title:
      'ADD COLUMN of an external table takes no DEFAULT, ENCODE, NOT NULL or NULL, and no AVRO table takes one',
    doc: ALTER_TABLE,
    steps: [
      run(
        "create external table spectrum.h3_add (id int) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/sales/'",
      ),
      fails(
        'alter table spectrum.h3_add add column a int null',
        '0A000',
        'cannot have NULL',
      ),
      fails(
        'alter table spectrum.h3_add add column b int encode zstd',
        '0A000',
        'cannot have ENCODE',
      ),
      fails(
        'alter table spectrum.h3_add add column c int default null',
        '0A000',
        'cannot have a DEFAULT',
      ),
      fails(
        'alter table spectrum.h3_add add column d int default 1',
        '0A000',
        'cannot have a DEFAULT or NOT NULL',
      ),
      fails(
        'alter table spectrum.h3_add add column e int not null',
        '0A000',
        'cannot have a DEFAULT or NOT NULL',
      ),
      // None of them was added; a name and a type are.
      run('alter table spectrum.h3_add add column f varchar(5)'),
      rows(
        "select columnname, external_type from svv_external_columns where tablename = 'h3_add' order by columnnum",
        [
          { columnname: 'id', external_type: 'int' },
          { columnname: 'f', external_type: 'varchar(5)' },
        ],
      ),
      // A local table takes them all.
      run('create table h3_local_add (id int)'),
      run('alter table h3_local_add add column a int null'),
      run('alter table h3_local_add add column b int encode zstd'),
      run(
        "create external table spectrum.h3_avro (id int) stored as avro location 's3://bucket/avro/'",
      ),
      fails('alter table spectrum.h3_avro add column g int', '0A000', 'AVRO'),
      run('drop table spectrum.h3_avro'),
      run('drop table spectrum.h3_add'),
    ],
  },
  {
    title:
      'only the external schema’s owner (or a superuser) creates its tables; the table’s or schema’s owner alters them',
    doc: CREATE_TABLE,
    steps: [
      run('create user h3_maker password disable'),
      run(
        "create external schema h3_own from data catalog database 'h3_owndb' iam_role default create external database if not exists",
      ),
      run('grant usage on schema h3_own to h3_maker'),
      run(
        "create external table h3_own.owned (id int) partitioned by (d date) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/owned/'",
      ),
      run('set session authorization h3_maker'),
      fails(
        "create external table h3_own.theirs (id int) stored as textfile location 's3://bucket/x/'",
        '42501',
        'must be owner of schema h3_own',
      ),
      fails(
        "alter table h3_own.owned set table properties ('numRows'='5')",
        '42501',
        'must be owner of table owned',
      ),
      fails(
        "alter table h3_own.owned add partition (d='2008-01-01') location 's3://bucket/owned/d=2008-01-01/'",
        '42501',
        'must be owner of table owned',
      ),
      run('reset session authorization'),
      // The schema's new owner may do both.
      run('alter schema h3_own owner to h3_maker'),
      run('set session authorization h3_maker'),
      run(
        "create external table h3_own.theirs (id int) stored as textfile location 's3://bucket/x/'",
      ),
      run(
        "alter table h3_own.owned add partition (d='2008-01-01') location 's3://bucket/owned/d=2008-01-01/'",
      ),
      rows(
        "select tablename from svv_external_tables where schemaname = 'h3_own' order by 1",
        [{ tablename: 'owned' }, { tablename: 'theirs' }],
      ),
      run('reset session authorization'),
      run('drop schema h3_own drop external database cascade'),
      run('drop user h3_maker'),
    ],
  },
  {
    title:
      'the ALTER EXTERNAL TABLE examples: both spellings of ADD IF NOT EXISTS PARTITION, DROP, SET LOCATION',
    doc: ALTER_EXAMPLES,
    steps: [
      run(
        "create external table spectrum.h3_sales_part (id int) partitioned by (saledate date) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/sales_partition/'",
      ),
      run(
        "alter table spectrum.h3_sales_part add if not exists partition(saledate='2008-01-01') location 's3://bucket/sales_partition/saledate=2008-01/'",
      ),
      run(
        "alter table spectrum.h3_sales_part add partition if not exists (saledate='2008-01-01') location 's3://bucket/sales_partition/saledate=2008-01/'",
      ),
      fails(
        "alter table spectrum.h3_sales_part add partition(saledate='2008-01-01') location 's3://bucket/sales_partition/saledate=2008-01/'",
        '42710',
        'already exists',
      ),
      run(
        "alter table spectrum.h3_sales_part partition(saledate='2008-01-01') set location 's3://bucket/sales_partition/saledate=2008-01-01/'",
      ),
      rows(
        "select values, location from svv_external_partitions where tablename = 'h3_sales_part'",
        [
          {
            values: '["2008-01-01"]',
            location: 's3://bucket/sales_partition/saledate=2008-01-01/',
          },
        ],
      ),
      run(
        "alter table spectrum.h3_sales_part drop partition(saledate='2008-01-01')",
      ),
      rows(
        "select count(*)::int as n from svv_external_partitions where tablename = 'h3_sales_part'",
        [{ n: 0 }],
      ),
      run('drop table spectrum.h3_sales_part'),
    ],
  },
]

describe('Spectrum: more documented behaviour', () => {
  let emulator: S3Emulator
  let client: pg.Client

  beforeAll(async () => {
    emulator = await startS3Emulator('spectrum_more', FILES)
    client = await connect(emulator.local.url)
    await client.query(
      "create external schema spectrum from data catalog database 'h3_spectrumdb' iam_role default create external database if not exists",
    )
    await client.query(
      `create external table spectrum.j (id int, tags array<varchar(20)>, who struct<name:varchar(10), langs:array<varchar(5)>>) ${JSON_SERDE} location 's3://bucket/tags/'`,
    )
    await client.query(
      `create external table spectrum.customers (id int, name struct<given:varchar(20), family:varchar(20)>, phones array<varchar(20)>) ${JSON_SERDE} location 's3://bucket/customers/'`,
    )
    await client.query(
      "create external table spectrum.sales (id int, qty smallint) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/sales/'",
    )
  })

  afterAll(async () => {
    await client?.end()
    await emulator?.stop()
  })

  for (const testCase of cases) {
    it(`${testCase.title} (${testCase.doc.replace(DG, '')})`, async () => {
      const own = await connect(emulator.local.url)
      try {
        await runSteps(own, testCase, emulator.db.name)
      } finally {
        await own.end()
      }
    })
  }

  it(`IF NOT EXISTS reports what already exists, rather than failing (${CREATE_SCHEMA.replace(DG, '')}, ${ALTER_TABLE.replace(DG, '')})`, async () => {
    const own = await connect(emulator.local.url)
    const notices: string[] = []
    own.on('notice', (n) => notices.push(n.message ?? ''))
    try {
      await own.query(
        "create external schema h3_again from data catalog database 'h3_spectrumdb' iam_role default create external database if not exists",
      )
      expect(notices).toEqual([
        'external database "h3_spectrumdb" already exists, skipping',
      ])
      await own.query(
        "create external table h3_again.parts (id int) partitioned by (d date) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/parts/'",
      )
      const add =
        "alter table h3_again.parts add if not exists partition (d='2008-01-01') location 's3://bucket/parts/d=2008-01-01/'"
      await own.query(add)
      expect(notices).toHaveLength(1)
      await own.query(add)
      expect(notices[1]).toMatch(
        /^partition \["2008-01-01"\] .* already exists, skipping$/,
      )
      await own.query('drop schema h3_again cascade')
    } finally {
      await own.end()
    }
  })
})
