import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { connect } from './local-test-helpers.js'

// The Developer Guide's SQL reference chapters "Basic elements",
// "Expressions" and "Conditions", page by page, and the SELECT example pages
// (ORDER BY, JOIN, subqueries, TOP, DISTINCT): each documented example with
// its documented output, each documented refusal. What other audit files
// already check (boolean literals, numeric types, POSIX ~* and classes,
// enable_case_sensitive_identifier, date literals that are not values) is
// not repeated. Tables are the case's own, dropped first.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const page = (name: string) => `${DG}${name}`

/** A few rows of TICKIT's VENUE table. */
const VENUE = [
  'drop table if exists venue',
  'create table venue (venueid int, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats int)',
  `insert into venue values
    (28, 'American Airlines Arena', 'Miami', 'FL', 0),
    (54, 'St. Pete Times Forum', 'Tampa', 'FL', 0),
    (91, 'Raymond James Stadium', 'Tampa', 'FL', 65647),
    (83, 'FedExField', 'Landover', 'MD', 91704),
    (6, 'New York Giants Stadium', 'East Rutherford', 'NJ', 80242),
    (116, 'Busch Stadium', 'St. Louis', 'MO', 49660),
    (7, 'E.J. Nutter Center', 'Dayton', 'OH', 0),
    (8, 'Oriole Park at Camden Yards', 'Baltimore', 'MD', 48876)`,
].map(run)

/** A few rows of TICKIT's LISTING and SALES tables (r_Join_examples.html's LISTIDs 1-5). */
const LISTING_SALES = [
  'drop table if exists listing, sales',
  'create table listing (listid int, sellerid int, eventid int, dateid int, numtickets int)',
  'create table sales (salesid int, listid int, sellerid int, eventid int, dateid int, qtysold int, pricepaid decimal(8,2), commission decimal(8,2))',
  `insert into listing values (1, 36861, 7872, 1850, 10), (2, 8117, 4337, 1970, 8),
    (3, 1616, 8647, 1963, 4), (4, 8117, 4337, 1970, 8), (5, 1616, 8647, 1963, 4)`,
  `insert into sales values (10, 1, 36861, 7872, 1850, 4, 728.00, 109.20),
    (11, 4, 8117, 4337, 1970, 2, 76.00, 11.40),
    (12, 5, 1616, 8647, 1963, 3, 300.00, 45.00),
    (13, 5, 1616, 8647, 1963, 1, 225.00, 33.75)`,
].map(run)

/** CATEGORY with its documented rows. */
const CATEGORY = [
  'drop table if exists category',
  'create table category (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))',
  `insert into category values
    (1, 'Sports', 'MLB', 'Major League Baseball'),
    (2, 'Sports', 'NHL', 'National Hockey League'),
    (3, 'Sports', 'NFL', 'National Football League'),
    (4, 'Sports', 'NBA', 'National Basketball Association'),
    (5, 'Sports', 'MLS', 'Major League Soccer'),
    (6, 'Shows', 'Musicals', 'Musical theatre'),
    (7, 'Shows', 'Plays', 'All non-musical theatre'),
    (8, 'Shows', 'Opera', 'All opera and light opera'),
    (9, 'Concerts', 'Pop', 'All rock and pop music concerts'),
    (10, 'Concerts', 'Jazz', 'All jazz singers and bands'),
    (11, 'Concerts', 'Classical', 'All symphony, concerto, and choir concerts')`,
].map(run)

/** USERS rows for the comparison and pattern-matching examples. */
const USERS = [
  'drop table if exists users',
  'create table users (userid int, lastname varchar(30), city varchar(30), likerock boolean)',
  `insert into users values (3, 'Wooten', 'Agoura Hills', true),
    (5, 'Christensen', 'Brea', true), (6, 'Smith', 'East Hartford', null),
    (13, 'Ng', 'Clearwater', false), (16, 'Tenley', 'Chicago Heights', null),
    (20, 'Li', 'Boston', true)`,
].map(run)

const PATTERN_COLUMNS = [
  'drop table if exists starts',
  'create table starts (start_time int, xact_start_ts int, startx int, restart int)',
].map(run)

const NAMES = page('r_names.html')
const LITERALS = page('r_numeric_literals201.html')
const INTERVALS = page('r_interval_literals.html')
const INTERVAL_TYPES = page('r_interval_data_types.html')
const COMPOUND = page('r_compound_expressions.html')
const LISTS = page('r_expression_lists.html')
const SCALAR = page('r_scalar_subqueries.html')
const COMPARISON = page('r_comparison_condition.html')
const LOGICAL = page('r_logical_condition.html')
const LIKE = page('r_patternmatching_condition_like.html')
const SIMILAR = page('pattern-matching-conditions-similar-to.html')
const POSIX = page('pattern-matching-conditions-posix.html')
const RANGE = page('r_range_condition.html')
const IN = page('r_in_condition.html')
const ORDER_BY = page('r_ORDER_BY_clause.html')
const JOINS = page('r_Join_examples.html')

/** The LISTIDs 1-5 sums of r_Join_examples.html. */
const JOIN_SUMS = [
  { listid: 1, price: '728.00', comm: '109.20' },
  { listid: 4, price: '76.00', comm: '11.40' },
  { listid: 5, price: '525.00', comm: '78.75' },
]
const UNSOLD = [
  { listid: 2, price: null, comm: null },
  { listid: 3, price: null, comm: null },
]
const joinSums = (from: string, where = '') =>
  `select listing.listid, sum(pricepaid) as price, sum(commission) as comm
   from ${from} where listing.listid between 1 and 5 ${where}
   group by 1 order by 1`

const CASES: readonly Case[] = [
  // Names and identifiers.
  {
    title: 'delimited identifiers: "group", and a doubled quote in a name',
    doc: NAMES,
    steps: [
      run('drop table if exists "group"'),
      run('create table "group" ("This ""IS IT""" char(10))'),
      rows('select "This ""IS IT""" from "group"', []),
      rows('select "this ""is it""" from "group"', []),
      rows('select "group"."this ""is it""" from "group"', []),
      rows(
        "select column_name::varchar as name from information_schema.columns where table_name = 'group'",
        [{ name: 'this "is it"' }],
      ),
      rows('select 1 as """WHERE"""', [{ '"where"': 1 }]),
      fails('select * from group', '42601', 'syntax error at or near "group"'),
    ],
  },
  {
    title: 'a delimited name keeps its space and folds to lower case',
    doc: NAMES,
    steps: [
      run('drop table if exists "This name"'),
      run('create table "This name" (a int)'),
      rows('select count(*)::int as n from "THIS NAME"', [{ n: 0 }]),
      fails('create table this name (a int)', '42601', 'syntax error'),
    ],
  },
  {
    title:
      'standard identifiers: a letter, _ or a multibyte character first, then $ too',
    doc: NAMES,
    steps: [
      run('drop table if exists sales$x, _abc, éa'),
      run('create table sales$x (a$b int)'),
      run('create table _abc (a int)'),
      run('create table éa (ñ int)'),
      run('insert into éa values (1)'),
      rows('select ñ from éa', [{ ñ: 1 }]),
      fails('create table $abc (a int)', '42601', 'syntax error'),
      fails('create table 1abc (a int)', '42601', 'syntax error'),
    ],
  },
  {
    title: "PostgreSQL's system column names are not column names",
    doc: NAMES,
    steps: ['oid', 'tableoid', 'xmin', 'cmin', 'xmax', 'cmax', 'ctid'].map(
      (name) =>
        fails(
          `create table sys_${name} (${name} int)`,
          '42701',
          `column name "${name}" conflicts with a system column name`,
        ),
    ),
  },
  // Literals.
  {
    title: 'numeric literals: digits, a decimal point and an exponent',
    doc: LITERALS,
    steps: [
      rows(
        'select 23 as a, -555 as b, +17 as c, 3.14159 as d, -37. as e, 2.0e19 as f, -2E-19 as g',
        [
          {
            a: 23,
            b: -555,
            c: 17,
            d: '3.14159',
            e: '-37',
            f: '20000000000000000000',
            g: '-0.0000000000000000002',
          },
        ],
      ),
    ],
  },
  {
    title:
      'an integer literal is digits only: a word right after it is a name of its own',
    doc: LITERALS,
    steps: [
      rows('select 1_000', [{ _000: 1 }]),
      rows('select 0x1F', [{ x1f: 0 }]),
      rows('select 123abc', [{ abc: 123 }]),
      rows('select 1e3::int as n', [{ n: 1000 }]),
      fails(
        'select 1 where 1_000 = 1',
        '42601',
        'syntax error at or near "_000"',
      ),
    ],
  },
  {
    title: 'interval literals: the page examples added to a date',
    doc: INTERVALS,
    steps: [
      rows(
        `select (date '2008-12-31' + interval '1 second')::varchar as a,
          (date '2008-12-31' + interval '1 minute')::varchar as b,
          (date '2008-12-31' + interval '3 hours, 35 minutes')::varchar as c,
          (date '2008-12-31' + interval '52 weeks')::varchar as d,
          (date '2008-12-31' + interval '1w, 1h, 1m, 1s')::varchar as e,
          (date '2008-12-31' + interval '0.5 days')::varchar as f`,
        [
          {
            a: '2008-12-31 00:00:01',
            b: '2008-12-31 00:01:00',
            c: '2008-12-31 03:35:00',
            d: '2009-12-30 00:00:00',
            e: '2009-01-07 01:01:01',
            f: '2008-12-31 12:00:00',
          },
        ],
      ),
      rows(
        "select interval '5 s' = interval '5 second' and interval '5 second' = interval '5 seconds' as same, (interval '7')::varchar as bare",
        [{ same: true, bare: '00:00:07' }],
      ),
    ],
  },
  {
    title:
      'interval literals with a qualifier: a bare number takes its unit from it, smaller parts are dropped',
    doc: INTERVAL_TYPES,
    steps: [
      rows(
        `select (interval '23' month)::varchar as a, (interval '-2' day)::varchar as b,
          (interval '1-2' month)::varchar as c,
          (interval '13 day 1 hour 1 minute 1.123 seconds' second)::varchar as d,
          (interval '1 day 1 hour 1 minute 1.123 seconds' minute)::varchar as e`,
        [
          {
            a: '1 year 11 mons',
            b: '-2 days',
            c: '1 year 2 mons',
            d: '13 days 01:01:01.123',
            e: '1 day 01:01:00',
          },
        ],
      ),
      rows(
        "select (interval '1-2' year to month)::varchar as a, (interval '10 1:02:10.123' day to second)::varchar as b, (interval '1.123456789' second(3))::varchar as c",
        [{ a: '1 year 2 mons', b: '10 days 01:02:10.123', c: '00:00:01.123' }],
      ),
    ],
  },
  // Nulls.
  {
    title: 'a null in arithmetic, comparison and concatenation gives null',
    doc: page('r_Nulls.html'),
    steps: [
      rows(
        "select null::int + 1 as a, null::int = null::int as b, 'a' || null as c, null::int is null as d",
        [{ a: null, b: null, c: null, d: true }],
      ),
    ],
  },
  // Expressions.
  {
    title: 'compound expressions: the page examples',
    doc: COMPOUND,
    steps: [
      ...LISTING_SALES,
      rows(
        `select ('SMITH' || 'JONES') as a, sum(qtysold) / 2 as b, sqrt(256) * avg(qtysold) as c,
          sum(abs(qtysold)) as d from sales`,
        // AVG of an INTEGER is an integer: 10 / 4 is 2.
        [{ a: 'SMITHJONES', b: '5', c: 32, d: '10' }],
      ),
      rows(
        'select salesid, rank() over (order by qtysold) / 100.0 as r from sales order by salesid',
        [
          { salesid: 10, r: '0.04000000000000000000' },
          { salesid: 11, r: '0.02000000000000000000' },
          { salesid: 12, r: '0.03000000000000000000' },
          { salesid: 13, r: '0.01000000000000000000' },
        ],
      ),
      rows(
        'select (select (pricepaid - commission) from sales where salesid = 10) * (qtysold) as v from sales where salesid = 11',
        [{ v: '1237.60' }],
      ),
      rows(
        'select rank() over (order by sum(qtysold)) as r from sales group by listid order by 1',
        [{ r: 1 }, { r: 2 }, { r: 2 }],
      ),
      fails(
        'select avg(rank() over (order by qtysold)) from sales',
        '42803',
        'cannot contain window function calls',
      ),
    ],
  },
  {
    title: 'compound expressions: arithmetic and bitwise operators',
    doc: COMPOUND,
    steps: [
      rows(
        'select 3/2 as a, 7 % 3 as b, 2 ^ 3 as c, |/ 25 as d, ||/ 27 as e, @ -5 as f, 5 & 3 as g, 5 | 3 as h, 5 # 3 as i, ~5 as j, 1 << 4 as k, 16 >> 2 as l',
        [
          {
            a: 1,
            b: 1,
            c: 8,
            d: 5,
            e: 3,
            f: 5,
            g: 1,
            h: 7,
            i: 6,
            j: -6,
            k: 16,
            l: 4,
          },
        ],
      ),
      rows('select 2 + 3 * 4 as a, (2 + 3) * 4 as b, 1 + 2 & 3 as c', [
        { a: 14, b: 20, c: 3 },
      ]),
    ],
  },
  {
    title: 'expression lists: sets of expressions in IN and NOT IN',
    doc: LISTS,
    steps: [
      ...VENUE,
      rows(
        "select venueid, venuename from venue where (venuecity, venuestate) in (('Miami', 'FL'), ('Tampa', 'FL')) order by venueid",
        [
          { venueid: 28, venuename: 'American Airlines Arena' },
          { venueid: 54, venuename: 'St. Pete Times Forum' },
          { venueid: 91, venuename: 'Raymond James Stadium' },
        ],
      ),
      rows(
        "select count(*)::int as n from venue where (venuecity, venuestate) not in (('Miami', 'FL'), ('Tampa', 'FL'))",
        [{ n: 5 }],
      ),
      rows(
        "select count(*)::int as n from venue where venueid in (28, 54, 91) and venuestate in ('FL')",
        [{ n: 3 }],
      ),
      fails('select (1, 5, 10)', '0A000', 'row constructors is not supported'),
    ],
  },
  {
    title:
      'scalar subqueries: one value; no rows give null; more than one row is an error',
    doc: SCALAR,
    steps: [
      ...LISTING_SALES,
      rows(
        `select listid, avg(pricepaid) as avg_price, (select avg(pricepaid) from sales) as avg_all
         from sales group by listid order by listid`,
        [
          {
            listid: 1,
            avg_price: '728.00',
            avg_all: '332.25',
          },
          {
            listid: 4,
            avg_price: '76.00',
            avg_all: '332.25',
          },
          {
            listid: 5,
            avg_price: '262.50',
            avg_all: '332.25',
          },
        ],
      ),
      rows('select (select qtysold from sales where salesid = 99) as q', [
        { q: null },
      ]),
      fails(
        'select (select qtysold from sales) as q',
        '21000',
        'more than one row returned by a subquery used as an expression',
      ),
    ],
  },
  {
    title:
      'scalar subqueries are not valid in GROUP BY, HAVING or a column default',
    doc: SCALAR,
    steps: [
      ...LISTING_SALES,
      fails(
        'select listid, count(*) from sales group by listid, (select 1)',
        '0A000',
        'a scalar subquery in GROUP BY is not supported',
      ),
      fails(
        'select listid from sales group by listid having sum(qtysold) > (select min(qtysold) from sales)',
        '0A000',
        'a scalar subquery in HAVING is not supported',
      ),
      fails(
        'create table scalar_default (a int default (select 1))',
        '0A000',
        'cannot use subquery in DEFAULT expression',
      ),
      // EXISTS and IN are conditions, not scalar subqueries.
      rows(
        'select listid from sales group by listid having exists (select 1 from listing where listing.listid = 4) and listid in (select listid from listing) order by 1',
        [{ listid: 1 }, { listid: 4 }, { listid: 5 }],
      ),
    ],
  },
  {
    title: 'function expressions, with a space before the argument list',
    doc: page('r_function_expressions.html'),
    steps: [
      ...LISTING_SALES,
      rows(
        "select abs (-3) as a, (select avg (qtysold + 3) from sales) as b, dateadd (day, 30, '2008-01-01'::date)::varchar as plus30days",
        [{ a: 3, b: '5', plus30days: '2008-01-31 00:00:00' }],
      ),
    ],
  },
  // Conditions.
  {
    title: 'comparison conditions: the page examples',
    doc: COMPARISON,
    steps: [
      ...VENUE,
      ...USERS,
      rows(
        'select venueid, venueseats from venue where venueseats > 10000 order by venueseats desc',
        [
          { venueid: 83, venueseats: 91704 },
          { venueid: 6, venueseats: 80242 },
          { venueid: 91, venueseats: 65647 },
          { venueid: 116, venueseats: 49660 },
          { venueid: 8, venueseats: 48876 },
        ],
      ),
      rows("select userid from users where likerock = 't' order by 1", [
        { userid: 3 },
        { userid: 5 },
        { userid: 20 },
      ]),
      rows(
        'select userid from users where likerock is unknown order by userid',
        [{ userid: 6 }, { userid: 16 }],
      ),
      rows("select 'a' < 'b' as a, 'A' = 'a' as b, 1 != 2 as c, 1 <> 1 as d", [
        { a: true, b: false, c: true, d: false },
      ]),
    ],
  },
  {
    title:
      '= ANY | SOME and <> ALL of a subquery; other quantified comparisons are refused',
    doc: COMPARISON,
    steps: [
      ...LISTING_SALES,
      rows(
        'select salesid from sales where qtysold = any (select numtickets - 6 from listing) order by 1',
        [{ salesid: 10 }, { salesid: 11 }],
      ),
      rows(
        'select salesid from sales where qtysold = some (select 4) order by 1',
        [{ salesid: 10 }],
      ),
      rows(
        'select salesid from sales where qtysold <> all (select 4 union select 2) order by 1',
        [{ salesid: 12 }, { salesid: 13 }],
      ),
      rows(
        'select salesid from sales where qtysold != all (select 1) order by 1',
        [{ salesid: 10 }, { salesid: 11 }, { salesid: 12 }],
      ),
      fails(
        'select salesid from sales where qtysold > any (select 1)',
        '0A000',
        '> ANY (subquery) is not supported',
      ),
      fails(
        'select salesid from sales where qtysold < some (select 3)',
        '0A000',
        '< ANY (subquery) is not supported',
      ),
      fails(
        'select salesid from sales where qtysold = all (select 4)',
        '0A000',
        '= ALL (subquery) is not supported',
      ),
      fails(
        'select salesid from sales where qtysold >= all (select 4)',
        '0A000',
        '>= ALL (subquery) is not supported',
      ),
    ],
  },
  {
    title: 'IS UNKNOWN of any type is IS NULL ("null equates to UNKNOWN")',
    doc: COMPARISON,
    steps: [
      ...LISTING_SALES,
      run('insert into sales (salesid, listid) values (14, 2)'),
      rows('select salesid from sales where qtysold is unknown', [
        { salesid: 14 },
      ]),
      rows(
        'select count(*)::int as n from sales where qtysold is not unknown',
        [{ n: 4 }],
      ),
      rows("select 'unknown' as unknown", [{ unknown: 'unknown' }]),
    ],
  },
  {
    title:
      'IS TRUE / IS FALSE of a number: non-zero is TRUE, 0 is FALSE, null is UNKNOWN',
    doc: COMPARISON,
    steps: [
      run('drop table if exists truths'),
      run('create table truths (id int, q int, d decimal(5,2), f float)'),
      run(
        'insert into truths values (1, 2, 0, 0.5), (2, null, 1.5, 0), (3, 0, null, null)',
      ),
      rows('select id from truths where q is true', [{ id: 1 }]),
      rows('select id from truths where q is false', [{ id: 3 }]),
      rows('select id from truths where q is not true order by 1', [
        { id: 2 },
        { id: 3 },
      ]),
      rows('select id from truths where q is not false order by 1', [
        { id: 1 },
        { id: 2 },
      ]),
      rows('select id from truths where d is true', [{ id: 2 }]),
      rows('select id from truths where f is false', [{ id: 2 }]),
      rows('select id from truths where (q + 1) is true order by 1', [
        { id: 1 },
        { id: 3 },
      ]),
      rows(
        'select count(*)::int as n from truths where 5 is true and 0 is false',
        [{ n: 3 }],
      ),
    ],
  },
  {
    title: 'logical conditions: three-valued truth tables and precedence',
    doc: LOGICAL,
    steps: [
      rows(
        `select true and null as tn, false and null as fn, null::boolean and null as nn,
          true or null as t_or_n, false or null as f_or_n, null::boolean or null as n_or_n,
          not null::boolean as not_n`,
        [
          {
            tn: null,
            fn: false,
            nn: null,
            t_or_n: true,
            f_or_n: null,
            n_or_n: null,
            not_n: null,
          },
        ],
      ),
      rows(
        'select true or false and false as a, not false and false as b, (true or false) and false as c',
        [{ a: true, b: false, c: false }],
      ),
      ...CATEGORY,
      rows('select catid from category where not catid=1 order by 1 limit 3', [
        { catid: 2 },
        { catid: 3 },
        { catid: 4 },
      ]),
      rows(
        "select catid, catname from category where (not catid=1) and catgroup='Sports' order by catid",
        [
          { catid: 2, catname: 'NHL' },
          { catid: 3, catname: 'NFL' },
          { catid: 4, catname: 'NBA' },
          { catid: 5, catname: 'MLS' },
        ],
      ),
    ],
  },
  {
    title: 'LIKE and ILIKE: the pattern table',
    doc: LIKE,
    steps: [
      rows(
        "select 'abc' like 'abc' as a, 'abc' like 'a%' as b, 'abc' like '_B_' as c, 'abc' ilike '_B_' as d, 'abc' like 'c%' as e",
        [{ a: true, b: true, c: false, d: true, e: false }],
      ),
      ...USERS,
      rows(
        "select distinct city from users where city like 'E%' order by city",
        [{ city: 'East Hartford' }],
      ),
      rows(
        "select distinct lastname from users where lastname like '%ten%' order by lastname",
        [{ lastname: 'Christensen' }, { lastname: 'Wooten' }],
      ),
      rows(
        "select distinct city from users where city ilike '__EA%' order by city",
        [{ city: 'Brea' }, { city: 'Clearwater' }],
      ),
    ],
  },
  {
    title: "LIKE's default escape is two backslashes; ESCAPE names another",
    doc: LIKE,
    steps: [
      ...PATTERN_COLUMNS,
      rows(
        'select "column" from pg_table_def where tablename = \'starts\' and "column" like \'%start\\\\_%\' order by 1',
        [{ column: 'start_time' }, { column: 'xact_start_ts' }],
      ),
      rows(
        "select \"column\" from pg_table_def where tablename = 'starts' and \"column\" like '%start^_%' escape '^' order by 1",
        [{ column: 'start_time' }, { column: 'xact_start_ts' }],
      ),
      rows(
        "select 'a%c' not like 'a\\\\%c' as a, 'a_c' like 'a\\\\_c' as b, 'abc' like 'a\\\\_c' as c",
        [{ a: false, b: true, c: false }],
      ),
    ],
  },
  {
    title:
      'LIKE matches multibyte letters in either case, ASCII letters exactly',
    doc: LIKE,
    steps: [
      rows(
        `select 'ÉA' like 'éA' as a, 'éa' like 'ÉA' as b, 'ÉCOLE' like 'é%' as c,
          'École' not like 'ÉC%' as d, 'Ñ_x' like 'ñ^_%' escape '^' as e, 'ÉA' ilike 'éa' as f`,
        [{ a: true, b: false, c: true, d: true, e: true, f: true }],
      ),
      run('drop table if exists accents'),
      run('create table accents (s varchar(20))'),
      run(
        "insert into accents values ('Émile'), ('émile'), ('Emile'), ('(é)')",
      ),
      rows("select s from accents where s like 'é%' order by 1", [
        { s: 'Émile' },
        { s: 'émile' },
      ]),
      rows("select s from accents where s like '(É)'", [{ s: '(é)' }]),
    ],
  },
  {
    title: 'SIMILAR TO: the pattern table, matching the whole string',
    doc: SIMILAR,
    steps: [
      rows(
        `select 'abc' similar to 'abc' as a, 'abc' similar to '_b_' as b, 'abc' similar to '_A_' as c,
          'abc' similar to '%(b|d)%' as d, 'abc' similar to '(b|c)%' as e,
          'AbcAbcdefgefg12efgefg12' similar to '((Ab)?c)+d((efg)+(12))+' as f,
          'aaaaaab11111xy' similar to 'a{6}_[0-9]{5}(x|y){2}' as g,
          '$0.87' similar to '$[0-9]+(.[0-9][0-9])?' as h`,
        [
          {
            a: true,
            b: true,
            c: false,
            d: true,
            e: false,
            f: true,
            g: true,
            h: true,
          },
        ],
      ),
      ...USERS,
      rows(
        "select distinct city from users where city similar to '%E%|%H%' order by city",
        [
          { city: 'Agoura Hills' },
          { city: 'Chicago Heights' },
          { city: 'East Hartford' },
        ],
      ),
      ...PATTERN_COLUMNS,
      rows(
        'select "column" from pg_table_def where tablename = \'starts\' and "column" similar to \'%start\\\\_%\' order by 1',
        [{ column: 'start_time' }, { column: 'xact_start_ts' }],
      ),
      rows(
        "select \"column\" from pg_table_def where tablename = 'starts' and \"column\" similar to '%start^_%' escape '^' order by 1",
        [{ column: 'start_time' }, { column: 'xact_start_ts' }],
      ),
    ],
  },
  {
    title:
      'POSIX operators: any substring matches, metacharacters escaped with two backslashes',
    doc: POSIX,
    steps: [
      ...USERS,
      rows(
        "select distinct city from users where city ~ '.*E.*|.*H.*' order by city",
        [
          { city: 'Agoura Hills' },
          { city: 'Chicago Heights' },
          { city: 'East Hartford' },
        ],
      ),
      ...VENUE,
      rows(
        "select venuename from venue where venuename ~ '.*\\\\..*' order by 1",
        [
          { venuename: 'E.J. Nutter Center' },
          { venuename: 'St. Pete Times Forum' },
        ],
      ),
      rows(
        "select 'ab12' ~ '\\\\d+' as d, 'ab 12' ~ '^\\\\w+$' as w, 'a b' ~ '\\\\s' as s, 'abc' !~ 'd' as n, 'abc' ~ 'b' as sub",
        [{ d: true, w: false, s: true, n: true, sub: true }],
      ),
    ],
  },
  {
    title: 'BETWEEN is inclusive; reversed bounds match nothing, NOT inverts',
    doc: RANGE,
    steps: [
      ...LISTING_SALES,
      rows(
        'select count(*)::int as n from sales where qtysold between 2 and 4',
        [{ n: 3 }],
      ),
      rows(
        'select min(dateid) as lo, max(dateid) as hi from sales where dateid between 1850 and 1963',
        [{ lo: 1850, hi: 1963 }],
      ),
      rows(
        'select count(*)::int as n from sales where qtysold between 4 and 2',
        [{ n: 0 }],
      ),
      rows(
        'select count(*)::int as n from sales where qtysold not between 4 and 2',
        [{ n: 4 }],
      ),
      rows(
        "select '2008-01-03 00:00:00'::timestamp between '2008-01-01' and '2008-01-03' as a, '2008-01-03 00:00:01'::timestamp between '2008-01-01' and '2008-01-03' as b",
        [{ a: true, b: false }],
      ),
    ],
  },
  {
    title: 'IS [NOT] NULL and [NOT] EXISTS',
    doc: page('r_exists_condition.html'),
    steps: [
      ...LISTING_SALES,
      rows('select count(*)::int as n from sales where qtysold is null', [
        { n: 0 },
      ]),
      rows(
        'select listid from listing where exists (select 1 from sales where listing.listid = sales.listid) order by listid',
        [{ listid: 1 }, { listid: 4 }, { listid: 5 }],
      ),
      rows(
        'select listid from listing where not exists (select 1 from sales where listing.listid = sales.listid) order by listid',
        [{ listid: 2 }, { listid: 3 }],
      ),
    ],
  },
  {
    title:
      'IN: lists, subqueries, NULL rules, and a large list evaluated as an array',
    doc: IN,
    steps: [
      ...LISTING_SALES,
      rows('select salesid from sales where qtysold in (2, 4, 5) order by 1', [
        { salesid: 10 },
        { salesid: 11 },
      ]),
      rows(
        'select salesid from sales where qtysold not in (2, 4, 5) order by 1',
        [{ salesid: 12 }, { salesid: 13 }],
      ),
      rows(
        'select null::int in (1) as a, 3 in (1, null) as b, 3 not in (1, null) as c, 1 in (1, null) as d',
        [{ a: null, b: null, c: null, d: true }],
      ),
      fails(
        'select 1 in (select 1, 2)',
        '42601',
        'subquery has too many columns',
      ),
      rows(
        'select count(*)::int as n from sales where salesid in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)',
        [{ n: 2 }],
      ),
    ],
  },
  // ORDER BY, TOP, DISTINCT.
  {
    title:
      'ORDER BY: NULLs last ascending and first descending; NULLS FIRST / LAST',
    doc: ORDER_BY,
    steps: [
      run('drop table if exists nulls_order'),
      run('create table nulls_order (q int)'),
      run('insert into nulls_order values (2), (null), (5), (1)'),
      rows('select q from nulls_order order by q', [
        { q: 1 },
        { q: 2 },
        { q: 5 },
        { q: null },
      ]),
      rows('select q from nulls_order order by q desc', [
        { q: null },
        { q: 5 },
        { q: 2 },
        { q: 1 },
      ]),
      rows('select q from nulls_order order by q nulls first', [
        { q: null },
        { q: 1 },
        { q: 2 },
        { q: 5 },
      ]),
      rows('select q from nulls_order order by q desc nulls last', [
        { q: 5 },
        { q: 2 },
        { q: 1 },
        { q: null },
      ]),
    ],
  },
  {
    title:
      'ORDER BY: ordinals, aliases and expressions; LIMIT ALL, LIMIT 0 and OFFSET',
    doc: page('r_Examples_with_ORDER_BY.html'),
    steps: [
      ...CATEGORY,
      rows(
        'select catid, catgroup, catname from category order by 2, length(catdesc), 1, 3 limit 4',
        [
          { catid: 10, catgroup: 'Concerts', catname: 'Jazz' },
          { catid: 9, catgroup: 'Concerts', catname: 'Pop' },
          { catid: 11, catgroup: 'Concerts', catname: 'Classical' },
          { catid: 6, catgroup: 'Shows', catname: 'Musicals' },
        ],
      ),
      rows('select catname as n from category order by n desc limit 2', [
        { n: 'Pop' },
        { n: 'Plays' },
      ]),
      rows('select catid from category order by catid limit all offset 9', [
        { catid: 10 },
        { catid: 11 },
      ]),
      rows('select catid from category order by catid limit 2 offset 3', [
        { catid: 4 },
        { catid: 5 },
      ]),
      rows('select catid from category order by catid offset 10', [
        { catid: 11 },
      ]),
      rows('select * from category limit 0', []),
      rows(
        'select catid from category order by catid limit 2147483647 offset 10',
        [{ catid: 11 }],
      ),
    ],
  },
  {
    title:
      'LIMIT and OFFSET take a whole number up to 2147483647; LIMIT is not negative',
    doc: ORDER_BY,
    steps: [
      ...CATEGORY,
      fails(
        'select catid from category limit 2147483648',
        '22003',
        'LIMIT 2147483648 is out of range: the maximum is 2147483647',
      ),
      fails(
        'select catid from category offset 2147483648',
        '22003',
        'OFFSET 2147483648 is out of range: the maximum is 2147483647',
      ),
      fails(
        'select catid from category limit 1.5',
        '22023',
        'LIMIT 1.5 is not a whole number',
      ),
      fails(
        'select catid from category order by 1 offset 0.5',
        '22023',
        'OFFSET 0.5 is not a whole number',
      ),
      fails(
        'select catid from category limit -1',
        '2201W',
        'LIMIT must not be negative',
      ),
    ],
  },
  {
    title: 'TOP n, with and without ORDER BY; SELECT DISTINCT',
    doc: page('r_Examples_with_TOP.html'),
    steps: [
      ...CATEGORY,
      rows('select top 2 catid, catname from category order by catid desc', [
        { catid: 11, catname: 'Classical' },
        { catid: 10, catname: 'Jazz' },
      ]),
      rows('select count(*)::int as n from (select top 10 * from category) t', [
        { n: 10 },
      ]),
      rows('select distinct catgroup from category order by 1', [
        { catgroup: 'Concerts' },
        { catgroup: 'Shows' },
        { catgroup: 'Sports' },
      ]),
      rows(
        "select distinct catgroup, length(catgroup) as l from category where catgroup <> 'Shows' order by 1, 2",
        [
          { catgroup: 'Concerts', l: 8 },
          { catgroup: 'Sports', l: 6 },
        ],
      ),
    ],
  },
  // JOIN and subquery examples.
  {
    title: 'JOIN examples: inner, outer and full joins of LISTING and SALES',
    doc: JOINS,
    steps: [
      ...LISTING_SALES,
      rows(
        joinSums('listing, sales', 'and listing.listid = sales.listid'),
        JOIN_SUMS,
      ),
      rows(
        joinSums(
          'listing left outer join sales on sales.listid = listing.listid',
        ),
        [JOIN_SUMS[0]!, ...UNSOLD, JOIN_SUMS[1]!, JOIN_SUMS[2]!],
      ),
      rows(
        joinSums(
          'listing right outer join sales on sales.listid = listing.listid',
        ),
        JOIN_SUMS,
      ),
      rows(
        joinSums('listing full join sales on sales.listid = listing.listid'),
        [JOIN_SUMS[0]!, ...UNSOLD, JOIN_SUMS[1]!, JOIN_SUMS[2]!],
      ),
      rows(
        joinSums(
          'listing full join sales on sales.listid = listing.listid',
          'and (listing.listid is null or sales.listid is null)',
        ),
        UNSOLD,
      ),
      rows(
        joinSums(
          'sales join listing on sales.listid = listing.listid and sales.eventid = listing.eventid',
        ),
        JOIN_SUMS,
      ),
    ],
  },
  {
    title:
      'JOIN examples: cross, natural and USING joins, and joined subqueries',
    doc: JOINS,
    steps: [
      ...LISTING_SALES,
      rows(
        `select count(*)::int as n, count(distinct sales.listid)::int as s from sales cross join listing
         where sales.listid between 1 and 5 and listing.listid between 1 and 5`,
        [{ n: 20, s: 3 }],
      ),
      rows(
        'select listid, sellerid, eventid, dateid, numtickets from listing natural join sales order by 1, salesid',
        [
          {
            listid: 1,
            sellerid: 36861,
            eventid: 7872,
            dateid: 1850,
            numtickets: 10,
          },
          {
            listid: 4,
            sellerid: 8117,
            eventid: 4337,
            dateid: 1970,
            numtickets: 8,
          },
          {
            listid: 5,
            sellerid: 1616,
            eventid: 8647,
            dateid: 1963,
            numtickets: 4,
          },
          {
            listid: 5,
            sellerid: 1616,
            eventid: 8647,
            dateid: 1963,
            numtickets: 4,
          },
        ],
      ),
      rows(
        'select listid, listing.sellerid, eventid, listing.dateid, numtickets from listing join sales using (listid, eventid) order by 1 limit 2',
        [
          {
            listid: 1,
            sellerid: 36861,
            eventid: 7872,
            dateid: 1850,
            numtickets: 10,
          },
          {
            listid: 4,
            sellerid: 8117,
            eventid: 4337,
            dateid: 1970,
            numtickets: 8,
          },
        ],
      ),
      rows(
        `select eventid1, sold, unsold from
          (select eventid, sum(qtysold) as sold from sales group by eventid) as a(eventid1, sold)
          join (select s.eventid, sum(numtickets) - sum(qtysold) as unsold
                from sales s, listing l where s.listid = l.listid group by s.eventid) as b(eventid2, unsold)
          on a.eventid1 = b.eventid2 order by 1`,
        [
          { eventid1: 4337, sold: '2', unsold: '6' },
          { eventid1: 7872, sold: '4', unsold: '6' },
          { eventid1: 8647, sold: '4', unsold: '4' },
        ],
      ),
      fails(
        'select * from listing join lateral (select 1) x on true',
        '42601',
        'syntax error at or near "LATERAL"',
      ),
    ],
  },
  {
    title:
      'subquery examples: a scalar select-list subquery and NOT IN (subquery)',
    doc: page('r_Subquery_examples.html'),
    steps: [
      ...LISTING_SALES,
      rows(
        `select listid, sum(pricepaid) as sales_total,
          (select sum(pricepaid) from sales where listid = 1) as first_total
         from sales where listid in (4, 5) group by listid order by listid`,
        [
          { listid: 4, sales_total: '76.00', first_total: '728.00' },
          { listid: 5, sales_total: '525.00', first_total: '728.00' },
        ],
      ),
      rows(
        'select listid from listing where listid not in (select listid from sales) order by 1',
        [{ listid: 2 }, { listid: 3 }],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: basic elements, expressions and conditions, audited',
  'local_fidelity_elements',
  CASES,
  (url) => {
    it(`EXPLAIN shows an IN list of more than 10 values as = ANY of an array (${IN})`, async () => {
      const client = await connect(url())
      try {
        await client.query('create table big_in (salesid int)')
        const plan = await client.query(
          'explain select * from big_in where salesid in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)',
        )
        const lines = plan.rows.map(
          (r: Record<string, string>) => r['QUERY PLAN'],
        )
        expect(lines[0]).toMatch(/^XN Seq Scan on big_in/)
        expect(lines[1]).toContain(
          "(salesid = ANY ('{1,2,3,4,5,6,7,8,9,10,11}'::integer[]))",
        )
      } finally {
        await client.end()
      }
    })
  },
)
