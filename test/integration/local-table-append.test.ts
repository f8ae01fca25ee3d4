import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// ALTER TABLE ... APPEND FROM, as r_ALTER_TABLE_APPEND.html describes it:
// rows move to the target's columns of the same names, whatever their
// order; extra columns need IGNOREEXTRA or FILLTARGET. The page gives no
// error wording, so the refusals are checked by SQLSTATE and a key phrase.

const APPEND = `${DG}r_ALTER_TABLE_APPEND.html`

const CASES: readonly FidelityCase[] = [
  {
    title: 'moves rows by column name: column order does not matter',
    doc: APPEND,
    steps: [
      run('create table ap_target (id int, name varchar(10), qty int)'),
      run('create table ap_source (qty int, id int, name varchar(10))'),
      run("insert into ap_source values (5, 1, 'a'), (7, 2, 'b')"),
      run('alter table ap_target append from ap_source'),
      rows('select id, name, qty from ap_target order by id', [
        { id: 1, name: 'a', qty: 5 },
        { id: 2, name: 'b', qty: 7 },
      ]),
      rows('select count(*)::int as n from ap_source', [{ n: 0 }]),
    ],
  },
  {
    title: 'columns of the same name must match in type and length',
    doc: APPEND,
    steps: [
      run('create table ap_t2 (id int, name varchar(10))'),
      run('create table ap_s2 (id int, name varchar(20))'),
      run("insert into ap_s2 values (1, 'a')"),
      fails(
        'alter table ap_t2 append from ap_s2',
        '42P16',
        "attributes don't match",
      ),
      rows('select count(*)::int as n from ap_s2', [{ n: 1 }]),
    ],
  },
  {
    title: 'a column only the source has needs IGNOREEXTRA, which drops it',
    doc: APPEND,
    steps: [
      run('create table ap_t3 (id int)'),
      run('create table ap_s3 (id int, note varchar(10))'),
      run("insert into ap_s3 values (1, 'x')"),
      fails('alter table ap_t3 append from ap_s3', '42P16', 'IGNOREEXTRA'),
      fails(
        'alter table ap_t3 append from ap_s3 filltarget',
        '42P16',
        'IGNOREEXTRA',
      ),
      run('alter table ap_t3 append from ap_s3 ignoreextra'),
      rows('select id from ap_t3', [{ id: 1 }]),
      rows('select count(*)::int as n from ap_s3', [{ n: 0 }]),
    ],
  },
  {
    title:
      'a column only the target has needs FILLTARGET, which fills its default',
    doc: APPEND,
    steps: [
      run("create table ap_t4 (id int, status varchar(5) default 'new')"),
      run('create table ap_s4 (id int)'),
      run('insert into ap_s4 values (1)'),
      fails('alter table ap_t4 append from ap_s4', '42P16', 'FILLTARGET'),
      run('alter table ap_t4 append from ap_s4 filltarget'),
      rows('select id, status from ap_t4', [{ id: 1, status: 'new' }]),
    ],
  },
  {
    title:
      'an IDENTITY column is not appended: both tables with one fail, one side needs FILLTARGET',
    doc: APPEND,
    steps: [
      run('create table ap_t5 (k bigint identity(1, 1), id int)'),
      run('create table ap_s5 (k bigint identity(1, 1), id int)'),
      run('insert into ap_s5 (id) values (10)'),
      fails('alter table ap_t5 append from ap_s5', '42P16', 'IDENTITY'),
      run('create table ap_s6 (id int)'),
      run('insert into ap_s6 values (20), (30)'),
      run('alter table ap_t5 append from ap_s6 filltarget'),
      rows('select k::int as k, id from ap_t5 order by id', [
        { k: 1, id: 20 },
        { k: 2, id: 30 },
      ]),
    ],
  },
  {
    title: 'the target must be permanent, and both keyed alike',
    doc: APPEND,
    steps: [
      run('create temp table ap_tmp (id int)'),
      run('create table ap_s7 (id int)'),
      fails('alter table ap_tmp append from ap_s7', '42P16', 'permanent'),
      run('create table ap_t8 (id int) diststyle key distkey (id)'),
      run('create table ap_s8 (id int) diststyle even'),
      fails('alter table ap_t8 append from ap_s8', '42P16', 'distribution'),
    ],
  },
]

describeFidelityCases(
  'local emulator: ALTER TABLE APPEND',
  'local_table_append',
  CASES,
)
