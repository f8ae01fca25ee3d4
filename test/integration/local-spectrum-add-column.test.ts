import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'

// ALTER TABLE ... ADD [COLUMN] on an external table, which Redshift runs
// (r_ALTER_TABLE.html: "ADD [ COLUMN ] column_name column_type"): the
// emulator enters the column in its Spectrum catalog, so SVV_EXTERNAL_COLUMNS
// shows it. Where Redshift numbers a column added to a partitioned table is
// not documented; the emulator puts it after the other columns of the files
// and before the partition columns, as a Glue table keeps them.

const ALTER_TABLE =
  'https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html'
const CREATE_TABLE =
  'https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html'

const schema = (name: string) =>
  run(
    `create external schema ${name} from data catalog database '${name}db' iam_role default create external database if not exists`,
  )
const columns = (schemaName: string) =>
  `select columnname, external_type, columnnum, part_key from svv_external_columns
   where schemaname = '${schemaName}' and tablename = 't' order by columnnum`

const CASES: readonly Case[] = [
  {
    title:
      'ADD COLUMN enters the column in SVV_EXTERNAL_COLUMNS, before the partition columns',
    doc: ALTER_TABLE,
    steps: [
      schema('ac_add'),
      run(
        "create external table ac_add.t (a int) partitioned by (d date) stored as parquet location 's3://b/t/'",
      ),
      run('alter table ac_add.t add column b varchar(10)'),
      run('alter table ac_add.t add c decimal(8,2)'),
      run('alter table ac_add.t add column "E" double precision'),
      rows(columns('ac_add'), [
        { columnname: 'a', external_type: 'int', columnnum: 1, part_key: 0 },
        {
          columnname: 'b',
          external_type: 'varchar(10)',
          columnnum: 2,
          part_key: 0,
        },
        {
          columnname: 'c',
          external_type: 'decimal(8,2)',
          columnnum: 3,
          part_key: 0,
        },
        { columnname: 'e', external_type: 'double', columnnum: 4, part_key: 0 },
        { columnname: 'd', external_type: 'date', columnnum: 5, part_key: 1 },
      ]),
      // Partitions still take the partition column only.
      run(
        "alter table ac_add.t add partition (d='2008-01-01') location 's3://b/t/d=1/'",
      ),
      rows(
        'select "values" from svv_external_partitions where schemaname = \'ac_add\'',
        [{ values: '["2008-01-01"]' }],
      ),
    ],
  },
  {
    title:
      'ADD COLUMN of a type external tables do not take, or with DEFAULT / NOT NULL, is refused',
    doc: CREATE_TABLE,
    steps: [
      schema('ac_bad'),
      run(
        "create external table ac_bad.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        'alter table ac_bad.t add column s super',
        '0A000',
        'column "s" has type super, which external tables do not support',
      ),
      fails(
        'alter table ac_bad.t add column z timestamptz',
        '0A000',
        'column "z" has type timestamp with time zone',
      ),
      fails(
        'alter table ac_bad.t add column n int default 1',
        '0A000',
        'column "n" of an external table cannot have a DEFAULT or NOT NULL',
      ),
      fails(
        'alter table ac_bad.t add column m int not null',
        '0A000',
        'column "m" of an external table cannot have a DEFAULT or NOT NULL',
      ),
      fails(
        'alter table ac_bad.t add column a int',
        '42701',
        'column "a" of relation "t" already exists',
      ),
      // Nothing of the refused statements stayed.
      rows(columns('ac_bad'), [
        { columnname: 'a', external_type: 'int', columnnum: 1, part_key: 0 },
      ]),
      // RENAME COLUMN runs (local-fidelity-spectrum-audit); RENAME TO is
      // refused, as Redshift refuses it.
      fails(
        'alter table ac_bad.t rename to t2',
        '0A000',
        'cannot rename external table "t"',
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: ALTER TABLE ADD COLUMN on external tables',
  'local_spectrum_add_column',
  CASES,
)
