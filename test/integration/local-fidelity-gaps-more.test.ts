import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// Gaps earlier audits left open: the emulator's internal schema reachable by
// clients, COMMENT ON objects Redshift has no comments for, Redshift's own
// types on the wire and in the catalog, bind-parameter values literals refuse,
// stored-value checks of copied columns, and the materialized-view state views.

const NAMES = `${DG}r_names.html`
const CREATE_PROCEDURE = `${DG}r_CREATE_PROCEDURE.html`
const ROLE = 'record_role_owner'
const VARBYTE = `${DG}r_VARBYTE_type.html`
const CTAS = `${DG}r_CREATE_TABLE_AS.html`
const LONG = 'value too long for type varbyte(3)'
const PAST = 'date out of range: "294277-01-01"'

const CASES: readonly Case[] = [
  {
    title:
      'the emulator’s internal schema: no client statement names it (no such schema on Redshift)',
    doc: NAMES,
    steps: [
      fails(
        `call redshift_local.${ROLE}('awsuser')`,
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      fails(
        `select "redshift_local".raise_error('x')`,
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      fails(
        'select key from redshift_local.settings',
        '42P01',
        'relation "redshift_local.settings" does not exist',
      ),
      fails(
        "update redshift_local.settings set value = '0'",
        '42P01',
        'relation "redshift_local.settings" does not exist',
      ),
      fails(
        'select null::redshift_local_types.x',
        '42P01',
        'redshift_local_types.x',
      ),
      fails(
        "set redshift_local.in_block = 'on'",
        '42704',
        'unrecognized configuration parameter "redshift_local.in_block"',
      ),
      fails(
        "select set_config('redshift_local.in_block', 'on', false)",
        '42704',
        'unrecognized configuration parameter "redshift_local.in_block"',
      ),
      fails(
        'set search_path to redshift_local, public',
        '0A000',
        'emulator limit',
      ),
      fails(
        "select set_config('search_path', 'redshift_local', false)",
        '0A000',
        'emulator limit',
      ),
      // The word itself, as an alias or in a string, is the client's.
      rows("select 1 as redshift_local, 'redshift_local.x' as s", [
        { redshift_local: 1, s: 'redshift_local.x' },
      ]),
    ],
  },
  {
    title:
      'the emulator’s internal schema: not from a procedure’s body, nor from its dynamic SQL',
    doc: CREATE_PROCEDURE,
    steps: [
      fails(
        `create procedure gaps_p1() as $$ begin call redshift_local.${ROLE}('awsuser'); end $$ language plpgsql`,
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      run(
        `create procedure gaps_p2() as $$ begin execute 'call redshift_local.${ROLE}(''awsuser'')'; end $$ language plpgsql`,
      ),
      fails(
        'call gaps_p2()',
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      // Dynamic SQL that names nothing internal still runs.
      run(
        `create procedure gaps_p3() as $$ begin execute 'create temp table gaps_t3 (a int)'; end $$ language plpgsql`,
      ),
      run('call gaps_p3()'),
      rows('select count(*)::int as n from gaps_t3', [{ n: 0 }]),
      // A FOR loop's and an OPEN cursor's dynamic query are judged alike.
      run(
        `create procedure gaps_p4() as $$ declare r record; begin for r in execute 'select * from redshift_local.' || 'settings' loop end loop; end $$ language plpgsql`,
      ),
      fails(
        'call gaps_p4()',
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      run(
        `create procedure gaps_p5() as $$ declare c refcursor; begin open c for execute 'select 1 from redshift_local.' || 'settings'; close c; end $$ language plpgsql`,
      ),
      fails(
        'call gaps_p5()',
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      run(
        `create procedure gaps_p6(n inout int) as $$ declare r record; begin n := 0; for r in execute 'select 1 as i union all select 2 union all select 3' loop n := n + 1; end loop; end $$ language plpgsql`,
      ),
      rows('call gaps_p6(0)', [{ n: 3 }]),
      run(
        `create procedure gaps_p7() nonatomic as $$ declare r record; begin for r in execute 'select * from redshift_local.' || 'settings' loop end loop; end $$ language plpgsql`,
      ),
      fails(
        'call gaps_p7()',
        '3F000',
        'schema "redshift_local" does not exist',
      ),
    ],
  },
  {
    title:
      'CREATE TABLE AS and LIKE: the copied VARBYTE(n) and DATE columns check what they store',
    doc: CTAS,
    steps: [
      run('create table sv1 (vb varbyte(3), d date, i int)'),
      run('create table sv2 as select * from sv1'),
      run('create table sv3 (like sv1)'),
      run('create table sv4 (like sv1 including defaults)'),
      run('create table sv5 as select vb as v, d as e from sv1'),
      ...['sv2', 'sv3', 'sv4'].flatMap((t) => [
        fails(
          `insert into ${t} (vb) values (from_hex('aabbccdd'))`,
          '22001',
          LONG,
        ),
        fails(
          `insert into ${t} (d) values (date '294276-12-31' + 1)`,
          '22008',
          PAST,
        ),
        run(
          `insert into ${t} (vb, d) values (from_hex('aabbcc'), '2024-02-29')`,
        ),
      ]),
      fails("insert into sv5 (v) values (from_hex('aabbccdd'))", '22001', LONG),
      fails("update sv2 set vb = vb || from_hex('00')", '22001', LONG),
      // The column keeps its Redshift type.
      rows(
        'select type from pg_table_def where tablename = \'sv5\' order by "column"',
        [{ type: 'date' }, { type: 'varbyte(3)' }],
      ),
      // LIKE still takes no other option.
      fails(
        'create table sv6 (like sv1 including constraints)',
        '42601',
        'syntax error at or near "INCLUDING"',
      ),
    ],
  },
  {
    title:
      'CREATE TABLE AS: a VARBYTE computed by the query is held to VARBYTE’s largest size',
    doc: VARBYTE,
    steps: [
      run("create table sv7 as select from_hex('aa') as x"),
      fails(
        "insert into sv7 values (pg_catalog.decode(repeat('a', 1024001), 'escape'))",
        '22001',
        'value too long for type varbyte(1024000)',
      ),
    ],
  },
  {
    // r_WHERE_clause.html: "You can't use aliases in the WHERE clause to
    // reference select list expressions" (the select list may, r_SELECT_list.html).
    title: 'WHERE names no select-list alias; the select list itself does',
    doc: `${DG}r_WHERE_clause.html`,
    steps: [
      run('create table lw1 (a int)'),
      run('insert into lw1 values (1), (-5)'),
      fails(
        'select a + 1 as z from lw1 where z > 0',
        '42703',
        'column "z" does not exist',
      ),
      rows('select a + 1 as z, z * 2 as y from lw1 where a + 1 > 0', [
        { z: 2, y: 4 },
      ]),
    ],
  },
]

describeFidelityCases(
  'local emulator: gaps of earlier audits (security, commands, types, views)',
  'local_fidelity_gaps_more',
  CASES,
)
