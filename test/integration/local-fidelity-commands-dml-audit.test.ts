import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { connect, errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// The Developer Guide's SQL commands reference for queries, DML and session
// commands, page by page: SELECT and its clauses, INSERT / UPDATE / DELETE /
// MERGE / TRUNCATE, SET / SHOW, transactions, LOCK, cursors, PREPARE, VACUUM.
// Each case names its page and runs on a connection of its own; tables are
// the case's own (dropped first), so cases do not depend on each other.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const page = (name: string) => `${DG}${name}`

/** The employee table of r_WITH_clause.html's recursive CTE example. */
const EMPLOYEE = [
  'drop table if exists employee',
  'create table employee (id int, name varchar(20), manager_id int)',
  `insert into employee(id, name, manager_id) values
    (100, 'Carlos', null), (101, 'John', 100), (102, 'Jorge', 101),
    (103, 'Kwaku', 101), (110, 'Liu', 101), (106, 'Mateo', 102),
    (110, 'Nikki', 103), (104, 'Paulo', 103), (105, 'Richard', 103),
    (120, 'Saanvi', 104), (200, 'Shirley', 104), (201, 'Sofía', 102),
    (205, 'Zhang', 104)`,
].map(run)

/** The orders table of r_GROUP_BY_aggregation-extensions.html. */
const ORDERS = [
  'drop table if exists orders',
  `create table orders (id int, product char(20), category char(20),
    pre_owned char(1), cost decimal)`,
  `insert into orders values (0, 'laptop', 'computers', 'T', 1000),
    (1, 'smartphone', 'cellphones', 'T', 800), (2, 'smartphone', 'cellphones', 'T', 810),
    (3, 'laptop', 'computers', 'F', 1050), (4, 'mouse', 'computers', 'F', 50)`,
].map(run)

/** Small EVENT / LISTING / SALES / CATEGORY tables for the subquery patterns. */
const TICKETS = [
  'drop table if exists cs_event, cs_listing, cs_sales, cs_category',
  'create table cs_event (eventid int, catid int, eventname varchar(20))',
  'create table cs_listing (listid int, eventid int, numtickets int)',
  'create table cs_sales (salesid int, listid int, eventid int, qtysold int)',
  'create table cs_category (catid int)',
  "insert into cs_event values (1, 1, 'a'), (2, 2, 'b')",
  'insert into cs_listing values (10, 1, 4), (20, 2, 6)',
  'insert into cs_sales values (100, 10, 1, 4), (200, 20, 2, 1)',
  'insert into cs_category values (1), (2)',
].map(run)

/** EMPLOYEE's ids in order. */
const EMPLOYEE_IDS = [
  100, 101, 102, 103, 104, 105, 106, 110, 110, 120, 200, 201, 205,
]

const CORRELATED = page('r_correlated_subqueries.html')
const PATTERN = 'This type of correlated subquery pattern is not supported yet'

const CASES: readonly Case[] = [
  // WITH clause.
  {
    title: 'recursive CTE: the employees who report to John',
    doc: page('r_WITH_clause.html'),
    steps: [
      ...EMPLOYEE,
      rows(
        `with recursive john_org(id, name, manager_id, level) as
          ( select id, name, manager_id, 1 as level from employee where name = 'John'
            union all
            select e.id, e.name, e.manager_id, level + 1 as next_level
            from employee e, john_org j where e.manager_id = j.id and level < 4 )
         select count(distinct id || name) as n, min(manager_id) as lo, max(manager_id) as hi from john_org`,
        [{ n: '12', lo: 100, hi: 104 }],
      ),
    ],
  },
  {
    title: 'WITH RECURSIVE is refused inside a subquery',
    doc: page('r_WITH_clause.html'),
    steps: [
      fails(
        `select * from (with recursive r(n) as (select 1 union all select n + 1 from r where n < 3)
          select * from r) s`,
        '0A000',
        'WITH RECURSIVE inside a subquery',
      ),
    ],
  },
  {
    title: 'a recursive query is a UNION ALL',
    doc: page('r_WITH_clause.html'),
    steps: [
      fails(
        'with recursive r(n) as (select 1 union select n + 1 from r where n < 3) select * from r',
        '0A000',
        'UNION without ALL',
      ),
      rows(
        'with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select sum(n) as s from r',
        [{ s: '6' }],
      ),
    ],
  },
  {
    title:
      'WITH rules: no forward reference, no nested WITH, no recursive without columns',
    doc: page('r_WITH_clause.html'),
    steps: [
      fails(
        'with w1 as (select * from w2), w2 as (select * from w1) select 1',
        '42P01',
        'relation "w2" does not exist',
      ),
      fails(
        'with a as (with b as (select 1 x) select * from b) select * from a',
        '0A000',
        'WITH clause inside a common table expression',
      ),
      fails(
        'with recursive r as (select 1 as n union all select n + 1 from r where n < 3) select * from r',
        '0A000',
        'recursive CTE must have a column list',
      ),
    ],
  },
  // SELECT list.
  {
    title: 'TOP n returns n rows; with LIMIT it is refused',
    doc: page('r_SELECT_list.html'),
    steps: [
      ...EMPLOYEE,
      rows('select top 2 id from employee order by id', [
        { id: 100 },
        { id: 101 },
      ]),
      fails('select top 2 id from employee limit 1', '42601', 'syntax error'),
    ],
  },
  {
    title: 'SELECT * EXCLUDE drops the listed columns, in a view too',
    doc: page('r_EXCLUDE_list.html'),
    steps: [
      run('drop view if exists ex_sales_v'),
      run('drop table if exists ex_sales'),
      run(
        'create table ex_sales (salesid int, listid int, qtysold smallint, pricepaid decimal(8,2), saletime timestamp)',
      ),
      run("insert into ex_sales values (1, 2, 3, 4.50, '2008-01-01 10:00:00')"),
      rows('select * exclude saletime from ex_sales', [
        { salesid: 1, listid: 2, qtysold: 3, pricepaid: '4.50' },
      ]),
      rows('select * exclude (qtysold, saletime) from ex_sales', [
        { salesid: 1, listid: 2, pricepaid: '4.50' },
      ]),
      rows(
        'select top 1 * exclude qtysold, saletime, pricepaid from ex_sales',
        [{ salesid: 1, listid: 2 }],
      ),
      run('create view ex_sales_v as select * exclude saletime from ex_sales'),
      rows('select * from ex_sales_v', [
        { salesid: 1, listid: 2, qtysold: 3, pricepaid: '4.50' },
      ]),
      fails(
        'select * exclude nosuch from ex_sales',
        '42703',
        'column "nosuch" does not exist',
      ),
      rows('select * exclude (b) from (select 1 as a, 2 as b) s', [{ a: 1 }]),
      // Emulator limit: an unaliased expression's column name is not known.
      fails(
        'select * exclude (b) from (select 1 + 1, 2 as b) s',
        '0A000',
        'an emulator limit',
      ),
    ],
  },
  // GROUP BY and the aggregation extensions.
  {
    title: 'ROLLUP and GROUPING SETS take parenthesized column groups',
    doc: page('r_GROUP_BY_aggregation-extensions.html'),
    steps: [
      ...ORDERS,
      rows(
        `select trim(category) as category, trim(product) as product, sum(cost) as total
         from orders group by rollup((category), (product)) order by 1, 2`,
        [
          { category: 'cellphones', product: 'smartphone', total: '1610' },
          { category: 'cellphones', product: null, total: '1610' },
          { category: 'computers', product: 'laptop', total: '2050' },
          { category: 'computers', product: 'mouse', total: '50' },
          { category: 'computers', product: null, total: '2100' },
          { category: null, product: null, total: '3710' },
        ],
      ),
      rows(
        `select count(*) as n from (select category, product, sum(cost)
         from orders group by grouping sets((category, product), ())) s`,
        [{ n: '4' }],
      ),
    ],
  },
  {
    title: 'partial CUBE, GROUPING and GROUPING_ID',
    doc: page('r_GROUP_BY_aggregation-extensions.html'),
    steps: [
      ...ORDERS,
      rows(
        `select count(*) as n from (select category, product, pre_owned, sum(cost)
         from orders group by category, cube(product, pre_owned)) s`,
        [{ n: '12' }],
      ),
      rows(
        `select trim(category) as category, grouping(category, product) as g,
           grouping_id(category, product) as gid, sum(cost) as total
         from orders group by rollup(category, product)
         having grouping(product) = 1 order by 1`,
        [
          { category: 'cellphones', g: 1, gid: 1, total: '1610' },
          { category: 'computers', g: 1, gid: 1, total: '2100' },
          { category: null, g: 3, gid: 3, total: '3710' },
        ],
      ),
    ],
  },
  {
    title: 'GROUP BY ALL groups by the items that do not aggregate',
    doc: page('r_GROUP_BY_clause.html'),
    steps: [
      ...ORDERS,
      rows(
        `select trim(category) as category, pre_owned, count(*) as n, sum(cost) + 0 as total
         from orders group by all order by 1, 2`,
        [
          { category: 'cellphones', pre_owned: 'T', n: '2', total: '1610' },
          { category: 'computers', pre_owned: 'F', n: '2', total: '1100' },
          { category: 'computers', pre_owned: 'T', n: '1', total: '1000' },
        ],
      ),
      rows('select count(*) as n from orders group by all', [{ n: '5' }]),
    ],
  },
  // HAVING.
  {
    title: 'HAVING takes no select-list alias',
    doc: page('r_HAVING_clause.html'),
    steps: [
      ...ORDERS,
      fails(
        'select category, count(*) as c from orders group by category having c > 1',
        '42703',
        'column "c" does not exist',
      ),
    ],
  },
  // Correlated subqueries.
  {
    title: 'a supported correlated subquery runs',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      rows(
        `select salesid, listid, sum(qtysold) as q from cs_sales s
         where qtysold = (select max(numtickets) from cs_listing l where s.listid = l.listid)
         group by 1, 2 order by 1, 2`,
        [{ salesid: 100, listid: 10, q: '4' }],
      ),
    ],
  },
  {
    title: 'a skip-level correlation reference is refused',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select cs_event.eventname from cs_event where not exists
          (select * from cs_listing where not exists
            (select * from cs_sales where cs_event.eventid = cs_sales.eventid))`,
        '0A000',
        PATTERN,
      ),
    ],
  },
  {
    title: 'a correlated subquery in an outer join ON clause is refused',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select * from cs_category left join cs_event
          on cs_category.catid = cs_event.catid and eventid =
          (select max(eventid) from cs_sales where cs_sales.eventid = cs_event.eventid)`,
        '0A000',
        PATTERN,
      ),
      run(
        `select * from cs_category join cs_event
          on cs_category.catid = cs_event.catid and eventid =
          (select max(eventid) from cs_sales where cs_sales.eventid = cs_event.eventid)`,
      ),
    ],
  },
  {
    title: 'a correlated subquery with a window function is refused',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select listid, qtysold from cs_sales s where qtysold not in
          (select sum(numtickets) over () from cs_listing l where s.listid = l.listid)`,
        '0A000',
        PATTERN,
      ),
    ],
  },
  {
    title: 'GROUP BY on a correlated subquery result is refused',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select cs_listing.listid,
          (select count(cs_sales.listid) from cs_sales where cs_sales.listid = cs_listing.listid) as list
         from cs_listing group by list, cs_listing.listid`,
        '0A000',
        PATTERN,
      ),
    ],
  },
  {
    title:
      'a correlated IN subquery with GROUP BY and SUM is refused, with MAX it runs',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select * from cs_listing where listid in
          (select sum(qtysold) from cs_sales where cs_listing.numtickets > 4 group by salesid)`,
        '0A000',
        PATTERN,
      ),
      run(
        `select * from cs_listing where listid in
          (select max(qtysold) from cs_sales where cs_listing.numtickets > 4 group by salesid)`,
      ),
    ],
  },
  // INSERT.
  {
    title:
      'INSERT: DEFAULT VALUES, multi-row VALUES, DEFAULT, INSERT ... SELECT',
    doc: page('c_Examples_of_INSERT_30.html'),
    steps: [
      run('drop table if exists ins_t'),
      run(
        "create table ins_t (a int identity(1, 1), b varchar(10) default 'x', c int)",
      ),
      run('insert into ins_t default values'),
      run("insert into ins_t (b, c) values ('p', 1), ('q', 2), (default, 3)"),
      run('insert into ins_t (b, c) select b, c + 10 from ins_t where c = 1'),
      rows('select a, b, c from ins_t order by a', [
        { a: 1, b: 'x', c: null },
        { a: 2, b: 'p', c: 1 },
        { a: 3, b: 'q', c: 2 },
        { a: 4, b: 'x', c: 3 },
        { a: 5, b: 'p', c: 11 },
      ]),
    ],
  },
  {
    title:
      'INSERT: a subquery may stand for a value of a single-row VALUES only',
    doc: page('r_INSERT_30.html'),
    steps: [
      run('drop table if exists ins_v'),
      run('create table ins_v (i int)'),
      run('insert into ins_v values ((select 5))'),
      fails(
        'insert into ins_v values ((select 5)), ((select 6))',
        '0A000',
        'multiple-row INSERT VALUES',
      ),
      rows('select i from ins_v', [{ i: 5 }]),
    ],
  },
  // UPDATE.
  {
    title: 'UPDATE ... FROM with an outer join is refused',
    doc: page('r_UPDATE.html'),
    steps: [
      ...TICKETS,
      fails(
        `update cs_sales set qtysold = 0 from cs_listing left join cs_event
          on cs_listing.eventid = cs_event.eventid where cs_sales.listid = cs_listing.listid`,
        '0A000',
        'Target table must be part of an equijoin predicate',
      ),
      run(
        `update cs_sales set qtysold = cs_listing.numtickets from cs_listing
          where cs_sales.listid = cs_listing.listid`,
      ),
      rows('select salesid, qtysold from cs_sales order by 1', [
        { salesid: 100, qtysold: 4 },
        { salesid: 200, qtysold: 6 },
      ]),
    ],
  },
  {
    title: 'UPDATE sets one column per item, with no ONLY',
    doc: page('r_UPDATE.html'),
    steps: [
      ...TICKETS,
      fails(
        'update cs_sales set (qtysold, listid) = (select 1, 2)',
        '42601',
        'syntax error at or near "("',
      ),
      fails(
        'update only cs_sales set qtysold = 1',
        '42601',
        'syntax error at or near "ONLY"',
      ),
    ],
  },
  {
    title: 'error_on_nondeterministic_update: several matches per row fail',
    doc: page('r_error_on_nondeterministic_update.html'),
    steps: [
      run('drop table if exists nd_t1, nd_t2'),
      run('create table nd_t1 (x1 int, y1 int)'),
      run('create table nd_t2 (x2 int, y2 int)'),
      run('insert into nd_t1 values (1, 10), (2, 20), (3, 30)'),
      run('insert into nd_t2 values (2, 40), (2, 50)'),
      run('set error_on_nondeterministic_update to true'),
      fails(
        'update nd_t1 set y1 = y2 from nd_t2 where x1 = x2',
        'XX000',
        'Found multiple matches to update the same tuple.',
      ),
      run('update nd_t1 set y1 = y2 from nd_t2 where x1 = x2 and y2 = 40'),
      run('reset error_on_nondeterministic_update'),
      run('update nd_t1 set y1 = y2 from nd_t2 where x1 = x2'),
      rows('select count(*) as n from nd_t1 where y1 in (40, 50)', [
        { n: '1' },
      ]),
    ],
  },
  // DELETE.
  {
    title: 'DELETE: FROM is optional, except with USING',
    doc: page('r_DELETE.html'),
    steps: [
      ...TICKETS,
      run('delete cs_category where catid = 2'),
      rows('select catid from cs_category', [{ catid: 1 }]),
      fails(
        'delete cs_sales using cs_listing where cs_sales.listid = cs_listing.listid',
        '42601',
        'syntax error at or near "USING"',
      ),
      run(
        'delete from cs_sales using cs_listing where cs_sales.listid = cs_listing.listid and cs_listing.numtickets = 6',
      ),
      rows('select salesid from cs_sales', [{ salesid: 100 }]),
      fails('delete from only cs_sales', '42601', '"ONLY"'),
    ],
  },
  // MERGE.
  {
    title: 'MERGE: the documented update / insert, then delete / insert',
    doc: page('r_MERGE.html'),
    steps: [
      run('drop table if exists m_target, m_source'),
      run('create table m_target (id int, name char(10))'),
      run('create table m_source (id int, name char(10))'),
      run(
        "insert into m_target values (101, 'Bob'), (102, 'John'), (103, 'Susan')",
      ),
      run(
        "insert into m_source values (102, 'Tony'), (103, 'Alice'), (104, 'Bill')",
      ),
      run(`merge into m_target using m_source on m_target.id = m_source.id
        when matched then update set id = m_source.id, name = m_source.name
        when not matched then insert values (m_source.id, m_source.name)`),
      rows('select id, trim(name) as name from m_target order by id', [
        { id: 101, name: 'Bob' },
        { id: 102, name: 'Tony' },
        { id: 103, name: 'Alice' },
        { id: 104, name: 'Bill' },
      ]),
      run("insert into m_source values (105, 'David')"),
      run(`merge into m_target using m_source on m_target.id = m_source.id
        when matched then delete
        when not matched then insert values (m_source.id, m_source.name)`),
      rows('select id, trim(name) as name from m_target order by id', [
        { id: 101, name: 'Bob' },
        { id: 105, name: 'David' },
      ]),
    ],
  },
  {
    title:
      'MERGE: no target alias, no self-merge, no DO NOTHING or DEFAULT VALUES',
    doc: page('r_MERGE.html'),
    steps: [
      run('drop table if exists m2_target, m2_source'),
      run('create table m2_target (id int)'),
      run('create table m2_source (id int)'),
      fails(
        'merge into m2_target t using m2_source on t.id = m2_source.id when matched then delete',
        '42601',
        'syntax error at or near "t"',
      ),
      fails(
        'merge into m2_target using m2_target on m2_target.id = m2_target.id when matched then delete',
        '0A000',
        'same table as source and target',
      ),
      fails(
        'merge into m2_target using m2_source on m2_target.id = m2_source.id when matched then do nothing',
        '42601',
        '"DO"',
      ),
      fails(
        'merge into m2_target using m2_source on m2_target.id = m2_source.id when not matched then insert default values',
        '42601',
        '"DEFAULT"',
      ),
      fails(
        'with s as (select 1 id) merge into m2_target using m2_source on m2_target.id = m2_source.id when matched then delete',
        '0A000',
        'WITH clause in MERGE',
      ),
    ],
  },
  // TRUNCATE.
  {
    title: 'TRUNCATE commits its transaction and takes one table',
    doc: page('r_TRUNCATE.html'),
    steps: [
      run('drop table if exists tr_a, tr_b'),
      run('create table tr_a (i int)'),
      run('create table tr_b (i int)'),
      run('insert into tr_a values (1)'),
      run('begin'),
      run('truncate tr_a'),
      run('rollback'),
      rows('select count(*) as n from tr_a', [{ n: '0' }]),
      fails('truncate tr_a, tr_b', '42601', 'syntax error at or near ","'),
      fails('truncate tr_a restart identity', '42601', '"RESTART"'),
      fails('truncate tr_a cascade', '42601', '"CASCADE"'),
      fails('truncate only tr_a', '42601', '"ONLY"'),
      run('truncate table tr_b'),
    ],
  },
  // SELECT INTO.
  {
    title:
      'SELECT INTO makes a temporary or permanent table, not an unlogged one',
    doc: page('r_SELECT_INTO.html'),
    steps: [
      ...EMPLOYEE,
      run('drop table if exists into_perm'),
      run('select * into into_perm from employee where id > 200'),
      rows('select count(*) as n from into_perm', [{ n: '2' }]),
      run('select id into temp table into_temp from employee'),
      fails(
        'select * into unlogged into_unlogged from employee',
        '42601',
        '"UNLOGGED"',
      ),
    ],
  },
  // SET / SHOW / RESET and the configuration reference.
  {
    title: 'session context variables: SET, SHOW, one dot, no delimited names',
    doc: page('r_SET.html'),
    steps: [
      run('set app_context.user_id to 123'),
      rows('show app_context.user_id', [{ 'app_context.user_id': '123' }]),
      run("set app_context.user_id to 'sample_variable_value'"),
      rows('show app_context.user_id', [
        { 'app_context.user_id': 'sample_variable_value' },
      ]),
      fails(
        'show app_context.never_set',
        '42704',
        'unrecognized configuration parameter',
      ),
      fails('set a.b.c to 1', '42601', 'syntax error'),
      fails('set "app_context".user_id to 1', '42601', 'syntax error'),
    ],
  },
  {
    title: 'SET and SHOW of documented parameters, with their defaults',
    doc: page('cm_chap_ConfigurationRef.html'),
    steps: [
      rows('show datestyle', [{ datestyle: 'ISO, MDY' }]),
      rows('show extra_float_digits', [{ extra_float_digits: '0' }]),
      rows('show analyze_threshold_percent', [
        { analyze_threshold_percent: '10' },
      ]),
      rows('show max_cursor_result_set_size', [
        { max_cursor_result_set_size: '0' },
      ]),
      rows('show enable_result_cache_for_session', [
        { enable_result_cache_for_session: 'on' },
      ]),
      rows('show mv_enable_aqmv_for_session', [
        { mv_enable_aqmv_for_session: 'on' },
      ]),
      rows('show query_group', [{ query_group: 'unset' }]),
      run("set datestyle to 'SQL,DMY'"),
      rows('show datestyle', [{ datestyle: 'SQL, DMY' }]),
      run('reset datestyle'),
      fails('set extra_float_digits to 3', '22023', 'outside the valid range'),
      fails('set analyze_threshold_percent to 101', '22023', 'invalid value'),
      fails(
        'set work_mem to 1024',
        '42704',
        'unrecognized configuration parameter "work_mem"',
      ),
    ],
  },
  {
    title: 'SET SESSION AUTHORIZATION: a user, LOCAL, and DEFAULT is the login',
    doc: page('r_SET_SESSION_AUTHORIZATION.html'),
    steps: [
      run('drop user if exists ssa_user'),
      run("create user ssa_user password 'Abcdefg1'"),
      rows('select current_user as u', [{ u: 'awsuser' }]),
      run("set session authorization 'ssa_user'"),
      rows('select current_user as u, session_user as s', [
        { u: 'ssa_user', s: 'ssa_user' },
      ]),
      run('set session authorization default'),
      rows('select current_user as u', [{ u: 'awsuser' }]),
      run('begin'),
      run("set local session authorization 'ssa_user'"),
      rows('select current_user as u', [{ u: 'ssa_user' }]),
      run('commit'),
      rows('select current_user as u', [{ u: 'awsuser' }]),
      run("set session authorization 'ssa_user'"),
      run('reset session authorization'),
      rows('select current_user as u', [{ u: 'awsuser' }]),
    ],
  },
  // Transactions.
  {
    title:
      'BEGIN takes any isolation level as SERIALIZABLE; no DEFERRABLE, no AND CHAIN',
    doc: page('r_BEGIN.html'),
    steps: [
      run('begin isolation level read committed'),
      rows('show transaction_isolation', [
        { transaction_isolation: 'serializable' },
      ]),
      run('end'),
      run('start transaction isolation level repeatable read read write'),
      run('abort'),
      fails('begin deferrable', '42601', '"DEFERRABLE"'),
      run('begin'),
      fails('commit and chain', '42601', '"AND"'),
      run('rollback'),
    ],
  },
  // LOCK.
  {
    title: 'LOCK runs inside and outside a transaction block',
    doc: page('r_LOCK.html'),
    steps: [
      ...TICKETS,
      run('lock cs_event'),
      run('begin'),
      run('lock table cs_event, cs_sales'),
      rows(
        `select count(*) as n from pg_catalog.pg_locks l join pg_catalog.pg_class c on c.oid = l.relation
         where c.relname in ('cs_event', 'cs_sales') and l.mode = 'AccessExclusiveLock' and l.pid = pg_backend_pid()`,
        [{ n: '2' }],
      ),
      run('commit'),
      fails('lock cs_event in share mode', '42601', '"IN"'),
      fails(
        'lock no_such_table',
        '42P01',
        'relation "no_such_table" does not exist',
      ),
    ],
  },
  // Cursors.
  {
    title: 'DECLARE only in a transaction block; FETCH forms; CLOSE one cursor',
    doc: page('declare.html'),
    steps: [
      ...EMPLOYEE,
      fails(
        'declare c1 cursor for select id from employee',
        '25P01',
        'can only be used in transaction blocks',
      ),
      run('begin'),
      run('declare c1 cursor for select id from employee order by id'),
      rows('fetch forward 2 from c1', [{ id: 100 }, { id: 101 }]),
      rows('fetch next from c1', [{ id: 102 }]),
      rows('fetch forward 0 from c1', [{ id: 102 }]),
      fails('fetch prior from c1', '42601', '"PRIOR"'),
      run('rollback'),
      run('begin'),
      run('declare c2 cursor for select id from employee order by id'),
      rows(
        'fetch forward all from c2',
        EMPLOYEE_IDS.map((id) => ({ id })),
      ),
      fails('fetch 2 from c2', '42601', 'syntax error at or near "2"'),
      run('rollback'),
      run('begin'),
      run('declare c3 cursor for select id from employee'),
      fails('fetch forward 2 in c3', '42601', '"in"'),
      run('rollback'),
      fails('close all', '42601', '"ALL"'),
    ],
  },
  // PREPARE / EXECUTE / DEALLOCATE.
  {
    title: 'PREPARE, EXECUTE and DEALLOCATE the documented plans',
    doc: page('r_PREPARE.html'),
    steps: [
      run('drop table if exists prep1'),
      run('create table prep1 (c1 int, c2 char(20))'),
      run(
        'prepare prep_insert_plan (int, char(20)) as insert into prep1 values ($1, $2)',
      ),
      run("execute prep_insert_plan (1, 'one')"),
      run("execute prep_insert_plan (2, 'two')"),
      run('deallocate prep_insert_plan'),
      run(
        'prepare prep_select_plan (int) as select c1, trim(c2) as c2 from prep1 where c1 = $1',
      ),
      rows('execute prep_select_plan (2)', [{ c1: 2, c2: 'two' }]),
      run('deallocate prep_select_plan'),
    ],
  },
  // VACUUM.
  {
    title: 'VACUUM options, and the TO n PERCENT rules',
    doc: page('r_VACUUM_command.html'),
    steps: [
      ...TICKETS,
      run('vacuum'),
      run('vacuum cs_sales'),
      run('vacuum cs_sales to 100 percent'),
      run('vacuum sort only cs_sales to 75 percent'),
      run('vacuum delete only cs_sales to 75 percent'),
      run('vacuum reindex cs_sales'),
      run('vacuum recluster cs_sales'),
      run('vacuum full cs_sales to 80 percent boost'),
      fails('vacuum reindex cs_sales to 75 percent', '0A000', 'REINDEX'),
      fails('vacuum recluster cs_sales to 75 percent', '0A000', 'RECLUSTER'),
      fails('vacuum to 75 percent', '42601', '"TO"'),
      fails('vacuum cs_sales to 101 percent', '42601', '"TO"'),
      run('begin'),
      fails(
        'vacuum cs_sales',
        '25001',
        'cannot run inside a transaction block',
      ),
      run('rollback'),
    ],
  },
  // ANALYZE.
  {
    title: 'ANALYZE takes one table, its columns, PREDICATE or ALL COLUMNS',
    doc: page('r_ANALYZE.html'),
    steps: [
      ...TICKETS,
      run('analyze cs_event'),
      run('analyze cs_event (eventid, catid)'),
      run('analyze cs_event predicate columns'),
      run('analyze cs_event all columns'),
      fails(
        'analyze cs_event, cs_sales',
        '42601',
        'syntax error at or near ","',
      ),
    ],
  },
  // UNION / INTERSECT / EXCEPT / MINUS.
  {
    title: 'set operations: MINUS is EXCEPT, INTERSECT binds first',
    doc: page('r_UNION.html'),
    steps: [
      rows('select 1 as v union select 2 intersect select 2 order by 1', [
        { v: 1 },
        { v: 2 },
      ]),
      rows('select 1 as v minus select 2', [{ v: 1 }]),
      fails('select 1 except all select 2', '0A000', 'EXCEPT ALL'),
    ],
  },
]

describeFidelityCases(
  'local emulator: SQL commands reference (queries, DML, session commands)',
  'local_fidelity_dml_audit',
  CASES,
)

// Only a superuser may change the session's user
// (r_SET_SESSION_AUTHORIZATION.html); PostgreSQL's own check would pass, as
// the emulator's backing login is one.
describe('local emulator: SET SESSION AUTHORIZATION by a user who is not a superuser', () => {
  let url: string
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ url, close } = await openEmulatorDatabase('local_fidelity_ssa', [
      'drop user if exists ssa_plain',
      "create user ssa_plain password 'Abcdefg1'",
    ]))
  })
  afterAll(() => close())

  it.each([
    "set session authorization 'awsuser'",
    'set session authorization default',
    'reset session authorization',
  ])('%s is refused', async (sql) => {
    const target = new URL(url)
    target.username = 'ssa_plain'
    target.password = 'Abcdefg1'
    const client = await connect(target.toString())
    try {
      const error = await errorOf(client.query(sql))
      expect(
        error.code,
        `${sql} (${page('r_SET_SESSION_AUTHORIZATION.html')})`,
      ).toBe('42501')
      const { rows: who } = await client.query('select current_user as u')
      expect(who).toEqual([{ u: 'ssa_plain' }])
    } finally {
      await client.end()
    }
  })
})
