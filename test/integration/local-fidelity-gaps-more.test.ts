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
    ],
  },
]

describeFidelityCases(
  'local emulator: gaps of earlier audits (security, commands, types, views)',
  'local_fidelity_gaps_more',
  CASES,
)
