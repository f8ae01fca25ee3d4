import {
  describeFidelityCases,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// SVV_REDSHIFT_DATABASES: the page's example query, over a database of the
// file's own and one it creates.

const CASES: readonly FidelityCase[] = [
  {
    title: "lists each database with its owner's id, type and isolation level",
    doc: `${DG}r_SVV_REDSHIFT_DATABASES.html`,
    steps: [
      run('create database {db}_other'),
      rows(
        `select database_name, (database_name not like '%_other' or database_owner = current_user_id) as owned,
           database_type, database_options, database_isolation_level
         from svv_redshift_databases where database_name like '{db}%' order by database_name`,
        [
          {
            database_name: '{db}',
            owned: true,
            database_type: 'local',
            database_options: null,
            database_isolation_level: 'Serializable',
          },
          {
            database_name: '{db}_other',
            owned: true,
            database_type: 'local',
            database_options: null,
            database_isolation_level: 'Serializable',
          },
        ],
      ),
      run('drop database {db}_other'),
      rows(
        "select count(*)::int as n from svv_redshift_databases where database_name = '{db}_other'",
        [{ n: 0 }],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: SVV_REDSHIFT_DATABASES',
  'local_redshift_databases',
  CASES,
)
