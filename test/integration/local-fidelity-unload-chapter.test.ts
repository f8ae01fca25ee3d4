import { DG } from './function-answers.js'
import {
  answer,
  describeS3FidelityCases,
  fails,
  file,
  run,
  type S3Case as Case,
} from './s3-fidelity-steps.js'

// The Developer Guide's "Unloading data" chapter run against the emulator:
// every example of its pages, the files each writes (names, contents) and
// what STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY, SYS_UNLOAD_DETAIL and
// PG_LAST_UNLOAD_ID() / PG_LAST_UNLOAD_COUNT() say of them. r_UNLOAD and
// r_UNLOAD_command_examples are audited in
// local-fidelity-copy-unload-audit.test.ts. The emulator is one slice, so a
// parallel unload writes `<prefix>0000_part_00` where the Guide's four-slice
// cluster writes `0000` to `0003`.

const TABLES = `${DG}t_Unloading_tables.html`
const ENCRYPTED = `${DG}t_unloading_encrypted_files.html`
const FIXED = `${DG}t_unloading_fixed_width_data.html`
const RELOAD = `${DG}t_Reloading_unload_files.html`
const UNLOAD = `${DG}r_UNLOAD.html`
const LAST_ID = `${DG}PG_LAST_UNLOAD_ID.html`
const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"
const KEY = 'EXAMPLEMASTERKEYtkbjk/OpCwtYSx/M4/t7DMCDIK722'

/** A VENUE of the chapter's rows (one NULL seat count) under `name`. */
const venue = (name: string) => [
  run(
    `create table ${name} (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)`,
  ),
  run(
    `insert into ${name} values (20, 'Air Canada Centre', 'Toronto', 'ON', 0), (60, 'Rexall Place', 'Edmonton', 'AB', 0), (100, 'U.S. Cellular Field', 'Chicago', 'IL', 40615), (251, 'Paris Hotel', 'Las Vegas', 'NV', null), (300, 'Kennedy Center Opera House', 'Washington', 'DC', 0)`,
  ),
]

/** The rows of {@link venue}, each field through `field`, joined by `sep`. */
const venueText = (
  sep: string,
  field: (value: string, column: number) => string = (v) => v,
): string =>
  [
    ['20', 'Air Canada Centre', 'Toronto', 'ON', '0'],
    ['60', 'Rexall Place', 'Edmonton', 'AB', '0'],
    ['100', 'U.S. Cellular Field', 'Chicago', 'IL', '40615'],
    ['251', 'Paris Hotel', 'Las Vegas', 'NV', ''],
    ['300', 'Kennedy Center Opera House', 'Washington', 'DC', '0'],
  ]
    .map((row) => `${row.map(field).join(sep)}\n`)
    .join('')

const PIPED = venueText('|')

/** Rows of about 1 KB (id, 1,000 x's): 2^doublings of them. */
const wide = (name: string, doublings: number) => [
  run(`create table ${name} (id int, pad varchar(1000))`),
  run(`insert into ${name} values (1, repeat('x', 1000))`),
  ...Array.from({ length: doublings }, () =>
    run(
      `insert into ${name} select id + (select max(id) from ${name}), pad from ${name}`,
    ),
  ),
]

/** The files the session's last UNLOAD wrote, as STL_UNLOAD_LOG lists them. */
const LOGGED =
  'select trim(path), line_count, transfer_size from stl_unload_log where query = pg_last_unload_id() order by path'

const CASES: readonly Case[] = [
  {
    title:
      'Unload VENUE to <prefix>0000_part_00, listed by STL_UNLOAD_LOG, SYS_UNLOAD_DETAIL and SYS_UNLOAD_HISTORY',
    doc: TABLES,
    steps: [
      ...venue('venue'),
      answer('select pg_last_unload_id(), pg_last_unload_count()', [
        ['-1', '0'],
      ]),
      run(
        `unload ('select * from venue') to 's3://bucket/tickit/unload/venue_' ${ROLE}`,
      ),
      file('tickit/unload/venue_0000_part_00', PIPED),
      answer(LOGGED, [
        ['s3://bucket/tickit/unload/venue_0000_part_00', '5', '182'],
      ]),
      // The page's own query.
      answer(
        'select substring(path,0,40) as path from stl_unload_log where query = pg_last_unload_id() order by path',
        [['s3://bucket/tickit/unload/venue_0000_pa']],
      ),
      answer(
        'select pg_last_unload_count(), pg_last_unload_id() = pg_last_query_id()',
        [['5', 't']],
      ),
      answer(
        'select trim(file_name), line_count, transfer_size, trim(file_format) from sys_unload_detail where query_id = pg_last_unload_id()',
        [['s3://bucket/tickit/unload/venue_0000_part_00', '5', '182', 'Text']],
      ),
      answer(
        'select trim(status), trim(unloaded_location), unloaded_rows, unloaded_files_count, unloaded_files_size, trim(file_format) from sys_unload_history where query_id = pg_last_unload_id()',
        [
          [
            'completed',
            's3://bucket/tickit/unload/venue_',
            '5',
            '1',
            '182',
            'text',
          ],
        ],
      ),
    ],
  },
  {
    title:
      'PARALLEL OFF writes <prefix>000; with MAXFILESIZE 100 MB still one file',
    doc: TABLES,
    steps: [
      ...venue('svenue'),
      run(
        `unload ('select * from svenue') to 's3://bucket/tickit/serial/venue_' ${ROLE} parallel off`,
      ),
      file('tickit/serial/venue_000', PIPED),
      run(
        `unload ('select * from svenue') to 's3://bucket/tickit/mfs/venue_' ${ROLE} parallel off maxfilesize 100 mb`,
      ),
      answer(LOGGED, [['s3://bucket/tickit/mfs/venue_000', '5', '182']]),
    ],
  },
  {
    // 8,192 rows of about 1 KB: more than PostgreSQL's stream hands over
    // before the emulator holds it back, so every row must be written once.
    title:
      'MAXFILESIZE 5 MB splits 8 MB into <prefix>000, 001 (0000_part_00, 01 in parallel); the manifest reloads every row once',
    doc: TABLES,
    steps: [
      ...wide('wide', 13),
      run(
        `unload ('select * from wide order by id') to 's3://bucket/big/serial_' ${ROLE} parallel off maxfilesize 5 mb manifest`,
      ),
      answer(
        'select trim(path), line_count > 0, transfer_size <= 5 * 1024 * 1024 from stl_unload_log where query = pg_last_unload_id() order by path',
        [
          ['s3://bucket/big/serial_000', 't', 't'],
          ['s3://bucket/big/serial_001', 't', 't'],
        ],
      ),
      answer(
        'select sum(line_count), pg_last_unload_count() from stl_unload_log where query = pg_last_unload_id()',
        [['8192', '8192']],
      ),
      answer(
        'select unloaded_rows, unloaded_files_count from sys_unload_history where query_id = pg_last_unload_id()',
        [['8192', '2']],
      ),
      run('create table wide2 (like wide)'),
      run(`copy wide2 from 's3://bucket/big/serial_manifest' ${ROLE} manifest`),
      answer('select count(*), count(distinct id), max(id) from wide2', [
        ['8192', '8192', '8192'],
      ]),
      run(
        `unload ('select * from wide order by id') to 's3://bucket/big/par_' ${ROLE} maxfilesize as 5MB`,
      ),
      answer(
        'select trim(path), sum(line_count) over () from stl_unload_log where query = pg_last_unload_id() order by path',
        [
          ['s3://bucket/big/par_0000_part_00', '8192'],
          ['s3://bucket/big/par_0000_part_01', '8192'],
        ],
      ),
      // HEADER: "a header line ... at the top of each output file" (r_UNLOAD).
      run(
        `unload ('select * from wide order by id') to 's3://bucket/big/hdr_' ${ROLE} header maxfilesize 5 mb manifest`,
      ),
      run('truncate wide2'),
      run(
        `copy wide2 from 's3://bucket/big/hdr_manifest' ${ROLE} manifest ignoreheader 1`,
      ),
      answer('select count(*), count(distinct id) from wide2', [
        ['8192', '8192'],
      ]),
    ],
  },
  {
    title:
      'Temporary credentials (ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN) authorize an UNLOAD',
    doc: TABLES,
    steps: [
      ...venue('tvenue'),
      run(
        "unload ('select * from tvenue') to 's3://bucket/tickit/venue_' access_key_id 'AKIAIOSFODNN7EXAMPLE' secret_access_key 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' session_token 'temporary-token'",
      ),
      file('tickit/venue_0000_part_00', PIPED),
    ],
  },
  {
    title: "Quotes in the query text: escaped (\\'OH\\') or doubled (''NV'')",
    doc: TABLES,
    steps: [
      ...venue('qvenue'),
      run(
        `unload ('select venuename, venuecity from qvenue where venuestate=\\'ON\\' ') to 's3://bucket/q/on_' ${ROLE}`,
      ),
      file('q/on_0000_part_00', 'Air Canada Centre|Toronto\n'),
      run(
        `unload ('select * from qvenue where venuestate=''NV''') to 's3://bucket/q/nv_' ${ROLE}`,
      ),
      file('q/nv_0000_part_00', '251|Paris Hotel|Las Vegas|NV|\n'),
    ],
  },
  {
    title:
      'PG_LAST_UNLOAD_ID() is not moved by an UNLOAD that fails before it begins, and is by one that fails while writing',
    doc: LAST_ID,
    steps: [
      ...venue('lvenue'),
      run(`unload ('select * from lvenue') to 's3://bucket/last/ok_' ${ROLE}`),
      fails(
        `unload ('select * from lvenue') to 's3://bucket/last/syn_' ${ROLE} bogus`,
        '42601',
        'syntax error at or near "bogus"',
      ),
      fails(
        `unload ('select * from no_such_table') to 's3://bucket/last/rel_' ${ROLE}`,
        '42P01',
        'relation "no_such_table" does not exist',
      ),
      fails(
        `unload ('select * from lvenue') to 's3://no-such-bucket/last/b_' ${ROLE}`,
        'XX000',
        'The specified bucket does not exist',
      ),
      answer(
        "select pg_last_unload_id() = (select max(query_id) from sys_unload_history where unloaded_location = 's3://bucket/last/ok_'), pg_last_unload_count()",
        [['t', '5']],
      ),
      fails(
        `unload ('select * from lvenue') to 's3://bucket/last/fw_' ${ROLE} fixedwidth '0:2,1:100,2:30,3:2,4:6'`,
        'XX000',
        'wider than its FIXEDWIDTH width 2',
      ),
      answer(
        "select pg_last_unload_id() = (select max(query_id) from sys_unload_history where unloaded_location = 's3://bucket/last/fw_' and status = 'failed'), pg_last_unload_count()",
        [['t', '0']],
      ),
    ],
  },
  {
    title:
      'KMS_KEY_ID with ENCRYPTED writes the files (SSE-KMS is S3-side); client-side encryption is refused',
    doc: ENCRYPTED,
    steps: [
      ...venue('evenue'),
      run(
        `unload ('select venuename, venuecity from evenue') to 's3://bucket/encrypted/venue_' ${ROLE} KMS_KEY_ID '1234abcd-12ab-34cd-56ef-1234567890ab' encrypted`,
      ),
      file(
        'encrypted/venue_0000_part_00',
        'Air Canada Centre|Toronto\nRexall Place|Edmonton\nU.S. Cellular Field|Chicago\nParis Hotel|Las Vegas\nKennedy Center Opera House|Washington\n',
      ),
      fails(
        `unload ('select venuename, venuecity from evenue') to 's3://bucket/encrypted/cmk_' ${ROLE} master_symmetric_key '${KEY}' manifest encrypted`,
        '0A000',
        'client-side encryption',
      ),
      fails(
        `unload ('select venuename, venuecity from evenue') to 's3://bucket/encrypted/cmk_' ${ROLE} master_symmetric_key '${KEY}' encrypted gzip`,
        '0A000',
        'client-side encryption',
      ),
      fails(
        `unload ('select venuename, venuecity from evenue') to 's3://bucket/encrypted/cmk_' ${ROLE} encrypted`,
        '0A000',
        'ENCRYPTED needs KMS_KEY_ID',
      ),
      fails(
        `copy evenue from 's3://bucket/encrypted/venue_' ${ROLE} master_symmetric_key '${KEY}' encrypted`,
        '0A000',
        'MASTER_SYMMETRIC_KEY is not supported',
      ),
    ],
  },
  {
    title: "DELIMITER ',' and DELIMITER AS '\\t'",
    doc: FIXED,
    steps: [
      ...venue('dvenue'),
      run(
        `unload ('select * from dvenue') to 's3://bucket/tickit/venue/comma' ${ROLE} delimiter ','`,
      ),
      file('tickit/venue/comma0000_part_00', venueText(',')),
      run(
        `unload ('select * from dvenue') to 's3://bucket/tickit/venue/tab' ${ROLE} delimiter as '\\t'`,
      ),
      file('tickit/venue/tab0000_part_00', venueText('\t')),
    ],
  },
  {
    title:
      "FIXEDWIDTH '0:3,1:100,2:30,3:2,4:6' pads each column; a NULL is blanks",
    doc: FIXED,
    steps: [
      ...venue('fvenue'),
      run(
        `unload ('select * from fvenue') to 's3://bucket/tickit/venue/fw' ${ROLE} fixedwidth '0:3,1:100,2:30,3:2,4:6'`,
      ),
      file(
        'tickit/venue/fw0000_part_00',
        venueText('', (v, i) => v.padEnd([3, 100, 30, 2, 6][i]!)),
      ),
    ],
  },
  {
    // The emulator once ended its process on this: the error came before
    // the file's storage was listening.
    title:
      'FIXEDWIDTH fails rather than truncate, and the emulator goes on serving',
    doc: FIXED,
    steps: [
      ...venue('nvenue'),
      fails(
        `unload ('select * from nvenue order by venueid') to 's3://bucket/tickit/venue/narrow' ${ROLE} fixedwidth '0:2,1:100,2:30,3:2,4:6'`,
        'XX000',
        'value of column "venueid" is 3 bytes, wider than its FIXEDWIDTH width 2',
      ),
      answer('select count(*) from nvenue', [['5']]),
    ],
  },
  {
    title:
      'A FIXEDWIDTH NULL AS string wider than its column: an empty field for a number, an error for a CHAR',
    doc: UNLOAD,
    steps: [
      ...venue('wvenue'),
      run(
        `unload ('select * from wvenue where venueid = 251') to 's3://bucket/fwnull/num_' ${ROLE} fixedwidth '0:3,1:100,2:30,3:2,4:6' null as 'NULLSTR'`,
      ),
      file(
        'fwnull/num_0000_part_00',
        `251${'Paris Hotel'.padEnd(100)}${'Las Vegas'.padEnd(30)}NV${' '.repeat(6)}\n`,
      ),
      run('update wvenue set venuestate = null where venueid = 20'),
      fails(
        `unload ('select * from wvenue where venueid = 20') to 's3://bucket/fwnull/chr_' ${ROLE} fixedwidth '0:3,1:100,2:30,3:2,4:6' null as 'NULLSTR'`,
        'XX000',
        'wider than its FIXEDWIDTH width 2',
      ),
    ],
  },
  {
    title:
      "Unload with a manifest and DELIMITER '|', TRUNCATE, COPY from the manifest: the same table",
    doc: RELOAD,
    steps: [
      ...venue('rvenue'),
      run('create table rvenue_before as select * from rvenue'),
      run(
        `unload ('select * from rvenue order by venueid') to 's3://bucket/tickit/venue/reload_' ${ROLE} manifest delimiter '|'`,
      ),
      file('tickit/venue/reload_0000_part_00', PIPED),
      run('truncate rvenue'),
      run(
        `copy rvenue from 's3://bucket/tickit/venue/reload_manifest' ${ROLE} manifest delimiter '|'`,
      ),
      answer('select * from rvenue order by venueid limit 2', [
        ['20', 'Air Canada Centre', 'Toronto', 'ON', '0'],
        ['60', 'Rexall Place', 'Edmonton', 'AB', '0'],
      ]),
      answer(
        'select (select count(*) from (select * from rvenue except select * from rvenue_before) a), (select count(*) from (select * from rvenue_before except select * from rvenue) b)',
        [['0', '0']],
      ),
    ],
  },
  {
    title:
      "HEADER with ADDQUOTES and DELIMITER ',': the header line is quoted too; ESCAPE with ADDQUOTES escapes quotes",
    doc: UNLOAD,
    steps: [
      ...venue('hvenue'),
      run(
        `unload ('select * from hvenue where venueseats is not null order by venueid') to 's3://bucket/combo/hq_' ${ROLE} header addquotes delimiter ',' parallel off`,
      ),
      file(
        'combo/hq_000',
        '"venueid","venuename","venuecity","venuestate","venueseats"\n' +
          venueText(',', (v, i) => (i === 0 || i === 4 ? v : `"${v}"`))
            .split('\n')
            .filter((line) => line !== '' && !line.startsWith('251'))
            .map((line) => `${line}\n`)
            .join(''),
      ),
      run(
        "insert into hvenue values (7, 'It''s \"quoted\"|x', 'A\\\\B', 'XX', 1)",
      ),
      run(
        `unload ('select * from hvenue where venueid = 7') to 's3://bucket/combo/aqe_' ${ROLE} addquotes escape`,
      ),
      file(
        'combo/aqe_0000_part_00',
        '7|"It\\\'s \\"quoted\\"\\|x"|"A\\\\B"|"XX"|1\n',
      ),
      run(
        `unload ('select * from hvenue order by venueid') to 's3://bucket/combo/csvh_' ${ROLE} csv header null as 'N'`,
      ),
      file(
        'combo/csvh_0000_part_00',
        'venueid,venuename,venuecity,venuestate,venueseats\n' +
          '7,"It\'s ""quoted""|x",A\\B,XX,1\n' +
          venueText(',', (v) => (v === '' ? 'N' : v)),
      ),
    ],
  },
]

describeS3FidelityCases(
  'Developer Guide: Unloading data (the emulator)',
  'local_fid_unload_chapter',
  CASES,
)
