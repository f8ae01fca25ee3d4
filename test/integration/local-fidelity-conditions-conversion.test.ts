import {
  describeFidelityCases,
  fails,
  rows,
  run,
  typed,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { BOOL, DG, VARCHAR } from './function-answers.js'

// The conditions, the type conversion rules and the system information
// functions they meet, one case a documented rule: what the page says a
// value is and how Redshift compares and converts it.

const CURRENT_SCHEMAS = `${DG}r_CURRENT_SCHEMAS.html`
const CONVERSION = `${DG}r_Type_conversion.html`
const COMPARISON = `${DG}r_comparison_condition.html`
const DATEPARTS = `${DG}r_Dateparts_for_datetime_functions.html`
const POSIX = `${DG}pattern-matching-conditions-posix.html`
const COMPOUND = `${DG}r_compound_expressions.html`
const TO_CHAR = `${DG}r_TO_CHAR.html`
const REGEXP_SUBSTR = `${DG}REGEXP_SUBSTR.html`

/** Redshift's words for a POSIX pattern with a `(?` group, as public reports give them. */
const NO_GROUP =
  'Invalid preceding regular expression prior to repetition operator'

/** One row of each numeric type beside a VARCHAR and a CHAR of the same digits. */
const NUMBERS_AND_STRINGS = [
  run('drop table if exists h6_mixed'),
  run(
    `create table h6_mixed (k int, i int, s smallint, b bigint, n decimal(8,2),
      r real, f float8, v varchar(10), c char(6))`,
  ),
  run(
    "insert into h6_mixed values (1, 10, 9, 123, 10.50, 2.5, 1.5, '10', '10'), (2, 20, 9, 7, 0.25, 1, 2, '9', '9')",
  ),
]

const CASES: readonly Case[] = [
  {
    title: 'CURRENT_SCHEMAS returns a VARCHAR string, not an array',
    doc: CURRENT_SCHEMAS,
    steps: [
      typed(
        'select current_schemas(false)',
        [{ current_schemas: '{public}' }],
        [VARCHAR],
      ),
      typed(
        'select current_schemas(true)',
        [{ current_schemas: '{pg_catalog,public}' }],
        [VARCHAR],
      ),
      rows(
        "select pg_typeof(current_schemas(false))::varchar as t, current_schemas(false) || '' as s, length(current_schemas(true)) as n",
        [{ t: 'character varying', s: '{public}', n: 19 }],
      ),
      // The search path as the session sets it.
      run('create schema if not exists h6_path'),
      run('set search_path to h6_path, public'),
      rows('select current_schemas(false)', [
        { current_schemas: '{h6_path,public}' },
      ]),
      // Catalog queries still compare schema names with = ANY (...).
      rows(
        "select nspname::varchar as nspname from pg_namespace where nspname = any (current_schemas(false)) and nspname like 'h6%'",
        [{ nspname: 'h6_path' }],
      ),
      run('reset search_path'),
    ],
  },
  {
    title: 'a number compared with a character string is compared as a string',
    doc: CONVERSION,
    steps: [
      ...NUMBERS_AND_STRINGS,
      typed(
        `select i = v as iv, v = i as vi, i = '10.0'::varchar as i_dec,
          n = '10.50'::varchar as n_text, n = '10.5'::varchar as n_short,
          f = '1.5'::varchar as f_text, b <> v as bv
         from h6_mixed where k = 1`,
        [
          {
            iv: true,
            vi: true,
            i_dec: false,
            n_text: true,
            n_short: false,
            f_text: true,
            bv: true,
          },
        ],
        [BOOL, BOOL, BOOL, BOOL, BOOL, BOOL, BOOL],
      ),
      // String order: '9' sorts after '10', the number 9 before 10.
      rows(
        `select s < v as as_string, s < v::int as as_number, 9 > '10'::varchar as nine_after
         from h6_mixed where k = 1`,
        [{ as_string: false, as_number: true, nine_after: true }],
      ),
      // CHAR's trailing blanks are insignificant, as in every comparison.
      rows('select k from h6_mixed where c = i order by k', [{ k: 1 }]),
      rows('select k from h6_mixed where v = 9', [{ k: 2 }]),
      // REAL 2.5 is '2.5', after '10'; 1 is '1', before '9'.
      rows('select k from h6_mixed where r >= v', [{ k: 1 }]),
      rows(
        'select a.k as a, b.k as b from h6_mixed a join h6_mixed b on a.i = b.v order by 1',
        [{ a: 1, b: 1 }],
      ),
      rows('select k from h6_mixed where i in (select v from h6_mixed)', [
        { k: 1 },
      ]),
      rows(
        "select k from h6_mixed where i in ('10'::varchar, '9.0'::varchar) order by k",
        [{ k: 1 }],
      ),
      // '10' sorts between '1' and '2'; '20' after '2'.
      rows(
        "select k from h6_mixed where i between '1'::varchar and '2'::varchar",
        [{ k: 1 }],
      ),
      // An untyped literal still takes the number's type.
      rows("select k from h6_mixed where i = '20'", [{ k: 2 }]),
      // The opposite conversion takes an explicit CAST or CONVERT.
      rows('select k from h6_mixed where cast(v as int) < s order by k', []),
      rows('select k from h6_mixed where convert(int, v) = s order by k', [
        { k: 2 },
      ]),
    ],
  },
  {
    title:
      'strings convert to numbers, dates and timestamps with their leading and trailing spaces ignored',
    doc: CONVERSION,
    steps: [
      rows(
        `select cast(' 12 ' as int) as i, ' 3 '::smallint as s, cast('  7' as bigint) as b,
          '  1.5 '::decimal(3,1) as d, ' 1.5e2 '::float8 as f,
          (' 2008-01-01 '::date)::varchar as dt, (' 2008-01-01 10:00 '::timestamp)::varchar as ts`,
        [
          {
            i: 12,
            s: 3,
            b: '7',
            d: '1.5',
            f: 150,
            dt: '2008-01-01',
            ts: '2008-01-01 10:00:00',
          },
        ],
      ),
      rows("select '1.0'::decimal(2,1) as a, '5.9'::decimal(2,1) as b", [
        { a: '1.0', b: '5.9' },
      ]),
      fails("select 'ABC'::int", '22P02', 'invalid input syntax for integer'),
      fails(
        "select cast('ABC' as decimal(5,2))",
        '22P02',
        'invalid input syntax',
      ),
    ],
  },
  {
    title:
      'dates, timestamps and numbers convert to fixed- and variable-length strings',
    doc: CONVERSION,
    steps: [
      typed(
        `select cast(10 as char(5)) as c, cast(10.5 as varchar) as v,
          cast(date '2008-01-01' as char(10)) as dc, cast(timestamp '2008-01-01 10:00' as varchar) as tv`,
        [
          {
            c: '10   ',
            v: '10.5',
            dc: '2008-01-01',
            tv: '2008-01-01 10:00:00',
          },
        ],
        [1042, VARCHAR, 1042, VARCHAR],
      ),
    ],
  },
  {
    title:
      'assignment: a decimal inserted into an integer column is rounded, a date part is stored, an overflow fails',
    doc: CONVERSION,
    steps: [
      run('drop table if exists h6_assign'),
      run(
        'create table h6_assign (k int, i int, s smallint, d4 decimal(4,1), v varchar(12))',
      ),
      run(
        'insert into h6_assign (k, i) values (1, 12.7), (2, 12.5), (3, -12.5), (4, 2.4)',
      ),
      run(
        "insert into h6_assign (k, i) values (5, date_part(year, date '2008-06-01'))",
      ),
      rows('select k, i from h6_assign order by k', [
        { k: 1, i: 13 },
        { k: 2, i: 13 },
        { k: 3, i: -13 },
        { k: 4, i: 2 },
        { k: 5, i: 2008 },
      ]),
      // The fractional part rounds; the whole part is never truncated.
      run('insert into h6_assign (k, d4) values (6, 123.45)'),
      rows('select d4 from h6_assign where k = 6', [{ d4: '123.5' }]),
      fails(
        'insert into h6_assign (k, d4) values (7, 12345.6)',
        '22003',
        'overflow',
      ),
      fails(
        'insert into h6_assign (k, s) values (8, 70000)',
        '22003',
        'smallint out of range',
      ),
      // Numbers and dates assigned to a VARCHAR column become their text.
      run(
        "insert into h6_assign (k, v) values (9, 12.5), (10, date '2008-01-01')",
      ),
      rows('select v from h6_assign where k >= 9 order by k', [
        { v: '12.5' },
        { v: '2008-01-01' },
      ]),
    ],
  },
  {
    title:
      'DATE and TIMESTAMP become TIMESTAMPTZ in the session time zone, and back; a written zone wins',
    doc: CONVERSION,
    steps: [
      run("set timezone to 'America/New_York'"),
      rows(
        `select (date '2008-01-01')::timestamptz::varchar as d,
          (timestamp '2008-01-01 10:00')::timestamptz::varchar as t,
          ('2008-01-01 10:00+02'::timestamptz)::timestamp::varchar as back,
          ('2008-01-01 03:30+00'::timestamptz)::date::varchar as day,
          ('2008-01-01 10:00 UTC'::timestamptz)::varchar as zoned`,
        [
          {
            d: '2008-01-01 00:00:00-05',
            t: '2008-01-01 10:00:00-05',
            back: '2008-01-01 03:00:00',
            day: '2007-12-31',
            zoned: '2008-01-01 05:00:00-05',
          },
        ],
      ),
      run('reset timezone'),
      rows(
        "select (date '2008-01-01')::timestamptz::varchar as d, ('2008-01-01 10:00'::timestamptz)::varchar as t",
        [{ d: '2008-01-01 00:00:00+00', t: '2008-01-01 10:00:00+00' }],
      ),
    ],
  },
  {
    title: 'IS TRUE / FALSE / UNKNOWN: non-zero is TRUE, 0 FALSE, null UNKNOWN',
    doc: COMPARISON,
    steps: [
      ...NUMBERS_AND_STRINGS,
      run('insert into h6_mixed (k, i, n) values (3, 0, null)'),
      rows('select k from h6_mixed where i is true order by k', [
        { k: 1 },
        { k: 2 },
      ]),
      rows('select k from h6_mixed where i is false', [{ k: 3 }]),
      rows('select k from h6_mixed where n is unknown', [{ k: 3 }]),
      rows(
        'select k from h6_mixed where n is not unknown and n is true order by k',
        [{ k: 1 }, { k: 2 }],
      ),
    ],
  },
  {
    title:
      'EXTRACT gives the named date part only, DATE_PART the whole seconds with their fraction',
    doc: DATEPARTS,
    steps: [
      run('drop table if exists h6_seconds'),
      run('create table h6_seconds (micro timestamp)'),
      run("insert into h6_seconds values ('2009-09-21 11:10:03.189717')"),
      rows('select extract(sec from micro) from h6_seconds', [
        { date_part: 3 },
      ]),
      rows('select date_part(sec, micro) from h6_seconds', [
        { pgdate_part: 3.189717 },
      ]),
      rows(
        'select extract(ms from micro) as ms, extract(us from micro) as us from h6_seconds',
        [{ ms: 189, us: 189717 }],
      ),
    ],
  },
  {
    title:
      'CENTURY starts with year ###1, MIL with year #001, DECADE counts from year 1',
    doc: DATEPARTS,
    steps: [
      rows(
        "select extract(century from timestamp '2000-12-16 12:21:13') as a, extract(century from timestamp '2001-12-16 12:21:13') as b",
        [{ a: 20, b: 21 }],
      ),
      rows(
        "select extract(mil from timestamp '2000-12-16 12:21:13') as a, extract(mil from timestamp '2001-12-16 12:21:13') as b",
        [{ a: 2, b: 3 }],
      ),
      // Decade 1 is 0001-0009, decade 201 is 2000-2009.
      rows(
        `select extract(decade from timestamp '1999-02-16 20:38:40') as a,
          extract(decade from timestamp '2000-02-16 20:38:40') as b,
          extract(decade from timestamp '2010-02-16 20:38:40') as c`,
        [{ a: 200, b: 201, c: 202 }],
      ),
      rows(
        `select extract(decs from date '0005-06-01') as first, extract(dec from timestamptz '2009-12-31 23:00:00+00') as tz,
          date_part(decade, date '2009-12-31') as dp, date_part(decades, '2010-01-01') as dp_text`,
        [{ first: 1, tz: 201, dp: 201, dp_text: 202 }],
      ),
      // The decades still start at year ###0.
      rows(
        "select date_trunc('decade', timestamp '2009-12-31 10:00')::varchar as t",
        [{ t: '2000-01-01 00:00:00' }],
      ),
    ],
  },
  {
    title:
      "EPOCH: seconds since 1970-01-01 as DOUBLE PRECISION, back through timestamp with time zone 'epoch'",
    doc: DATEPARTS,
    steps: [
      run('drop table if exists h6_event_example'),
      run(
        "create table h6_event_example as select 'Mamma Mia!'::varchar(200) as eventname, timestamp '2008-01-01 20:00:00' as starttime, date_part(epoch, timestamp '2008-01-01 20:00:00')",
      ),
      rows(
        `select "column", type from pg_table_def where tablename = 'h6_event_example' order by 1`,
        [
          { column: 'eventname', type: 'character varying(200)' },
          { column: 'pgdate_part', type: 'double precision' },
          { column: 'starttime', type: 'timestamp without time zone' },
        ],
      ),
      rows(
        `select eventname, pgdate_part,
          (timestamp with time zone 'epoch' + pgdate_part * interval '1 second')::varchar as converted_timestamp
         from h6_event_example`,
        [
          {
            eventname: 'Mamma Mia!',
            pgdate_part: 1199217600,
            converted_timestamp: '2008-01-01 20:00:00+00',
          },
        ],
      ),
      rows(
        "select (timestamp 'epoch')::varchar as t, extract(epoch from timestamp '1970-01-02') as e",
        [{ t: '1970-01-01 00:00:00', e: 86400 }],
      ),
    ],
  },
  {
    title:
      'POSIX operators: the listed metacharacters and Perl-influenced classes, no (? groups',
    doc: POSIX,
    steps: [
      rows(
        `select 'abc' ~ 'a.c' as dot, 'abbbc' ~ '^ab{2,3}c$' as braces, 'ab' ~ '^(a|x)b?$' as alt,
          'a1 b' ~ '\\\\d\\\\s\\\\w' as perl, 'a1' !~ '\\\\D\\\\D' as negated, 'ab' ~ '\\\\W' as non_word,
          'x y' ~ '\\\\S\\\\s\\\\S' as non_space, 'a(?b' ~ 'a\\\\(\\\\?b' as escaped, '?' ~ '[(?]' as bracket`,
        [
          {
            dot: true,
            braces: true,
            alt: true,
            perl: true,
            negated: true,
            non_word: false,
            non_space: true,
            escaped: true,
            bracket: true,
          },
        ],
      ),
      fails(
        "select 'DONE' ~ '^(?!DELIVERED|PENDING).*$'",
        'XX000',
        `${NO_GROUP}.  The error occurred while parsing the regular expression fragment: '^(?>>>HERE>>>!DELIVERED'.`,
      ),
      fails("select 'abc' !~ 'a(?=b)'", 'XX000', "'a(?>>>HERE>>>=b)'"),
      fails("select 'abc' ~ '(?:a)bc'", 'XX000', NO_GROUP),
      fails("select 'abc' ~ '(?<=a)b'", 'XX000', NO_GROUP),
    ],
  },
  {
    title:
      "REGEXP functions read look-arounds with the 'p' (PCRE) parameter only",
    doc: REGEXP_SUBSTR,
    steps: [
      rows(
        `select regexp_substr('passwrd word1 word2', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 1, 'p') as s,
          regexp_count('abcb', 'b(?=c)', 1, 'p') as c, regexp_instr('abc', 'b(?=c)', 1, 1, 0, 'p') as i,
          regexp_replace('abc', 'b(?=c)', 'X', 1, 'ip') as r`,
        [{ s: 'word1', c: 1, i: 2, r: 'aXc' }],
      ),
      fails(
        "select regexp_substr('passwrd word1', '(?=[^ ]*[0-9])[^ ]+')",
        'XX000',
        NO_GROUP,
      ),
      fails("select regexp_count('abcb', 'b(?=c)', 1, 'c')", 'XX000', NO_GROUP),
      fails("select regexp_instr('abc', 'b(?=c)')", 'XX000', NO_GROUP),
      fails("select regexp_replace('abc', '(?<=a)b', 'X')", 'XX000', NO_GROUP),
    ],
  },
  {
    title:
      'compound expressions: ^ |/ ||/ above * / %, those above @, @ above + -, || last',
    doc: COMPOUND,
    steps: [
      rows(
        `select |/ 25 + 11 as root_sum, |/ 16 * 2 as root_product, ||/ 27 * 2 as cube_product,
          @ -5 + 1 as abs_sum, @ -2 * 3 as abs_product, 2 * @ -3 + 1 as abs_inside,
          2 ^ 3 * 2 as power_product, 'a' || 1 + 2 as concat_last`,
        [
          {
            root_sum: 16,
            root_product: 8,
            cube_product: 6,
            abs_sum: 6,
            abs_product: 6,
            abs_inside: 7,
            power_product: 16,
            concat_last: 'a3',
          },
        ],
      ),
      ...NUMBERS_AND_STRINGS,
      rows(
        'select @ h6_mixed.n * -2 - 1 as a, |/ (i - 4)::float8 * 4 as b, @ (i - 30) + 1 as c from h6_mixed where k = 2',
        [{ a: '-0.50', b: 16, c: 11 }],
      ),
    ],
  },
  {
    title:
      "TO_CHAR: the numeric format's L is the dollar sign, TZ of a TIMESTAMP the session's zone",
    doc: TO_CHAR,
    steps: [
      run('drop table if exists h6_sales'),
      run(
        'create table h6_sales (salesid int, pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)',
      ),
      run(
        "insert into h6_sales values (1, 728.00, 109.20, '2008-02-18 02:36:48'), (2, 76.00, 11.40, '2008-06-06 05:00:16')",
      ),
      typed(
        "select salesid, to_char(pricepaid - commission, 'l99999D99') from h6_sales order by salesid",
        [
          { salesid: 1, to_char: '$   618.80' },
          { salesid: 2, to_char: '$    64.60' },
        ],
        [23, VARCHAR],
      ),
      rows(
        "select to_char(pricepaid - commission, 'rn') as rn, to_char(saletime, 'cc') as cc, to_char(saletime, 'HH12:MI:SS TZ') as tz from h6_sales where salesid = 1",
        [{ rn: '          dcxix', cc: '21', tz: '02:36:48 UTC' }],
      ),
      // In fill mode, quoted and after P the L is as written.
      rows(
        `select to_char(618.8, 'FML999D99') as fm, to_char(618, 'FM"L"999') as quoted,
          to_char(12, 'FMPL99') as pl, to_char(timestamp '2008-01-25 02:30:00', 'HH24 "TZ"') as quoted_tz`,
        [{ fm: '$618.8', quoted: 'L618', pl: '+12', quoted_tz: '02 TZ' }],
      ),
      rows(
        `select to_char(timestamp '2009-12-31 23:15:59', 'MONTH-DY-DD-YYYY HH12:MIPM') as a,
          to_char(timestamp '2009-12-31 23:15:59', 'DDD') as b, to_char(timestamp '2022-05-16 23:15:59', 'ID') as c,
          to_char(timestamp '2009-12-31 23:15:59', 'HH24:MI:SS') as d, to_char(-125.8, '999D99S') as e`,
        [
          {
            a: 'DECEMBER -THU-31-2009 11:15PM',
            b: '365',
            c: '1',
            d: '23:15:59',
            e: '125.80-',
          },
        ],
      ),
      run("set timezone to 'America/New_York'"),
      rows(
        "select to_char(timestamp '2008-01-25 02:30:00', 'HH12:MI:SS TZ') as tz",
        [{ tz: '02:30:00 EST' }],
      ),
      run('reset timezone'),
    ],
  },
]

describeFidelityCases(
  'local emulator: conditions and type conversion',
  'local_fidelity_conditions_conversion',
  CASES,
)
