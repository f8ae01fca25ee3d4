import { expect } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  typed,
  type FidelityCase as Case,
  type Step,
} from './fidelity-steps.js'
import {
  BOOL,
  BPCHAR,
  DATE,
  DG,
  FLOAT8,
  INT4,
  INT8,
  NUMERIC,
  SUPER,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
} from './function-answers.js'

// The Examples of the SQL function pages no other test names, each run on a
// few rows built to give the output the page shows (the TICKIT tables are
// too big to load here): the values, Redshift's default column names and,
// where the page states it, the result type.

const INT2 = 21
const TIMESTAMP_AT = (iso: string): Date => new Date(`${iso}Z`)

/** A page's address in the Developer Guide. */
const page = (name: string): string => `${DG}${name}.html`

// The few TICKIT rows the examples read: sales 10000 and the 2008 sales
// whose quantities add up to 345349, the sum the growth examples start from.
const SALES = [
  'create table fp5_sales (salesid int, dateid smallint, pricepaid decimal(8,2), commission decimal(8,2), qtysold int)',
  `insert into fp5_sales values (10000, 1, 187.00, 28.05, 2),
     (1, 2044, 200000.00, 30000.00, 345000), (2, 2044, 164445.00, 24666.75, 349),
     (3, 2112, 349344.00, 52401.60, 0)`,
  'create table fp5_date (dateid smallint, year smallint)',
  'insert into fp5_date values (1, 2007), (2044, 2008), (2112, 2008)',
]
const SOLD_2008 =
  '(select sum(qtysold) from fp5_sales, fp5_date where fp5_sales.dateid = fp5_date.dateid and year = 2008)'
const PI = 3.14159265358979

const MATH: readonly Case[] = [
  {
    title: 'mathematical operators: +, * and ^ over DECIMAL columns and sums',
    doc: page('r_OPERATOR_SYMBOLS'),
    steps: [
      ...SALES.map(run),
      typed(
        'select commission, (commission + 2.00) as comm from fp5_sales where salesid=10000',
        [{ commission: '28.05', comm: '30.05' }],
        [NUMERIC, NUMERIC],
      ),
      typed(
        `select ${SOLD_2008} ^ ((5::float/100)*10) as qty10years`,
        [{ qty10years: 587.664019657491 }],
        [FLOAT8],
      ),
      typed(
        `select sum (pricepaid) as sum_price, dateid,
         sum (commission) as sum_comm, (sum (pricepaid) - sum (commission)) as value
         from fp5_sales where dateid >= 2000 group by dateid order by dateid limit 10`,
        [
          {
            sum_price: '364445.00',
            dateid: 2044,
            sum_comm: '54666.75',
            value: '309778.25',
          },
          {
            sum_price: '349344.00',
            dateid: 2112,
            sum_comm: '52401.60',
            value: '296942.40',
          },
        ],
        [NUMERIC, INT2, NUMERIC, NUMERIC],
      ),
    ],
  },
  {
    title: 'ACOS: DOUBLE PRECISION radians',
    doc: page('r_ACOS'),
    steps: [
      typed('select acos(-1)', [{ acos: PI }], [FLOAT8]),
      rows('select (acos(.5) * 180/(select pi())) as degrees', [
        { degrees: 60 },
      ]),
    ],
  },
  {
    title: 'ASIN: DOUBLE PRECISION radians',
    doc: page('r_ASIN'),
    steps: [
      typed('select asin(1)*2 as pi', [{ pi: PI }], [FLOAT8]),
      rows('select (asin(.5) * 180/(select pi())) as degrees', [
        { degrees: 30 },
      ]),
    ],
  },
  {
    title: 'ATAN: DOUBLE PRECISION radians',
    doc: page('r_ATAN'),
    steps: [
      typed('select atan(1) * 4 as pi', [{ pi: PI }], [FLOAT8]),
      rows('select (atan(1) * 180/(select pi())) as degrees', [
        { degrees: 45 },
      ]),
    ],
  },
  {
    title: 'ATAN2: the arc tangent of one number divided by another',
    doc: page('r_ATAN2'),
    steps: [
      typed('select atan2(2,2) * 4 as pi', [{ pi: PI }], [FLOAT8]),
      rows('select (atan2(1,0) * 180/(select pi())) as degrees', [
        { degrees: 90 },
      ]),
    ],
  },
  {
    title: 'CBRT: the cube root of a DECIMAL column, as DOUBLE PRECISION',
    doc: page('r_CBRT'),
    steps: [
      ...SALES.map((s) => run(s.replaceAll('fp5_', 'fp5_cbrt_'))),
      typed(
        'select cbrt(commission) from fp5_cbrt_sales where salesid=10000',
        [{ cbrt: 3.03839539048843 }],
        [FLOAT8],
      ),
    ],
  },
  {
    title: 'COS: the cosine of 0 and of PI',
    doc: page('r_COS'),
    steps: [
      typed('select cos(0)', [{ cos: 1 }], [FLOAT8]),
      rows('select cos(pi())', [{ cos: -1 }]),
    ],
  },
  {
    title: 'COT: the cotangent of 1',
    doc: page('r_COT'),
    steps: [typed('select cot(1)', [{ cot: 0.642092615934331 }], [FLOAT8])],
  },
  {
    title: 'DEGREES: radians to degrees',
    doc: page('r_DEGREES'),
    steps: [
      typed('select degrees(.5)', [{ degrees: 28.6478897565412 }], [FLOAT8]),
      rows('select degrees(pi())', [{ degrees: 180 }]),
    ],
  },
  {
    title: 'DEXP: continuous growth over a sum, as DOUBLE PRECISION',
    doc: page('r_DEXP'),
    steps: [
      ...SALES.map((s) => run(s.replaceAll('fp5_', 'fp5_dexp_'))),
      typed(
        `select ${SOLD_2008.replaceAll('fp5_', 'fp5_dexp_')} * dexp((7::float/100)*10) qty2010`,
        [{ qty2010: 695447.483772222 }],
        [FLOAT8],
      ),
    ],
  },
  {
    title: 'DLOG1: the natural logarithm, LN’s synonym',
    doc: page('r_DLOG1'),
    steps: [
      typed(
        'select dlog1(1) as zero, dlog1(2.718281828::float) = ln(2.718281828::float) as same',
        [{ zero: 0, same: true }],
        [FLOAT8, BOOL],
      ),
    ],
  },
  {
    title: 'DLOG10: the base 10 logarithm',
    doc: page('r_DLOG10'),
    steps: [typed('select dlog10(100)', [{ dlog10: 2 }], [FLOAT8])],
  },
  {
    title: 'EXP: continuous growth over a sum, as DOUBLE PRECISION',
    doc: page('r_EXP'),
    steps: [
      ...SALES.map((s) => run(s.replaceAll('fp5_', 'fp5_exp_'))),
      typed(
        `select ${SOLD_2008.replaceAll('fp5_', 'fp5_exp_')} * exp((7::float/100)*10) qty2010`,
        [{ qty2010: 695447.483772222 }],
        [FLOAT8],
      ),
    ],
  },
  {
    title: 'FLOOR: the type of its argument',
    doc: page('r_FLOOR'),
    steps: [
      ...SALES.map((s) => run(s.replaceAll('fp5_', 'fp5_floor_'))),
      typed(
        'select floor(commission) from fp5_floor_sales where salesid=10000',
        [{ floor: '28' }],
        [NUMERIC],
      ),
    ],
  },
  {
    title: 'LOG: DLOG10’s synonym, its column named dlog10',
    doc: page('r_LOG'),
    steps: [
      typed('select log(100)', [{ dlog10: 2 }], [FLOAT8]),
      rows('select log(100) as l, 1 as n', [{ l: 2, n: 1 }]),
    ],
  },
  {
    title: 'PI: to 14 decimal places',
    doc: page('r_PI'),
    steps: [typed('select pi()', [{ pi: PI }], [FLOAT8])],
  },
  {
    title: 'RADIANS: degrees to radians',
    doc: page('r_RADIANS'),
    steps: [typed('select radians(180)', [{ radians: PI }], [FLOAT8])],
  },
  {
    title:
      'RANDOM: a value from 0 to 1; SET SEED makes the sequence that follows repeat',
    doc: page('r_RANDOM'),
    steps: [
      typed(
        'select cast (random() * 0 as int), random() between 0 and 1 as within',
        [{ int4: 0, within: true }],
        [INT4, BOOL],
      ),
      run('set seed to .25'),
      run(
        'create table fp5_random as select 1 as call, cast (random() * 100 as int) as v',
      ),
      run('insert into fp5_random select 2, cast (random() * 100 as int)'),
      run('insert into fp5_random select 3, cast (random() * 100 as int)'),
      run('set seed to .25'),
      run('insert into fp5_random select 1, cast (random() * 100 as int)'),
      run('insert into fp5_random select 2, cast (random() * 100 as int)'),
      run('insert into fp5_random select 3, cast (random() * 100 as int)'),
      rows(
        'select call, count(*) as calls, count(distinct v) as values from fp5_random group by call order by call',
        [
          { call: 1, calls: '2', values: '1' },
          { call: 2, calls: '2', values: '1' },
          { call: 3, calls: '2', values: '1' },
        ],
      ),
      run('reset seed'),
      run('set seed to default'),
    ],
  },
  {
    title: 'SIN: the sine of -PI',
    doc: page('r_SIN'),
    steps: [
      typed('select sin(-pi())', [{ sin: -1.22464679914735e-16 }], [FLOAT8]),
    ],
  },
  {
    title: 'TAN: the tangent of 0',
    doc: page('r_TAN'),
    steps: [typed('select tan(0)', [{ tan: 0 }], [FLOAT8])],
  },
]

const USERS = [
  'create table fp5_users (userid int, firstname varchar(30), lastname varchar(30))',
  `insert into fp5_users values (1, 'Rafael', 'Taylor'), (2, 'Vladimir', 'Humphrey'),
     (3, 'Lars', 'Ratliff'), (5, 'Reagan', 'Hodge'), (62, 'Chase', 'Chase')`,
]
const COMPARED = [
  { userid: 1, firstname: 'Rafael', lastname: 'Taylor', bpcharcmp: -1 },
  { userid: 2, firstname: 'Vladimir', lastname: 'Humphrey', bpcharcmp: 1 },
  { userid: 3, firstname: 'Lars', lastname: 'Ratliff', bpcharcmp: -1 },
  { userid: 5, firstname: 'Reagan', lastname: 'Hodge', bpcharcmp: 1 },
  { userid: 62, firstname: 'Chase', lastname: 'Chase', bpcharcmp: 0 },
]

const STRINGS: readonly Case[] = [
  {
    title: 'ASCII: the code of the first character, 0 for an empty string',
    doc: page('r_ASCII'),
    steps: [
      typed("select ascii('amazon')", [{ ascii: 97 }], [INT4]),
      rows("select ascii('Amazon')", [{ ascii: 65 }]),
      rows("select ascii('') as e, ascii(null) as n", [{ e: 0, n: null }]),
    ],
  },
  {
    title: 'BPCHARCMP: 1, 0 or -1, whatever the distance between the strings',
    doc: page('r_BPCHARCMP'),
    steps: [
      ...USERS.map(run),
      typed(
        `select userid, firstname, lastname, bpcharcmp(firstname, lastname)
         from fp5_users order by 1, 2, 3, 4 limit 10`,
        COMPARED,
        [INT4, VARCHAR, VARCHAR, INT4],
      ),
      rows(
        `select userid, firstname, lastname, bpcharcmp(firstname, lastname)
         from fp5_users where bpcharcmp(firstname, lastname)=0 order by 1, 2, 3, 4`,
        COMPARED.filter((c) => c.bpcharcmp === 0),
      ),
    ],
  },
  {
    title: 'BTTEXT_PATTERN_CMP: BPCHARCMP’s synonym',
    doc: page('r_BTTEXT_PATTERN_CMP'),
    steps: [
      ...USERS.map((s) => run(s.replace('fp5_users', 'fp5_cmp_users'))),
      typed(
        `select userid, bttext_pattern_cmp(firstname, lastname) as cmp
         from fp5_cmp_users order by 1`,
        COMPARED.map(({ userid, bpcharcmp }) => ({ userid, cmp: bpcharcmp })),
        [INT4, INT4],
      ),
    ],
  },
  {
    title:
      'CHAR_LENGTH: LEN’s synonym, characters and trailing blanks of VARCHAR',
    doc: page('r_CHAR_LENGTH'),
    steps: [
      typed(
        "select char_length('français') as f, char_length('cat   ') as c",
        [{ f: 8, c: 6 }],
        [INT4, INT4],
      ),
    ],
  },
  {
    title: 'CHARACTER_LENGTH: LEN’s synonym',
    doc: page('r_CHARACTER_LENGTH'),
    steps: [
      typed(
        "select character_length('français') as f, character_length('cat   ') as c",
        [{ f: 8, c: 6 }],
        [INT4, INT4],
      ),
    ],
  },
  {
    title: 'CHR: the CHAR of an ASCII code point, null past ASCII',
    doc: page('r_CHR'),
    steps: [
      run('create table fp5_event_names (eventname varchar(200))'),
      run(
        "insert into fp5_event_names values ('Adriana Lecouvreur'), ('A Bronx Tale'), ('Eagles'), ('A Bronx Tale'), ('aida')",
      ),
      rows(
        'select distinct eventname from fp5_event_names where substring(eventname, 1, 1)=chr(65) order by 1',
        [{ eventname: 'A Bronx Tale' }, { eventname: 'Adriana Lecouvreur' }],
      ),
      typed(
        'select chr(65) as a, chr(200) as outside, chr(-1) as negative',
        [{ a: 'A', outside: null, negative: null }],
        [BPCHAR, BPCHAR, BPCHAR],
      ),
    ],
  },
  {
    title: 'LENGTH: LEN’s synonym, also over VARBYTE',
    doc: page('r_LENGTH'),
    steps: [
      typed(
        "select length('français') as f, length('cat   ') as c, length('aaa'::varbyte) as b",
        [{ f: 8, c: 6, b: 3 }],
        [INT4, INT4, INT4],
      ),
    ],
  },
  {
    title: 'OCTET_LENGTH: bytes, where LEN counts characters',
    doc: page('r_OCTET_LENGTH'),
    steps: [
      typed(
        "select octet_length('français'), len('français')",
        [{ octet_length: 9, len: 8 }],
        [INT4, INT4],
      ),
    ],
  },
  {
    title: 'REPLACE: a VARCHAR, null when a replaced or new string is null',
    doc: page('r_REPLACE'),
    steps: [
      run('create table fp5_category (catid smallint, catgroup varchar(10))'),
      run(
        "insert into fp5_category values (1, 'Sports'), (6, 'Shows'), (9, 'Concerts')",
      ),
      typed(
        "select catid, catgroup, replace(catgroup, 'Shows', 'Theatre') from fp5_category order by 1,2,3",
        [
          { catid: 1, catgroup: 'Sports', replace: 'Sports' },
          { catid: 6, catgroup: 'Shows', replace: 'Theatre' },
          { catid: 9, catgroup: 'Concerts', replace: 'Concerts' },
        ],
        [INT2, VARCHAR, VARCHAR],
      ),
      rows(
        "select replace('abc', null, 'x') as o, replace('abc', 'b', null) as n",
        [{ o: null, n: null }],
      ),
    ],
  },
  {
    title: 'REVERSE: characters, and numbers and dates as their text',
    doc: page('r_REVERSE'),
    steps: [
      run('create table fp5_rev_users (city varchar(30), salesid int)'),
      run(
        "insert into fp5_rev_users values ('Aberdeen', 172456), ('Abilene', 172455), ('Ada', 172454)",
      ),
      typed(
        'select distinct city as cityname, reverse(cityname) from fp5_rev_users order by city limit 5',
        [
          { cityname: 'Aberdeen', reverse: 'needrebA' },
          { cityname: 'Abilene', reverse: 'enelibA' },
          { cityname: 'Ada', reverse: 'adA' },
        ],
        [VARCHAR, VARCHAR],
      ),
      typed(
        'select salesid, reverse(salesid)::varchar from fp5_rev_users order by salesid desc limit 5',
        [
          { salesid: 172456, reverse: '654271' },
          { salesid: 172455, reverse: '554271' },
          { salesid: 172454, reverse: '454271' },
        ],
        [INT4, VARCHAR],
      ),
      typed(
        "select reverse(date '2008-01-05') as d, reverse(12.50) as n",
        [{ d: '50-10-8002', n: '05.21' }],
        [VARCHAR, VARCHAR],
      ),
    ],
  },
  {
    title: 'RTRIM: any of the trimmed characters, from the end only',
    doc: page('r_RTRIM'),
    steps: [
      run('create table fp5_venue (venueid smallint, venuename varchar(100))'),
      run(
        "insert into fp5_venue values (1, 'Toyota Park'), (2, 'Columbus Crew Stadium'), (4, 'CommunityAmerica Ballpark'), (8, 'The Home Depot Center')",
      ),
      typed(
        "select venueid, venuename, rtrim(venuename, 'Park') from fp5_venue order by 1, 2, 3 limit 10",
        [
          { venueid: 1, venuename: 'Toyota Park', rtrim: 'Toyota ' },
          {
            venueid: 2,
            venuename: 'Columbus Crew Stadium',
            rtrim: 'Columbus Crew Stadium',
          },
          {
            venueid: 4,
            venuename: 'CommunityAmerica Ballpark',
            rtrim: 'CommunityAmerica Ballp',
          },
          {
            venueid: 8,
            venuename: 'The Home Depot Center',
            rtrim: 'The Home Depot Cente',
          },
        ],
        [INT2, VARCHAR, VARCHAR],
      ),
    ],
  },
  {
    title: 'SUBSTR: SUBSTRING’s synonym',
    doc: page('r_SUBSTR'),
    steps: [
      rows(
        "select substr('caterpillar',6,4) as a, substr('caterpillar',6) as b",
        [{ a: 'pill', b: 'pillar' }],
      ),
    ],
  },
]

const DATES: readonly Case[] = [
  {
    title: 'DATE + TIME: a TIMESTAMP; DATE + TIMETZ: a TIMESTAMPTZ',
    doc: page('r_DATE-CONCATENATE_function'),
    steps: [
      run('create table fp5_time_test (time_val time)'),
      run("insert into fp5_time_test values ('20:00:00'), ('00:58:00')"),
      typed(
        "select date '2000-01-02' + time_val as ts from fp5_time_test order by 1",
        [
          { ts: TIMESTAMP_AT('2000-01-02T00:58:00') },
          { ts: TIMESTAMP_AT('2000-01-02T20:00:00') },
        ],
        [TIMESTAMP],
      ),
      typed(
        "select date '2000-01-01' + time '20:00:00' as ts",
        [{ ts: TIMESTAMP_AT('2000-01-01T20:00:00') }],
        [TIMESTAMP],
      ),
      run('create table fp5_timetz_test (timetz_val timetz)'),
      run(
        "insert into fp5_timetz_test values ('04:00:00+00'), ('05:58:00+00')",
      ),
      typed(
        "select (date '2000-01-01' + timetz_val)::varchar as ts from fp5_timetz_test order by 1",
        [{ ts: '2000-01-01 04:00:00+00' }, { ts: '2000-01-01 05:58:00+00' }],
        [VARCHAR],
      ),
      typed(
        "select date '2000-01-01' + timetz '20:00:00 PST' as ts",
        [{ ts: TIMESTAMP_AT('2000-01-02T04:00:00') }],
        [TIMESTAMPTZ],
      ),
      rows("select time '20:00:00' + date '2000-01-01' as ts", [
        { ts: TIMESTAMP_AT('2000-01-01T20:00:00') },
      ]),
    ],
  },
  {
    title:
      'AT TIME ZONE: TIMESTAMP to TIMESTAMPTZ and back, the column named after the result type',
    doc: page('r_AT_TIME_ZONE'),
    steps: [
      run("set timezone to 'America/Los_Angeles'"),
      typed(
        "SELECT TIMESTAMP '2001-02-16 20:38:40' AT TIME ZONE 'MST'",
        [{ timestamptz: TIMESTAMP_AT('2001-02-17T03:38:40') }],
        [TIMESTAMPTZ],
      ),
      rows(
        "SELECT (TIMESTAMP '2001-02-16 20:38:40' AT TIME ZONE 'MST')::varchar as shown",
        [{ shown: '2001-02-16 19:38:40-08' }],
      ),
      typed(
        "SELECT TIMESTAMP WITH TIME ZONE '2001-02-16 20:38:40-05' AT TIME ZONE 'MST'",
        [{ timestamp: TIMESTAMP_AT('2001-02-16T18:38:40') }],
        [TIMESTAMP],
      ),
    ],
  },
  {
    title:
      'CURRENT_DATE: a DATE named date, the transaction’s start date in a block',
    doc: page('r_CURRENT_DATE_function'),
    steps: [
      typed('select current_date', [{ date: expect.any(Date) }], [DATE]),
      run('begin'),
      rows('select current_date = trunc(sysdate) as same', [{ same: true }]),
      run('end'),
    ],
  },
  {
    title:
      'TIMEZONE: a TIMESTAMP to TIMESTAMPTZ, a TIMESTAMPTZ to TIMESTAMP in the zone',
    doc: page('r_TIMEZONE'),
    steps: [
      typed(
        "select timezone('Africa/Kampala', timestamp '2001-02-16 20:38:40') as z",
        [{ z: TIMESTAMP_AT('2001-02-16T17:38:40') }],
        [TIMESTAMPTZ],
      ),
      typed(
        "select timezone('UTC', timestamptz '2001-02-16 20:38:40-05') as z",
        [{ z: TIMESTAMP_AT('2001-02-17T01:38:40') }],
        [TIMESTAMP],
      ),
    ],
  },
]

const LIKES = [
  'create table fp5_userlikes (city varchar(20), likes int, small smallint, big bigint)',
  `insert into fp5_userlikes values
     ('Los Angeles', 0, 0, 0), ('Los Angeles', 127, 127, 127),
     ('San Jose', 64, 64, 64), ('San Jose', 255, 255, 255),
     ('Santa Barbara', 192, 192, 192), ('Santa Barbara', 255, 255, 255)`,
]
const BIT_AND = [
  { city: 'Los Angeles', bit_and: 0 },
  { city: 'San Jose', bit_and: 64 },
  { city: 'Santa Barbara', bit_and: 192 },
]
const BIT_OR = [
  { city: 'Los Angeles', bit_or: 127 },
  { city: 'San Jose', bit_or: 255 },
  { city: 'Santa Barbara', bit_or: 255 },
]
const FOUR = [
  'create table fp5_four (n int, small smallint, big bigint)',
  'insert into fp5_four values (3, 3, 3), (7, 7, 7), (10, 10, 10), (22, 22, 22), (null, null, null)',
]
const STATES = [
  'create table fp5_states (state char(2), likesports boolean, likes int)',
  `insert into fp5_states values ('AB', true, 1), ('AB', false, 0), ('AK', true, 8), ('AK', null, null), ('AL', false, 0)`,
]

const AGGREGATES: readonly Case[] = [
  {
    title: 'ANY_VALUE: a value of the group, DISTINCT ignored',
    doc: page('r_ANY_VALUE'),
    steps: [
      run(
        'create table fp5_event (eventid int, dateid smallint, eventname varchar(200))',
      ),
      run(
        "insert into fp5_event values (1, 1878, 'Eagles'), (2, 1922, 'Cold War Kids')",
      ),
      typed(
        "select any_value(dateid) as dateid, eventname from fp5_event where eventname ='Eagles' group by eventname",
        [{ dateid: 1878, eventname: 'Eagles' }],
        [INT2, VARCHAR],
      ),
      rows(
        "select any_value(dateid) as dateid, eventname from fp5_event where eventname in('Eagles', 'Cold War Kids') group by eventname order by 1",
        [
          { dateid: 1878, eventname: 'Eagles' },
          { dateid: 1922, eventname: 'Cold War Kids' },
        ],
      ),
      rows(
        'select any_value(distinct dateid) as d, any_value(all dateid) as a from fp5_event where eventid = 2',
        [{ d: 1922, a: 1922 }],
      ),
    ],
  },
  {
    title: 'bit-wise aggregates: 3, 7, 10 and 22 give 2 and 31; NULLs left out',
    doc: page('c_bitwise_aggregate_functions'),
    steps: [
      ...FOUR.map(run),
      rows('select bit_and(n), bit_or(n) from fp5_four', [
        { bit_and: 2, bit_or: 31 },
      ]),
      rows('select sum(n), bit_and(n) from fp5_four where n is null', [
        { sum: null, bit_and: null },
      ]),
      rows(
        'select bit_and(distinct n) as a, bit_or(distinct n) as o from fp5_four',
        [{ a: 2, o: 31 }],
      ),
    ],
  },
  {
    title: 'BIT_AND: INT, INT2 or INT8 in, the same type out',
    doc: page('r_BIT_AND'),
    steps: [
      ...FOUR.map((s) => run(s.replace('fp5_four', 'fp5_and_four'))),
      typed(
        'select bit_and(n) as i, bit_and(small) as s, bit_and(big) as b, bit_and(all n) as a from fp5_and_four',
        [{ i: 2, s: 2, b: '2', a: 2 }],
        [INT4, INT2, INT8, INT4],
      ),
    ],
  },
  {
    title: 'BIT_OR: INT, INT2 or INT8 in, the same type out',
    doc: page('r_BIT_OR'),
    steps: [
      ...LIKES.map(run),
      typed(
        'select city, bit_or(likes) from fp5_userlikes group by city order by city',
        BIT_OR,
        [VARCHAR, INT4],
      ),
      typed(
        'select bit_or(small) as s, bit_or(big) as b from fp5_userlikes',
        [{ s: 255, b: '255' }],
        [INT2, INT8],
      ),
    ],
  },
  {
    title: 'BOOL_AND: over a BOOLEAN or an integer expression, a BOOLEAN',
    doc: page('r_BOOL_AND'),
    steps: [
      ...STATES.map(run),
      typed(
        'select state, bool_and(likesports), bool_and(likes) as ints from fp5_states group by state order by state',
        [
          { state: 'AB', bool_and: false, ints: false },
          { state: 'AK', bool_and: true, ints: true },
          { state: 'AL', bool_and: false, ints: false },
        ],
        [BPCHAR, BOOL, BOOL],
      ),
    ],
  },
  {
    title: 'BOOL_OR: over a BOOLEAN or an integer expression, a BOOLEAN',
    doc: page('r_BOOL_OR'),
    steps: [
      ...STATES.map((s) => run(s.replace('fp5_states', 'fp5_or_states'))),
      typed(
        'select state, bool_or(likesports), bool_or(likes) as ints from fp5_or_states group by state order by state',
        [
          { state: 'AB', bool_or: true, ints: true },
          { state: 'AK', bool_or: true, ints: true },
          { state: 'AL', bool_or: false, ints: false },
        ],
        [BPCHAR, BOOL, BOOL],
      ),
      rows(
        'select bool_or(distinct likes) as d from fp5_or_states where likes is null',
        [{ d: null }],
      ),
    ],
  },
  {
    title:
      'bit-wise examples: likes shared by a city’s users, and by any of them',
    doc: page('r_bitwise_examples'),
    steps: [
      ...LIKES.map((s) => run(s.replace('fp5_userlikes', 'fp5_ex_userlikes'))),
      rows(
        'select city, bit_and(likes) from fp5_ex_userlikes group by city order by city',
        BIT_AND,
      ),
      rows(
        'select city, bit_or(likes) from fp5_ex_userlikes group by city order by city',
        BIT_OR,
      ),
      ...STATES.map((s) => run(s.replace('fp5_states', 'fp5_ex_states'))),
      rows(
        'select state, bool_or(likesports), bool_and(likesports) from fp5_ex_states group by state order by state limit 2',
        [
          { state: 'AB', bool_or: true, bool_and: false },
          { state: 'AK', bool_or: true, bool_and: true },
        ],
      ),
    ],
  },
]

const CONDITIONALS: readonly Case[] = [
  {
    title: 'CASE: simple and searched, the column named case',
    doc: page('r_CASE_function'),
    steps: [
      run('create table fp5_case_venue (venueid int, venuecity varchar(30))'),
      run(
        "insert into fp5_case_venue values (1, 'Baltimore'), (2, 'New York City'), (3, 'Los Angeles')",
      ),
      typed(
        `select venuecity, case venuecity when 'New York City'
         then 'Big Apple' else 'other' end from fp5_case_venue order by venueid desc`,
        [
          { venuecity: 'Los Angeles', case: 'other' },
          { venuecity: 'New York City', case: 'Big Apple' },
          { venuecity: 'Baltimore', case: 'other' },
        ],
        [VARCHAR, VARCHAR],
      ),
      run('create table fp5_case_sales (pricepaid decimal(8,2))'),
      run(
        'insert into fp5_case_sales values (12624.00), (10000.00), (9996.00)',
      ),
      rows(
        `select pricepaid, case when pricepaid <10000 then 'group 1'
         when pricepaid >10000 then 'group 2' else 'group 3' end
         from fp5_case_sales order by 1 desc`,
        [
          { pricepaid: '12624.00', case: 'group 2' },
          { pricepaid: '10000.00', case: 'group 3' },
          { pricepaid: '9996.00', case: 'group 1' },
        ],
      ),
    ],
  },
  {
    title: 'COALESCE: the first expression that is not null, NVL’s twin',
    doc: page('r_COALESCE'),
    steps: [
      typed(
        "select coalesce(null, 'first', 'second') as v, coalesce(null::int, null::int) as n",
        [{ v: 'first', n: null }],
        [VARCHAR, INT4],
      ),
      rows("select coalesce(null, nvl(null, 'x'))", [{ coalesce: 'x' }]),
    ],
  },
  {
    title:
      'NULLIF: the first expression’s type and column name; trailing blanks ignored',
    doc: page('r_NULLIF_function'),
    steps: [
      run('create table fp5_nullif_sales (listid int, salesid int)'),
      run('insert into fp5_nullif_sales values (4, 2), (5, 4), (5, 3), (1, 1)'),
      typed(
        'select nullif(listid,salesid), salesid from fp5_nullif_sales where salesid<10 order by 1, 2 desc',
        [
          { listid: 4, salesid: 2 },
          { listid: 5, salesid: 4 },
          { listid: 5, salesid: 3 },
          { listid: null, salesid: 1 },
        ],
        [INT4, INT4],
      ),
      run(
        'create table fp5_nullif_category (catid smallint, catgroup varchar(10), catdesc varchar(50))',
      ),
      run("insert into fp5_nullif_category values (0, '', 'Special')"),
      rows(
        "select nullif(catgroup,'') from fp5_nullif_category where catdesc='Special'",
        [{ catgroup: null }],
      ),
      run('create table fp5_nulliftest (c1 char(2), c2 char(2))'),
      run("insert into fp5_nulliftest values ('a','a ')"),
      run("insert into fp5_nulliftest values ('b','b')"),
      rows('select nullif(c1,c2) from fp5_nulliftest', [
        { c1: null },
        { c1: null },
      ]),
    ],
  },
]

const FORMATTING: readonly Case[] = [
  {
    title: 'TO_NUMBER: a DECIMAL parsed by a numeric format',
    doc: page('r_TO_NUMBER'),
    steps: [
      typed(
        "select to_number('12,454.8-', '99G999D9S')",
        [{ to_number: '-12454.8' }],
        [NUMERIC],
      ),
      rows("select to_number('12.345','99D999') as n", [{ n: '12.345' }]),
    ],
  },
  {
    title: 'datetime format strings: the dateparts and timeparts of TO_CHAR',
    doc: page('r_FORMAT_strings'),
    steps: [
      typed(
        `select to_char(timestamp '2008-06-10 14:05:07.123456',
           'CC Y,YYY YYY Q MM RM W WW DDD D ID') as dateparts`,
        [{ dateparts: '21 2,008 008 2 06 VI   2 24 162 3 2' }],
        [VARCHAR],
      ),
      rows(
        `select to_char(timestamp '2008-06-10 14:05:07.123456',
           'MONTH|Mon|DAY|dy|HH24|HH12|HH|MI|SS|MS|US|AM|a.m.|AD') as timeparts`,
        [
          {
            timeparts:
              'JUNE     |Jun|TUESDAY  |tue|14|02|02|05|07|123|123456|PM|p.m.|AD',
          },
        ],
      ),
      rows(`select to_char(date '2008-01-01', 'IYYY-IW J') as iso`, [
        { iso: '2008-01 2454467' },
      ]),
    ],
  },
  {
    title:
      'numeric format strings: digits, signs, fill mode and Roman numerals',
    doc: page('r_Numeric_formating'),
    steps: [
      typed(
        "select to_char(-125.8, '999D99S') as s, to_char(-125.8, '999.99PR') as pr, to_char(7, '000') as z",
        [{ s: '125.80-', pr: '<125.80>', z: ' 007' }],
        [VARCHAR, VARCHAR, VARCHAR],
      ),
      rows(
        "select to_char(485, 'FMRN') as rn, to_char(3, 'FM9th') as th, to_char(12, 'FMPL99') as pl, to_char(-12, 'FMSG99') as sg, to_char(-12, 'FM99MI') as mi",
        [{ rn: 'CDLXXXV', th: '3rd', pl: '+12', sg: '-12', mi: '12-' }],
      ),
      rows(
        "select to_number('<125.80>', '999.99PR') as pr, to_number('1,234', '9,999') as g",
        [{ pr: '-125.80', g: '1234' }],
      ),
    ],
  },
]

const LIMIT = 'emulator limit'

/** A SUPER table of one value, as the type information pages build theirs. */
const superTable = (name: string, value: string): Step[] => [
  run(`create table ${name} (s super)`),
  run(`insert into ${name} values (${value})`),
]

const SUPER_INFO: readonly Case[] = [
  {
    title: 'DECIMAL_SCALE: the digits right of the point of a SUPER number',
    doc: page('r_decimal_scale'),
    steps: [
      ...superTable('fp5_scale', '3.14159'),
      typed(
        'select decimal_scale(s) from fp5_scale',
        [{ decimal_scale: 5 }],
        [INT4],
      ),
    ],
  },
  {
    title: 'IS_ARRAY: true for arrays, empty ones too; false for null',
    doc: page('r_is_array'),
    steps: [
      typed(
        "select is_array(JSON_PARSE('[1,2]'))",
        [{ is_array: true }],
        [BOOL],
      ),
      rows(
        "select is_array(json_parse('[]')) as e, is_array(json_parse('{}')) as o, is_array(null) as n",
        [{ e: true, o: false, n: false }],
      ),
    ],
  },
  {
    title: 'IS_BIGINT: scale 0 in the 64-bit range; not floating point numbers',
    doc: page('r_is_bigint'),
    steps: [
      ...superTable('fp5_bigint', '5'),
      typed(
        'select s, is_bigint(s) from fp5_bigint',
        [{ s: '5', is_bigint: true }],
        [SUPER, BOOL],
      ),
      rows(
        "select is_bigint(json_parse('3000000000')) as big, is_bigint(json_parse('3.5')) as f, is_bigint(null) as n",
        [{ big: true, f: false, n: false }],
      ),
    ],
  },
  {
    title: 'IS_BOOLEAN: true for JSON Booleans only',
    doc: page('r_is_boolean'),
    steps: [
      ...superTable('fp5_boolean', 'TRUE'),
      typed(
        'select is_boolean(s) from fp5_boolean',
        [{ is_boolean: true }],
        [BOOL],
      ),
      rows(
        'select is_boolean(json_parse(\'"true"\')) as s, is_boolean(null) as n',
        [{ s: false, n: false }],
      ),
    ],
  },
  {
    title: 'IS_CHAR: strings of ASCII characters only',
    doc: page('r_is_char'),
    steps: [
      ...superTable('fp5_char', "'t'"),
      typed(
        'select s, is_char(s) from fp5_char',
        [{ s: '"t"', is_char: true }],
        [SUPER, BOOL],
      ),
      rows(
        "select is_char(json_parse('\"é\"')) as multibyte, is_char(json_parse('1')) as number",
        [{ multibyte: false, number: false }],
      ),
    ],
  },
  {
    title: 'IS_INTEGER: scale 0 in the 32-bit range',
    doc: page('r_is_integer'),
    steps: [
      ...superTable('fp5_integer', '5'),
      typed(
        'select s, is_integer(s) from fp5_integer',
        [{ s: '5', is_integer: true }],
        [SUPER, BOOL],
      ),
      rows(
        "select is_integer(json_parse('3000000000')) as big, is_integer(json_parse('2.0e0')) as f",
        [{ big: false, f: false }],
      ),
    ],
  },
  {
    title: 'IS_OBJECT: true for objects, empty ones too',
    doc: page('r_is_object'),
    steps: [
      ...superTable('fp5_object', `JSON_PARSE('{"name": "Joe"}')`),
      typed(
        'select s, is_object(s) from fp5_object',
        [{ s: '{"name":"Joe"}', is_object: true }],
        [SUPER, BOOL],
      ),
      rows(
        "select is_object(json_parse('{}')) as e, is_object(json_parse('[]')) as a, is_object(null) as n",
        [{ e: true, a: false, n: false }],
      ),
    ],
  },
  {
    title: 'IS_SCALAR: anything but an array or an object, and not null',
    doc: page('r_is_scalar'),
    steps: [
      ...superTable('fp5_scalar', `JSON_PARSE('{"name": "Joe"}')`),
      typed(
        'select s, is_scalar(s.name) from fp5_scalar',
        [{ s: '{"name":"Joe"}', is_scalar: true }],
        [SUPER, BOOL],
      ),
      rows('select is_scalar(s) as o, is_scalar(null) as n from fp5_scalar', [
        { o: false, n: false },
      ]),
    ],
  },
  {
    title: 'IS_SMALLINT: scale 0 in the 16-bit range',
    doc: page('r_is_smallint'),
    steps: [
      ...superTable('fp5_smallint', '5'),
      typed(
        'select s, is_smallint(s) from fp5_smallint',
        [{ s: '5', is_smallint: true }],
        [SUPER, BOOL],
      ),
      rows("select is_smallint(json_parse('40000')) as big", [{ big: false }]),
    ],
  },
  {
    title: 'IS_VARCHAR: every string, multibyte ones too',
    doc: page('r_is_varchar'),
    steps: [
      ...superTable('fp5_varchar', "'abc'"),
      typed(
        'select s, is_varchar(s) from fp5_varchar',
        [{ s: '"abc"', is_varchar: true }],
        [SUPER, BOOL],
      ),
      rows(
        "select is_varchar(json_parse('\"é\"')) as multibyte, is_varchar(json_parse('1')) as number",
        [{ multibyte: true, number: false }],
      ),
    ],
  },
  {
    title: 'JSON_TYPEOF: the dynamic type of a SUPER value, as a VARCHAR',
    doc: page('r_json_typeof'),
    steps: [
      typed(
        'SELECT JSON_TYPEOF(ARRAY(1,2))',
        [{ json_typeof: 'array' }],
        [VARCHAR],
      ),
      rows(`SELECT JSON_TYPEOF(JSON_PARSE('{"name":"Joe"}'))`, [
        { json_typeof: 'object' },
      ]),
    ],
  },
  {
    title:
      'SIZE: a SUPER value’s in-memory size, an undocumented layout (an emulator limit)',
    doc: page('r_SIZE'),
    steps: [
      run('CREATE TABLE fp5_test_super_size (a super)'),
      fails(
        'SELECT a, SIZE(a) FROM fp5_test_super_size ORDER BY 2, 1',
        '0A000',
        LIMIT,
      ),
    ],
  },
]

const JSON_TEXT: readonly Case[] = [
  {
    title: 'IS_VALID_JSON: an object is valid JSON text, an array is not',
    doc: page('IS_VALID_JSON'),
    steps: [
      run(
        'create table fp5_test_json (id int identity(0,1), json_strings varchar)',
      ),
      run(
        `insert into fp5_test_json(json_strings) values ('{"a":2}'), ('{"a":{"b":{"c":1}}}'), ('{"a": [1,2,"b"]}')`,
      ),
      run(
        `insert into fp5_test_json(json_strings) values ('{{}}'), ('{1:"a"}'), ('[1,2,3]')`,
      ),
      typed(
        'select json_strings, is_valid_json(json_strings) from fp5_test_json order by id',
        [
          { json_strings: '{"a":2}', is_valid_json: true },
          { json_strings: '{"a":{"b":{"c":1}}}', is_valid_json: true },
          { json_strings: '{"a": [1,2,"b"]}', is_valid_json: true },
          { json_strings: '{{}}', is_valid_json: false },
          { json_strings: '{1:"a"}', is_valid_json: false },
          { json_strings: '[1,2,3]', is_valid_json: false },
        ],
        [VARCHAR, BOOL],
      ),
    ],
  },
  {
    title: 'IS_VALID_JSON_ARRAY: a well-formed array, nested or empty',
    doc: page('IS_VALID_JSON_ARRAY'),
    steps: [
      run(
        'create table fp5_test_json_arrays (id int identity(0,1), json_arrays varchar)',
      ),
      run(
        `insert into fp5_test_json_arrays(json_arrays) values ('[]'), ('["a","b"]'), ('["a",["b",1,["c",2,3,null]]]')`,
      ),
      run(
        `insert into fp5_test_json_arrays(json_arrays) values ('{"a":1}'), ('a'), ('[1,2,]')`,
      ),
      typed(
        'select json_arrays, is_valid_json_array(json_arrays) from fp5_test_json_arrays order by id',
        [
          { json_arrays: '[]', is_valid_json_array: true },
          { json_arrays: '["a","b"]', is_valid_json_array: true },
          {
            json_arrays: '["a",["b",1,["c",2,3,null]]]',
            is_valid_json_array: true,
          },
          { json_arrays: '{"a":1}', is_valid_json_array: false },
          { json_arrays: 'a', is_valid_json_array: false },
          { json_arrays: '[1,2,]', is_valid_json_array: false },
        ],
        [VARCHAR, BOOL],
      ),
    ],
  },
]

const HASHES: readonly Case[] = [
  {
    title: 'SHA: SHA1’s synonym',
    doc: page('SHA'),
    steps: [
      typed(
        "select sha('Amazon Redshift') = sha1('Amazon Redshift') as same, sha('Amazon Redshift') as h",
        [{ same: true, h: 'eeac5ed1e11cda66032c30ad77b25071b5487f55' }],
        [BOOL, VARCHAR],
      ),
    ],
  },
  {
    title: 'FARMFINGERPRINT64: FarmHash is not built in (an emulator limit)',
    doc: page('r_FARMFINGERPRINT64'),
    steps: [
      fails("SELECT farmFingerprint64('Amazon Redshift')", '0A000', LIMIT),
      fails(
        "SELECT farmFingerprint64('Amazon Redshift'::varbyte)",
        '0A000',
        LIMIT,
      ),
    ],
  },
]

const SYSTEM: readonly Case[] = [
  {
    title: 'CURRENT_SCHEMAS: the search path, with the implicit schemas or not',
    doc: page('r_CURRENT_SCHEMAS'),
    steps: [
      // Printed as the page prints it; the value stays PostgreSQL 8.0's
      // NAME[] that catalog queries compare with = ANY (...).
      rows('select current_schemas(false)', [{ current_schemas: '{public}' }]),
      rows('select current_schemas(true)', [
        { current_schemas: '{pg_catalog,public}' },
      ]),
    ],
  },
  {
    title: 'SESSION_USER: the user who opened the connection, no parentheses',
    doc: page('r_SESSION_USER'),
    steps: [rows('select session_user', [{ session_user: 'awsuser' }])],
  },
  {
    title: 'USER: CURRENT_USER’s synonym',
    doc: page('r_USER'),
    steps: [
      rows('select user, user = current_user as same', [
        { user: 'awsuser', same: true },
      ]),
    ],
  },
  {
    title:
      'SLICE_NUM: the row’s slice next to a table, 10000 on the leader node without one',
    doc: page('r_SLICE_NUM'),
    steps: [
      run('create table fp5_slice_event (eventid int)'),
      run('insert into fp5_slice_event values (1), (2)'),
      typed(
        'select distinct eventid, slice_num() from fp5_slice_event order by eventid limit 10',
        [
          { eventid: 1, slice_num: 0 },
          { eventid: 2, slice_num: 0 },
        ],
        [INT4, INT4],
      ),
      typed('select slice_num()', [{ slice_num: 10000 }], [INT4]),
    ],
  },
  {
    title: 'VERSION: the release, Redshift’s version at the end',
    doc: page('r_VERSION'),
    steps: [
      rows(
        "select version() like 'PostgreSQL 8.0.2 on %, Redshift 1.0.%' as redshift",
        [{ redshift: true }],
      ),
    ],
  },
  {
    title: 'PG_LAST_COPY_COUNT: a BIGINT, 0 before any COPY of the session',
    doc: page('PG_LAST_COPY_COUNT'),
    steps: [
      typed(
        'select pg_last_copy_count()',
        [{ pg_last_copy_count: '0' }],
        [INT8],
      ),
    ],
  },
  {
    title: 'PG_LAST_UNLOAD_COUNT: a BIGINT, 0 before any UNLOAD of the session',
    doc: page('PG_LAST_UNLOAD_COUNT'),
    steps: [
      typed(
        'select pg_last_unload_count()',
        [{ pg_last_unload_count: '0' }],
        [INT8],
      ),
    ],
  },
  {
    title: 'HAS_ASSUMEROLE_PRIVILEGE: no IAM roles here (an emulator limit)',
    doc: page('r_HAS_ASSUMEROLE_PRIVILEGE'),
    steps: [
      fails(
        "select has_assumerole_privilege('reg_user1', 'arn:aws:iam::123456789012:role/Redshift-S3-Read', 'copy')",
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    title: 'PG_GET_GRANTEE_BY_IAM_ROLE: no IAM roles here (an emulator limit)',
    doc: page('PG_GET_GRANTEE_BY_IAMROLE'),
    steps: [
      fails(
        "select pg_get_grantee_by_iam_role('arn:aws:iam::123456789012:role/Redshift-S3-Write')",
        '0A000',
        LIMIT,
      ),
    ],
  },
]

const PRIORITIES: readonly Case[] = [
  {
    title: 'CHANGE_QUERY_PRIORITY: no WLM priorities here (an emulator limit)',
    doc: page('r_CHANGE_QUERY_PRIORITY'),
    steps: [
      fails("select change_query_priority(1076, 'Critical')", '0A000', LIMIT),
    ],
  },
  {
    title:
      'CHANGE_SESSION_PRIORITY: no WLM priorities here (an emulator limit)',
    doc: page('r_CHANGE_SESSION_PRIORITY'),
    steps: [
      fails("select change_session_priority(-1, 'High')", '0A000', LIMIT),
    ],
  },
  {
    title: 'CHANGE_USER_PRIORITY: no WLM priorities here (an emulator limit)',
    doc: page('r_CHANGE_USER_PRIORITY'),
    steps: [
      fails(
        "select change_user_priority('analysis_user', 'lowest')",
        '0A000',
        LIMIT,
      ),
    ],
  },
]

const VARBYTE = 6551

const TERADATA: readonly Case[] = [
  {
    title:
      'Teradata-style format characters: the format phrases of TEXT_TO_INT_ALT and TEXT_TO_NUMERIC_ALT are not built (an emulator limit)',
    doc: page('r_Numeric-format-teradata'),
    steps: [
      fails("select text_to_int_alt('123{', '999S')", '0A000', LIMIT),
      fails("select text_to_numeric_alt('USD123', 'C9(I)')", '0A000', LIMIT),
    ],
  },
]

const VARBYTES: readonly Case[] = [
  {
    title: 'FROM_HEX: a VARBYTE from its hex text, shown as hex',
    doc: page('r_FROM_HEX'),
    steps: [
      typed("select from_hex('6162')", [{ from_hex: '6162' }], [VARBYTE]),
    ],
  },
  {
    title: 'FROM_VARBYTE: a VARCHAR in hex, binary, utf8 or utf-8',
    doc: page('r_FROM_VARBYTE'),
    steps: [
      typed(
        "select from_varbyte('ab', 'hex')",
        [{ from_varbyte: '6162' }],
        [VARCHAR],
      ),
      rows("select from_varbyte(from_hex('4d'), 'binary')", [
        { from_varbyte: '01001101' },
      ]),
      rows(
        "select from_varbyte(from_hex('6162'), 'utf8') as a, from_varbyte(from_hex('6162'), 'UTF-8') as b",
        [{ a: 'ab', b: 'ab' }],
      ),
    ],
  },
  {
    title: 'TO_VARBYTE: hex (odd lengths get a leading 0), binary and UTF-8 in',
    doc: page('r_TO_VARBYTE'),
    steps: [
      typed(
        "select to_varbyte('6162', 'hex')",
        [{ to_varbyte: '6162' }],
        [VARBYTE],
      ),
      rows("select to_varbyte('01001101', 'binary')", [{ to_varbyte: '4d' }]),
      rows("select to_varbyte('a', 'utf8')", [{ to_varbyte: '61' }]),
      rows("select to_varbyte('4', 'hex')", [{ to_varbyte: '04' }]),
      rows("select to_varbyte('a', 'utf-8') as u", [{ u: '61' }]),
    ],
  },
]

describeFidelityCases(
  'local emulator: the SQL function pages’ examples',
  'local_fidelity_function_pages',
  [
    ...MATH,
    ...STRINGS,
    ...DATES,
    ...AGGREGATES,
    ...CONDITIONALS,
    ...FORMATTING,
    ...SUPER_INFO,
    ...JSON_TEXT,
    ...HASHES,
    ...SYSTEM,
    ...PRIORITIES,
    ...VARBYTES,
    ...TERADATA,
  ],
)
