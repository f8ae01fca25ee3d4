import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'

// Redshift query syntax the emulator used to refuse as its own limit, run
// as the Developer Guide pages describe it: PIVOT / UNPIVOT over a table,
// a view or `SELECT *`, the forms of EXCLUDE, QUALIFY with DISTINCT,
// lateral column aliases, window refusals and CONNECT BY. Each case names
// its page; the forms the emulator still cannot run exactly are refused as
// an emulator limit (SQLSTATE 0A000).

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const PIVOT = `${DG}r_FROM_clause-pivot-unpivot-examples.html`
const LIMIT = 'an emulator limit'

const PART = [
  run(
    'create table part (partname varchar, manufacturer varchar, quality int, price decimal(12, 2))',
  ),
  run(
    "insert into part values ('prop', 'local parts co', 2, 10.00), ('prop', 'big parts co', null, 9.00), ('prop', 'small parts co', 1, 12.00), ('rudder', 'local parts co', 1, 2.50), ('rudder', 'big parts co', 2, 3.75), ('rudder', 'small parts co', null, 1.90), ('wing', 'local parts co', null, 7.50), ('wing', 'big parts co', 1, 15.20), ('wing', 'small parts co', null, 11.80)",
  ),
  run(
    'create table count_by_color (quality varchar, red int, green int, blue int)',
  ),
  run(
    "insert into count_by_color values ('high', 15, 20, 7), ('normal', 35, null, 40), ('low', 10, 23, null)",
  ),
]

const UNPIVOTED = [
  { quality: 'high', color: 'blue', cnt: 7 },
  { quality: 'high', color: 'green', cnt: 20 },
  { quality: 'high', color: 'red', cnt: 15 },
  { quality: 'low', color: 'green', cnt: 23 },
  { quality: 'low', color: 'red', cnt: 10 },
  { quality: 'normal', color: 'blue', cnt: 40 },
  { quality: 'normal', color: 'red', cnt: 35 },
]

const EXCLUDE = `${DG}r_EXCLUDE_list.html`
const QUALIFY = `${DG}r_QUALIFY_clause.html`
const SELECT_LIST = `${DG}r_SELECT_list.html`
const CORRELATED = `${DG}r_correlated_subqueries.html`
const PATTERN = 'This type of correlated subquery pattern is not supported yet'

const CASES: readonly FidelityCase[] = [
  {
    title:
      'PIVOT and UNPIVOT read a table name: its other columns group the rows',
    doc: PIVOT,
    steps: [
      ...PART,
      rows(
        "select * from part pivot (max(price) for partname in ('prop', 'rudder', 'wing')) order by manufacturer, quality nulls first",
        [
          {
            manufacturer: 'big parts co',
            quality: null,
            prop: '9.00',
            rudder: null,
            wing: null,
          },
          {
            manufacturer: 'big parts co',
            quality: 1,
            prop: null,
            rudder: null,
            wing: '15.20',
          },
          {
            manufacturer: 'big parts co',
            quality: 2,
            prop: null,
            rudder: '3.75',
            wing: null,
          },
          {
            manufacturer: 'local parts co',
            quality: null,
            prop: null,
            rudder: null,
            wing: '7.50',
          },
          {
            manufacturer: 'local parts co',
            quality: 1,
            prop: null,
            rudder: '2.50',
            wing: null,
          },
          {
            manufacturer: 'local parts co',
            quality: 2,
            prop: '10.00',
            rudder: null,
            wing: null,
          },
          {
            manufacturer: 'small parts co',
            quality: null,
            prop: null,
            rudder: '1.90',
            wing: '11.80',
          },
          {
            manufacturer: 'small parts co',
            quality: 1,
            prop: '12.00',
            rudder: null,
            wing: null,
          },
        ],
      ),
      rows(
        'select * from count_by_color unpivot (cnt for color in (red, green, blue)) order by quality, color',
        UNPIVOTED,
      ),
      rows(
        'select quality, color, cnt from count_by_color c unpivot include nulls (cnt for color in (red, green, blue)) as u where u.cnt is null order by quality, color',
        [
          { quality: 'low', color: 'blue', cnt: null },
          { quality: 'normal', color: 'green', cnt: null },
        ],
      ),
    ],
  },
  {
    title:
      'PIVOT and UNPIVOT over SELECT *, a WITH query with *, a view and a table of another schema',
    doc: PIVOT,
    steps: [
      rows(
        'select * from (select * from count_by_color) unpivot (cnt for color in (red, green, blue)) order by quality, color',
        UNPIVOTED,
      ),
      rows(
        'with c as (select * from count_by_color) select * from c unpivot (cnt for color in (red, green, blue)) order by quality, color',
        UNPIVOTED,
      ),
      run(
        'create view part_by_maker as select manufacturer, partname, price from part',
      ),
      rows(
        "select * from part_by_maker pivot (sum(price) for partname in ('prop', 'wing')) order by manufacturer",
        [
          { manufacturer: 'big parts co', prop: '9.00', wing: '15.20' },
          { manufacturer: 'local parts co', prop: '10.00', wing: '7.50' },
          { manufacturer: 'small parts co', prop: '12.00', wing: '11.80' },
        ],
      ),
      run('create schema inventory'),
      run(
        'create table inventory.stock (quality varchar, red int, green int, blue int)',
      ),
      run("insert into inventory.stock values ('high', 1, null, 3)"),
      rows(
        'select * from inventory.stock unpivot (cnt for color in (red, green, blue)) order by color',
        [
          { quality: 'high', color: 'blue', cnt: 3 },
          { quality: 'high', color: 'red', cnt: 1 },
        ],
      ),
      rows(
        "select * from inventory.stock pivot (count(*) for quality in ('high', 'low'))",
        [{ red: 1, green: null, blue: 3, high: '1', low: '0' }],
      ),
    ],
  },
  {
    title: 'PIVOT over a table: a FOR or IN column it does not have',
    doc: PIVOT,
    steps: [
      fails(
        "select * from part pivot (count(*) for colour in ('red'))",
        '42703',
        'column "colour" does not exist',
      ),
      fails(
        'select * from count_by_color unpivot (cnt for color in (red, purple))',
        '42703',
        'column "purple" does not exist',
      ),
    ],
  },
  {
    // A name two schemas hold is looked up by search_path on Redshift; the
    // emulator reads a bare name only when one relation has it.
    title:
      'PIVOT over a name several schemas hold, or a nested WITH query with *, is an emulator limit',
    doc: PIVOT,
    steps: [
      run('create table inventory.part (partname varchar, price int)'),
      fails(
        "select * from part pivot (count(*) for partname in ('prop'))",
        '0A000',
        LIMIT,
      ),
      fails(
        'select * from (with cbc as (select * from count_by_color) select * from cbc unpivot (cnt for color in (red))) q',
        '0A000',
        LIMIT,
      ),
      run('drop table inventory.part'),
    ],
  },
  {
    title: 'PIVOT over a table created in the open transaction block',
    doc: PIVOT,
    steps: [
      run('begin'),
      run('create table block_colors (quality varchar, red int, green int)'),
      run("insert into block_colors values ('high', 1, 2)"),
      rows(
        'select * from block_colors unpivot (cnt for color in (red, green)) order by color',
        [
          { quality: 'high', color: 'green', cnt: 2 },
          { quality: 'high', color: 'red', cnt: 1 },
        ],
      ),
      run('rollback'),
    ],
  },
  {
    // r_SELECT_synopsis.html puts EXCLUDE column_list after the select list,
    // which may be a qualified star: t.* EXCLUDE names t's columns.
    title: 't.* EXCLUDE drops the listed columns of t',
    doc: EXCLUDE,
    steps: [
      run('create table ex_left (id int, v int, w int)'),
      run('create table ex_right (id int, z int)'),
      run('insert into ex_left values (1, 10, 100), (2, 20, 200)'),
      run('insert into ex_right values (1, 5)'),
      rows('select l.* exclude w from ex_left l order by id', [
        { id: 1, v: 10 },
        { id: 2, v: 20 },
      ]),
      rows(
        'select ex_left.* exclude (v, w) from ex_left join ex_right on ex_left.id = ex_right.id',
        [{ id: 1 }],
      ),
      rows(
        'select distinct public.ex_left.* exclude id from public.ex_left order by v',
        [
          { v: 10, w: 100 },
          { v: 20, w: 200 },
        ],
      ),
      // PostgreSQL's t.* over USING gives t's own column, NULL where t has no row.
      rows(
        'select r.* exclude z from ex_left left join ex_right r using (id) order by 1 nulls last',
        [{ id: 1 }, { id: null }],
      ),
      rows(
        'select x.* exclude b from (select id as a, v as b from ex_left) x order by a',
        [{ a: 1 }, { a: 2 }],
      ),
      fails(
        'select l.* exclude nosuch from ex_left l',
        '42703',
        'column "nosuch" does not exist',
      ),
      fails(
        'select q.* exclude v from ex_left l',
        '42P01',
        'missing FROM-clause entry for table "q"',
      ),
      // Undocumented: a listed column that only another relation has.
      fails(
        'select r.* exclude v from ex_left l join ex_right r on l.id = r.id',
        '0A000',
        LIMIT,
      ),
      // EXCLUDE after a list of several items stays a limit.
      fails('select id, l.* exclude v from ex_left l', '0A000', LIMIT),
    ],
  },
  {
    // QUALIFY filters the rows before DISTINCT removes duplicates.
    title:
      'QUALIFY with SELECT DISTINCT, TOP n DISTINCT and in a set operation',
    doc: QUALIFY,
    steps: [
      run(
        'create table store_sales (ss_sold_date date, ss_sold_time time, ss_item text, ss_sales_price float)',
      ),
      run(
        "insert into store_sales values ('2022-01-01', '09:00:00', 'Product 1', 100.0), ('2022-01-01', '11:00:00', 'Product 2', 500.0), ('2022-01-01', '15:00:00', 'Product 3', 20.0), ('2022-01-01', '17:00:00', 'Product 4', 1000.0), ('2022-01-01', '18:00:00', 'Product 5', 30.0), ('2022-01-02', '10:00:00', 'Product 6', 5000.0), ('2022-01-02', '16:00:00', 'Product 7', 5.0)",
      ),
      rows(
        'select distinct ss_sold_date::text as d from store_sales ss qualify row_number() over (partition by ss_sold_date order by ss_sales_price desc) <= 2 order by d',
        [{ d: '2022-01-01' }, { d: '2022-01-02' }],
      ),
      // The condition reads a column the DISTINCT list does not hold.
      rows(
        'select distinct ss_sold_date::text as d from store_sales ss qualify rank() over (partition by ss_sold_date order by ss_sales_price desc) = 1 and ss_sales_price > 1000',
        [{ d: '2022-01-02' }],
      ),
      rows(
        'select top 1 distinct ss_sold_date::text as d from store_sales ss qualify row_number() over (partition by ss_sold_date order by ss_sold_time) <= 2 order by 1 desc',
        [{ d: '2022-01-02' }],
      ),
      rows(
        "select distinct ss_sold_date::text as d from store_sales ss qualify row_number() over (order by ss_sales_price) = 1 union all select '2000-01-01' order by d",
        [{ d: '2000-01-01' }, { d: '2022-01-02' }],
      ),
      fails(
        'select distinct ss.ss_item from store_sales ss qualify row_number() over (order by ss_sales_price) = 1 order by ss.ss_item',
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    // The page: an alias is known right after it is defined, and Redshift
    // inlines it; a FROM column of the same name takes priority. It sets no
    // bound on grouped or windowed lists.
    title: 'lateral column aliases in grouped and windowed select lists',
    doc: SELECT_LIST,
    steps: [
      run('create table raw_data (clicks int, impressions int)'),
      run('insert into raw_data values (10, 4), (30, 6)'),
      run(
        'create table raw_data_probability (clicks int, impressions int, probability int)',
      ),
      run('insert into raw_data_probability values (10, 4, 7)'),
      rows('select sum(clicks) as total, total * 2 as doubled from raw_data', [
        { total: '40', doubled: '80' },
      ]),
      rows('select sum(clicks) as s, s + 1 as s1, s1 * 2 as s2 from raw_data', [
        { s: '40', s1: '41', s2: '82' },
      ]),
      rows(
        'select impressions as imp, imp * 10 as imp10, count(*) as n from raw_data group by impressions order by imp',
        [
          { imp: 4, imp10: 40, n: '1' },
          { imp: 6, imp10: 60, n: '1' },
        ],
      ),
      rows(
        'select clicks as c, row_number() over (order by clicks) as rn, rn * c as product from raw_data order by c',
        [
          { c: 10, rn: '1', product: '10' },
          { c: 30, rn: '2', product: '60' },
        ],
      ),
      rows(
        'select x as y, sum(y) over () as total from (select clicks as x from raw_data) q order by y',
        [
          { y: 10, total: '40' },
          { y: 30, total: '40' },
        ],
      ),
      // The table's own probability column, not the alias.
      rows(
        'select max(clicks) as probability, max(probability) as p from raw_data_probability',
        [{ probability: 10, p: 7 }],
      ),
      // A type name is no reference to an alias of the same name.
      rows(
        "select count(*) as date, cast('2020-01-01' as date)::text as d from raw_data",
        [{ date: '2', d: '2020-01-01' }],
      ),
      // The alias is known in the select list only.
      fails(
        'select sum(clicks) as s from raw_data where s > 1',
        '42703',
        'column "s" does not exist',
      ),
    ],
  },
  {
    title: 'a ROWS frame offset is a whole number of rows',
    doc: `${DG}r_Window_function_synopsis.html`,
    steps: [
      run('create table w_frames (id int, qty int)'),
      run('insert into w_frames values (1, 10), (2, 20), (3, 30)'),
      rows(
        'select id, sum(qty) over (order by id rows 1 preceding) as s from w_frames order by id',
        [
          { id: 1, s: '10' },
          { id: 2, s: '30' },
          { id: 3, s: '50' },
        ],
      ),
      fails(
        'select sum(qty) over (order by id rows 1.5 preceding) from w_frames',
        '42601',
        'syntax error at or near "1.5"',
      ),
      fails(
        'select sum(qty) over (order by id rows between 1 preceding and 2.0 following) from w_frames',
        '42601',
        'syntax error at or near "2.0"',
      ),
    ],
  },
  {
    title: 'NTILE takes a positive integer that is not nullable',
    doc: `${DG}r_WF_NTILE.html`,
    steps: [
      rows(
        'select id, ntile(1 + 1) over (order by id) as n from w_frames order by id',
        [
          { id: 1, n: '1' },
          { id: 2, n: '1' },
          { id: 3, n: '2' },
        ],
      ),
      fails(
        'select ntile(null) over (order by id) from w_frames',
        '22004',
        'must not be nullable',
      ),
      fails(
        'select ntile(null::int) over (order by id) from w_frames',
        '22004',
        'must not be nullable',
      ),
      // Whether Redshift takes a column as not nullable is its catalog's to say.
      fails(
        'select ntile(qty) over (order by id) from w_frames',
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    // "Correlated subqueries with aggregate functions and a GROUP BY clause,
    // connected to the outer query by an IN predicate" (MIN and MAX aside):
    // an aggregate in HAVING is one of them.
    title: 'a correlated IN subquery with GROUP BY and an aggregate in HAVING',
    doc: CORRELATED,
    steps: [
      run('create table c_sales (salesid int, listid int)'),
      run('create table c_listing (listid int, sellerid int, numtickets int)'),
      run('insert into c_sales values (1, 1), (2, 2)'),
      run('insert into c_listing values (1, 1, 4), (2, 2, 2)'),
      fails(
        'select count(*) from c_sales s where s.listid in (select l.listid from c_listing l where l.sellerid = s.salesid group by l.listid having count(*) > 0)',
        '0A000',
        PATTERN,
      ),
      fails(
        'select count(*) from c_sales s where s.listid in (select l.listid from c_listing l where l.sellerid = s.salesid group by l.listid order by sum(l.numtickets))',
        '0A000',
        PATTERN,
      ),
      rows(
        'select count(*) as n from c_sales s where s.listid in (select l.listid from c_listing l where l.sellerid = s.salesid group by l.listid having max(l.numtickets) > 2)',
        [{ n: '1' }],
      ),
    ],
  },
  {
    title: 'CONNECT BY after a WITH clause and in a set operation',
    doc: `${DG}r_CONNECT_BY_clause.html`,
    steps: [
      run('create table cb_emp (id int, name varchar(10), manager_id int)'),
      run(
        "insert into cb_emp values (1, 'a', null), (2, 'b', 1), (3, 'c', 1), (4, 'd', 2)",
      ),
      rows(
        'with roots as (select 1 as id) select id, level from cb_emp where id not in (select id + 2 from roots) start with manager_id is null connect by prior id = manager_id order by id',
        [
          { id: 1, level: 1 },
          { id: 2, level: 2 },
          { id: 4, level: 3 },
        ],
      ),
      rows(
        'select id, level from cb_emp start with id = 2 connect by prior id = manager_id union all select 0, 0 order by 1',
        [
          { id: 0, level: 0 },
          { id: 2, level: 1 },
          { id: 4, level: 2 },
        ],
      ),
      rows(
        'select 0 as id, 0 as level union all select id, level from cb_emp start with id = 2 connect by prior id = manager_id order by id limit 2',
        [
          { id: 0, level: 0 },
          { id: 2, level: 1 },
        ],
      ),
      rows(
        "with r as (select 'a' as name) select name from cb_emp start with id = 1 connect by prior id = manager_id except select name from r order by name",
        [{ name: 'b' }, { name: 'c' }, { name: 'd' }],
      ),
      // A subquery's or WITH query's rows cannot be carried through the
      // recursive query PostgreSQL runs.
      fails(
        'with e as (select id, manager_id from cb_emp) select id from e start with manager_id is null connect by prior id = manager_id',
        '0A000',
        LIMIT,
      ),
      fails(
        'select id from (select id, manager_id from cb_emp) x start with manager_id is null connect by prior id = manager_id',
        '0A000',
        LIMIT,
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: Redshift query syntax beyond the old limits',
  'local_fid_syntax_limits',
  CASES,
)
