import type pg from 'pg'
import { afterAll, beforeAll, describe, it } from 'vitest'

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

/** Files the cases read, under s3://bucket/. */
const FILES: Readonly<Record<string, string>> = {
  'tags/part-0.json':
    '{"id": 1, "tags": ["alpha", "beta"], "who": {"name": "ann", "langs": ["en", "fr"]}}\n{"id": 2, "tags": ["gamma"], "who": {"name": "bob", "langs": []}}\n{"id": 3}\n',
  'sales/part-0.txt': '1|10\n2|20\n',
}

const JSON_SERDE = "row format serde 'org.openx.data.jsonserde.JsonSerDe'"

const cases: Case[] = [
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
})

export { CREATE_TABLE }
