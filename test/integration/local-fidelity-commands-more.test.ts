import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'

// More of the Developer Guide's SQL commands reference: the wording of
// MERGE, DROP USER and integer input refusals, GROUPING_ID's column name,
// one open cursor per session, and SELECT * EXCLUDE over derived tables.
// Each case names its page and runs on a connection of its own.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const page = (name: string) => `${DG}${name}`

/** A target table and a source table whose two rows both match target row 1. */
const MERGE_TABLES = [
  'drop table if exists cm_target, cm_source',
  'create table cm_target (id int, v int)',
  'create table cm_source (id int, v int)',
  'insert into cm_target values (1, 1), (2, 2)',
  'insert into cm_source values (1, 10), (1, 11)',
].map(run)

/** The small table GROUPING_ID groups. */
const GROUPED = [
  'drop table if exists cm_grouped',
  'create table cm_grouped (a int, b int, n int)',
  'insert into cm_grouped values (1, 1, 1), (1, 2, 2)',
].map(run)

const CURSOR_TABLE = [
  'drop table if exists cm_cursor',
  'create table cm_cursor (id int)',
  'insert into cm_cursor values (1), (2)',
].map(run)

/** Two tables sharing `id` and `v`, for EXCLUDE over joins. */
const EXCLUDE_TABLES = [
  'drop view if exists cm_left_v',
  'drop table if exists cm_left, cm_right',
  'create table cm_left (id int, v int, w int)',
  'create table cm_right (id int, v int, z int)',
  'insert into cm_left values (1, 1, 100), (2, 2, 200)',
  'insert into cm_right values (1, 10, 1000)',
].map(run)

const EXCLUDE = page('r_EXCLUDE_list.html')

/** EVENT / LISTING / SALES with column names of their own, for bare outer references. */
const TICKETS = [
  'drop table if exists cm_event, cm_listing, cm_sales',
  'create table cm_event (eventid int, catid int)',
  'create table cm_listing (listid int, eventid int, numtickets int)',
  'create table cm_sales (salesid int, listid int, qtysold int)',
  'insert into cm_event values (1, 1), (2, 2)',
  'insert into cm_listing values (10, 1, 4), (20, 2, 6)',
  'insert into cm_sales values (100, 10, 4), (200, 20, 1)',
].map(run)

const CORRELATED = page('r_correlated_subqueries.html')
const PATTERN = 'This type of correlated subquery pattern is not supported yet'

const CASES: readonly Case[] = [
  {
    title: 'MERGE: a target row matched by two source rows fails',
    doc: page('r_MERGE.html'),
    steps: [
      ...MERGE_TABLES,
      fails(
        `merge into cm_target using cm_source on cm_target.id = cm_source.id
         when matched then update set v = cm_source.v
         when not matched then insert values (cm_source.id, cm_source.v)`,
        '21000',
        'Found multiple matches to update the same tuple.',
      ),
      fails(
        `merge into cm_target using cm_source on cm_target.id = cm_source.id
         when matched then delete
         when not matched then insert values (cm_source.id, cm_source.v)`,
        '21000',
        'Found multiple matches to update the same tuple.',
      ),
      rows('select id, v from cm_target order by id', [
        { id: 1, v: 1 },
        { id: 2, v: 2 },
      ]),
    ],
  },
  {
    title: 'DROP USER of a user that owns an object, or holds a privilege',
    doc: page('r_DROP_USER.html'),
    steps: [
      run('drop table if exists cm_owned'),
      run('drop user if exists cm_owner'),
      run('drop user if exists cm_grantee'),
      run("create user cm_owner password 'Abcdefg1'"),
      run("create user cm_grantee password 'Abcdefg1'"),
      run('create table cm_owned (id int)'),
      run('alter table cm_owned owner to cm_owner'),
      fails(
        'drop user cm_owner',
        '55006',
        `user "cm_owner" can't be dropped because the user owns some object`,
      ),
      run('alter table cm_owned owner to current_user'),
      run('grant select on cm_owned to cm_grantee'),
      fails(
        'drop user cm_grantee',
        '55006',
        `user "cm_grantee" can't be dropped because the user has a privilege on some object`,
      ),
      run('revoke select on cm_owned from cm_grantee'),
      run('drop user cm_owner, cm_grantee'),
    ],
  },
  {
    title: "invalid integer input: 'abc'::int",
    doc: page('r_CAST_function.html'),
    steps: [
      fails(
        "select 'abc'::int",
        '22P02',
        'invalid input syntax for integer: "abc"',
      ),
      fails(
        "select cast('12.5' as smallint)",
        '22P02',
        'invalid input syntax for integer: "12.5"',
      ),
    ],
  },
  {
    title: 'GROUPING_ID unaliased names its column grouping_id',
    doc: page('r_GROUP_BY_aggregation-extensions.html'),
    steps: [
      ...GROUPED,
      rows(
        `select a, b, grouping_id(a, b), sum(n) as total from cm_grouped
         group by rollup(a, b) order by 1, 2`,
        [
          { a: 1, b: 1, grouping_id: 0, total: '1' },
          { a: 1, b: 2, grouping_id: 0, total: '2' },
          { a: 1, b: null, grouping_id: 1, total: '3' },
          { a: null, b: null, grouping_id: 3, total: '3' },
        ],
      ),
      rows(
        `select a, grouping_id(a) as gid from cm_grouped
         group by cube(a) having grouping_id(a) = 1`,
        [{ a: null, gid: 1 }],
      ),
      rows(
        `select a, grouping(a) from cm_grouped group by rollup(a) order by 1`,
        [
          { a: 1, grouping: 0 },
          { a: null, grouping: 1 },
        ],
      ),
    ],
  },
  {
    title: 'only one cursor at a time can be open per session',
    doc: page('declare.html'),
    steps: [
      ...CURSOR_TABLE,
      run('begin'),
      run('declare cm_c1 cursor for select id from cm_cursor order by id'),
      rows('fetch next from cm_c1', [{ id: 1 }]),
      fails(
        'declare cm_c2 cursor for select id from cm_cursor',
        '0A000',
        'only one cursor at a time can be open per session',
      ),
      run('rollback'),
      run('begin'),
      run('declare cm_c1 cursor for select id from cm_cursor order by id'),
      run('close cm_c1'),
      run('declare cm_c2 cursor for select id from cm_cursor order by id'),
      rows('fetch all from cm_c2', [{ id: 1 }, { id: 2 }]),
      run('end'),
    ],
  },
  {
    title:
      'SELECT * EXCLUDE over joins: ON, USING (merged column first), NATURAL',
    doc: EXCLUDE,
    steps: [
      ...EXCLUDE_TABLES,
      rows('select * exclude (v) from cm_left join cm_right using (id)', [
        { id: 1, w: 100, z: 1000 },
      ]),
      rows(
        'select * exclude w from cm_left left join cm_right using (id) order by id',
        [
          { id: 1, v: 10, z: 1000 },
          { id: 2, v: null, z: null },
        ],
      ),
      rows(
        'select * exclude (w, z) from cm_left full join cm_right using (id, v) order by 1, 2',
        [
          { id: 1, v: 1 },
          { id: 1, v: 10 },
          { id: 2, v: 2 },
        ],
      ),
      rows('select * exclude w from cm_left natural join cm_right', []),
      rows(
        'select * exclude (v, w) from cm_left l join cm_right r on l.id = r.id',
        [{ id: 1, z: 1000 }],
      ),
    ],
  },
  {
    title: 'SELECT * EXCLUDE over a subquery, a WITH query and a view',
    doc: EXCLUDE,
    steps: [
      ...EXCLUDE_TABLES,
      rows('select * exclude v from (select * from cm_left) x order by id', [
        { id: 1, w: 100 },
        { id: 2, w: 200 },
      ]),
      rows(
        'select * exclude b from (select id as a, v as b from cm_left) x order by a',
        [{ a: 1 }, { a: 2 }],
      ),
      rows(
        'with c as (select id, w from cm_left) select * exclude w from c order by id',
        [{ id: 1 }, { id: 2 }],
      ),
      rows(
        'with c (a, b) as (select id, w from cm_left) select * exclude a from c order by b',
        [{ b: 100 }, { b: 200 }],
      ),
      run('create view cm_left_v as select * from cm_left'),
      rows(
        'select * exclude (v, w) from cm_left_v join (select * from cm_right) r using (id)',
        [{ id: 1, z: 1000 }],
      ),
      rows('select count(*) as n from (select * exclude v from cm_left) q', [
        { n: '2' },
      ]),
      fails(
        'select * exclude nosuch from (select id from cm_left) x',
        '42703',
        'column "nosuch" does not exist',
      ),
    ],
  },
  {
    title:
      'SELECT * EXCLUDE refuses, as an emulator limit, what it cannot name',
    doc: EXCLUDE,
    steps: [
      ...EXCLUDE_TABLES,
      // An unaliased expression: its column name is PostgreSQL's to choose.
      fails(
        'select * exclude v from (select id + 1, v from cm_left) x',
        '0A000',
        'an emulator limit',
      ),
      // Two columns named v in the subquery: x.v would be ambiguous.
      fails(
        'select * exclude id from (select * from cm_left l join cm_right r on l.id = r.id) x',
        '0A000',
        'an emulator limit',
      ),
      fails(
        'select * exclude v from generate_series(1, 2) g (v), cm_left',
        '0A000',
        'an emulator limit',
      ),
    ],
  },
  {
    title: 'a bare outer column that skips a query block is refused',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select eventid from cm_event where exists (select 1 from cm_listing
           where exists (select 1 from cm_sales
             where cm_sales.listid = cm_listing.listid and qtysold > catid))`,
        '0A000',
        PATTERN,
      ),
      // One level up is an ordinary correlated subquery.
      rows(
        `select eventid from cm_event where exists (select 1 from cm_listing
           where exists (select 1 from cm_sales
             where cm_sales.listid = cm_listing.listid and qtysold = numtickets)
             and cm_listing.eventid = cm_event.eventid)
         order by eventid`,
        [{ eventid: 1 }],
      ),
      // The inner table's own column of that name is no outer reference.
      rows(
        `select eventid from cm_event e where exists (select 1 from cm_listing l
           where exists (select 1 from cm_sales where listid = l.listid))
         order by eventid`,
        [{ eventid: 1 }, { eventid: 2 }],
      ),
    ],
  },
  {
    title:
      'bare outer columns make a window-function or IN ... GROUP BY subquery correlated',
    doc: CORRELATED,
    steps: [
      ...TICKETS,
      fails(
        `select eventid from cm_event where exists
           (select sum(qtysold) over () from cm_sales where salesid > catid)`,
        '0A000',
        PATTERN,
      ),
      fails(
        `select eventid from cm_event where catid in
           (select count(*) from cm_listing where numtickets > catid group by listid)`,
        '0A000',
        PATTERN,
      ),
      rows(
        `select eventid from cm_event where catid in
           (select min(eventid) from cm_listing where numtickets > catid group by listid)
         order by eventid`,
        [{ eventid: 1 }, { eventid: 2 }],
      ),
      fails(
        `select catid from cm_event left join cm_listing on cm_listing.eventid = cm_event.eventid
           and exists (select 1 from cm_sales where qtysold = catid)`,
        '0A000',
        PATTERN,
      ),
    ],
  },
]

describeFidelityCases(
  'Developer Guide: more SQL commands',
  'local_cmd_more',
  CASES,
)
