import { describe, it } from 'vitest'

import {
  DATE,
  expectAnswer,
  expectRefusal,
  FLOAT8,
  INT4,
  INT8,
  NUMERIC,
  refused,
  rows,
  TIMESTAMP,
  useTextDatabase,
  VARCHAR,
  type Answer,
  type Refusal,
} from './function-answers.js'

// The Developer Guide's window functions, page by page: the overview and
// syntax summary (r_Window_functions.html, r_Window_function_synopsis.html),
// the unique-ordering page, the WINSALES sample table and every r_WF_*.html
// page, run through the emulator. ANSWERS are the pages' examples with their
// documented rows (as the server's text) and result types; REFUSALS are the
// forms the pages rule out, with the SQLSTATE and a part of the message.
// What other files hold already (IGNORE / RESPECT NULLS, NTH_VALUE,
// RATIO_TO_REPORT, PERCENTILE_CONT / _DISC and MEDIAN values in
// local-fidelity-syntax; DECIMAL window types in local-fidelity-numeric-more;
// NTILE and STDDEV types in local-fidelity-functions-audit; RANGE, the
// missing frame and WINDOW in local-strictness) is not repeated.

const INT2 = 21

/** The WINSALES script of r_Window_function_examples.html, as the page gives it (tabs included). */
const WINSALES = [
  `create table winsales(
salesid int,
dateid date,
sellerid int,
buyerid char(10),
qty int,
qty_shipped int)`,
  `insert into winsales values
(30001, '8/2/2003', 3, 'b', 10, 10),
(10001, '12/24/2003', 1, 'c', 10, 10),
(10005, '12/24/2003', 1, 'a', 30, null),\t
(40001, '1/9/2004', 4, 'a', 40, null),\t
(10006, '1/18/2004', 1, 'c', 10, null),\t
(20001, '2/12/2004', 2, 'b', 20, 20),
(40005, '2/12/2004', 4, 'a', 10, 10),
(20002, '2/16/2004', 2, 'c', 20, 20),
(30003, '4/18/2004', 3, 'b', 15, null),
(30004, '4/18/2004', 3, 'b', 20, null),\t
(30007, '9/7/2004', 3, 'c', 30, null)`,
]

// TICKIT's SALES, with the rows the LAG, LEAD, NTILE and STDDEV pages show
// (and, for LEAD, the row after the last one shown); the other columns are
// filler that keeps each page's rows apart.
const LAG_ROWS: readonly (readonly [string, number])[] = [
  ['2008-01-16 01:06:09', 1],
  ['2008-01-28 02:10:01', 1],
  ['2008-03-12 10:39:53', 1],
  ['2008-03-13 02:56:07', 1],
  ['2008-03-29 08:21:39', 2],
  ['2008-04-27 02:39:01', 1],
  ['2008-08-16 07:04:37', 2],
  ['2008-08-22 11:45:26', 2],
  ['2008-09-12 09:11:25', 1],
  ['2008-10-01 06:22:37', 1],
  ['2008-10-20 01:55:51', 2],
  ['2008-10-28 01:30:40', 1],
]
const LEAD_ROWS: readonly (readonly [number, string, string])[] = [
  [6213, '52.05', '2008-01-01 01:00:19'],
  [7003, '106.20', '2008-01-01 02:30:52'],
  [8762, '103.20', '2008-01-01 03:50:02'],
  [1150, '70.80', '2008-01-01 06:06:57'],
  [1749, '50.55', '2008-01-01 07:05:02'],
  [8649, '125.40', '2008-01-01 07:26:20'],
  [2903, '35.10', '2008-01-01 09:41:06'],
  [6605, '259.50', '2008-01-01 12:50:55'],
  [6870, '628.80', '2008-01-01 12:59:34'],
  [6977, '74.10', '2008-01-02 01:11:16'],
  [4650, '13.50', '2008-01-02 01:40:59'],
  [4515, '26.55', '2008-01-02 01:52:35'],
  [5465, '22.80', '2008-01-02 02:28:01'],
  [5465, '45.60', '2008-01-02 02:28:02'],
  [7003, '53.10', '2008-01-02 02:31:12'],
  [4124, '70.35', '2008-01-02 03:12:50'],
  [1673, '36.15', '2008-01-02 03:15:00'],
  [1000, '1300.80', '2008-01-02 03:20:00'],
]
const HAMLET_PRICES = [
  '1883.00',
  '1065.00',
  '589.00',
  '530.00',
  '472.00',
  '460.00',
  '355.00',
  '334.00',
  '296.00',
  '230.00',
  '216.00',
  '212.00',
  '106.00',
  '100.00',
  '94.00',
  '53.00',
  '25.00',
]
const STDDEV_ROWS: readonly (readonly [number, string])[] = [
  [33095, '234.00'],
  [65082, '472.00'],
  [88268, '836.00'],
  [97197, '708.00'],
  [110328, '347.00'],
  [110917, '337.00'],
  [150314, '688.00'],
  [157751, '1730.00'],
  [165890, '4192.00'],
]
const SALES_VALUES = [
  ...LAG_ROWS.map(
    ([time, qty], n) =>
      `(${n + 1}, 3, 1, 1900, '${time}', ${qty}, 100.00, 15.00)`,
  ),
  ...LEAD_ROWS.map(
    ([event, commission, time], n) =>
      `(${201 + n}, 200, ${event}, 1900, '${time}', 1, 100.00, ${commission})`,
  ),
  ...HAMLET_PRICES.map(
    (price, n) =>
      `(${301 + n}, 300, 500, 1960, '2008-08-26 12:00:00', 1, ${price}, 0.00)`,
  ),
  ...STDDEV_ROWS.map(
    ([id, price]) =>
      `(${id}, 100, 100, 1827, '2008-01-05 12:00:00', 1, ${price}, 0.00)`,
  ),
]

const SETUP = [
  ...WINSALES,
  'create table sales (salesid int, buyerid int, eventid int, dateid smallint, saletime timestamp, qtysold smallint, pricepaid decimal(8,2), commission decimal(8,2))',
  `insert into sales values ${SALES_VALUES.join(', ')}`,
  'create table event (eventid int, dateid smallint, eventname varchar(200))',
  "insert into event values (500, 1960, 'Hamlet'), (1, 1900, 'Mamma Mia!')",
  'create table date (dateid smallint, caldate date)',
  "insert into date values (1960, '2008-08-26'), (1900, '2008-01-01')",
  // r_WF_first_value.html: TICKIT's VENUE rows the page shows, and the row
  // with a NULL name it inserts later (the first queries run without it).
  'create table venue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
  "insert into venue values (1, 'Qualcomm Stadium', 'San Diego', 'CA', 70561), (2, 'Monster Park', 'San Francisco', 'CA', 69843), (3, 'McAfee Coliseum', 'Oakland', 'CA', 63026), (4, 'Dodger Stadium', 'Los Angeles', 'CA', 56000), (5, 'Angel Stadium of Anaheim', 'Anaheim', 'CA', 45050), (6, 'PETCO Park', 'San Diego', 'CA', 42445), (7, 'AT&T Park', 'San Francisco', 'CA', 41503), (8, 'Shoreline Amphitheatre', 'Mountain View', 'CA', 22000), (9, 'INVESCO Field', 'Denver', 'CO', 76125), (10, 'Coors Field', 'Denver', 'CO', 50445), (11, 'Nationals Park', 'Washington', 'DC', 41888), (12, 'Dolphin Stadium', 'Miami Gardens', 'FL', 74916), (13, 'Jacksonville Municipal Stadium', 'Jacksonville', 'FL', 73800), (14, 'Raymond James Stadium', 'Tampa', 'FL', 65647), (15, 'Tropicana Field', 'St. Petersburg', 'FL', 36048), (16, 'Empty Field', 'Nowhere', 'KS', 0), (2000, null, 'Stanford', 'CA', 90000)",
  'create table words (id int, word varchar(10))',
  "insert into words values (1, 'a'), (2, ''), (3, null), (4, 'a  '), (5, 'b'), (6, 'a')",
]

/** One column of text per row. */
const column = (...values: (string | null)[]): (string | null)[][] =>
  values.map((v) => [v])

const VENUES_FIRST = [
  ['CA', '70561', 'Qualcomm Stadium'],
  ['CA', '69843', 'Monster Park'],
  ['CA', '63026', 'McAfee Coliseum'],
  ['CA', '56000', 'Dodger Stadium'],
  ['CA', '45050', 'Angel Stadium of Anaheim'],
  ['CA', '42445', 'PETCO Park'],
  ['CA', '41503', 'AT&T Park'],
  ['CA', '22000', 'Shoreline Amphitheatre'],
  ['CO', '76125', 'INVESCO Field'],
  ['CO', '50445', 'Coors Field'],
  ['DC', '41888', 'Nationals Park'],
  ['FL', '74916', 'Dolphin Stadium'],
  ['FL', '73800', 'Jacksonville Municipal Stadium'],
  ['FL', '65647', 'Raymond James Stadium'],
  ['FL', '36048', 'Tropicana Field'],
]
const FIRST_BY_STATE: Readonly<Record<string, string>> = {
  CA: 'Qualcomm Stadium',
  CO: 'INVESCO Field',
  DC: 'Nationals Park',
  FL: 'Dolphin Stadium',
}
const LAST_BY_STATE: Readonly<Record<string, string>> = {
  CA: 'Shoreline Amphitheatre',
  CO: 'Coors Field',
  DC: 'Nationals Park',
  FL: 'Tropicana Field',
}
/** Rows of the FIRST_VALUE / LAST_VALUE pages' queries, by the pages' own columns. */
const venueRows = (by: Readonly<Record<string, string>>) =>
  VENUES_FIRST.map(([state, seats, name]) => [
    `${state!}        `.slice(0, 2),
    seats!,
    name!,
    by[state!]!,
  ])

const ANSWERS: readonly Answer[] = [
  // The sample table: the script runs as the page gives it.
  rows(
    'select count(*), min(dateid), max(dateid) from winsales',
    [['11', '2003-08-02', '2004-09-07']],
    [INT8, DATE, DATE],
    'r_Window_function_examples.html',
  ),
  // AVG: a rolling average; of an INTEGER a BIGINT, the quotient truncated.
  rows(
    'select salesid, dateid, sellerid, qty, avg(qty) over (order by dateid, salesid rows unbounded preceding) as avg from winsales order by 2,1',
    [
      ['30001', '2003-08-02', '3', '10', '10'],
      ['10001', '2003-12-24', '1', '10', '10'],
      ['10005', '2003-12-24', '1', '30', '16'],
      ['40001', '2004-01-09', '4', '40', '22'],
      ['10006', '2004-01-18', '1', '10', '20'],
      ['20001', '2004-02-12', '2', '20', '20'],
      ['40005', '2004-02-12', '4', '10', '18'],
      ['20002', '2004-02-16', '2', '20', '18'],
      ['30003', '2004-04-18', '3', '15', '18'],
      ['30004', '2004-04-18', '3', '20', '18'],
      ['30007', '2004-09-07', '3', '30', '19'],
    ],
    [INT4, DATE, INT4, INT4, INT8],
    'r_WF_AVG.html',
  ),
  rows(
    'select distinct sellerid, avg(all qty) over (partition by sellerid) as a, avg(qty::float8) over (partition by sellerid) as f from winsales order by 1',
    [
      ['1', '16', '16.6666666666667'],
      ['2', '20', '20'],
      ['3', '18', '18.75'],
      ['4', '25', '25'],
    ],
    [INT4, INT8, FLOAT8],
    'r_WF_AVG.html',
  ),
  // COUNT(*) and COUNT(expression) from the start of the window: BIGINT.
  rows(
    'select salesid, qty, count(*) over (order by salesid rows unbounded preceding) as count from winsales order by salesid',
    [
      ['10001', '10', '1'],
      ['10005', '30', '2'],
      ['10006', '10', '3'],
      ['20001', '20', '4'],
      ['20002', '20', '5'],
      ['30001', '10', '6'],
      ['30003', '15', '7'],
      ['30004', '20', '8'],
      ['30007', '30', '9'],
      ['40001', '40', '10'],
      ['40005', '10', '11'],
    ],
    [INT4, INT4, INT8],
    'r_WF_COUNT.html',
  ),
  rows(
    'select salesid, qty, qty_shipped, count(qty_shipped) over (order by salesid rows unbounded preceding) as count from winsales order by salesid',
    [
      ['10001', '10', '10', '1'],
      ['10005', '30', null, '1'],
      ['10006', '10', null, '1'],
      ['20001', '20', '20', '2'],
      ['20002', '20', '20', '3'],
      ['30001', '10', '10', '4'],
      ['30003', '15', null, '4'],
      ['30004', '20', null, '4'],
      ['30007', '30', null, '4'],
      ['40001', '40', null, '4'],
      ['40005', '10', '10', '5'],
    ],
    [INT4, INT4, INT4, INT8],
    'r_WF_COUNT.html',
  ),
  // CUME_DIST: rows <= x over the partition's rows, FLOAT8; 1 without ORDER BY.
  // (The page's own output is of a WINSALES with fractional quantities.)
  rows(
    'select sellerid, qty, cume_dist() over (partition by sellerid order by qty) from winsales order by 1, 2, salesid',
    [
      ['1', '10', '0.666666666666667'],
      ['1', '10', '0.666666666666667'],
      ['1', '30', '1'],
      ['2', '20', '1'],
      ['2', '20', '1'],
      ['3', '10', '0.25'],
      ['3', '15', '0.5'],
      ['3', '20', '0.75'],
      ['3', '30', '1'],
      ['4', '10', '0.5'],
      ['4', '40', '1'],
    ],
    [INT4, INT4, FLOAT8],
    'r_WF_CUME_DIST.html',
  ),
  rows(
    'select distinct cume_dist() over (partition by sellerid) as c from winsales',
    column('1'),
    [FLOAT8],
    'r_WF_CUME_DIST.html',
  ),
  // DENSE_RANK and RANK side by side: INTEGER.
  rows(
    'select salesid, qty, dense_rank() over(order by qty desc) as d_rnk, rank() over(order by qty desc) as rnk from winsales order by 2,1',
    [
      ['10001', '10', '5', '8'],
      ['10006', '10', '5', '8'],
      ['30001', '10', '5', '8'],
      ['40005', '10', '5', '8'],
      ['30003', '15', '4', '7'],
      ['20001', '20', '3', '4'],
      ['20002', '20', '3', '4'],
      ['30004', '20', '3', '4'],
      ['10005', '30', '2', '2'],
      ['30007', '30', '2', '2'],
      ['40001', '40', '1', '1'],
    ],
    [INT4, INT4, INT4, INT4],
    'r_WF_DENSE_RANK.html',
  ),
  rows(
    'select salesid, sellerid, qty, dense_rank() over(partition by sellerid order by qty desc) as d_rnk from winsales order by 2,3,1',
    [
      ['10001', '1', '10', '2'],
      ['10006', '1', '10', '2'],
      ['10005', '1', '30', '1'],
      ['20001', '2', '20', '1'],
      ['20002', '2', '20', '1'],
      ['30001', '3', '10', '4'],
      ['30003', '3', '15', '3'],
      ['30004', '3', '20', '2'],
      ['30007', '3', '30', '1'],
      ['40005', '4', '10', '2'],
      ['40001', '4', '40', '1'],
    ],
    [INT4, INT4, INT4, INT4],
    'r_WF_DENSE_RANK.html',
  ),
  rows(
    'select distinct dense_rank() over () as d, rank() over (partition by sellerid) as r from winsales',
    [['1', '1']],
    [INT4, INT4],
    'r_WF_DENSE_RANK.html',
  ),
  rows(
    'select salesid, qty, rank() over (order by qty) as rnk from winsales order by 2,1',
    [
      ['10001', '10', '1'],
      ['10006', '10', '1'],
      ['30001', '10', '1'],
      ['40005', '10', '1'],
      ['30003', '15', '5'],
      ['20001', '20', '6'],
      ['20002', '20', '6'],
      ['30004', '20', '6'],
      ['10005', '30', '9'],
      ['30007', '30', '9'],
      ['40001', '40', '11'],
    ],
    [INT4, INT4, INT4],
    'r_WF_RANK.html',
  ),
  rows(
    'select salesid, qty, rank() over (order by qty desc) as rank from winsales order by 2,1',
    [
      ['10001', '10', '8'],
      ['10006', '10', '8'],
      ['30001', '10', '8'],
      ['40005', '10', '8'],
      ['30003', '15', '7'],
      ['20001', '20', '4'],
      ['20002', '20', '4'],
      ['30004', '20', '4'],
      ['10005', '30', '2'],
      ['30007', '30', '2'],
      ['40001', '40', '1'],
    ],
    [INT4, INT4, INT4],
    'r_WF_RANK.html',
  ),
  rows(
    'select salesid, sellerid, qty, rank() over (partition by sellerid order by qty desc) as rank from winsales order by 2,3,1',
    [
      ['10001', '1', '10', '2'],
      ['10006', '1', '10', '2'],
      ['10005', '1', '30', '1'],
      ['20001', '2', '20', '1'],
      ['20002', '2', '20', '1'],
      ['30001', '3', '10', '4'],
      ['30003', '3', '15', '3'],
      ['30004', '3', '20', '2'],
      ['30007', '3', '30', '1'],
      ['40005', '4', '10', '2'],
      ['40001', '4', '40', '1'],
    ],
    [INT4, INT4, INT4, INT4],
    'r_WF_RANK.html',
  ),
  // The RANK in an expression and in the outer ORDER BY keeps its type and name.
  rows(
    "select rank() over (order by qty) + 1 as next, case when rank() over (order by qty desc) = 1 then 'top' end as t, rank() over (order by qty)::varchar as r from winsales order by rank() over (order by qty desc), salesid limit 1",
    [['12', 'top', '11']],
    [INT4, VARCHAR, VARCHAR],
    'r_WF_RANK.html',
  ),
  // FIRST_VALUE / LAST_VALUE over an unbounded frame; the type of the expression.
  rows(
    'select venuestate, venueseats, venuename, first_value(venuename) over(partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following) from (select * from venue where venueseats > 0 and venueid <> 2000) order by venuestate, venueseats desc',
    venueRows(FIRST_BY_STATE),
    [1042, INT4, VARCHAR, VARCHAR],
    'r_WF_first_value.html',
  ),
  rows(
    'select venuestate, venueseats, venuename, last_value(venuename) over(partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following) from (select * from venue where venueseats > 0 and venueid <> 2000) order by venuestate, venueseats desc',
    venueRows(LAST_BY_STATE),
    [1042, INT4, VARCHAR, VARCHAR],
    'r_WF_first_value.html',
  ),
  rows(
    "select venuestate, venueseats, venuename, first_value(venuename) over(partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following) from (select * from venue where venueseats > 0) where venuestate = 'CA' order by venueseats desc limit 3",
    [
      ['CA', '90000', null, null],
      ['CA', '70561', 'Qualcomm Stadium', null],
      ['CA', '69843', 'Monster Park', null],
    ],
    [1042, INT4, VARCHAR, VARCHAR],
    'r_WF_first_value.html',
  ),
  // LAG: the previous row's value, the type of the expression.
  rows(
    'select buyerid, saletime, qtysold, lag(qtysold,1) over (order by buyerid, saletime) as prev_qtysold from sales where buyerid = 3 order by buyerid, saletime',
    LAG_ROWS.map(([time, qty], n) => [
      '3',
      time,
      String(qty),
      n === 0 ? null : String(LAG_ROWS[n - 1]![1]),
    ]),
    [INT4, TIMESTAMP, INT2, INT2],
    'r_WF_LAG.html',
  ),
  rows(
    'select salesid, lag(qty) over (order by salesid) as l1, lag(qty, 0) over (order by salesid) as l0, lag(qty, 1 + 1) over (order by salesid) as l2 from winsales order by salesid limit 3',
    [
      ['10001', null, '10', null],
      ['10005', '10', '30', null],
      ['10006', '30', '10', '10'],
    ],
    [INT4, INT4, INT4, INT4],
    'r_WF_LAG.html',
  ),
  // LEAD: the next row's commission.
  rows(
    "select eventid, commission, saletime, lead(commission, 1) over (order by saletime) as next_comm from sales where saletime between '2008-01-01 00:00:00' and '2008-01-02 12:59:59' order by saletime limit 17",
    LEAD_ROWS.slice(0, 17).map(([event, commission, time], n) => [
      String(event),
      commission,
      time,
      LEAD_ROWS[n + 1]![1],
    ]),
    [INT4, NUMERIC, TIMESTAMP, NUMERIC],
    'r_WF_LEAD.html',
  ),
  // LISTAGG as a window function: VARCHAR, over the whole partition.
  rows(
    'select listagg(sellerid) within group (order by sellerid) over() from winsales',
    column(...Array<string>(11).fill('11122333344')),
    [VARCHAR],
    'r_WF_LISTAGG.html',
  ),
  rows(
    "select listagg(sellerid) within group (order by dateid) over () as seller from winsales where buyerid = 'b'",
    column('3233', '3233', '3233', '3233'),
    [VARCHAR],
    'r_WF_LISTAGG.html',
  ),
  rows(
    "select listagg(dateid,',') within group (order by sellerid desc,salesid asc) over () as dates from winsales where buyerid  = 'b'",
    column(
      ...Array<string>(4).fill('2003-08-02,2004-04-18,2004-04-18,2004-02-12'),
    ),
    [VARCHAR],
    'r_WF_LISTAGG.html',
  ),
  rows(
    "select listagg(distinct dateid,',') within group (order by sellerid desc,salesid asc) over () as dates from winsales where buyerid  = 'b'",
    column(...Array<string>(4).fill('2003-08-02,2004-04-18,2004-02-12')),
    [VARCHAR],
    'r_WF_LISTAGG.html',
  ),
  // The page's output lists B's and C's sales out of the WITHIN GROUP order
  // it asks for; the rows here follow ORDER BY salesid.
  rows(
    "select buyerid, listagg(salesid,',') within group (order by salesid) over (partition by buyerid) as sales_id from winsales order by buyerid",
    [
      ...Array<string[]>(3).fill(['a         ', '10005,40001,40005']),
      ...Array<string[]>(4).fill(['b         ', '20001,30001,30003,30004']),
      ...Array<string[]>(4).fill(['c         ', '10001,10006,20002,30007']),
    ],
    [1042, VARCHAR],
    'r_WF_LISTAGG.html',
  ),
  // NULLs and empty strings are left out; DISTINCT ignores trailing blanks
  // and keeps the first value met, in the window as in the aggregate.
  rows(
    "select distinct listagg(word, ',') within group (order by id) over () as all_words, listagg(distinct word, ',') within group (order by id) over () as distinct_words from words",
    [['a,a  ,b,a', 'a,b']],
    [VARCHAR, VARCHAR],
    'r_WF_LISTAGG.html',
  ),
  rows(
    "select listagg(distinct word, ',') within group (order by id desc) as d from words",
    column('a,b'),
    [VARCHAR],
    'r_LISTAGG.html',
  ),
  // MAX / MIN from the start of the window and in a restricted frame.
  rows(
    'select salesid, qty, max(qty) over (order by salesid rows unbounded preceding) as max from winsales order by salesid',
    [
      ['10001', '10', '10'],
      ['10005', '30', '30'],
      ['10006', '10', '30'],
      ['20001', '20', '30'],
      ['20002', '20', '30'],
      ['30001', '10', '30'],
      ['30003', '15', '30'],
      ['30004', '20', '30'],
      ['30007', '30', '30'],
      ['40001', '40', '40'],
      ['40005', '10', '40'],
    ],
    [INT4, INT4, INT4],
    'r_WF_MAX.html',
  ),
  rows(
    'select salesid, qty, max(qty) over (order by salesid rows between 2 preceding and 1 preceding) as max from winsales order by salesid',
    [
      ['10001', '10', null],
      ['10005', '30', '10'],
      ['10006', '10', '30'],
      ['20001', '20', '30'],
      ['20002', '20', '20'],
      ['30001', '10', '20'],
      ['30003', '15', '20'],
      ['30004', '20', '15'],
      ['30007', '30', '20'],
      ['40001', '40', '30'],
      ['40005', '10', '40'],
    ],
    [INT4, INT4, INT4],
    'r_WF_MAX.html',
  ),
  rows(
    'select salesid, qty, min(qty) over (order by salesid rows unbounded preceding) from winsales order by salesid',
    [
      ['10001', '10', '10'],
      ['10005', '30', '10'],
      ['10006', '10', '10'],
      ['20001', '20', '10'],
      ['20002', '20', '10'],
      ['30001', '10', '10'],
      ['30003', '15', '10'],
      ['30004', '20', '10'],
      ['30007', '30', '10'],
      ['40001', '40', '10'],
      ['40005', '10', '10'],
    ],
    [INT4, INT4, INT4],
    'r_WF_MIN.html',
  ),
  rows(
    'select salesid, qty, min(qty) over (order by salesid rows between 2 preceding and 1 preceding) as min from winsales order by salesid',
    [
      ['10001', '10', null],
      ['10005', '30', '10'],
      ['10006', '10', '10'],
      ['20001', '20', '10'],
      ['20002', '20', '10'],
      ['30001', '10', '20'],
      ['30003', '15', '10'],
      ['30004', '20', '10'],
      ['30007', '30', '15'],
      ['40001', '40', '20'],
      ['40005', '10', '30'],
    ],
    [INT4, INT4, INT4],
    'r_WF_MIN.html',
  ),
  // MEDIAN over SUM(DECIMAL(8,2)), a DECIMAL(38,2), and over its cast.
  rows(
    'select salesid, sum(pricepaid), median(sum(pricepaid)) over() from sales where salesid < 4 group by salesid order by salesid',
    [
      ['1', '100.00', '100.00'],
      ['2', '100.00', '100.00'],
      ['3', '100.00', '100.00'],
    ],
    [INT4, NUMERIC, NUMERIC],
    'r_WF_MEDIAN.html',
  ),
  rows(
    'select salesid, median(sum(pricepaid)::decimal(30,2)) over() as m from sales where salesid < 3 group by salesid order by salesid',
    [
      ['1', '100.00'],
      ['2', '100.00'],
    ],
    [INT4, NUMERIC],
    'r_WF_MEDIAN.html',
  ),
  // NTILE: 17 prices in four groups of as equal size as possible.
  rows(
    "select eventname, caldate, pricepaid, ntile(4) over(order by pricepaid desc) from sales, event, date where sales.eventid=event.eventid and event.dateid=date.dateid and eventname='Hamlet' and caldate='2008-08-26' order by 4, 3 desc",
    HAMLET_PRICES.map((price, n) => [
      'Hamlet',
      '2008-08-26',
      price,
      String(n < 5 ? 1 : Math.floor((n - 5) / 4) + 2),
    ]),
    [VARCHAR, DATE, NUMERIC, INT8],
    'r_WF_NTILE.html',
  ),
  // PERCENT_RANK: (rank - 1) / (rows - 1), FLOAT8; 0 without ORDER BY.
  rows(
    'select sellerid, qty, percent_rank() over (partition by sellerid order by qty) from winsales order by 1, 2, salesid',
    [
      ['1', '10', '0'],
      ['1', '10', '0'],
      ['1', '30', '1'],
      ['2', '20', '0'],
      ['2', '20', '0'],
      ['3', '10', '0'],
      ['3', '15', '0.333333333333333'],
      ['3', '20', '0.666666666666667'],
      ['3', '30', '1'],
      ['4', '10', '0'],
      ['4', '40', '1'],
    ],
    [INT4, INT4, FLOAT8],
    'r_WF_PERCENT_RANK.html',
  ),
  rows(
    'select distinct percent_rank() over () as p from winsales',
    column('0'),
    [FLOAT8],
    'r_WF_PERCENT_RANK.html',
  ),
  // PERCENTILE_CONT / _DISC over SUM(DECIMAL), the usage notes' queries.
  rows(
    'select salesid, sum(pricepaid), percentile_cont(0.6) within group (order by sum(pricepaid) desc) over() as c, percentile_disc(0.6) within group (order by sum(pricepaid)::decimal(30,2) desc) over() as d from sales where salesid in (33095, 65082, 88268) group by salesid order by salesid',
    [
      ['33095', '234.00', '424.40', '472.00'],
      ['65082', '472.00', '424.40', '472.00'],
      ['88268', '836.00', '424.40', '472.00'],
    ],
    [INT4, NUMERIC, NUMERIC, NUMERIC],
    'r_WF_PERCENTILE_CONT.html',
  ),
  // RATIO_TO_REPORT of a NULL is NULL.
  rows(
    'select salesid, ratio_to_report(qty_shipped) over (partition by sellerid) as r from winsales where sellerid = 1 order by salesid',
    [
      ['10001', '1'],
      ['10005', null],
      ['10006', null],
    ],
    [INT4, FLOAT8],
    'r_WF_RATIO_TO_REPORT.html',
  ),
  // ROW_NUMBER: BIGINT. Ties get different numbers in no given order, so the
  // page's columns are shown without SALESID.
  rows(
    'select sellerid, qty, row_number() over (partition by sellerid order by qty asc) as row from winsales order by 1,3',
    [
      ['1', '10', '1'],
      ['1', '10', '2'],
      ['1', '30', '3'],
      ['2', '20', '1'],
      ['2', '20', '2'],
      ['3', '10', '1'],
      ['3', '15', '2'],
      ['3', '20', '3'],
      ['3', '30', '4'],
      ['4', '10', '1'],
      ['4', '40', '2'],
    ],
    [INT4, INT4, INT8],
    'r_WF_ROW_NUMBER.html',
  ),
  // STDDEV_POP and VAR_POP, rolling: DOUBLE PRECISION whatever the argument.
  rows(
    'select salesid, dateid, pricepaid, round(stddev_pop(pricepaid) over (order by dateid, salesid rows unbounded preceding)) as stddevpop, round(var_pop(pricepaid) over (order by dateid, salesid rows unbounded preceding)) as varpop from sales order by 2,1 limit 9',
    [
      ['33095', '1827', '234.00', '0', '0'],
      ['65082', '1827', '472.00', '119', '14161'],
      ['88268', '1827', '836.00', '248', '61283'],
      ['97197', '1827', '708.00', '230', '53019'],
      ['110328', '1827', '347.00', '223', '49845'],
      ['110917', '1827', '337.00', '215', '46159'],
      ['150314', '1827', '688.00', '211', '44414'],
      ['157751', '1827', '1730.00', '447', '199679'],
      ['165890', '1827', '4192.00', '1185', '1403323'],
    ],
    [INT4, INT2, NUMERIC, FLOAT8, FLOAT8],
    'r_WF_STDDEV.html',
  ),
  rows(
    'select distinct round(stddev_samp(qty) over ()) as s, round(stddev(qty) over ()) as d, round(stddev_pop(qty) over ()) as p from winsales',
    [['10', '10', '10']],
    [FLOAT8, FLOAT8, FLOAT8],
    'r_WF_STDDEV.html',
  ),
  rows(
    'select distinct round(var_samp(qty) over ()) as s, round(variance(qty) over ()) as v, round(var_pop(qty) over ()) as p, var_pop(qty::decimal(5,2)) over (partition by sellerid) = 0 as flat from winsales where sellerid = 2',
    [['0', '0', '0', 't']],
    [FLOAT8, FLOAT8, FLOAT8, 16],
    'r_WF_VARIANCE.html',
  ),
  // SUM: rolling sums, by partition, and SUM(1) as a row number; BIGINT.
  rows(
    'select salesid, dateid, sellerid, qty, sum(qty) over (order by dateid, salesid rows unbounded preceding) as sum from winsales order by 2,1',
    [
      ['30001', '2003-08-02', '3', '10', '10'],
      ['10001', '2003-12-24', '1', '10', '20'],
      ['10005', '2003-12-24', '1', '30', '50'],
      ['40001', '2004-01-09', '4', '40', '90'],
      ['10006', '2004-01-18', '1', '10', '100'],
      ['20001', '2004-02-12', '2', '20', '120'],
      ['40005', '2004-02-12', '4', '10', '130'],
      ['20002', '2004-02-16', '2', '20', '150'],
      ['30003', '2004-04-18', '3', '15', '165'],
      ['30004', '2004-04-18', '3', '20', '185'],
      ['30007', '2004-09-07', '3', '30', '215'],
    ],
    [INT4, DATE, INT4, INT4, INT8],
    'r_WF_SUM.html',
  ),
  rows(
    'select salesid, dateid, sellerid, qty, sum(qty) over (partition by sellerid order by dateid, salesid rows unbounded preceding) as sum from winsales order by 2,1',
    [
      ['30001', '2003-08-02', '3', '10', '10'],
      ['10001', '2003-12-24', '1', '10', '10'],
      ['10005', '2003-12-24', '1', '30', '40'],
      ['40001', '2004-01-09', '4', '40', '40'],
      ['10006', '2004-01-18', '1', '10', '50'],
      ['20001', '2004-02-12', '2', '20', '20'],
      ['40005', '2004-02-12', '4', '10', '50'],
      ['20002', '2004-02-16', '2', '20', '40'],
      ['30003', '2004-04-18', '3', '15', '25'],
      ['30004', '2004-04-18', '3', '20', '45'],
      ['30007', '2004-09-07', '3', '30', '75'],
    ],
    [INT4, DATE, INT4, INT4, INT8],
    'r_WF_SUM.html',
  ),
  rows(
    'select salesid, sellerid, qty, sum(1) over (order by sellerid, salesid rows unbounded preceding) as rownum from winsales order by 2,1',
    [
      ['10001', '1', '10', '1'],
      ['10005', '1', '30', '2'],
      ['10006', '1', '10', '3'],
      ['20001', '2', '20', '4'],
      ['20002', '2', '20', '5'],
      ['30001', '3', '10', '6'],
      ['30003', '3', '15', '7'],
      ['30004', '3', '20', '8'],
      ['30007', '3', '30', '9'],
      ['40001', '4', '40', '10'],
      ['40005', '4', '10', '11'],
    ],
    [INT4, INT4, INT4, INT8],
    'r_WF_SUM.html',
  ),
  rows(
    'select salesid, sellerid, qty, sum(1) over (partition by sellerid order by sellerid, salesid rows unbounded preceding) as rownum from winsales order by 2,1',
    [
      ['10001', '1', '10', '1'],
      ['10005', '1', '30', '2'],
      ['10006', '1', '10', '3'],
      ['20001', '2', '20', '1'],
      ['20002', '2', '20', '2'],
      ['30001', '3', '10', '1'],
      ['30003', '3', '15', '2'],
      ['30004', '3', '20', '3'],
      ['30007', '3', '30', '4'],
      ['40001', '4', '40', '1'],
      ['40005', '4', '10', '2'],
    ],
    [INT4, INT4, INT4, INT8],
    'r_WF_SUM.html',
  ),
  // The unique ordering page: a second ORDER BY column makes the sum stable.
  rows(
    'select dateid, pricepaid, sum(pricepaid) over(order by dateid, pricepaid rows unbounded preceding) as sumpaid from sales group by dateid, pricepaid order by dateid, pricepaid limit 3',
    [
      ['1827', '234.00', '234.00'],
      ['1827', '337.00', '571.00'],
      ['1827', '347.00', '918.00'],
    ],
    [INT2, NUMERIC, NUMERIC],
    'r_Examples_order_by_WF.html',
  ),
  // The syntax summary's frames: one bound ends at the current row
  // (`ROWS 2 PRECEDING`, `ROWS UNBOUNDED FOLLOWING` = BETWEEN CURRENT ROW
  // AND UNBOUNDED FOLLOWING); without ORDER BY the frame is the partition.
  rows(
    'select salesid, sum(qty) over (order by salesid rows 2 preceding) as p2, sum(qty) over (order by salesid rows unbounded following) as rest, sum(qty) over (order by salesid rows 1 following) as next, sum(qty) over (order by salesid rows current row) as cur, sum(qty) over (order by salesid rows between 1 preceding and 1 following) as around, sum(qty) over (partition by sellerid) as seller from winsales order by salesid',
    [
      ['10001', '10', '215', '40', '10', '40', '50'],
      ['10005', '40', '205', '40', '30', '50', '50'],
      ['10006', '50', '175', '30', '10', '60', '50'],
      ['20001', '60', '165', '40', '20', '50', '40'],
      ['20002', '50', '145', '30', '20', '50', '40'],
      ['30001', '50', '125', '25', '10', '45', '75'],
      ['30003', '45', '115', '35', '15', '45', '75'],
      ['30004', '45', '100', '50', '20', '65', '75'],
      ['30007', '65', '80', '70', '30', '90', '75'],
      ['40001', '90', '50', '50', '40', '80', '50'],
      ['40005', '80', '10', '10', '10', '50', '50'],
    ],
    [INT4, INT8, INT8, INT8, INT8, INT8, INT8],
    'r_Window_function_synopsis.html',
  ),
  // NULLs sort last ascending and first descending, unless NULLS says otherwise.
  rows(
    'select salesid, rank() over (order by qty_shipped) as up, rank() over (order by qty_shipped desc) as down, rank() over (order by qty_shipped nulls first) as nf, rank() over (order by qty_shipped desc nulls last) as nl from winsales where sellerid = 1 order by salesid',
    [
      ['10001', '1', '3', '3', '1'],
      ['10005', '2', '1', '1', '2'],
      ['10006', '2', '1', '1', '2'],
    ],
    [INT4, INT4, INT4, INT4, INT4],
    'r_Window_function_synopsis.html',
  ),
  // Window functions in CASE and in the final ORDER BY (r_Window_functions.html).
  rows(
    "select salesid, case when row_number() over (partition by sellerid order by qty desc, salesid) = 1 then 'best' else '' end as b from winsales where sellerid = 4 order by row_number() over (order by salesid desc)",
    [
      ['40005', ''],
      ['40001', 'best'],
    ],
    [INT4, VARCHAR],
    'r_Window_functions.html',
  ),
]

const REFUSALS: readonly Refusal[] = [
  // "DISTINCT is not supported" in the window aggregates (PostgreSQL's
  // wording: Redshift's is not documented).
  ...['count', 'sum', 'avg', 'max', 'stddev_pop'].map((fn) =>
    refused(
      `select ${fn}(distinct qty) over (partition by sellerid) from winsales`,
      '0A000',
      'DISTINCT is not implemented for window functions',
      `r_WF_${fn === 'stddev_pop' ? 'STDDEV' : fn.toUpperCase()}.html`,
    ),
  ),
  // An aggregate with ORDER BY needs a frame.
  ...[
    ['count(*)', 'r_WF_COUNT.html'],
    ['avg(qty)', 'r_WF_AVG.html'],
    ['min(qty)', 'r_WF_MIN.html'],
    ['max(qty)', 'r_WF_MAX.html'],
    ['var_pop(qty)', 'r_WF_VARIANCE.html'],
    ['stddev_samp(qty)', 'r_WF_STDDEV.html'],
    ['last_value(qty)', 'r_WF_first_value.html'],
    ['nth_value(qty, 2)', 'r_WF_NTH.html'],
  ].map(([call, page]) =>
    refused(
      `select ${call!} over (partition by sellerid order by salesid) from winsales`,
      '0A000',
      'Aggregate window functions with an ORDER BY clause require a frame clause',
      page!,
    ),
  ),
  // The ranking functions, CUME_DIST, PERCENT_RANK, NTILE, LAG and LEAD take no frame.
  ...[
    ['rank()', 'r_WF_RANK.html'],
    ['dense_rank()', 'r_WF_DENSE_RANK.html'],
    ['row_number()', 'r_WF_ROW_NUMBER.html'],
    ['ntile(2)', 'r_WF_NTILE.html'],
    ['cume_dist()', 'r_WF_CUME_DIST.html'],
    ['percent_rank()', 'r_WF_PERCENT_RANK.html'],
    ['lag(qty)', 'r_WF_LAG.html'],
    ['lead(qty, 2)', 'r_WF_LEAD.html'],
  ].map(([call, page]) =>
    refused(
      `select ${call!} over (order by salesid rows between unbounded preceding and current row) from winsales`,
      '42601',
      'syntax error at or near "ROWS"',
      page!,
    ),
  ),
  // LAG and LEAD need ORDER BY (with or without IGNORE NULLS).
  refused(
    'select lag(qty) over (partition by sellerid) from winsales',
    '42601',
    'syntax error at or near ")"',
    'r_WF_LAG.html',
  ),
  refused(
    'select lead(qty) ignore nulls over () from winsales',
    '42601',
    'syntax error at or near ")"',
    'r_WF_LEAD.html',
  ),
  // MEDIAN and LISTAGG take only PARTITION BY.
  refused(
    'select median(qty) over (order by qty) from winsales',
    '42601',
    'syntax error at or near "order"',
    'r_WF_MEDIAN.html',
  ),
  refused(
    'select median(qty) over (partition by sellerid rows unbounded preceding) from winsales',
    '42601',
    'syntax error at or near "rows"',
    'r_WF_MEDIAN.html',
  ),
  refused(
    "select listagg(salesid, ',') within group (order by salesid) over (partition by buyerid order by salesid) from winsales",
    '42601',
    'syntax error at or near "order"',
    'r_WF_LISTAGG.html',
  ),
  refused(
    'select listagg(salesid) over (rows unbounded preceding) from winsales',
    '42601',
    'syntax error at or near "rows"',
    'r_WF_LISTAGG.html',
  ),
  // Only ROWS frames, without EXCLUDE; bounds in order.
  refused(
    'select sum(qty) over (order by salesid range between 1 preceding and current row) from winsales',
    '0A000',
    'RANGE window frames is not supported',
    'r_Window_function_synopsis.html',
  ),
  refused(
    'select sum(qty) over (order by salesid groups between 1 preceding and current row) from winsales',
    '0A000',
    'GROUPS window frames is not supported',
    'r_Window_function_synopsis.html',
  ),
  refused(
    'select sum(qty) over (order by salesid rows between 1 preceding and current row exclude current row) from winsales',
    '0A000',
    'EXCLUDE in window frames is not supported',
    'r_Window_function_synopsis.html',
  ),
  // "You can't specify a frame in which the starting boundary is greater
  // than the ending boundary" (PostgreSQL's wording).
  ...[
    ['between 5 following and 5 preceding', 'following row'],
    ['between current row and 2 preceding', 'current row'],
    ['between 3 following and current row', 'following row'],
  ].map(([frame, from]) =>
    refused(
      `select sum(qty) over (order by salesid rows ${frame!}) from winsales`,
      '42P20',
      `frame starting from ${from!} cannot have preceding rows`,
      'r_Window_function_synopsis.html',
    ),
  ),
  // No string literal in PARTITION BY, no constant in the order list.
  refused(
    "select sum(qty) over (partition by 'all') from winsales",
    '0A000',
    'A string literal in the PARTITION BY clause of a window function is not supported',
    'r_Window_function_synopsis.html',
  ),
  ...["'x'", '1', '1 + 1', "'x'::varchar"].map((key) =>
    refused(
      `select row_number() over (order by ${key}) from winsales`,
      '0A000',
      'A constant in the ORDER BY clause of a window function is not supported',
      'r_Window_function_synopsis.html',
    ),
  ),
  // No FILTER, no named windows.
  refused(
    'select count(*) filter (where qty > 10) over (partition by sellerid) from winsales',
    '42601',
    'syntax error at or near "FILTER"',
    'r_Window_function_synopsis.html',
  ),
  refused(
    'select rank() over w from winsales window w as (order by qty)',
    '42601',
    'syntax error at or near "WINDOW"',
    'r_Window_function_synopsis.html',
  ),
  // Window functions only in the select list and ORDER BY (PostgreSQL's wording).
  refused(
    'select salesid from winsales where rank() over (order by qty) = 1',
    '42P20',
    'window functions are not allowed in WHERE',
    'r_Window_functions.html',
  ),
  refused(
    'select sellerid from winsales group by sellerid, row_number() over (order by sellerid)',
    '42P20',
    'window functions are not allowed in GROUP BY',
    'r_Window_functions.html',
  ),
  // NTH_VALUE's offset and NTILE's groups are positive (PostgreSQL's wording).
  refused(
    'select nth_value(qty, 0) over (partition by sellerid) from winsales',
    '22016',
    'argument of nth_value must be greater than zero',
    'r_WF_NTH.html',
  ),
  refused(
    'select ntile(0) over (order by qty) from winsales',
    '22014',
    'argument of ntile must be greater than zero',
    'r_WF_NTILE.html',
  ),
]

describe('local emulator: the window functions, audited', () => {
  const client = useTextDatabase('local_fid_window', SETUP)

  it.each(ANSWERS)('$sql ($doc)', (answer) => expectAnswer(client(), answer))

  it.each(REFUSALS)('refuses $sql ($doc)', (refusal) =>
    expectRefusal(client(), refusal),
  )
})
