/**
 * An audit of the Developer Guide's COPY and UNLOAD pages against the
 * emulator: for each page, the refusals it documents, the forms it accepts
 * and the results it shows (rows loaded, rows rejected, file names and
 * bytes), each case naming its page. The files COPY reads are written into
 * the emulator's S3 folder first; what UNLOAD writes is read back from it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runSteps, type Row, type Step } from './fidelity-steps.js'
import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

/** A step of this file: SQL, a file to put into the bucket, or files UNLOAD must have written. */
type AuditStep =
  | Step
  | { readonly put: string; readonly body: string | Buffer }
  | {
      readonly files: string
      readonly expected: Readonly<Record<string, string>>
    }
  | { readonly names: string; readonly expected: readonly string[] }

interface AuditCase {
  readonly title: string
  readonly doc: string
  readonly steps: readonly AuditStep[]
}

const run = (sql: string): Step => ({ sql })
const rows = (sql: string, expected: readonly Row[]): Step => ({
  sql,
  rows: expected,
})
const fails = (sql: string, code: string, message: string): Step => ({
  sql,
  error: { code, message },
})
/** Writes `body` at `s3://bucket/<key>`. */
const put = (key: string, body: string | Buffer): AuditStep => ({
  put: key,
  body,
})
/** The text of every object under `s3://bucket/<prefix>`, by key relative to the bucket. */
const files = (
  prefix: string,
  expected: Readonly<Record<string, string>>,
): AuditStep => ({ files: prefix, expected })
/** The keys (relative to the bucket) of every object under `s3://bucket/<prefix>`. */
const names = (prefix: string, expected: readonly string[]): AuditStep => ({
  names: prefix,
  expected,
})

const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

/** `copy <table> from 's3://bucket/<key>' <ROLE> <rest>`. */
const copy = (table: string, key: string, rest = ''): string =>
  `copy ${table} from 's3://bucket/${key}' ${ROLE} ${rest}`
/** `unload ('<query>') to 's3://bucket/<key>' <ROLE> <rest>`. */
const unload = (query: string, key: string, rest = ''): string =>
  `unload ('${query.replaceAll("'", "''")}') to 's3://bucket/${key}' ${ROLE} ${rest}`

const VENUE = `create table venue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)`
const CATEGORY = (name: string) =>
  `create table ${name} (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))`
const DG_COPY_EX = 'DG r_COPY_command_examples.html'
const DG_UNLOAD_EX = 'DG r_UNLOAD_command_examples.html'

/** r_COPY_command_examples: every example that reads from S3. */
const COPY_EXAMPLES: readonly AuditCase[] = [
  {
    title:
      'COPY from a folder prefix loads every file under it (default pipe delimiter)',
    doc: DG_COPY_EX,
    steps: [
      run(
        'create table listing (listid int, sellerid int, numtickets smallint, priceperticket decimal(8,2))',
      ),
      put('data/listing/part1', '1|36861|4|132.00\n2|16002|2|45.50\n'),
      put('data/listing/part2', '3|21461|10|29.00\n'),
      run(copy('listing', 'data/listing/')),
      rows('select listid, priceperticket from listing order by 1', [
        { listid: 1, priceperticket: '132.00' },
        { listid: 2, priceperticket: '45.50' },
        { listid: 3, priceperticket: '29.00' },
      ]),
      rows('select pg_last_copy_count() as n', [{ n: '3' }]),
    ],
  },
  {
    title:
      'COPY from a key prefix also loads an unwanted file with that prefix',
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_prefix')),
      put('cust/custdata.1', '1|Sports|MLB|Major League Baseball\n'),
      put('cust/custdata.2', '2|Sports|NHL|National Hockey League\n'),
      put('cust/custdata.backup', '9|Old|Old|backup row\n'),
      run(copy('cat_prefix', 'cust/custdata')),
      rows('select catid from cat_prefix order by 1', [
        { catid: 1 },
        { catid: 2 },
        { catid: 9 },
      ]),
    ],
  },
  {
    title:
      'COPY with a manifest loads only the listed files; a missing mandatory file fails',
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_manifest')),
      put('man/custdata.1', '1|Sports|MLB|Major League Baseball\n'),
      put('man/custdata.2', '2|Sports|NHL|National Hockey League\n'),
      put('man/custdata.3', '3|Sports|NFL|National Football League\n'),
      put('man/custdata.backup', '9|Old|Old|backup row\n'),
      put(
        'man/cust.manifest',
        '{\n  "entries": [\n    {"url":"s3://bucket/man/custdata.1","mandatory":true},\n    {"url":"s3://bucket/man/custdata.2","mandatory":true},\n    {"url":"s3://bucket/man/custdata.3","mandatory":true}\n   ]\n}\n',
      ),
      run(copy('cat_manifest', 'man/cust.manifest', 'manifest')),
      rows('select catid from cat_manifest order by 1', [
        { catid: 1 },
        { catid: 2 },
        { catid: 3 },
      ]),
      put(
        'man/missing.manifest',
        '{"entries":[{"url":"s3://bucket/man/custdata.1","mandatory":true},{"url":"s3://bucket/man/custdata.4","mandatory":true}]}',
      ),
      fails(
        copy('cat_manifest', 'man/missing.manifest', 'manifest'),
        'XX000',
        'custdata.4',
      ),
      put(
        'man/optional.manifest',
        '{"entries":[{"url":"s3://bucket/man/custdata.1","mandatory":false},{"url":"s3://bucket/man/custdata.4","mandatory":false}]}',
      ),
      run(copy('cat_manifest', 'man/optional.manifest', 'manifest')),
      rows('select count(*)::int as n from cat_manifest', [{ n: 4 }]),
    ],
  },
  {
    title:
      'COPY with temporary credentials (ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN)',
    doc: DG_COPY_EX,
    steps: [
      run('create table listing_tmp (listid int, sellerid int)'),
      put('data/listings_pipe.txt', '1|36861\n2|16002\n'),
      run(
        "copy listing_tmp from 's3://bucket/data/listings_pipe.txt' access_key_id 'AKIAEXAMPLE' secret_access_key 'secretEXAMPLE' session_token 'tokenEXAMPLE'",
      ),
      rows('select count(*)::int as n from listing_tmp', [{ n: 2 }]),
    ],
  },
  {
    title:
      'Load EVENT with REMOVEQUOTES, EMPTYASNULL, BLANKSASNULL, MAXERROR and TIMEFORMAT',
    doc: DG_COPY_EX,
    steps: [
      run(
        'create table event (eventid int, eventname varchar(200), starttime timestamp)',
      ),
      put(
        'data/allevents_pipe.txt',
        '1|"Gotterdammerung"|2008-01-25 14:30:00\n2||2008-01-26 19:00:00\n3|   |2008-09-26 05:43:12\n4|Bad time|2008-13-45 99:00:00\n',
      ),
      run(
        copy(
          'event',
          'data/allevents_pipe.txt',
          "removequotes emptyasnull blanksasnull maxerror 5 delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS'",
        ),
      ),
      rows(
        "select eventid, eventname, to_char(starttime, 'YYYY-MM-DD HH24:MI:SS') as t from event order by 1",
        [
          {
            eventid: 1,
            eventname: 'Gotterdammerung',
            t: '2008-01-25 14:30:00',
          },
          { eventid: 2, eventname: null, t: '2008-01-26 19:00:00' },
          { eventid: 3, eventname: null, t: '2008-09-26 05:43:12' },
        ],
      ),
      rows('select pg_last_copy_count() as n', [{ n: '3' }]),
    ],
  },
  {
    title:
      'Load VENUE from a fixed-width data file (VARCHAR keeps the padding; TRIMBLANKS removes it)',
    doc: DG_COPY_EX,
    steps: [
      run(VENUE.replace('venue ', 'venue_fw ')),
      put(
        'data/venue_fw.txt',
        '1  Toyota Park              Bridgeview  IL0\n2  Columbus Crew Stadium    Columbus    OH0\n3  RFK Stadium              Washington  DC0\n4  CommunityAmerica BallparkKansas City KS0\n5  Gillette Stadium         Foxborough  MA68756\n',
      ),
      run(
        copy(
          'venue_fw',
          'data/venue_fw.txt',
          "fixedwidth 'venueid:3,venuename:25,venuecity:12,venuestate:2,venueseats:6'",
        ),
      ),
      rows(
        'select octet_length(venuename) as n, octet_length(venuecity) as c from venue_fw where venueid = 1',
        [{ n: 25, c: 12 }],
      ),
      run('truncate venue_fw'),
      run(
        copy(
          'venue_fw',
          'data/venue_fw.txt',
          "fixedwidth 'venueid:3,venuename:25,venuecity:12,venuestate:2,venueseats:6' trimblanks",
        ),
      ),
      rows(
        'select venueid, venuename, venuecity, venuestate, venueseats from venue_fw order by 1',
        [
          {
            venueid: 1,
            venuename: 'Toyota Park',
            venuecity: 'Bridgeview',
            venuestate: 'IL',
            venueseats: 0,
          },
          {
            venueid: 2,
            venuename: 'Columbus Crew Stadium',
            venuecity: 'Columbus',
            venuestate: 'OH',
            venueseats: 0,
          },
          {
            venueid: 3,
            venuename: 'RFK Stadium',
            venuecity: 'Washington',
            venuestate: 'DC',
            venueseats: 0,
          },
          {
            venueid: 4,
            venuename: 'CommunityAmerica Ballpark',
            venuecity: 'Kansas City',
            venuestate: 'KS',
            venueseats: 0,
          },
          {
            venueid: 5,
            venuename: 'Gillette Stadium',
            venuecity: 'Foxborough',
            venuestate: 'MA',
            venueseats: 68756,
          },
        ],
      ),
    ],
  },
  {
    title:
      'Load CATEGORY from a CSV file: doubled quotes; a DELIMITER-only load fails on the commas',
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_csv')),
      put(
        'data/category_csv.txt',
        '12,Shows,Musicals,Musical theatre\n13,Shows,Plays,"All ""non-musical"" theatre"\n14,Shows,Opera,"All opera, light, and ""rock"" opera"\n15,Concerts,Classical,"All symphony, concerto, and choir concerts"\n',
      ),
      run(copy('cat_csv', 'data/category_csv.txt', 'csv')),
      rows('select catid, catdesc from cat_csv order by 1', [
        { catid: 12, catdesc: 'Musical theatre' },
        { catid: 13, catdesc: 'All "non-musical" theatre' },
        { catid: 14, catdesc: 'All opera, light, and "rock" opera' },
        { catid: 15, catdesc: 'All symphony, concerto, and choir concerts' },
      ]),
      put(
        'data/category_plain.txt',
        '12,Shows,Musicals,Musical theatre\n14,Shows,Opera,All opera, light, and "rock" opera\n',
      ),
      fails(
        copy('cat_csv', 'data/category_plain.txt', "delimiter ','"),
        'XX000',
        "Load into table 'cat_csv' failed",
      ),
      rows(
        'select trim(err_reason) as reason, err_code from stl_load_errors where query = pg_last_copy_id()',
        [{ reason: 'Extra column(s) found', err_code: 1202 }],
      ),
    ],
  },
  {
    title: "Load CATEGORY from a CSV file with QUOTE AS '%'",
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_pct')),
      put(
        'data/category_pct.txt',
        '12,Shows,Musicals,Musical theatre\n13,Shows,Plays,%All "non-musical" theatre%\n14,Shows,Opera,%All opera, light, and "rock" opera%\n15,Concerts,Classical,%All symphony, concerto, and choir concerts%\n',
      ),
      run(copy('cat_pct', 'data/category_pct.txt', "csv quote as '%'")),
      rows('select catid, catdesc from cat_pct order by 1', [
        { catid: 12, catdesc: 'Musical theatre' },
        { catid: 13, catdesc: 'All "non-musical" theatre' },
        { catid: 14, catdesc: 'All opera, light, and "rock" opera' },
        { catid: 15, catdesc: 'All symphony, concerto, and choir concerts' },
      ]),
    ],
  },
  {
    title: 'Load VENUE with explicit values for an IDENTITY column',
    doc: DG_COPY_EX,
    steps: [
      run(
        'create table venue_ids (venueid int identity(1,1), venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
      ),
      put(
        'data/venue.txt',
        "7|BMO Field|Toronto|ON|0\n9|Dick's Sporting Goods Park|Commerce City|CO|0\n",
      ),
      run(copy('venue_ids', 'data/venue.txt', 'explicit_ids')),
      rows('select venueid, venuename from venue_ids order by 1', [
        { venueid: 7, venuename: 'BMO Field' },
        { venueid: 9, venuename: "Dick's Sporting Goods Park" },
      ]),
    ],
  },
  {
    title: 'Load TIME from a pipe-delimited GZIP file',
    doc: DG_COPY_EX,
    steps: [
      run('create table "time" (dateid smallint, caldate date, day char(3))'),
      put(
        'data/timerows.gz',
        gzipSync('1827|2008-01-01|TU\n1828|2008-01-02|WE\n'),
      ),
      run(copy('"time"', 'data/timerows.gz', "gzip delimiter '|'")),
      rows(
        'select dateid, caldate::text as caldate, day from "time" order by 1',
        [
          { dateid: 1827, caldate: '2008-01-01', day: 'TU ' },
          { dateid: 1828, caldate: '2008-01-02', day: 'WE ' },
        ],
      ),
    ],
  },
  {
    title:
      "Load a timestamp with TIMEFORMAT 'YYYY-MM-DD HH:MI:SS' keeps the microseconds",
    doc: DG_COPY_EX,
    steps: [
      run('create table timestamp1 (c1 timestamp)'),
      put('data/time.txt', '2009-01-12 14:15:57.119568\n'),
      run(
        copy('timestamp1', 'data/time.txt', "timeformat 'YYYY-MM-DD HH:MI:SS'"),
      ),
      rows('select c1::text as c1 from timestamp1', [
        { c1: '2009-01-12 14:15:57.119568' },
      ]),
    ],
  },
  {
    title:
      'Load data from a file with default values: the omitted column gets its DEFAULT',
    doc: DG_COPY_EX,
    steps: [
      run(
        "create table venue_new (venueid smallint not null, venuename varchar(100) not null, venuecity varchar(30), venuestate char(2), venueseats integer not null default '1000')",
      ),
      put(
        'data/venue_noseats.txt',
        "1|Toyota Park|Bridgeview|IL|\n2|Columbus Crew Stadium|Columbus|OH|\n9|Dick's Sporting Goods Park|Commerce City|CO|\n",
      ),
      run(
        copy(
          'venue_new(venueid, venuename, venuecity, venuestate)',
          'data/venue_noseats.txt',
          "delimiter '|'",
        ),
      ),
      rows('select venueid, venuename, venueseats from venue_new order by 1', [
        { venueid: 1, venuename: 'Toyota Park', venueseats: 1000 },
        { venueid: 2, venuename: 'Columbus Crew Stadium', venueseats: 1000 },
        {
          venueid: 9,
          venuename: "Dick's Sporting Goods Park",
          venueseats: 1000,
        },
      ]),
      put('data/venue_pipe.txt', '1||Bridgeview|IL|\n2||Columbus|OH|\n'),
      fails(
        copy(
          'venue_new(venueid, venuecity, venuestate)',
          'data/venue_pipe.txt',
          "delimiter '|'",
        ),
        'XX000',
        'Column "venuename" is NOT NULL without a default',
      ),
    ],
  },
  {
    title: 'EXPLICIT_IDS and an IDENTITY column in the column list go together',
    doc: DG_COPY_EX,
    steps: [
      run(
        "create table venue_identity (venueid int identity(1,1), venuename varchar(100) not null, venuecity varchar(30), venuestate char(2), venueseats integer not null default '1000')",
      ),
      put(
        'data/venue_ident.txt',
        '1|Toyota Park|Bridgeview|IL|\n2|Columbus Crew Stadium|Columbus|OH|\n',
      ),
      run(
        copy(
          'venue_identity(venueid, venuename, venuecity, venuestate)',
          'data/venue_ident.txt',
          "delimiter '|' explicit_ids",
        ),
      ),
      rows('select venueid, venueseats from venue_identity order by 1', [
        { venueid: 1, venueseats: 1000 },
        { venueid: 2, venueseats: 1000 },
      ]),
      put('data/venue_noid.txt', 'Toyota Park|Bridgeview|IL|\n'),
      fails(
        copy(
          'venue_identity(venuename, venuecity, venuestate)',
          'data/venue_noid.txt',
          "delimiter '|' explicit_ids",
        ),
        'XX000',
        'EXPLICIT_IDS needs the IDENTITY column "venueid" in the column list',
      ),
      fails(
        copy(
          'venue_identity(venueid, venuename, venuecity, venuestate)',
          'data/venue_ident.txt',
          "delimiter '|'",
        ),
        'XX000',
        'Cannot load the IDENTITY column "venueid" without EXPLICIT_IDS',
      ),
    ],
  },
  {
    title:
      'COPY with ESCAPE loads escaped delimiters; without it: Extra column(s) found',
    doc: DG_COPY_EX,
    steps: [
      run('create table redshiftinfo (infoid int, tableinfo varchar(50))'),
      put(
        'data/redshiftinfo.txt',
        '1|public\\|event\\|dwuser\n2|public\\|sales\\|dwuser\n',
      ),
      run(
        copy('redshiftinfo', 'data/redshiftinfo.txt', "delimiter '|' escape"),
      ),
      rows('select * from redshiftinfo order by 1', [
        { infoid: 1, tableinfo: 'public|event|dwuser' },
        { infoid: 2, tableinfo: 'public|sales|dwuser' },
      ]),
      fails(
        copy('redshiftinfo', 'data/redshiftinfo.txt', "delimiter '|'"),
        'XX000',
        'failed',
      ),
      rows(
        'select trim(err_reason) as reason, err_code, line_number from stl_load_errors where query = pg_last_copy_id() order by line_number limit 1',
        [{ reason: 'Extra column(s) found', err_code: 1202, line_number: '1' }],
      ),
    ],
  },
  {
    title:
      "JSON 'auto': keys matched to columns in any order, unknown keys ignored",
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_json')),
      put(
        'category_object_auto.json',
        '{\n    "catdesc": "Major League Baseball",\n    "catid": 1,\n    "catgroup": "Sports",\n    "catname": "MLB"\n}\n{\n    "catgroup": "Sports",\n    "catid": 2,\n    "catname": "NHL",\n    "catdesc": "National Hockey League"\n}{\n    "catid": 3,\n    "catname": "NFL",\n    "catgroup": "Sports",\n    "catdesc": "National Football League"\n}\n{\n    "bogus": "Bogus Sports LLC",\n    "catid": 4,\n    "catgroup": "Sports",\n    "catname": "NBA",\n    "catdesc": "National Basketball Association"\n}\n{\n    "catid": 5,\n    "catgroup": "Shows",\n    "catname": "Musicals",\n    "catdesc": "All symphony, concerto, and choir concerts"\n}\n',
      ),
      run(copy('cat_json', 'category_object_auto.json', "json 'auto'")),
      rows('select catid, catgroup, catname from cat_json order by 1', [
        { catid: 1, catgroup: 'Sports', catname: 'MLB' },
        { catid: 2, catgroup: 'Sports', catname: 'NHL' },
        { catid: 3, catgroup: 'Sports', catname: 'NFL' },
        { catid: 4, catgroup: 'Sports', catname: 'NBA' },
        { catid: 5, catgroup: 'Shows', catname: 'Musicals' },
      ]),
    ],
  },
  {
    title: "JSON 'auto ignorecase' matches mixed-case keys",
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_json_ic')),
      put(
        'category_auto-ignorecase.json',
        '{"CatDesc":"Major League Baseball","CatID":1,"CatGroup":"Sports","CatName":"MLB"}\n',
      ),
      run(
        copy(
          'cat_json_ic',
          'category_auto-ignorecase.json',
          "json 'auto ignorecase'",
        ),
      ),
      rows('select catid, catname from cat_json_ic', [
        { catid: 1, catname: 'MLB' },
      ]),
    ],
  },
  {
    title: 'JSON with a JSONPaths file of bracket notation, and JSON arrays',
    doc: DG_COPY_EX,
    steps: [
      run(CATEGORY('cat_paths')),
      put(
        'category_object_paths.json',
        '{"one": 1, "two": "Sports", "three": "MLB", "four": "Major League Baseball"}\n{"three": "NHL", "four": "National Hockey League", "one": 2, "two": "Sports"}\n',
      ),
      put(
        'category_jsonpath.json',
        '{\n    "jsonpaths": [\n        "$[\'one\']",\n        "$[\'two\']",\n        "$[\'three\']",\n        "$[\'four\']"\n    ]\n}\n',
      ),
      run(
        copy(
          'cat_paths',
          'category_object_paths.json',
          "json 's3://bucket/category_jsonpath.json'",
        ),
      ),
      put(
        'category_array_data.json',
        '[1,"Sports","MLB","Major League Baseball"]\n[5,"Concerts","Classical","All symphony, concerto, and choir concerts"]\n',
      ),
      put(
        'category_array_jsonpath.json',
        '{"jsonpaths": ["$[0]", "$[1]", "$[2]", "$[3]"]}',
      ),
      run(
        copy(
          'cat_paths',
          'category_array_data.json',
          "json 's3://bucket/category_array_jsonpath.json'",
        ),
      ),
      rows(
        'select catid, catgroup, catname, catdesc from cat_paths order by 1, 2',
        [
          {
            catid: 1,
            catgroup: 'Sports',
            catname: 'MLB',
            catdesc: 'Major League Baseball',
          },
          {
            catid: 1,
            catgroup: 'Sports',
            catname: 'MLB',
            catdesc: 'Major League Baseball',
          },
          {
            catid: 2,
            catgroup: 'Sports',
            catname: 'NHL',
            catdesc: 'National Hockey League',
          },
          {
            catid: 5,
            catgroup: 'Concerts',
            catname: 'Classical',
            catdesc: 'All symphony, concerto, and choir concerts',
          },
        ],
      ),
    ],
  },
  {
    title: 'ESCAPE loads escaped newlines inside a field',
    doc: DG_COPY_EX,
    steps: [
      run('create table t2 (c1 varchar(200), c2 int)'),
      put(
        'data/nlTest2.txt',
        '<xml start>\\\n<line in content>\\\n</xml>|1000\n<xml>\\\n</xml>|2000\n',
      ),
      run(copy('t2', 'data/nlTest2.txt', "escape delimiter as '|'")),
      rows('select c1, c2 from t2 order by 2', [
        { c1: '<xml start>\n<line in content>\n</xml>', c2: 1000 },
        { c1: '<xml>\n</xml>', c2: 2000 },
      ]),
    ],
  },
]

const CASES: readonly AuditCase[] = [...COPY_EXAMPLES]

describe('local emulator: COPY and UNLOAD pages of the Developer Guide', () => {
  let own: OwnEmulator
  let dir: string

  const bucket = (key: string) => path.join(dir, 'bucket', key)
  function under(prefix: string): string[] {
    const root = path.join(dir, 'bucket')
    const found: string[] = []
    const walk = (folder: string) => {
      if (!fs.existsSync(folder)) return
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name)
        if (entry.isDirectory()) walk(full)
        else found.push(path.relative(root, full).split(path.sep).join('/'))
      }
    }
    walk(root)
    return found.filter((key) => key.startsWith(prefix)).sort()
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-unload-audit-'))
    fs.mkdirSync(path.join(dir, 'bucket'))
    own = await startOwnEmulator('local_fidelity_copy_unload', { s3Dir: dir })
  })
  afterAll(async () => {
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client: pg.Client = await connect(own.local.url)
      try {
        for (const step of testCase.steps) {
          const where = `${testCase.title} (${testCase.doc})`
          if ('put' in step) {
            fs.mkdirSync(path.dirname(bucket(step.put)), { recursive: true })
            fs.writeFileSync(bucket(step.put), step.body)
          } else if ('files' in step) {
            const keys = under(step.files)
            expect(
              Object.fromEntries(
                keys.map((k) => [k, fs.readFileSync(bucket(k), 'utf8')]),
              ),
              where,
            ).toEqual(step.expected)
          } else if ('names' in step) {
            expect(under(step.names), where).toEqual(step.expected)
          } else {
            await runSteps(
              client,
              { title: testCase.title, doc: testCase.doc, steps: [step] },
              own.db.name,
            )
          }
        }
      } finally {
        await client.end()
      }
    },
  )
})
