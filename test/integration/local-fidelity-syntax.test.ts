import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// Redshift query syntax PostgreSQL's grammar lacks, run through the emulator:
// each case is a query from a Developer Guide page (on the page's sample
// data, built below), with the rows the page documents, or a form the page
// refuses. Ordered rows come from an ORDER BY the case adds where the page's
// own output order is not guaranteed.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

interface Result {
  readonly sql: string
  readonly rows: readonly Record<string, unknown>[]
  readonly doc: string
  /** Compare numbers rounded to this many decimals (pages show rounded values). */
  readonly digits?: number
}

interface Refusal {
  readonly sql: string
  readonly code: string
  readonly message: RegExp
  readonly doc: string
}

const SETUP = [
  // r_QUALIFY_clause.html
  'create table store_sales (ss_sold_date date, ss_sold_time time, ss_item text, ss_sales_price float)',
  "insert into store_sales values ('2022-01-01', '09:00:00', 'Product 1', 100.0), ('2022-01-01', '11:00:00', 'Product 2', 500.0), ('2022-01-01', '15:00:00', 'Product 3', 20.0), ('2022-01-01', '17:00:00', 'Product 4', 1000.0), ('2022-01-01', '18:00:00', 'Product 5', 30.0), ('2022-01-02', '10:00:00', 'Product 6', 5000.0), ('2022-01-02', '16:00:00', 'Product 7', 5.0)",
  // c_Window_functions.html (WINSALES)
  'create table winsales (salesid int, dateid date, sellerid int, buyerid char(10), qty int, qty_shipped int)',
  "insert into winsales values (30001, '8/2/2003', 3, 'b', 10, 10), (10001, '12/24/2003', 1, 'c', 10, 10), (10005, '12/24/2003', 1, 'a', 30, null), (40001, '1/9/2004', 4, 'a', 40, null), (10006, '1/18/2004', 1, 'c', 10, null), (20001, '2/12/2004', 2, 'b', 20, 20), (40005, '2/12/2004', 4, 'a', 10, 10), (20002, '2/16/2004', 2, 'c', 20, 20), (30003, '4/18/2004', 3, 'b', 15, null), (30004, '4/18/2004', 3, 'b', 20, null), (30007, '9/7/2004', 3, 'c', 30, null)",
  // r_WF_first_value.html and r_WF_NTH.html: the venues the pages show, and the row with a NULL name.
  'create table venue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
  "insert into venue values (1, 'Qualcomm Stadium', 'San Diego', 'CA', 70561), (2, 'Monster Park', 'San Francisco', 'CA', 69843), (3, 'McAfee Coliseum', 'Oakland', 'CA', 63026), (4, 'Dodger Stadium', 'Los Angeles', 'CA', 56000), (5, 'Angel Stadium of Anaheim', 'Anaheim', 'CA', 45050), (6, 'PETCO Park', 'San Diego', 'CA', 42445), (7, 'AT&T Park', 'San Francisco', 'CA', 41503), (8, 'Shoreline Amphitheatre', 'Mountain View', 'CA', 22000), (9, 'Dolphin Stadium', 'Miami Gardens', 'FL', 74916), (10, 'Jacksonville Municipal Stadium', 'Jacksonville', 'FL', 73800), (11, 'Raymond James Stadium', 'Tampa', 'FL', 65647), (12, 'Tropicana Field', 'St. Petersburg', 'FL', 36048), (13, 'Ralph Wilson Stadium', 'Orchard Park', 'NY', 73967), (14, 'Yankee Stadium', 'New York City', 'NY', 52325), (15, 'Madison Square Garden', 'New York City', 'NY', 20000), (2000, null, 'Stanford', 'CA', 90000)",
  // r_FROM_clause-pivot-unpivot-examples.html
  'create table part (partname varchar, manufacturer varchar, quality int, price decimal(12, 2))',
  "insert into part values ('prop', 'local parts co', 2, 10.00), ('prop', 'big parts co', null, 9.00), ('prop', 'small parts co', 1, 12.00), ('rudder', 'local parts co', 1, 2.50), ('rudder', 'big parts co', 2, 3.75), ('rudder', 'small parts co', null, 1.90), ('wing', 'local parts co', null, 7.50), ('wing', 'big parts co', 1, 15.20), ('wing', 'small parts co', null, 11.80)",
  'create table bookings (booking_id int, hotel_code char(8), booking_date date, price decimal(12, 2))',
  "insert into bookings values (1, 'FOREST_L', '02/01/2023', 75.12), (2, 'FOREST_L', '02/02/2023', 75.00), (3, 'FOREST_L', '02/04/2023', 85.54), (4, 'FOREST_L', '02/08/2023', 75.00), (5, 'FOREST_L', '02/11/2023', 75.00), (6, 'FOREST_L', '02/14/2023', 90.00), (7, 'FOREST_L', '02/21/2023', 60.00), (8, 'FOREST_L', '02/22/2023', 85.00), (9, 'FOREST_L', '02/27/2023', 90.00), (10, 'DESERT_S', '02/01/2023', 98.00), (11, 'DESERT_S', '02/02/2023', 75.00), (12, 'DESERT_S', '02/04/2023', 85.00), (13, 'DESERT_S', '02/05/2023', 75.00), (14, 'DESERT_S', '02/06/2023', 34.00), (15, 'DESERT_S', '02/09/2023', 85.00), (16, 'DESERT_S', '02/12/2023', 23.00), (17, 'DESERT_S', '02/13/2023', 76.00), (18, 'DESERT_S', '02/14/2023', 85.00), (19, 'OCEAN_WV', '02/01/2023', 98.00), (20, 'OCEAN_WV', '02/02/2023', 75.00), (21, 'OCEAN_WV', '02/04/2023', 85.00), (22, 'OCEAN_WV', '02/06/2023', 75.00), (23, 'OCEAN_WV', '02/09/2023', 34.00), (24, 'OCEAN_WV', '02/12/2023', 85.00), (25, 'OCEAN_WV', '02/13/2023', 23.00), (26, 'OCEAN_WV', '02/14/2023', 76.00), (27, 'OCEAN_WV', '02/16/2023', 85.00), (28, 'CITY_BLD', '02/01/2023', 98.00), (29, 'CITY_BLD', '02/02/2023', 75.00), (30, 'CITY_BLD', '02/04/2023', 85.00), (31, 'CITY_BLD', '02/12/2023', 75.00), (32, 'CITY_BLD', '02/13/2023', 34.00), (33, 'CITY_BLD', '02/17/2023', 85.00), (34, 'CITY_BLD', '02/22/2023', 23.00), (35, 'CITY_BLD', '02/23/2023', 76.00), (36, 'CITY_BLD', '02/24/2023', 85.00)",
  'create table count_by_color (quality varchar, red int, green int, blue int)',
  "insert into count_by_color values ('high', 15, 20, 7), ('normal', 35, null, 40), ('low', 10, 23, null)",
  // r_CONNECT_BY_clause.html
  'create table employee (id int, name varchar(20), manager_id int)',
  "insert into employee (id, name, manager_id) values (100, 'Carlos', null), (101, 'John', 100), (102, 'Jorge', 101), (103, 'Kwaku', 101), (110, 'Liu', 101), (106, 'Mateo', 102), (110, 'Nikki', 103), (104, 'Paulo', 103), (105, 'Richard', 103), (120, 'Saanvi', 104), (200, 'Shirley', 104), (201, 'Sofía', 102), (205, 'Zhang', 104)",
  'create table loops (id int, parent int)',
  'insert into loops values (1, 2), (2, 1)',
  // r_WHERE_oracle_outer.html: TICKIT's CATEGORY and EVENT, a few rows of each.
  'create table category (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))',
  "insert into category values (1, 'Sports', 'MLB', 'Major League Baseball'), (6, 'Shows', 'Musicals', 'Musical theatre'), (7, 'Shows', 'Plays', 'All non-musical theatre'), (9, 'Concerts', 'Pop', 'All rock and pop music concerts')",
  'create table event (eventid integer, venueid smallint, catid smallint, dateid smallint, eventname varchar(200))',
  "insert into event values (796, 1, 6, 1, 'Mamma Mia!'), (797, 1, 6, 1, 'The Lion King'), (798, 1, 9, 1, 'Pop concert')",
  'create table listing (listid integer, sellerid integer, numtickets smallint)',
  'insert into listing values (1, 1, 4), (2, 1, 2), (3, 2, 2), (4, 2, 8), (5, 3, 10)',
  'create table sales (salesid integer, listid integer, pricepaid decimal(8, 2), commission decimal(8, 2))',
  'insert into sales values (1, 1, 728.00, 109.20), (2, 4, 76.00, 11.40), (3, 5, 525.00, 78.75)',
  // r_SELECT_list.html
  'create table raw_data (clicks int, impressions int)',
  'insert into raw_data values (10, 4), (30, 6)',
  'create table raw_data_probability (clicks int, impressions int, probability int)',
  'insert into raw_data_probability values (10, 4, 7)',
]

const RESULTS: readonly Result[] = [
  // QUALIFY
  {
    sql: "SELECT ss_item, ss_sales_price FROM store_sales ss WHERE ss_sold_time > time '12:00:00' QUALIFY row_number() OVER (PARTITION BY ss_sold_date ORDER BY ss_sales_price DESC) <= 2 ORDER BY ss_item",
    rows: [
      { ss_item: 'Product 4', ss_sales_price: 1000 },
      { ss_item: 'Product 5', ss_sales_price: 30 },
      { ss_item: 'Product 7', ss_sales_price: 5 },
    ],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    sql: 'SELECT ss_item FROM store_sales ss QUALIFY last_value(ss_item) OVER (PARTITION BY ss_sold_date ORDER BY ss_sold_time ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) = ss_item',
    rows: [{ ss_item: 'Product 5' }, { ss_item: 'Product 7' }],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    // The page's own example: QUALIFY filters on a select-list alias.
    sql: "SELECT ss_sold_date::varchar AS d, ss_item, last_value(ss_item) OVER (PARTITION BY ss_sold_date ORDER BY ss_sold_time ASC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_item FROM store_sales ss WHERE ss_sold_date = '2022-01-01' QUALIFY last_item = ss_item",
    rows: [{ d: '2022-01-01', ss_item: 'Product 5', last_item: 'Product 5' }],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    // An alias inside an expression and a subquery's own column of that name.
    sql: "select ss_item, ss_sales_price * 2 as twice from store_sales s qualify twice > 1000 and row_number() over (order by ss_item) > 0 and exists (select 1 from (select 'x' as twice) q where q.twice = 'x') order by twice",
    rows: [
      { ss_item: 'Product 4', twice: 2000 },
      { ss_item: 'Product 6', twice: 10000 },
    ],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    // The select list's window functions see every row; QUALIFY filters after them.
    sql: 'select ss_item, row_number() over (order by ss_sales_price desc) as rn from store_sales s qualify row_number() over (order by ss_sales_price) >= 6 order by rn',
    rows: [
      { ss_item: 'Product 6', rn: '1' },
      { ss_item: 'Product 4', rn: '2' },
    ],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    // QUALIFY and HAVING in one query; QUALIFY comes before ORDER BY and LIMIT.
    sql: 'select ss_sold_date::varchar as d, count(*) as n from store_sales s group by ss_sold_date having count(*) > 1 qualify rank() over (order by count(*) desc) = 1 limit 5',
    rows: [{ d: '2022-01-01', n: '5' }],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    sql: 'select ss_item from store_sales s where ss_sales_price > 100 qualify row_number() over (order by ss_sales_price) = 1 union all select ss_item from store_sales s qualify row_number() over (order by ss_sales_price) = 1 order by 1',
    rows: [{ ss_item: 'Product 2' }, { ss_item: 'Product 7' }],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    sql: 'select count(*) as n from (select ss_item from store_sales s qualify rank() over (partition by ss_sold_date order by ss_sold_time) = 1) as firsts',
    rows: [{ n: '2' }],
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  // IGNORE NULLS / RESPECT NULLS
  {
    sql: "select venuestate, venueseats, venuename, first_value(venuename ignore nulls) over (partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following) from (select * from venue where venuestate = 'CA') order by venueseats desc limit 3",
    rows: [
      {
        venuestate: 'CA',
        venueseats: 90000,
        venuename: null,
        first_value: 'Qualcomm Stadium',
      },
      {
        venuestate: 'CA',
        venueseats: 70561,
        venuename: 'Qualcomm Stadium',
        first_value: 'Qualcomm Stadium',
      },
      {
        venuestate: 'CA',
        venueseats: 69843,
        venuename: 'Monster Park',
        first_value: 'Qualcomm Stadium',
      },
    ],
    doc: `${DG}r_WF_first_value.html`,
  },
  {
    sql: "select venueseats, first_value(venuename respect nulls) over (partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following) from venue where venuestate = 'CA' order by venueseats desc limit 2",
    rows: [
      { venueseats: 90000, first_value: null },
      { venueseats: 70561, first_value: null },
    ],
    doc: `${DG}r_WF_first_value.html`,
  },
  {
    sql: "select venueseats, last_value(venuename ignore nulls) over (partition by venuestate order by venueseats rows between unbounded preceding and unbounded following) from venue where venuestate = 'CA' order by venueseats limit 1",
    rows: [{ venueseats: 22000, last_value: 'Qualcomm Stadium' }],
    doc: `${DG}r_WF_first_value.html`,
  },
  {
    sql: "select venuestate, venuename, venueseats, nth_value(venueseats, 3) ignore nulls over (partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following) as third_most_seats from (select * from venue where venueseats > 0 and venuestate in ('CA', 'FL', 'NY') and venuename is not null) order by venuestate, venueseats desc",
    rows: [
      ['CA', 'Qualcomm Stadium', 70561, 63026],
      ['CA', 'Monster Park', 69843, 63026],
      ['CA', 'McAfee Coliseum', 63026, 63026],
      ['CA', 'Dodger Stadium', 56000, 63026],
      ['CA', 'Angel Stadium of Anaheim', 45050, 63026],
      ['CA', 'PETCO Park', 42445, 63026],
      ['CA', 'AT&T Park', 41503, 63026],
      ['CA', 'Shoreline Amphitheatre', 22000, 63026],
      ['FL', 'Dolphin Stadium', 74916, 65647],
      ['FL', 'Jacksonville Municipal Stadium', 73800, 65647],
      ['FL', 'Raymond James Stadium', 65647, 65647],
      ['FL', 'Tropicana Field', 36048, 65647],
      ['NY', 'Ralph Wilson Stadium', 73967, 20000],
      ['NY', 'Yankee Stadium', 52325, 20000],
      ['NY', 'Madison Square Garden', 20000, 20000],
    ].map(([venuestate, venuename, venueseats, third_most_seats]) => ({
      venuestate,
      venuename,
      venueseats,
      third_most_seats,
    })),
    doc: `${DG}r_WF_NTH.html`,
  },
  {
    // IGNORE NULLS skips the NULL name when counting to the n-th row.
    sql: "select nth_value(venuename, 2) ignore nulls over (order by venueseats desc rows between unbounded preceding and unbounded following) as second, nth_value(venuename, 2) respect nulls over (order by venueseats desc rows between unbounded preceding and unbounded following) as second_any from venue where venuestate = 'CA' limit 1",
    rows: [{ second: 'Monster Park', second_any: 'Qualcomm Stadium' }],
    doc: `${DG}r_WF_NTH.html`,
  },
  {
    sql: 'select salesid, qty_shipped, lag(qty_shipped) ignore nulls over (order by salesid) as prev from winsales order by salesid',
    rows: [
      [10001, 10, null],
      [10005, null, 10],
      [10006, null, 10],
      [20001, 20, 10],
      [20002, 20, 20],
      [30001, 10, 20],
      [30003, null, 10],
      [30004, null, 10],
      [30007, null, 10],
      [40001, null, 10],
      [40005, 10, 10],
    ].map(([salesid, qty_shipped, prev]) => ({ salesid, qty_shipped, prev })),
    doc: `${DG}r_WF_LAG.html`,
  },
  {
    sql: 'select salesid, lag(qty_shipped, 2) ignore nulls over (partition by sellerid order by salesid) as lag2, lag(qty_shipped, 1) respect nulls over (partition by sellerid order by salesid) as lag1 from winsales where sellerid = 2 or sellerid = 3 order by salesid',
    rows: [
      [20001, null, null],
      [20002, null, 20],
      [30001, null, null],
      [30003, null, 10],
      [30004, null, null],
      [30007, null, null],
    ].map(([salesid, lag2, lag1]) => ({ salesid, lag2, lag1 })),
    doc: `${DG}r_WF_LAG.html`,
  },
  {
    sql: 'select salesid, lead(qty_shipped) ignore nulls over (order by salesid) as next, lead(qty_shipped, 2) ignore nulls over (order by salesid) as next2 from winsales order by salesid limit 4',
    rows: [
      [10001, 20, 20],
      [10005, 20, 20],
      [10006, 20, 20],
      [20001, 20, 10],
    ].map(([salesid, next, next2]) => ({ salesid, next, next2 })),
    doc: `${DG}r_WF_LEAD.html`,
  },
  {
    sql: 'select salesid, lead(qty_shipped, 0) ignore nulls over (order by salesid) as same from winsales order by salesid limit 2',
    rows: [
      { salesid: 10001, same: 10 },
      { salesid: 10005, same: null },
    ],
    doc: `${DG}r_WF_LEAD.html`,
  },
  // RATIO_TO_REPORT
  {
    sql: 'select sellerid, qty, ratio_to_report(qty) over (partition by sellerid) from winsales order by sellerid, qty, salesid',
    rows: [
      [1, 10, 0.2],
      [1, 10, 0.2],
      [1, 30, 0.6],
      [2, 20, 0.5],
      [2, 20, 0.5],
      [3, 10, 0.13],
      [3, 15, 0.2],
      [3, 20, 0.27],
      [3, 30, 0.4],
      [4, 10, 0.2],
      [4, 40, 0.8],
    ].map(([sellerid, qty, ratio_to_report]) => ({
      sellerid,
      qty,
      ratio_to_report,
    })),
    digits: 2,
    doc: `${DG}r_WF_RATIO_TO_REPORT.html`,
  },
  {
    sql: 'select sum(r) as total from (select ratio_to_report(qty) over () as r from winsales)',
    rows: [{ total: 1 }],
    digits: 9,
    doc: `${DG}r_WF_RATIO_TO_REPORT.html`,
  },
  // PERCENTILE_CONT / PERCENTILE_DISC / MEDIAN as window functions; the
  // DECIMAL of an integer PERCENTILE_CONT reads as a string
  // (r_WF_PERCENTILE_CONT.html).
  {
    sql: 'select sellerid, qty, percentile_cont(0.5) within group (order by qty) over () as median from winsales order by sellerid, qty limit 2',
    rows: [
      { sellerid: 1, qty: 10, median: '20' },
      { sellerid: 1, qty: 10, median: '20' },
    ],
    doc: `${DG}r_WF_PERCENTILE_CONT.html`,
  },
  {
    sql: 'select distinct sellerid, percentile_cont(0.5) within group (order by qty) over (partition by sellerid) as median from winsales order by sellerid',
    rows: [
      { sellerid: 1, median: '10' },
      { sellerid: 2, median: '20' },
      { sellerid: 3, median: '17.5' },
      { sellerid: 4, median: '25' },
    ],
    doc: `${DG}r_WF_PERCENTILE_CONT.html`,
  },
  {
    sql: 'select distinct sellerid, percentile_disc(0.5) within group (order by qty) over (partition by sellerid) as median from winsales order by sellerid',
    rows: [
      { sellerid: 1, median: 10 },
      { sellerid: 2, median: 20 },
      { sellerid: 3, median: 15 },
      { sellerid: 4, median: 10 },
    ],
    doc: `${DG}r_WF_PERCENTILE_DISC.html`,
  },
  {
    sql: 'select distinct percentile_disc(0.5) within group (order by qty) over () as median from winsales',
    rows: [{ median: 20 }],
    doc: `${DG}r_WF_PERCENTILE_DISC.html`,
  },
  {
    // DESC order: the formulas count rows from the other end.
    sql: 'select distinct percentile_cont(0.6) within group (order by qty desc) over () as c, percentile_disc(0.6) within group (order by qty desc) over () as d from winsales',
    rows: [{ c: '15', d: 15 }],
    doc: `${DG}r_WF_PERCENTILE_CONT.html`,
  },
  {
    sql: 'select distinct sellerid, median(qty) over (partition by sellerid) as median from winsales order by sellerid',
    rows: [
      { sellerid: 1, median: '10' },
      { sellerid: 2, median: '20' },
      { sellerid: 3, median: '17.5' },
      { sellerid: 4, median: '25' },
    ],
    doc: `${DG}r_WF_MEDIAN.html`,
  },
  {
    sql: 'select approximate percentile_disc(0.5) within group (order by qty) as p from winsales',
    rows: [{ p: 20 }],
    doc: `${DG}r_APPROXIMATE_PERCENTILE_DISC.html`,
  },
  {
    sql: 'select sellerid, approximate percentile_disc(0.5) within group (order by qty) as p from winsales group by sellerid order by sellerid',
    rows: [
      { sellerid: 1, p: 10 },
      { sellerid: 2, p: 20 },
      { sellerid: 3, p: 15 },
      { sellerid: 4, p: 10 },
    ],
    doc: `${DG}r_APPROXIMATE_PERCENTILE_DISC.html`,
  },
  {
    sql: 'select approximate count(distinct sellerid) as n from winsales',
    rows: [{ n: '4' }],
    doc: `${DG}r_COUNT.html`,
  },
  // PIVOT
  {
    sql: "SELECT * FROM (SELECT partname, price FROM part) PIVOT (AVG(price) FOR partname IN ('prop', 'rudder', 'wing'))",
    rows: [{ prop: 10.33, rudder: 2.72, wing: 11.5 }],
    digits: 2,
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT (count(*) FOR quality IN (1, 2, NULL)) order by manufacturer',
    rows: [
      { manufacturer: 'big parts co', '1': '1', '2': '1', null: '1' },
      { manufacturer: 'local parts co', '1': '1', '2': '1', null: '1' },
      { manufacturer: 'small parts co', '1': '1', '2': '0', null: '2' },
    ],
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT (count(*) AS count FOR quality IN (1 AS high, 2 AS low, NULL AS na)) order by manufacturer',
    rows: [
      {
        manufacturer: 'big parts co',
        high_count: '1',
        low_count: '1',
        na_count: '1',
      },
      {
        manufacturer: 'local parts co',
        high_count: '1',
        low_count: '1',
        na_count: '1',
      },
      {
        manufacturer: 'small parts co',
        high_count: '1',
        low_count: '0',
        na_count: '2',
      },
    ],
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: `SELECT * FROM (SELECT booking_id, (date_trunc('week', booking_date::date) + '5 days'::interval)::date as enddate, hotel_code AS "hotel code" FROM bookings) PIVOT (count(booking_id) FOR enddate IN ('2023-02-04','2023-02-11','2023-02-18')) order by 1`,
    rows: [
      {
        'hotel code': 'CITY_BLD',
        '2023-02-04': '3',
        '2023-02-11': '1',
        '2023-02-18': '2',
      },
      {
        'hotel code': 'DESERT_S',
        '2023-02-04': '4',
        '2023-02-11': '3',
        '2023-02-18': '2',
      },
      {
        'hotel code': 'FOREST_L',
        '2023-02-04': '3',
        '2023-02-11': '2',
        '2023-02-18': '1',
      },
      {
        'hotel code': 'OCEAN_WV',
        '2023-02-04': '3',
        '2023-02-11': '3',
        '2023-02-18': '3',
      },
    ],
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    // Several aggregates, each with its alias; PIVOT over a WITH query; a WHERE on the result.
    sql: "with p as (select partname, price from part) select * from p pivot (min(price) as lo, max(price) as hi for partname in ('prop' as prop, 'wing' as wing)) as x where x.prop_lo > 1",
    rows: [
      { prop_lo: '9.00', prop_hi: '12.00', wing_lo: '7.50', wing_hi: '15.20' },
    ],
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: "select manufacturer, prop from (select manufacturer, partname, price from part) pivot (sum(price) for partname in ('prop')) order by prop",
    rows: [
      { manufacturer: 'big parts co', prop: '9.00' },
      { manufacturer: 'local parts co', prop: '10.00' },
      { manufacturer: 'small parts co', prop: '12.00' },
    ],
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  // UNPIVOT
  {
    sql: 'SELECT * FROM (SELECT red, green, blue FROM count_by_color) UNPIVOT (cnt FOR color IN (red, green, blue))',
    rows: [
      ['red', 15],
      ['red', 35],
      ['red', 10],
      ['green', 20],
      ['green', 23],
      ['blue', 7],
      ['blue', 40],
    ].map(([color, cnt]) => ({ color, cnt })),
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'SELECT * FROM (SELECT red, green, blue FROM count_by_color) UNPIVOT INCLUDE NULLS (cnt FOR color IN (red, green, blue))',
    rows: [
      ['red', 15],
      ['red', 35],
      ['red', 10],
      ['green', 20],
      ['green', null],
      ['green', 23],
      ['blue', 7],
      ['blue', 40],
      ['blue', null],
    ].map(([color, cnt]) => ({ color, cnt })),
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'SELECT * FROM (SELECT quality, red, green, blue FROM count_by_color) UNPIVOT EXCLUDE NULLS (cnt FOR color IN (red, green, blue))',
    rows: [
      ['high', 'red', 15],
      ['normal', 'red', 35],
      ['low', 'red', 10],
      ['high', 'green', 20],
      ['low', 'green', 23],
      ['high', 'blue', 7],
      ['normal', 'blue', 40],
    ].map(([quality, color, cnt]) => ({ quality, color, cnt })),
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'with c as (select quality, red, green, blue from count_by_color) SELECT * FROM c UNPIVOT (cnt FOR color IN (red AS r, green AS g, blue AS b))',
    rows: [
      ['high', 'r', 15],
      ['normal', 'r', 35],
      ['low', 'r', 10],
      ['high', 'g', 20],
      ['low', 'g', 23],
      ['high', 'b', 7],
      ['normal', 'b', 40],
    ].map(([quality, color, cnt]) => ({ quality, color, cnt })),
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  // CONNECT BY
  {
    // The page's output lists rows to level 4 under "level < 4"; LEVEL is 1 at the root (John).
    sql: "select id, name, manager_id from employee where level < 4 start with name = 'John' connect by prior id = manager_id order by name",
    rows: [
      [101, 'John', 100],
      [102, 'Jorge', 101],
      [103, 'Kwaku', 101],
      [110, 'Liu', 101],
      [106, 'Mateo', 102],
      [110, 'Nikki', 103],
      [104, 'Paulo', 103],
      [105, 'Richard', 103],
      [201, 'Sofía', 102],
    ].map(([id, name, manager_id]) => ({ id, name, manager_id })),
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: `SELECT COUNT(*) FROM Employee "start" CONNECT BY PRIOR id = manager_id START WITH name = 'John'`,
    rows: [{ count: '12' }],
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: "SELECT COUNT(*) FROM Employee AS start CONNECT BY PRIOR id = manager_id START WITH name = 'John'",
    rows: [{ count: '12' }],
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: 'select level, count(*) as n from employee start with manager_id is null connect by prior id = manager_id group by level order by level',
    rows: [
      { level: 1, n: '1' },
      { level: 2, n: '1' },
      { level: 3, n: '3' },
      { level: 4, n: '5' },
      { level: 5, n: '3' },
    ],
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: 'select e.name, level from employee e start with e.manager_id is null connect by prior e.id = e.manager_id and level <= 2 order by level',
    rows: [
      { name: 'Carlos', level: 1 },
      { name: 'John', level: 2 },
    ],
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    // Without START WITH every row is a root: each row once per ancestor, plus itself.
    sql: 'select count(*) from employee connect by prior id = manager_id',
    rows: [{ count: '47' }],
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  // (+) outer joins
  {
    sql: 'select listing.listid, sum(pricepaid) as price, sum(commission) as comm from listing, sales where sales.listid(+) = listing.listid and listing.listid between 1 and 5 group by 1 order by 1',
    rows: [
      { listid: 1, price: '728.00', comm: '109.20' },
      { listid: 2, price: null, comm: null },
      { listid: 3, price: null, comm: null },
      { listid: 4, price: '76.00', comm: '11.40' },
      { listid: 5, price: '525.00', comm: '78.75' },
    ],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from sales, listing where sales.listid = listing.listid(+)',
    rows: [{ count: '3' }],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from listing, sales where sales.listid(+) = listing.listid',
    rows: [{ count: '5' }],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select catname, catgroup, eventid from category, event where category.catid = event.catid(+) and eventid(+) = 796 order by catname',
    rows: [
      { catname: 'MLB', catgroup: 'Sports', eventid: null },
      { catname: 'Musicals', catgroup: 'Shows', eventid: 796 },
      { catname: 'Plays', catgroup: 'Shows', eventid: null },
      { catname: 'Pop', catgroup: 'Concerts', eventid: null },
    ],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    // Without the second (+) the restriction is a filter: one row.
    sql: 'select catname, catgroup, eventid from category, event where category.catid = event.catid(+) and eventid = 796',
    rows: [{ catname: 'Musicals', catgroup: 'Shows', eventid: 796 }],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from category a, category b where a.catid(+) = b.catid',
    rows: [{ count: '4' }],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from event, category where event.eventid(+) * 10 = category.catid',
    rows: [{ count: '4' }],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    // SELECT * keeps the FROM list's column order.
    sql: 'select * from event, category where event.catid(+) = category.catid and category.catid = 7',
    rows: [
      {
        eventid: null,
        venueid: null,
        catid: 7,
        dateid: null,
        eventname: null,
        catgroup: 'Shows',
        catname: 'Plays',
        catdesc: 'All non-musical theatre',
      },
    ],
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  // Lateral column aliases
  {
    sql: 'select clicks / impressions as probability, round(100 * probability, 1) as percentage from raw_data order by 1',
    rows: [
      { probability: 2, percentage: '200.0' },
      { probability: 5, percentage: '500.0' },
    ],
    // ROUND's result type is the math functions' concern, not this page's.
    digits: 1,
    doc: `${DG}r_SELECT_list.html`,
  },
  {
    // A FROM column of the same name takes priority over the alias.
    sql: 'select clicks / impressions as probability, round(100 * probability, 1) as percentage from raw_data_probability',
    rows: [{ probability: 2, percentage: '700.0' }],
    digits: 1,
    doc: `${DG}r_SELECT_list.html`,
  },
  {
    sql: 'select 1 as a, a + 1 as b, b * 10 as c',
    rows: [{ a: 1, b: 2, c: 20 }],
    doc: `${DG}r_SELECT_list.html`,
  },
]

const REFUSALS: readonly Refusal[] = [
  {
    // Right after the table name QUALIFY is read as its alias.
    sql: 'SELECT * FROM store_sales QUALIFY row_number() OVER (ORDER BY ss_item) = 1',
    code: '42601',
    message: /syntax error at or near "row_number"/,
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    sql: 'select * from store_sales s qualify row_number() over (order by ss_item) = 1 where ss_item is not null',
    code: '42601',
    message: /syntax error at or near "where"/,
    doc: `${DG}r_QUALIFY_clause.html`,
  },
  {
    sql: 'select ratio_to_report(qty) over (partition by sellerid order by qty) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_RATIO_TO_REPORT.html`,
  },
  {
    sql: 'select ratio_to_report(qty) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_RATIO_TO_REPORT.html`,
  },
  {
    sql: 'select percentile_cont(0.5) within group (order by qty) over (order by qty) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_PERCENTILE_CONT.html`,
  },
  {
    sql: 'select percentile_disc(0.5) within group (order by qty) over (partition by sellerid rows unbounded preceding) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_PERCENTILE_DISC.html`,
  },
  {
    sql: 'select lag(qty) ignore nulls over (order by salesid rows between unbounded preceding and current row) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_LAG.html`,
  },
  {
    // The page places IGNORE NULLS after LAG's brackets, not inside them.
    sql: 'select lag(qty ignore nulls) over (order by salesid) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_LAG.html`,
  },
  {
    sql: 'select first_value(qty) ignore nulls over (order by salesid rows unbounded preceding) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_first_value.html`,
  },
  {
    sql: 'select first_value(qty ignore nulls) from winsales',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WF_first_value.html`,
  },
  {
    sql: 'select * from (select quality, manufacturer from part) pivot (stddev(quality) for manufacturer in (1))',
    code: '0A000',
    message: /COUNT, SUM, MIN, MAX and AVG/,
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'select * from (select quality, manufacturer from part) pivot (count(*) for quality in (manufacturer))',
    code: '0A000',
    message: /cannot be column references/,
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'select * from (select quality, manufacturer from part) pivot (count(*) + 1 for quality in (1))',
    code: '0A000',
    message: /PIVOT aggregate expression/,
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: "select * from (select quality, red from count_by_color) unpivot (cnt for color in (red, 'x'))",
    code: '0A000',
    message: /only input table column references/,
    doc: `${DG}r_FROM_clause-pivot-unpivot-examples.html`,
  },
  {
    sql: 'select id from loops start with id = 1 connect by prior id = parent',
    code: '22000',
    message: /CONNECT BY loop/,
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: 'select id from employee connect by id = manager_id',
    code: '42601',
    message: /PRIOR/,
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: 'select id from employee connect by nocycle prior id = manager_id',
    code: '42601',
    message: /syntax error at or near "nocycle"/,
    doc: `${DG}r_CONNECT_BY_clause.html`,
  },
  {
    sql: 'select count(*) from sales, listing where sales.listid(+) = listing.listid or sales.salesid = 0',
    code: '42601',
    message: /Outer join operator \(\+\) not allowed in operand of OR or IN\./,
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from sales, listing, event where sales.listid(+) = listing.listid and sales.salesid(+) = event.eventid',
    code: '42601',
    message: /A table may be outer joined to at most one other table\./,
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from event, category where event.eventid * 10(+) = category.catid',
    code: '42601',
    message: /syntax error/,
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    sql: 'select count(*) from sales join listing on sales.listid = listing.listid where sales.salesid(+) = 1',
    code: '42601',
    message: /FROM clause joins/,
    doc: `${DG}r_WHERE_oracle_outer.html`,
  },
  {
    // The alias is known in the select list only.
    sql: 'select clicks as c from raw_data where c > 1',
    code: '42703',
    message: /column "c" does not exist/,
    doc: `${DG}r_SELECT_list.html`,
  },
]

function rounded(
  rows: readonly Record<string, unknown>[],
  digits: number | undefined,
): unknown[] {
  if (digits === undefined) return [...rows]
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === 'number' ||
        (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
          ? Number(Number(value).toFixed(digits))
          : value,
      ]),
    ),
  )
}

describe('local emulator: Redshift query syntax', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_syntax', SETUP))
  })
  afterAll(() => close())

  it.each(RESULTS)('$sql ($doc)', async ({ sql, rows, digits }) => {
    const result = await client.query(sql)
    expect(rounded(result.rows, digits)).toEqual(rounded(rows, digits))
  })

  it.each(REFUSALS)('refuses $sql ($doc)', async ({ sql, code, message }) => {
    const error = await errorOf(client.query(sql))
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
  })

  it('a statement that uses none of the syntax runs as written (r_SELECT_list.html)', async () => {
    const result = await client.query(
      'select clicks as c, impressions from raw_data order by c',
    )
    expect(result.rows).toEqual([
      { c: 10, impressions: 4 },
      { c: 30, impressions: 6 },
    ])
  })
})
