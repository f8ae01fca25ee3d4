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

import { fails, rows, run, runSteps, type Step } from './fidelity-steps.js'
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
  | { readonly manifest: string; readonly urls: readonly string[] }

interface AuditCase {
  readonly title: string
  readonly doc: string
  readonly steps: readonly AuditStep[]
}

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

/**
 * The manifest at `s3://bucket/<key>` lists `urls`, each entry with
 * `meta.content_length` equal to the size of the file it names.
 */
const manifest = (key: string, urls: readonly string[]): AuditStep => ({
  manifest: key,
  urls,
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

const DG_CONV = 'DG copy-parameters-data-conversion.html'
const DG_FORMAT = 'DG copy-parameters-data-format.html'
const DG_LOAD = 'DG copy-parameters-data-load.html'
const DG_AUTH = 'DG copy-parameters-authorization.html'
const DG_SRC = 'DG copy-parameters-data-source-s3.html'
const DG_COMP = 'DG copy-parameters-file-compression.html'

/** copy-parameters-*: the refusals each parameter page documents. */
const COPY_REFUSALS: readonly AuditCase[] = [
  {
    title:
      'CSV refuses FIXEDWIDTH, REMOVEQUOTES and ESCAPE; FIXEDWIDTH refuses DELIMITER',
    doc: DG_FORMAT,
    steps: [
      run('create table r_fmt (a int, b varchar(10))'),
      fails(
        copy('r_fmt', 'x/', "csv fixedwidth 'a:1,b:2'"),
        '42601',
        'CSV is not compatible with FIXEDWIDTH',
      ),
      fails(
        copy('r_fmt', 'x/', 'csv removequotes'),
        '42601',
        'CSV is not compatible with REMOVEQUOTES',
      ),
      fails(
        copy('r_fmt', 'x/', 'csv escape'),
        '42601',
        'CSV is not compatible with ESCAPE',
      ),
      fails(
        copy('r_fmt', 'x/', "fixedwidth 'a:1,b:2' delimiter ','"),
        '42601',
        'FIXEDWIDTH is not compatible with DELIMITER',
      ),
      fails(
        copy('r_fmt', 'x/', "fixedwidth 'a:1,b:2' escape"),
        '42601',
        'FIXEDWIDTH is not compatible with ESCAPE',
      ),
    ],
  },
  {
    title: 'JSON and AVRO refuse the delimited-text parameters',
    doc: DG_FORMAT,
    steps: [
      run('create table r_json (a int)'),
      ...[
        "delimiter ','",
        'escape',
        'fillrecord',
        'ignoreblanklines',
        "null as 'x'",
        'removequotes',
        'csv',
      ].map((o) =>
        fails(
          copy('r_json', 'x.json', `json 'auto' ${o}`),
          '42601',
          'not compatible',
        ),
      ),
      fails(
        copy('r_json', 'x.avro', "format as avro 'auto' delimiter ','"),
        '42601',
        'not compatible',
      ),
    ],
  },
  {
    title: 'QUOTE needs CSV; two formats or two compressions are refused',
    doc: DG_FORMAT,
    steps: [
      run('create table r_quote (a int)'),
      fails(copy('r_quote', 'x/', "quote as '%'"), '42601', 'QUOTE'),
      fails(
        copy('r_quote', 'x/', "csv json 'auto'"),
        '42601',
        'not compatible',
      ),
      fails(
        copy('r_quote', 'x/', 'gzip bzip2'),
        '42601',
        'GZIP is not compatible with BZIP2',
      ),
    ],
  },
  {
    title:
      'PARQUET takes only its few parameters: REGION, MAXERROR, IGNOREHEADER... are refused',
    doc: 'DG copy-usage_notes-copy-from-columnar.html',
    steps: [
      run('create table r_pq (a int)'),
      fails(
        copy('r_pq', 'x/', "format as parquet region 'us-west-2'"),
        'XX000',
        'REGION argument is not supported for PARQUET based COPY',
      ),
      fails(
        copy('r_pq', 'x/', 'format as parquet maxerror 5'),
        'XX000',
        'MAXERROR argument is not supported for PARQUET based COPY',
      ),
      fails(
        copy('r_pq', 'x/', 'format as parquet ignoreheader 1'),
        'XX000',
        'IGNOREHEADER argument is not supported for PARQUET based COPY',
      ),
      fails(
        copy('r_pq', 'x/', 'format as parquet gzip'),
        'XX000',
        'GZIP argument is not supported for PARQUET based COPY',
      ),
    ],
  },
  {
    title: 'ORC passes the same rules and is then refused as an emulator limit',
    doc: 'DG copy-usage_notes-copy-from-columnar.html',
    steps: [
      run('create table r_orc (a int)'),
      fails(
        copy('r_orc', 'x/', "format as orc region 'us-west-2'"),
        'XX000',
        'REGION argument is not supported for ORC based COPY',
      ),
      fails(
        copy('r_orc', 'x/', 'format as orc'),
        '0A000',
        'not supported by the local emulator',
      ),
    ],
  },
  {
    title: 'Authorization: exactly one method, and the IAM role ARN shape',
    doc: DG_AUTH,
    steps: [
      run('create table r_auth (a int)'),
      fails("copy r_auth from 's3://bucket/x/'", '42601', 'authorization'),
      fails(
        `copy r_auth from 's3://bucket/x/' ${ROLE} access_key_id 'AKIA' secret_access_key 'S'`,
        '42601',
        'not compatible',
      ),
      fails(
        "copy r_auth from 's3://bucket/x/' access_key_id 'AKIA'",
        '42601',
        'SECRET_ACCESS_KEY',
      ),
      fails(
        "copy r_auth from 's3://bucket/x/' iam_role 'MyRedshiftRole'",
        'XX000',
        'Invalid IAM role ARN',
      ),
      fails(
        "copy r_auth from 's3://bucket/x/' credentials 'aws_iam_role=arn:aws:iam::0123456789012:role/R; token=x'",
        'XX000',
        'Invalid credentials',
      ),
    ],
  },
  {
    title:
      'READRATIO is for DynamoDB only; DynamoDB, EMR and SSH sources are emulator limits',
    doc: 'DG copy-parameters-data-source-dynamodb.html',
    steps: [
      run('create table r_src (a int)'),
      fails(copy('r_src', 'x/', 'readratio 50'), '42601', 'READRATIO'),
      fails(
        `copy r_src from 'dynamodb://Movies' ${ROLE} readratio 50`,
        '0A000',
        'not supported by the local emulator',
      ),
      fails(
        `copy r_src from 'dynamodb://Movies' ${ROLE}`,
        '42601',
        'READRATIO is required',
      ),
      fails(
        `copy r_src from 'dynamodb://Movies' ${ROLE} readratio 50 csv`,
        '42601',
        'CSV is not supported for COPY from DynamoDB',
      ),
      fails(
        `copy r_src from 'emr://j-SAMPLE2B500FC/myoutput/part-*' ${ROLE} delimiter '\\t' lzop`,
        '0A000',
        'not supported by the local emulator',
      ),
      fails(
        `copy r_src from 'emr://j-SAMPLE2B500FC/myoutput/part-*' ${ROLE} manifest`,
        '42601',
        'MANIFEST is not supported for COPY from Amazon EMR',
      ),
      fails(
        `copy r_src from 's3://bucket/ssh_manifest' ${ROLE} ssh`,
        '0A000',
        'not supported by the local emulator',
      ),
    ],
  },
  {
    title:
      'Argument ranges: MAXERROR at most 100000, COMPROWS at least 1000; IGNOREALLERRORS excludes MAXERROR',
    doc: DG_LOAD,
    steps: [
      run('create table r_load (a int)'),
      fails(copy('r_load', 'x/', 'maxerror 100001'), '42601', 'MAXERROR'),
      fails(copy('r_load', 'x/', 'comprows 999'), '42601', 'COMPROWS'),
      fails(
        copy('r_load', 'x/', 'ignoreallerrors maxerror 5'),
        '42601',
        'IGNOREALLERRORS is not compatible with MAXERROR',
      ),
    ],
  },
  {
    title: "NULL AS cannot be '\\n'; DELIMITER is one ASCII character",
    doc: DG_CONV,
    steps: [
      run('create table r_conv (a int)'),
      fails(copy('r_conv', 'x/', "null as '\\n'"), '42601', 'NULL AS'),
      fails(copy('r_conv', 'x/', "delimiter '||'"), '42601', 'DELIMITER'),
    ],
  },
  {
    title: 'COPY JOB is refused as an emulator limit',
    doc: 'DG r_COPY-JOB.html',
    steps: [
      run('create table r_job (a int)'),
      fails(
        `copy r_job from 's3://bucket/jobs/' ${ROLE} job create myjob auto on`,
        '0A000',
        'emulator',
      ),
      fails('copy job run myjob', '0A000', 'emulator'),
      fails('copy job list', '0A000', 'emulator'),
      fails('copy job drop myjob', '0A000', 'emulator'),
      run('create table job (a int)'),
      put('jobs/one.txt', '1\n'),
      run(copy('job', 'jobs/one.txt')),
      rows('select a from job', [{ a: 1 }]),
    ],
  },
  {
    title: 'A prefix that matches no file fails',
    doc: DG_SRC,
    steps: [
      run('create table r_none (a int)'),
      fails(
        copy('r_none', 'no/such/prefix'),
        'XX000',
        'The specified S3 prefix',
      ),
    ],
  },
]

/** copy-parameters-data-conversion / data-load: the results each parameter documents. */
const COPY_CONVERSIONS: readonly AuditCase[] = [
  {
    title: 'ROUNDEC rounds 20.259 to 20.26; without it COPY truncates to 20.25',
    doc: DG_CONV,
    steps: [
      run('create table c_round (d decimal(8,2))'),
      put('conv/round.txt', '20.259\n'),
      run(copy('c_round', 'conv/round.txt')),
      run(copy('c_round', 'conv/round.txt', 'roundec')),
      rows('select d from c_round order by 1', [
        { d: '20.25' },
        { d: '20.26' },
      ]),
    ],
  },
  {
    title:
      'Empty fields load as NULL into numeric columns and as empty strings into VARCHAR; EMPTYASNULL and NULL AS',
    doc: DG_CONV,
    steps: [
      run('create table c_empty (n int, v varchar(10), c char(3))'),
      put('conv/empty.txt', '||\n'),
      run(copy('c_empty', 'conv/empty.txt')),
      run(copy('c_empty', 'conv/empty.txt', 'emptyasnull')),
      rows('select n, v, c from c_empty order by v nulls last', [
        { n: null, v: '', c: '   ' },
        { n: null, v: null, c: null },
      ]),
      put('conv/nullas.txt', 'fred|fred|fred\n|\\N|x\n'),
      run('truncate c_empty'),
      run(copy('c_empty', 'conv/nullas.txt', "null as 'fred'")),
      rows('select n, v, c from c_empty order by c nulls first', [
        { n: null, v: null, c: null },
        { n: null, v: '\\N', c: 'x  ' },
      ]),
    ],
  },
  {
    title:
      'BLANKSASNULL loads white-space-only CHAR/VARCHAR fields as NULL; TRIMBLANKS trims VARCHAR',
    doc: DG_CONV,
    steps: [
      run('create table c_blank (v varchar(10))'),
      put('conv/blank.txt', '   \nab  \n'),
      run(copy('c_blank', 'conv/blank.txt', 'blanksasnull')),
      rows(
        'select v, length(v)::int as n from c_blank order by v nulls first',
        [
          { v: null, n: null },
          { v: 'ab  ', n: 4 },
        ],
      ),
      run('truncate c_blank'),
      run(copy('c_blank', 'conv/blank.txt', 'trimblanks')),
      rows('select octet_length(v) as n from c_blank order by 1', [
        { n: 0 },
        { n: 2 },
      ]),
    ],
  },
  {
    title:
      'TRUNCATECOLUMNS truncates VARCHAR and CHAR values to the column width; without it the row is an error 1204',
    doc: DG_CONV,
    steps: [
      run('create table c_trunc (v varchar(3), c char(2))'),
      put('conv/trunc.txt', 'abcdef|xyz\n'),
      run(copy('c_trunc', 'conv/trunc.txt', 'truncatecolumns')),
      rows('select v, c from c_trunc', [{ v: 'abc', c: 'xy' }]),
      fails(
        copy('c_trunc', 'conv/trunc.txt'),
        'XX000',
        "Load into table 'c_trunc' failed",
      ),
      rows(
        'select err_code, trim(colname) as col from stl_load_errors where query = pg_last_copy_id()',
        [{ err_code: 1204, col: 'v' }],
      ),
    ],
  },
  {
    title:
      'FILLRECORD fills missing trailing columns: empty VARCHAR, NULL for CHAR and other types, NULL VARCHAR with EMPTYASNULL',
    doc: DG_CONV,
    steps: [
      run('create table c_fill (a int, b varchar(5), c int)'),
      put('conv/fill.txt', '1\n'),
      fails(copy('c_fill', 'conv/fill.txt'), 'XX000', 'failed'),
      run(copy('c_fill', 'conv/fill.txt', 'fillrecord')),
      run(copy('c_fill', 'conv/fill.txt', 'fillrecord emptyasnull')),
      run(
        'create table c_fillchar (a char(6), b char(6), c char(6), d char(6))',
      ),
      put('conv/fillchar.txt', 'apple|orange\n'),
      run(copy('c_fillchar', 'conv/fillchar.txt', 'fillrecord')),
      rows('select a, b, c, d from c_fillchar', [
        { a: 'apple ', b: 'orange', c: null, d: null },
      ]),
      rows('select a, b, c from c_fill order by b nulls last', [
        { a: 1, b: '', c: null },
        { a: 1, b: null, c: null },
      ]),
    ],
  },
  {
    title:
      'IGNOREHEADER skips the header lines of every file; IGNOREBLANKLINES skips empty lines',
    doc: DG_CONV,
    steps: [
      run('create table c_head (a int, b varchar(5))'),
      put('conv/head/f1', 'a|b\n1|x\n'),
      put('conv/head/f2', 'a|b\n2|y\n\n3|z\n'),
      fails(copy('c_head', 'conv/head/', 'ignoreheader 1'), 'XX000', 'failed'),
      run(copy('c_head', 'conv/head/', 'ignoreheader as 1 ignoreblanklines')),
      rows('select a, b from c_head order by 1', [
        { a: 1, b: 'x' },
        { a: 2, b: 'y' },
        { a: 3, b: 'z' },
      ]),
    ],
  },
  {
    title:
      'ACCEPTANYDATE with DATEFORMAT loads NULL where the date does not match',
    doc: DG_CONV,
    steps: [
      run('create table c_anydate (d date)'),
      put('conv/anydate.txt', '01/02/2008\n00/00/00 00:00:00\n'),
      fails(
        copy('c_anydate', 'conv/anydate.txt', "dateformat 'MM/DD/YYYY'"),
        'XX000',
        'failed',
      ),
      rows(
        'select err_code from stl_load_errors where query = pg_last_copy_id()',
        [{ err_code: 1205 }],
      ),
      run(
        copy(
          'c_anydate',
          'conv/anydate.txt',
          "acceptanydate dateformat 'MM/DD/YYYY'",
        ),
      ),
      rows('select d::text as d from c_anydate order by 1 nulls last', [
        { d: '2008-01-02' },
        { d: null },
      ]),
    ],
  },
  {
    title:
      "DATEFORMAT and TIMEFORMAT 'auto' recognise several formats; TIMEFORMAT 'epochsecs' and 'epochmillisecs'",
    doc: 'DG automatic-recognition.html',
    steps: [
      run('create table c_auto (d date, t timestamp)'),
      put(
        'conv/auto.txt',
        '2008-01-02|2008-01-02 03:04:05\nJan 2 2008|20080102 03:04:05\n01/02/2008|2008-01-02T03:04:05\n',
      ),
      run(
        copy('c_auto', 'conv/auto.txt', "dateformat 'auto' timeformat 'auto'"),
      ),
      rows('select d::text as d, t::text as t from c_auto', [
        { d: '2008-01-02', t: '2008-01-02 03:04:05' },
        { d: '2008-01-02', t: '2008-01-02 03:04:05' },
        { d: '2008-01-02', t: '2008-01-02 03:04:05' },
      ]),
      run('create table c_epoch (t timestamp)'),
      put('conv/epochs.txt', '1199243045\n'),
      put('conv/epochms.txt', '1199243045123\n'),
      run(copy('c_epoch', 'conv/epochs.txt', "timeformat 'epochsecs'")),
      run(copy('c_epoch', 'conv/epochms.txt', "timeformat 'epochmillisecs'")),
      rows('select t::text as t from c_epoch order by 1', [
        { t: '2008-01-02 03:04:05' },
        { t: '2008-01-02 03:04:05.123' },
      ]),
    ],
  },
  {
    title:
      "'auto' reads the forms automatic-recognition lists: ISO 8601, Julian, YYYYMMDD HHMISS, YYMMDD HHMISS, YYYY.DDD, written zones",
    doc: 'DG automatic-recognition.html',
    steps: [
      run('create table c_autots (t timestamp)'),
      run('create table c_autotz (t timestamptz)'),
      run('create table c_autod (d date)'),
      put(
        'conv/auto-table.txt',
        [
          '2019-02-11T05:09:12.195Z',
          'J2451187',
          '19960108 040809',
          '960108 040809',
          '1996.008',
          '1996-01-08 04:05:06.789',
          '17 Dec 07:37:16 1997 PST',
          '12/17/1997 07:37:16.00 PST',
          '1997-12-17 07:37:16-08',
          '12.17.1997 07:37:16.00 PST',
          'J2345678 04:05:06.789',
          '',
        ].join('\n'),
      ),
      run(copy('c_autots', 'conv/auto-table.txt', "timeformat 'auto'")),
      run(copy('c_autotz', 'conv/auto-table.txt', "timeformat 'auto'")),
      run(copy('c_autod', 'conv/auto-table.txt', "dateformat 'auto'")),
      rows('select t::text as t from c_autots', [
        { t: '2019-02-11 05:09:12.195' },
        { t: '1999-01-08 00:00:00' },
        { t: '1996-01-08 04:08:09' },
        { t: '1996-01-08 04:08:09' },
        { t: '1996-01-08 00:00:00' },
        { t: '1996-01-08 04:05:06.789' },
        { t: '1997-12-17 07:37:16' },
        { t: '1997-12-17 07:37:16' },
        { t: '1997-12-17 07:37:16' },
        { t: '1997-12-17 07:37:16' },
        { t: '1710-02-23 04:05:06.789' },
      ]),
      rows(
        "select to_char(t at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as t from c_autotz where t > '1997-12-01' and t < '1998-01-01'",
        [
          { t: '1997-12-17 15:37:16' },
          { t: '1997-12-17 15:37:16' },
          { t: '1997-12-17 15:37:16' },
          { t: '1997-12-17 15:37:16' },
        ],
      ),
      rows("select d::text as d from c_autod where d < '1711-01-01'", [
        { d: '1710-02-23' },
      ]),
      put('conv/auto-epoch.txt', '1199243045\n'),
      fails(
        copy('c_autots', 'conv/auto-epoch.txt', "timeformat 'auto'"),
        'XX000',
        'failed',
      ),
    ],
  },
  {
    title:
      'DATEFORMAT and TIMEFORMAT strings: the sample formats; a time zone specifier is refused',
    doc: 'DG r_DATEFORMAT_and_TIMEFORMAT_strings.html',
    steps: [
      run('create table c_fmtd (v date)'),
      run('create table c_fmtt (v timestamp)'),
      ...(
        [
          ['03.31.2003', 'MM.DD.YYYY'],
          ['March 31, 2003', 'MONTH DD, YYYY'],
          ['Jan-01-1999', 'MON-DD-YYYY'],
          ['2008-01-01 10:00:00', 'YYYY-MM-DD HH:MI:SS'],
        ] as const
      ).flatMap(([value, format], i) => [
        put(`fmt/d${i}.txt`, `${value}\n`),
        run(copy('c_fmtd', `fmt/d${i}.txt`, `dateformat '${format}'`)),
      ]),
      ...(
        [
          ['03.31.2003 18:45:05', 'MM.DD.YYYY HH24:MI:SS'],
          ['03.31.2003 18:45:05.123456', 'MM.DD.YYYY HH24:MI:SS.SSSSSS'],
          ['20030331 18:45:05', 'YYYYMMDD HH24:MI:SS'],
          ['03/31/03 06:45:05 PM', 'MM/DD/YY HH12:MI:SS AM'],
        ] as const
      ).flatMap(([value, format], i) => [
        put(`fmt/t${i}.txt`, `${value}\n`),
        run(copy('c_fmtt', `fmt/t${i}.txt`, `timeformat '${format}'`)),
      ]),
      rows('select v::text as v from c_fmtd order by 1', [
        { v: '1999-01-01' },
        { v: '2003-03-31' },
        { v: '2003-03-31' },
        { v: '2008-01-01' },
      ]),
      rows('select v::text as v from c_fmtt order by 1', [
        { v: '2003-03-31 18:45:05' },
        { v: '2003-03-31 18:45:05' },
        { v: '2003-03-31 18:45:05' },
        { v: '2003-03-31 18:45:05.123456' },
      ]),
      fails(
        copy('c_fmtt', 'fmt/t0.txt', "timeformat 'YYYY-MM-DD HH:MI:SS TZ'"),
        '42601',
        'Invalid TIMEFORMAT',
      ),
      fails(
        copy('c_fmtt', 'fmt/t0.txt', "timeformat 'YYYY-MM-DD HH:MI:SSOF'"),
        '42601',
        'Invalid TIMEFORMAT',
      ),
    ],
  },
  {
    title:
      'ACCEPTINVCHARS replaces each byte of an invalid UTF-8 character; without it the row fails',
    doc: DG_CONV,
    steps: [
      run('create table c_inv (v varchar(20))'),
      put(
        'conv/inv.txt',
        Buffer.concat([
          Buffer.from('ab'),
          Buffer.from([0xe2, 0x28, 0xa1]),
          Buffer.from('cd\n'),
        ]),
      ),
      fails(copy('c_inv', 'conv/inv.txt'), 'XX000', 'failed'),
      rows(
        'select err_code from stl_load_errors where query = pg_last_copy_id()',
        [{ err_code: 1220 }],
      ),
      run(copy('c_inv', 'conv/inv.txt', "acceptinvchars as '^'")),
      rows('select v from c_inv', [{ v: 'ab^(^cd' }]),
    ],
  },
  {
    title:
      'ESCAPE: escaped backslash, delimiter and quote (with REMOVEQUOTES); \\N and \\\\N are both NULL',
    doc: DG_CONV,
    steps: [
      run('create table c_esc (a int, b varchar(40))'),
      put(
        'conv/esc.txt',
        "2|A\\\\B\\\\C\n3|A \\| B \\| C\n4|'A Midsummer Night\\'s Dream'\n5|\\N\n6|\\\\N\n",
      ),
      run(copy('c_esc', 'conv/esc.txt', 'escape removequotes')),
      rows('select a, b from c_esc order by 1', [
        { a: 2, b: 'A\\B\\C' },
        { a: 3, b: 'A | B | C' },
        { a: 4, b: "A Midsummer Night's Dream" },
        { a: 5, b: null },
        { a: 6, b: null },
      ]),
    ],
  },
  {
    title: 'NOLOAD checks the files and loads nothing',
    doc: DG_LOAD,
    steps: [
      run('create table c_noload (a int)'),
      put('conv/noload.txt', '1\n2\n'),
      run(copy('c_noload', 'conv/noload.txt', 'noload')),
      rows('select count(*)::int as n from c_noload', [{ n: 0 }]),
      put('conv/noload-bad.txt', '1\nx\n'),
      fails(
        copy('c_noload', 'conv/noload-bad.txt', 'noload'),
        'XX000',
        'failed',
      ),
    ],
  },
  {
    title:
      'MAXERROR loads the good rows; COMPUPDATE, COMPROWS and STATUPDATE are accepted',
    doc: DG_LOAD,
    steps: [
      run('create table c_max (a int)'),
      put('conv/max.txt', '1\nx\n3\n'),
      run(
        copy(
          'c_max',
          'conv/max.txt',
          'maxerror as 1 compupdate off statupdate on comprows 1000',
        ),
      ),
      rows('select a from c_max order by 1', [{ a: 1 }, { a: 3 }]),
      rows(
        'select err_code, line_number, trim(raw_field_value) as raw from stl_load_errors where query = pg_last_copy_id()',
        [{ err_code: 1207, line_number: '2', raw: 'x' }],
      ),
      run(
        copy(
          'c_max',
          'conv/max.txt',
          'ignoreallerrors compupdate preset statupdate off',
        ),
      ),
      rows('select count(*)::int as n from c_max', [{ n: 4 }]),
    ],
  },
  {
    title: 'GZIP, BZIP2 and ZSTD files; a plain file named .gz is refused',
    doc: DG_COMP,
    steps: [
      run('create table c_gz (a int)'),
      put('comp/a.gz', gzipSync('1\n2\n')),
      run(copy('c_gz', 'comp/a.gz', 'gzip')),
      rows('select count(*)::int as n from c_gz', [{ n: 2 }]),
      put('comp/plain.gz', '1\n'),
      fails(copy('c_gz', 'comp/plain.gz', 'gzip'), 'XX000', ''),
    ],
  },
  {
    title:
      'ENCODING UTF16 needs a byte order mark; UTF16LE and UTF16BE read without one',
    doc: DG_CONV,
    steps: [
      run('create table c_utf16 (v varchar(10))'),
      put('enc/le.txt', Buffer.from('h\u00e9\n', 'utf16le')),
      run(copy('c_utf16', 'enc/le.txt', 'encoding as utf16le')),
      put(
        'enc/bom.txt',
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('ok\n', 'utf16le'),
        ]),
      ),
      run(copy('c_utf16', 'enc/bom.txt', 'encoding utf16')),
      fails(
        copy('c_utf16', 'enc/le.txt', 'encoding utf16'),
        'XX000',
        'byte order mark',
      ),
      rows('select v from c_utf16 order by 1', [{ v: 'h\u00e9' }, { v: 'ok' }]),
    ],
  },
]

const DG_UNLOAD = 'DG r_UNLOAD.html'

/** The tables the UNLOAD cases read (the rows r_UNLOAD_command_examples shows). */
const SETUP: readonly string[] = [
  'create table uvenue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
  `insert into uvenue values (1, 'Pinewood Racetrack', 'Akron', 'OH', 0), (2, 'Columbus "Crew" Stadium', 'Columbus', 'OH', 0), (4, 'Community, Ballpark, Arena', 'Kansas City', 'KS', 0)`,
  'create table pvenue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
  `insert into pvenue values (1, 'Pinewood Race|track', 'Akron', 'OH', 0), (2, 'Columbus "Crew" Stadium', 'Columbus', 'OH', 0), (4, 'Community, Ballpark, Arena', 'Kansas City', 'KS', 0)`,
  'create table nvenue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
  `insert into nvenue values (22, 'Quicken Loans Arena', 'Cleveland', null, 0), (251, 'Paris Hotel', 'Las Vegas', 'NV', null), (300, 'Kennedy Center Opera House', 'Washington', 'DC', 0)`,
  'create table location (id int, location char(64))',
  "insert into location values (1,'Phoenix, AZ'),(2,'San Diego, CA'),(3,'Chicago, IL')",
  'create table lineitem (l_orderkey int, l_shipdate date, l_quantity int)',
  "insert into lineitem values (1, '1992-01-02', 5), (2, '1992-01-03', 7), (3, '1992-01-02', 9), (4, null, 1)",
]

/** r_UNLOAD and t_Unloading_tables: the refusals and rules of UNLOAD. */
const UNLOAD_REFUSALS: readonly AuditCase[] = [
  {
    title:
      'PARQUET refuses DELIMITER, FIXEDWIDTH, ADDQUOTES, ESCAPE, NULL AS, HEADER, GZIP, BZIP2, ZSTD',
    doc: DG_UNLOAD,
    steps: [
      ...[
        "delimiter ','",
        "fixedwidth 'venueid:3'",
        'addquotes',
        'escape',
        "null as 'x'",
        'header',
        'gzip',
        'bzip2',
        'zstd',
      ].map((o) =>
        fails(
          unload('select * from uvenue', 'r/pq_', `parquet ${o}`),
          '0A000',
          'argument is not supported for PARQUET based UNLOAD',
        ),
      ),
    ],
  },
  {
    title:
      'JSON refuses DELIMITER, HEADER, FIXEDWIDTH, ADDQUOTES, ESCAPE, NULL AS; CSV refuses FIXEDWIDTH',
    doc: DG_UNLOAD,
    steps: [
      ...[
        "delimiter ','",
        'header',
        "fixedwidth 'venueid:3'",
        'addquotes',
        'escape',
        "null as 'x'",
      ].map((o) =>
        fails(
          unload('select * from uvenue', 'r/js_', `json ${o}`),
          '0A000',
          'argument is not supported for JSON based UNLOAD',
        ),
      ),
      fails(
        unload('select * from uvenue', 'r/csv_', "csv fixedwidth 'venueid:3'"),
        '0A000',
        'FIXEDWIDTH argument is not supported for CSV based UNLOAD',
      ),
    ],
  },
  {
    title:
      'FIXEDWIDTH refuses DELIMITER and HEADER; CLEANPATH refuses ALLOWOVERWRITE; VERBOSE only after MANIFEST',
    doc: DG_UNLOAD,
    steps: [
      fails(
        unload(
          'select * from uvenue',
          'r/fw_',
          "fixedwidth 'venueid:3' delimiter ','",
        ),
        '42601',
        'FIXEDWIDTH',
      ),
      fails(
        unload(
          'select * from uvenue',
          'r/fw_',
          "fixedwidth 'venueid:3' header",
        ),
        '42601',
        'FIXEDWIDTH',
      ),
      fails(
        unload('select * from uvenue', 'r/cp_', 'cleanpath allowoverwrite'),
        '42601',
        'CLEANPATH',
      ),
      fails(
        unload('select * from uvenue', 'r/vb_', 'verbose'),
        '42601',
        'syntax error at or near "verbose"',
      ),
    ],
  },
  {
    title:
      'KMS_KEY_ID needs ENCRYPTED and excludes CREDENTIALS; ENCRYPTED AUTO excludes KMS_KEY_ID; MASTER_SYMMETRIC_KEY is retired',
    doc: DG_UNLOAD,
    steps: [
      fails(
        unload(
          'select * from uvenue',
          'r/kms_',
          "kms_key_id '1234abcd-12ab-34cd-56ef-1234567890ab'",
        ),
        '42601',
        'KMS_KEY_ID requires ENCRYPTED',
      ),
      fails(
        "unload ('select * from uvenue') to 's3://bucket/r/kms_' credentials 'aws_iam_role=arn:aws:iam::0123456789012:role/MyRedshiftRole' kms_key_id '1234abcd' encrypted",
        '42601',
        'KMS_KEY_ID cannot be used with CREDENTIALS',
      ),
      fails(
        unload(
          'select * from uvenue',
          'r/kms_',
          "kms_key_id '1234abcd' encrypted auto",
        ),
        '42601',
        'ENCRYPTED AUTO',
      ),
      fails(
        unload(
          'select * from uvenue',
          'r/cmk_',
          "master_symmetric_key 'EXAMPLEMASTERKEYtkbjk/OpCwtYSx/M4/t7DMCDIK722' encrypted",
        ),
        '0A000',
        'client-side encryption',
      ),
    ],
  },
  {
    title:
      'MAXFILESIZE is 5 MB to 6.2 GB; ROWGROUPSIZE is 32 to 128 MB and needs PARQUET',
    doc: DG_UNLOAD,
    steps: [
      fails(
        unload('select * from uvenue', 'r/mfs_', 'maxfilesize 4 mb'),
        '22023',
        'MAXFILESIZE must be between 5 MB and 6.2 GB',
      ),
      fails(
        unload('select * from uvenue', 'r/mfs_', 'maxfilesize 7 gb'),
        '22023',
        'MAXFILESIZE must be between 5 MB and 6.2 GB',
      ),
      fails(
        unload('select * from uvenue', 'r/rgs_', 'parquet rowgroupsize 16 mb'),
        '22023',
        'ROWGROUPSIZE must be an integer between 32 MB and 128 MB',
      ),
      fails(
        unload('select * from uvenue', 'r/rgs_', 'rowgroupsize 64 mb'),
        '42601',
        'ROWGROUPSIZE requires PARQUET',
      ),
    ],
  },
  {
    title: 'A LIMIT in the outer SELECT is refused; a nested LIMIT is accepted',
    doc: DG_UNLOAD,
    steps: [
      fails(
        unload('select * from uvenue limit 10', 'r/lim_'),
        '0A000',
        'Limit clause is not supported',
      ),
      run(
        unload(
          'select * from uvenue where venueid in (select venueid from uvenue order by venueid desc limit 10)',
          'r/lim_nested_',
        ),
      ),
      names('r/lim_nested_', ['r/lim_nested_0000_part_00']),
    ],
  },
  {
    title:
      'PARTITION BY refuses a column not in the query, and needs a column that is not a partition column',
    doc: DG_UNLOAD,
    steps: [
      fails(
        unload(
          'select venueid, venuestate from uvenue',
          'r/part_',
          'partition by (venuecity)',
        ),
        '42703',
        'PARTITION BY column "venuecity" is not a column of the query',
      ),
      fails(
        unload(
          'select venuestate from uvenue',
          'r/part_',
          'partition by (venuestate)',
        ),
        '0A000',
        'at least one column that is not a partition column',
      ),
    ],
  },
  {
    title: 'A second UNLOAD to the same prefix fails without ALLOWOVERWRITE',
    doc: DG_UNLOAD_EX,
    steps: [
      run(unload('select * from uvenue', 'ow/venue_pipe_', 'manifest')),
      fails(
        unload('select * from uvenue', 'ow/venue_pipe_', 'manifest'),
        'XX000',
        'Specified unload destination on S3 is not empty',
      ),
      run(
        unload(
          'select * from uvenue where venueid = 1',
          'ow/venue_pipe_',
          'manifest allowoverwrite',
        ),
      ),
      files('ow/venue_pipe_0', {
        'ow/venue_pipe_0000_part_00': '1|Pinewood Racetrack|Akron|OH|0\n',
      }),
    ],
  },
]

/** The size of UVENUE unloaded as pipe-delimited text. */
const VENUE_BYTES = Buffer.byteLength(
  '1|Pinewood Racetrack|Akron|OH|0\n2|Columbus "Crew" Stadium|Columbus|OH|0\n4|Community, Ballpark, Arena|Kansas City|KS|0\n',
)

/** r_UNLOAD_command_examples: every example, with the files it writes. */
const UNLOAD_EXAMPLES: readonly AuditCase[] = [
  {
    title: 'Unload VENUE to a pipe-delimited file: <prefix>0000_part_00',
    doc: DG_UNLOAD_EX,
    steps: [
      run(unload('select * from uvenue order by venueid', 'unload/')),
      run(
        unload('select * from uvenue order by venueid', 'unload/venue_pipe_'),
      ),
      files('unload/', {
        'unload/0000_part_00':
          '1|Pinewood Racetrack|Akron|OH|0\n2|Columbus "Crew" Stadium|Columbus|OH|0\n4|Community, Ballpark, Arena|Kansas City|KS|0\n',
        'unload/venue_pipe_0000_part_00':
          '1|Pinewood Racetrack|Akron|OH|0\n2|Columbus "Crew" Stadium|Columbus|OH|0\n4|Community, Ballpark, Arena|Kansas City|KS|0\n',
      }),
      rows('select pg_last_unload_count() as n', [{ n: '3' }]),
    ],
  },
  {
    title:
      'Unload LINEITEM to Parquet partitioned by l_shipdate (NULL to __HIVE_DEFAULT_PARTITION__)',
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select * from lineitem',
          'lineitem/',
          'PARQUET PARTITION BY (l_shipdate)',
        ),
      ),
      names('lineitem/', [
        'lineitem/l_shipdate=1992-01-02/0000_part_00.parquet',
        'lineitem/l_shipdate=1992-01-03/0000_part_00.parquet',
        'lineitem/l_shipdate=__HIVE_DEFAULT_PARTITION__/0000_part_00.parquet',
      ]),
    ],
  },
  {
    title:
      'Unload partitioned text: the partition column is left out, INCLUDE keeps it',
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select l_orderkey, l_shipdate from lineitem where l_shipdate is not null order by 1',
          'lipart/',
          'partition by (l_shipdate)',
        ),
      ),
      run(
        unload(
          'select l_orderkey, l_shipdate from lineitem where l_shipdate is not null order by 1',
          'liinc/',
          'partition by (l_shipdate) include',
        ),
      ),
      files('lipart/', {
        'lipart/l_shipdate=1992-01-02/0000_part_00': '1\n3\n',
        'lipart/l_shipdate=1992-01-03/0000_part_00': '2\n',
      }),
      files('liinc/', {
        'liinc/l_shipdate=1992-01-02/0000_part_00':
          '1|1992-01-02\n3|1992-01-02\n',
        'liinc/l_shipdate=1992-01-03/0000_part_00': '2|1992-01-03\n',
      }),
    ],
  },
  {
    title: 'Unload VENUE to JSON: one object per line, numbers bare',
    doc: DG_UNLOAD_EX,
    steps: [
      run(unload('select * from uvenue order by venueid', 'json/', 'JSON')),
      files('json/', {
        'json/0000_part_00':
          '{"venueid":1,"venuename":"Pinewood Racetrack","venuecity":"Akron","venuestate":"OH","venueseats":0}\n{"venueid":2,"venuename":"Columbus \\"Crew\\" Stadium","venuecity":"Columbus","venuestate":"OH","venueseats":0}\n{"venueid":4,"venuename":"Community, Ballpark, Arena","venuecity":"Kansas City","venuestate":"KS","venueseats":0}\n',
      }),
    ],
  },
  {
    title: 'Unload VENUE to CSV, and to CSV with DELIMITER AS |',
    doc: DG_UNLOAD_EX,
    steps: [
      run(unload('select * from uvenue order by venueid', 'csv/', 'CSV')),
      run(
        unload(
          'select * from pvenue order by venueid',
          'csvpipe/',
          "CSV DELIMITER AS '|'",
        ),
      ),
      files('csv/', {
        'csv/0000_part_00':
          '1,Pinewood Racetrack,Akron,OH,0\n2,"Columbus ""Crew"" Stadium",Columbus,OH,0\n4,"Community, Ballpark, Arena",Kansas City,KS,0\n',
      }),
      files('csvpipe/', {
        'csvpipe/0000_part_00':
          '1|"Pinewood Race|track"|Akron|OH|0\n2|"Columbus ""Crew"" Stadium"|Columbus|OH|0\n4|Community, Ballpark, Arena|Kansas City|KS|0\n',
      }),
    ],
  },
  {
    title: 'Unload VENUE with a manifest, and with MANIFEST VERBOSE',
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select * from uvenue order by venueid',
          'man/venue_pipe_',
          'manifest',
        ),
      ),
      names('man/venue_pipe_', [
        'man/venue_pipe_0000_part_00',
        'man/venue_pipe_manifest',
      ]),
      run(
        unload(
          'select * from uvenue order by venueid',
          'unload_venue_folder/',
          'manifest verbose',
        ),
      ),
      names('unload_venue_folder/', [
        'unload_venue_folder/0000_part_00',
        'unload_venue_folder/manifest',
      ]),
      files('man/venue_pipe_manifest', {
        'man/venue_pipe_manifest': `{\n  "entries": [\n    {"url":"s3://bucket/man/venue_pipe_0000_part_00", "meta": { "content_length": ${VENUE_BYTES} }}\n  ]\n}\n`,
      }),
      files('unload_venue_folder/manifest', {
        'unload_venue_folder/manifest': [
          '{',
          '  "entries": [',
          `    {"url":"s3://bucket/unload_venue_folder/0000_part_00", "meta": { "content_length": ${VENUE_BYTES}, "record_count": 3 }}`,
          '  ],',
          '  "schema": {',
          '    "elements": [',
          '      {"name": "venueid", "type": { "base": "smallint" }},',
          '      {"name": "venuename", "type": { "base": "character varying", "length": 100 }},',
          '      {"name": "venuecity", "type": { "base": "character varying", "length": 30 }},',
          '      {"name": "venuestate", "type": { "base": "character", "length": 2 }},',
          '      {"name": "venueseats", "type": { "base": "integer" }}',
          '    ]',
          '  },',
          '  "meta": {',
          `    "content_length": ${VENUE_BYTES},`,
          '    "record_count": 3',
          '  },',
          '  "author": {',
          '    "name": "Amazon Redshift",',
          '    "version": "1.0.0"',
          '  }',
          '}',
          '',
        ].join('\n'),
      }),
    ],
  },
  {
    title: 'Unload VENUE with a header, PARALLEL OFF: one file <prefix>000',
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select * from uvenue where venueseats = 0 order by venueid',
          'hdr/',
          'header parallel off',
        ),
      ),
      files('hdr/', {
        'hdr/000':
          'venueid|venuename|venuecity|venuestate|venueseats\n1|Pinewood Racetrack|Akron|OH|0\n2|Columbus "Crew" Stadium|Columbus|OH|0\n4|Community, Ballpark, Arena|Kansas City|KS|0\n',
      }),
      run(
        unload('select * from uvenue', 'serial/venue_serial_', 'parallel off'),
      ),
      run(
        unload(
          'select * from uvenue',
          'serial/lineorder_serial_',
          'parallel off gzip',
        ),
      ),
      names('serial/', [
        'serial/lineorder_serial_000.gz',
        'serial/venue_serial_000',
      ]),
    ],
  },
  {
    title:
      'MAXFILESIZE 1 GB is accepted; a tab delimiter; FIXEDWIDTH pads each column',
    doc: DG_UNLOAD_EX,
    steps: [
      run(unload('select * from uvenue', 'mfs/', 'maxfilesize 1 gb')),
      names('mfs/', ['mfs/0000_part_00']),
      run(
        unload(
          'select venueid, venuename, venueseats from uvenue order by 1',
          'venue_tab_',
          "delimiter as '\\t'",
        ),
      ),
      files('venue_tab_', {
        venue_tab_0000_part_00:
          '1\tPinewood Racetrack\t0\n2\tColumbus "Crew" Stadium\t0\n4\tCommunity, Ballpark, Arena\t0\n',
      }),
      run(
        unload(
          'select * from uvenue order by 1',
          'venue_fw_',
          "fixedwidth as 'venueid:3,venuename:26,venuecity:12,venuestate:2,venueseats:6'",
        ),
      ),
      files('venue_fw_', {
        venue_fw_0000_part_00:
          '1  Pinewood Racetrack        Akron       OH0     \n2  Columbus "Crew" Stadium   Columbus    OH0     \n4  Community, Ballpark, ArenaKansas City KS0     \n',
      }),
    ],
  },
  {
    title: "GZIP adds .gz; EXTENSION 'txt.gz' names the files itself",
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select * from uvenue',
          'gz/venue_tab_',
          "delimiter as '\\t' gzip",
        ),
      ),
      run(
        unload(
          'select * from uvenue',
          'ext/venue_tab_',
          "extension 'txt.gz' gzip",
        ),
      ),
      names('gz/', ['gz/venue_tab_0000_part_00.gz']),
      names('ext/', ['ext/venue_tab_0000_part_00.txt.gz']),
    ],
  },
  {
    // r_UNLOAD's ADDQUOTES says "each unloaded data field"; the examples
    // page prints `1,"Phoenix, AZ"` from an INTEGER and a CHAR(64): the
    // example's documented output is followed (numbers bare, a CHAR's
    // trailing blanks outside the quotes left out).
    title: 'ADDQUOTES with a comma delimiter quotes the CHAR field',
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select id, location from location order by 1',
          'location_',
          "delimiter ',' addquotes",
        ),
      ),
      files('location_', {
        location_0000_part_00: ['Phoenix, AZ', 'San Diego, CA', 'Chicago, IL']
          .map((l, i) => `${i + 1},"${l}"\n`)
          .join(''),
      }),
    ],
  },
  {
    title:
      "NULL AS 'fred', then COPY back with NULL AS 'fred'; the default round trip keeps empty strings",
    doc: DG_UNLOAD_EX,
    steps: [
      run(
        unload(
          'select * from nvenue order by venueid',
          'nulls/',
          "null as 'fred'",
        ),
      ),
      files('nulls/', {
        'nulls/0000_part_00':
          '22|Quicken Loans Arena|Cleveland|fred|0\n251|Paris Hotel|Las Vegas|NV|fred\n300|Kennedy Center Opera House|Washington|DC|0\n',
      }),
      run('create table loadvenuenulls (like nvenue)'),
      run(copy('loadvenuenulls', 'nulls/', "null as 'fred'")),
      rows(
        'select venueid from loadvenuenulls where venuestate is null or venueseats is null order by 1',
        [{ venueid: 22 }, { venueid: 251 }],
      ),
      run(unload('select * from nvenue', 'nulls/', 'allowoverwrite')),
      run('truncate loadvenuenulls'),
      run(copy('loadvenuenulls', 'nulls/')),
      rows(
        'select venueid from loadvenuenulls where venuestate is null or venueseats is null order by 1',
        [{ venueid: 251 }],
      ),
      run('truncate loadvenuenulls'),
      run(copy('loadvenuenulls', 'nulls/', 'EMPTYASNULL')),
      rows(
        'select venueid from loadvenuenulls where venuestate is null or venueseats is null order by 1',
        [{ venueid: 22 }, { venueid: 251 }],
      ),
    ],
  },
  {
    title:
      'ESCAPE escapes the delimiter, backslash and line breaks; COPY ESCAPE reads them back',
    doc: DG_UNLOAD,
    steps: [
      run('create table uesc (a int, b varchar(30))'),
      run(
        "insert into uesc values (1, 'a|b'), (2, 'c\\\\d'), (3, 'line1\nline2')",
      ),
      run(unload('select * from uesc order by 1', 'esc/', 'escape')),
      files('esc/', {
        'esc/0000_part_00': '1|a\\|b\n2|c\\\\d\n3|line1\\\nline2\n',
      }),
      run('create table uesc2 (like uesc)'),
      run(copy('uesc2', 'esc/', 'escape')),
      rows('select b from uesc2 order by a', [
        { b: 'a|b' },
        { b: 'c\\d' },
        { b: 'line1\nline2' },
      ]),
    ],
  },
  {
    title: 'Load VENUE from unload files, with and without the manifest',
    doc: DG_UNLOAD_EX,
    steps: [
      run(unload('select * from uvenue', 'reload/venue_pipe_', 'manifest')),
      run('create table loadvenue (like uvenue)'),
      run(copy('loadvenue', 'reload/venue_pipe_manifest', 'manifest')),
      rows('select count(*)::int as n from loadvenue', [{ n: 3 }]),
    ],
  },
  {
    title: 'The query text with doubled quotes',
    doc: DG_UNLOAD,
    steps: [
      run(
        `unload ('select venueid from uvenue where venuestate=''KS''') to 's3://bucket/q/venue_' ${ROLE}`,
      ),
      files('q/', { 'q/venue_0000_part_00': '4\n' }),
    ],
  },
]

const DG_ERRORS = 'DG r_Load_Error_Reference.html'

/** A COPY of `body` into a one-column table of `type` that must fail with load error `code`. */
const loadError = (
  name: string,
  type: string,
  body: string,
  code: number,
  extra = '',
): AuditStep[] => [
  run(`create table ${name} (v ${type})`),
  put(`errs/${name}.txt`, body),
  fails(
    copy(name, `errs/${name}.txt`, extra),
    'XX000',
    `Load into table '${name}' failed`,
  ),
  rows('select err_code from stl_load_errors where query = pg_last_copy_id()', [
    { err_code: code },
  ]),
]

/** copy-usage_notes and its pages: manifests, multibyte data, load errors. */
const COPY_USAGE: readonly AuditCase[] = [
  {
    title:
      'An UNLOAD manifest lists each file with meta.content_length, so a Parquet COPY loads it back',
    doc: 'DG loading-data-files-using-manifest.html',
    steps: [
      run(
        'create table plisting (listid int, sellerid int, price decimal(8,2), d date, note varchar(20))',
      ),
      run(
        "insert into plisting values (1, 36861, 132.50, '2008-01-24', 'a'), (2, null, 45.00, null, null)",
      ),
      run(
        unload(
          'select * from plisting',
          'pq/listing_',
          'format as parquet manifest',
        ),
      ),
      manifest('pq/listing_manifest', [
        's3://bucket/pq/listing_0000_part_00.parquet',
      ]),
    ],
  },
  {
    title:
      'Load LISTING from Parquet: by prefix and by manifest; the column count must match',
    doc: DG_COPY_EX,
    steps: [
      run(
        'create table plisting2 (listid int, sellerid int, price decimal(8,2), d date, note varchar(20))',
      ),
      run(
        copy('plisting2', 'pq/listing_manifest', 'format as parquet manifest'),
      ),
      rows(
        'select listid, sellerid, price, d::text as d, note from plisting2 order by 1',
        [
          {
            listid: 1,
            sellerid: 36861,
            price: '132.50',
            d: '2008-01-24',
            note: 'a',
          },
          { listid: 2, sellerid: null, price: '45.00', d: null, note: null },
        ],
      ),
      run('create table plisting3 (listid int, sellerid int)'),
      fails(
        copy(
          'plisting3',
          'pq/listing_0000_part_00.parquet',
          'format as parquet',
        ),
        'XX000',
        'Unmatched number of columns between table and file',
      ),
      put(
        'pq/nolength.manifest',
        '{"entries":[{"url":"s3://bucket/pq/listing_0000_part_00.parquet"}]}',
      ),
      fails(
        copy('plisting2', 'pq/nolength.manifest', 'format as parquet manifest'),
        'XX000',
        'content_length',
      ),
    ],
  },
  {
    title:
      'A manifest URL must be a full object path; COPY fails when the manifest finds no file, mandatory or not',
    doc: 'DG loading-data-files-using-manifest.html',
    steps: [
      run('create table mfull (v varchar(5))'),
      put('mf/rel.manifest', '{"entries":[{"url":"data/x.txt"}]}'),
      fails(
        copy('mfull', 'mf/rel.manifest', 'manifest'),
        'XX000',
        'COPY with MANIFEST parameter requires full path of S3 object',
      ),
      put(
        'mf/none.manifest',
        '{"entries":[{"url":"s3://bucket/mf/nothing","mandatory":false}]}',
      ),
      fails(
        copy('mfull', 'mf/none.manifest', 'manifest'),
        'XX000',
        'COPY found no file to load',
      ),
      put('mf/empty.manifest', '{"entries":[]}'),
      fails(
        copy('mfull', 'mf/empty.manifest', 'manifest'),
        'XX000',
        'COPY found no file to load',
      ),
    ],
  },
  {
    title: 'Multibyte characters load into VARCHAR, not into CHAR',
    doc: 'DG multi-byte-character-load-errors.html',
    steps: [
      run('create table mbyte (v varchar(5), c char(2))'),
      put('mb/ok.txt', 'caf\u00e9|ab\n'),
      run(copy('mbyte', 'mb/ok.txt')),
      rows('select v, c from mbyte', [{ v: 'caf\u00e9', c: 'ab' }]),
      put('mb/char.txt', 'x|\u00e9\n'),
      fails(
        copy('mbyte', 'mb/char.txt'),
        'XX000',
        "Load into table 'mbyte' failed",
      ),
      rows(
        'select err_code, trim(colname) as col from stl_load_errors where query = pg_last_copy_id()',
        [{ err_code: 1220, col: 'c' }],
      ),
    ],
  },
  {
    title:
      'Load error codes: 1204 range, 1205 date, 1206 timestamp, 1207 digit, 1208 float, 1210 boolean, 1213 not null',
    doc: DG_ERRORS,
    steps: [
      ...loadError('le_1204', 'smallint', '40000\n', 1204),
      ...loadError('le_1205', 'date', '2008-13-45\n', 1205),
      ...loadError('le_1206', 'timestamp', '2008-01-01 25:61:00\n', 1206),
      ...loadError('le_1207', 'int', '12x\n', 1207),
      ...loadError('le_1208', 'float8', '1.2.3\n', 1208),
      ...loadError('le_1210', 'boolean', 'maybe\n', 1210),
      ...loadError('le_1213', 'int not null', '\n', 1213),
    ],
  },
  {
    title:
      'Load error codes: 1202 extra column, 1214 delimiter not found, 1216 unterminated quote, 1220 bad UTF-8, 1224 bad JSON',
    doc: DG_ERRORS,
    steps: [
      ...loadError('le_1202', 'int', '1|2\n', 1202),
      run('create table le_1214 (a int, b int)'),
      put('errs/le_1214.txt', '1\n'),
      fails(copy('le_1214', 'errs/le_1214.txt'), 'XX000', 'failed'),
      rows(
        'select err_code, trim(err_reason) as reason from stl_load_errors where query = pg_last_copy_id()',
        [{ err_code: 1214, reason: 'Delimiter not found' }],
      ),
      ...loadError('le_1216', 'varchar(5)', '"abc\n', 1216, 'csv'),
      run('create table le_1220 (v varchar(5))'),
      put('errs/le_1220.txt', Buffer.from([0x61, 0xff, 0x0a])),
      fails(copy('le_1220', 'errs/le_1220.txt'), 'XX000', 'failed'),
      rows(
        "select err_code, raw_line = 'a\ufffd' as shown from stl_load_errors where query = pg_last_copy_id()",
        [{ err_code: 1220, shown: true }],
      ),
      ...loadError('le_1224', 'int', '{"v": 1\n', 1224, "json 'auto'"),
    ],
  },
  {
    title:
      "JSON 'noshred' loads each document into one SUPER column; 'auto' loads nested values into SUPER columns",
    doc: 'DG ingest-super.html',
    steps: [
      run('create table snoshred (s super)'),
      put('super/doc.json', '{"a":{"b":[1,2]}}\n'),
      run(copy('snoshred', 'super/doc.json', "json 'noshred'")),
      rows('select json_serialize(s) as j from snoshred', [
        { j: '{"a":{"b":[1,2]}}' },
      ]),
      run('create table sauto (id int, doc super)'),
      put('super/auto.json', '{"id":1,"doc":{"x":[1,2]}}\n'),
      run(copy('sauto', 'super/auto.json', "json 'auto'")),
      rows('select id, json_serialize(doc) as j from sauto', [
        { id: 1, j: '{"x":[1,2]}' },
      ]),
    ],
  },
]

/** r_COPY and r_UNLOAD syntax: the accepted forms of each clause. */
const SYNTAX: readonly AuditCase[] = [
  {
    title:
      'COPY: [WITH] CREDENTIALS [AS], FORMAT [AS], AS before arguments, REGION, a schema-qualified table, role chains',
    doc: 'DG r_COPY.html',
    steps: [
      run(
        'create table catdemo (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))',
      ),
      put('tickit/category_pipe.txt', '1|Sports|MLB|Major League Baseball\n'),
      run(copy('catdemo', 'tickit/category_pipe.txt', "region 'us-west-2'")),
      put('tickit/category.csv', '2,Sports,NHL,National Hockey League\n'),
      run(
        "copy public.catdemo from 's3://bucket/tickit/category.csv' with credentials as 'aws_iam_role=arn:aws:iam::0123456789012:role/MyRedshiftRole' format as csv",
      ),
      run(
        `copy catdemo (catid, catgroup, catname, catdesc) from 's3://bucket/tickit/category.csv' ${ROLE} csv quote as '"' delimiter as ',' ignoreheader as 0 region as 'us-west-2' acceptinvchars as '?' maxerror as 2`,
      ),
      run(
        "copy catdemo from 's3://bucket/tickit/category.csv' iam_role 'arn:aws:iam::0123456789012:role/A,arn:aws:iam::0123456789012:role/B' csv",
      ),
      run(
        "copy catdemo from 's3://bucket/tickit/category.csv' iam_role default csv;",
      ),
      rows('select count(*)::int as n from catdemo', [{ n: 5 }]),
      fails(
        copy('catdemo', 'tickit/category.csv', 'csv csv'),
        '42601',
        'conflicting or redundant options',
      ),
      fails(
        copy('catdemo', 'tickit/category.csv', 'bogus'),
        '42601',
        'syntax error at or near "bogus"',
      ),
    ],
  },
  {
    title:
      'UNLOAD: FORMAT [AS], PARALLEL FALSE, MAXFILESIZE [AS] with decimals, ROWGROUPSIZE [AS], REGION',
    doc: DG_UNLOAD,
    steps: [
      run(unload('select 1 as a', 'syn/w_', 'format csv')),
      run(unload('select 1 as a', 'syn/w2_', 'format as json')),
      run(unload('select 1 as a', 'syn/p_', 'parallel false')),
      run(
        unload('select 1 as a', 'syn/q_', 'parallel on maxfilesize as 6.2 gb'),
      ),
      run(unload('select 1 as a', 'syn/r_', 'maxfilesize 5.5')),
      run(unload('select 1 as a', 'syn/s_', 'parquet rowgroupsize as 128 mb')),
      run(unload('select 1 as a', 'syn/t_', "region 'us-west-2'")),
      names('syn/', [
        'syn/p_000',
        'syn/q_0000_part_00',
        'syn/r_0000_part_00',
        'syn/s_0000_part_00.parquet',
        'syn/t_0000_part_00',
        'syn/w2_0000_part_00',
        'syn/w_0000_part_00',
      ]),
      fails(
        unload('select 1 as a', 'syn/u_', 'header header'),
        '42601',
        'conflicting or redundant options',
      ),
      fails(
        unload('select 1 as a', 'syn/v_', "delimiter '||'"),
        '42601',
        'DELIMITER must be a single ASCII character',
      ),
    ],
  },
  {
    title:
      'PARTITION BY takes the documented key types only, no string literal; a PARTITION BY prefix gets its slash',
    doc: DG_UNLOAD,
    steps: [
      run(
        'create table pkeys (a int, f float8, r real, tz timestamptz, vb varbyte(10), t time)',
      ),
      run(
        "insert into pkeys values (1, 1.5, 2.5, '2020-01-01', 'ab'::varbyte, '10:00')",
      ),
      fails(
        unload('select a, f from pkeys', 'pk/f_', 'partition by (f)'),
        '0A000',
        'PARTITION BY a double precision column ("f") is not supported',
      ),
      fails(
        unload('select a, tz from pkeys', 'pk/tz_', 'partition by (tz)'),
        '0A000',
        'is not supported',
      ),
      fails(
        unload('select a, vb from pkeys', 'pk/vb_', 'partition by (vb)'),
        '0A000',
        'is not supported',
      ),
      fails(
        unload('select a, t from pkeys', 'pk/t_', 'partition by (t)'),
        '0A000',
        'is not supported',
      ),
      fails(
        unload(
          "select a, 'lit' as l from pkeys",
          'pk/lit_',
          "partition by ('lit')",
        ),
        '0A000',
        'string literals are not supported in PARTITION BY',
      ),
      run(unload('select a, r from pkeys', 'pk/r_', 'partition by (r)')),
      names('pk/', ['pk/r_/r=2.5/0000_part_00']),
    ],
  },
  {
    title:
      'VARBYTE unloads to text and CSV only, never FIXEDWIDTH, nor with CSV ADDQUOTES',
    doc: DG_UNLOAD,
    steps: [
      run('create table vbytes (a int, vb varbyte(10))'),
      run("insert into vbytes values (1, 'ab'::varbyte)"),
      fails(
        unload('select a, vb from vbytes', 'vb/p_', 'parquet'),
        '0A000',
        'VARBYTE',
      ),
      fails(
        unload('select a, vb from vbytes', 'vb/j_', 'json'),
        '0A000',
        'VARBYTE',
      ),
      fails(
        unload('select a, vb from vbytes', 'vb/f_', "fixedwidth 'a:2,vb:10'"),
        '0A000',
        'VARBYTE',
      ),
      fails(
        unload('select a, vb from vbytes', 'vb/q_', 'csv addquotes'),
        '0A000',
        'ADDQUOTES',
      ),
      run(unload('select a, vb from vbytes', 'vb/t_')),
      files('vb/', { 'vb/t_0000_part_00': '1|6162\n' }),
    ],
  },
  {
    title:
      'CLEANPATH removes the files under the prefix first; with PARTITION BY only in the partitions written',
    doc: DG_UNLOAD,
    steps: [
      put('cp/old_0000_part_00', 'old'),
      put('cp/old_0000_part_01', 'old'),
      put('cp/other.txt', 'keep'),
      run(unload('select 1 as a', 'cp/old_', 'cleanpath')),
      files('cp/', { 'cp/old_0000_part_00': '1\n', 'cp/other.txt': 'keep' }),
      put('cpp/k=1/0000_part_00', 'old1'),
      put('cpp/k=2/0000_part_00', 'old2'),
      run(
        unload('select 1 as a, 1 as k', 'cpp/', 'partition by (k) cleanpath'),
      ),
      files('cpp/', {
        'cpp/k=1/0000_part_00': '1\n',
        'cpp/k=2/0000_part_00': 'old2',
      }),
    ],
  },
  {
    title: 'SUPER unloads as JSON text and ignores NULL AS',
    doc: DG_UNLOAD,
    steps: [
      run('create table usuper (a int, s super)'),
      run(
        'insert into usuper values (1, json_parse(\'{"x":[1,2]}\')), (2, null)',
      ),
      run(unload('select a, s from usuper order by a', 'sup/j_', 'json')),
      run(
        unload('select a, s from usuper order by a', 'sup/n_', "null as 'NUL'"),
      ),
      files('sup/', {
        'sup/j_0000_part_00': '{"a":1,"s":{"x":[1,2]}}\n{"a":2,"s":null}\n',
        'sup/n_0000_part_00': '1|{"x":[1,2]}\n2|\n',
      }),
    ],
  },
]

const CASES: readonly AuditCase[] = [
  ...COPY_EXAMPLES,
  ...COPY_REFUSALS,
  ...COPY_CONVERSIONS,
  ...COPY_USAGE,
  ...UNLOAD_REFUSALS,
  ...UNLOAD_EXAMPLES,
  ...SYNTAX,
]

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
    const client = await connect(own.local.url)
    try {
      for (const statement of SETUP) await client.query(statement)
    } finally {
      await client.end()
    }
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
          } else if ('manifest' in step) {
            const { entries } = JSON.parse(
              fs.readFileSync(bucket(step.manifest), 'utf8'),
            ) as {
              entries: { url: string; meta: { content_length: number } }[]
            }
            expect(
              entries.map((e) => [e.url, e.meta.content_length]),
              where,
            ).toEqual(
              step.urls.map((url) => [
                url,
                fs.statSync(bucket(url.slice('s3://bucket/'.length))).size,
              ]),
            )
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
