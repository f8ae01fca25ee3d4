import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  rewriteRedshiftDdl,
  type RedshiftDdlRewrite,
  type TableAttributes,
} from '../../src/local/sql/redshift-ddl.js'
import { tokenize } from '../../src/local/sql/rewrite-tokens.js'

function rewritten(sql: string): { sql: string; attributes: TableAttributes } {
  const result = rewriteRedshiftDdl(sql)
  if (result === null || 'error' in result) {
    throw new Error(
      `expected a rewrite of ${sql}, got ${JSON.stringify(result)}`,
    )
  }
  return { sql: result.sql, attributes: result.attributes! }
}

function refused(sql: string) {
  const result: RedshiftDdlRewrite | null = rewriteRedshiftDdl(sql)
  if (result === null || !('error' in result)) {
    throw new Error(
      `expected ${sql} to be refused, got ${JSON.stringify(result)}`,
    )
  }
  return result.error
}

describe('tokenize', () => {
  it('gives back the input when its tokens are joined', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (sql) => {
        expect(
          tokenize(sql)
            .map((t) => t.text)
            .join(''),
        ).toBe(sql)
      }),
    )
  })

  it('keeps literals, quoted names, dollar quotes and comments whole', () => {
    const sql = `select 'it''s', 'a\\'b', E'x\\'y', "Col""x", $fn$ body ' $fn$, $1, 1.5e3 /* a /* nested */ c */ -- end`
    expect(
      tokenize(sql)
        .filter((t) => t.kind !== 'space')
        .map((t) => [t.kind, t.text]),
    ).toEqual([
      ['word', 'select'],
      ['string', "'it''s'"],
      ['punct', ','],
      ['string', "'a\\'b'"],
      ['punct', ','],
      ['string', "E'x\\'y'"],
      ['punct', ','],
      ['quoted', '"Col""x"'],
      ['punct', ','],
      ['string', "$fn$ body ' $fn$"],
      ['punct', ','],
      ['param', '$1'],
      ['punct', ','],
      ['number', '1.5e3'],
      ['comment', '/* a /* nested */ c */'],
      ['comment', '-- end'],
    ])
  })

  it('reads backslashes literally when told the server conforms to the standard', () => {
    const tokens = tokenize(`select 'C:\\' , 'x'`, { backslashEscapes: false })
    expect(
      tokens.filter((t) => t.kind === 'string').map((t) => t.text),
    ).toEqual(["'C:\\'", "'x'"])
  })
})

describe('rewriteRedshiftDdl', () => {
  it('leaves statements it does not own, and plain tables, alone', () => {
    expect(rewriteRedshiftDdl('select 1')).toBeNull()
    expect(
      rewriteRedshiftDdl('create table t (a int not null, b varchar(10))'),
    ).toBeNull()
    expect(rewriteRedshiftDdl('create view v as select 1')).toBeNull()
    // A materialized view is always recorded (SHOW VIEW gives back its text).
    expect(
      rewriteRedshiftDdl('create materialized view mv as select 1'),
    ).toMatchObject({
      sql: 'create materialized view mv as select 1',
      attributes: { kind: 'materialized_view' },
    })
    expect(rewriteRedshiftDdl('create index i on t (a)')).toBeNull()
    expect(
      rewriteRedshiftDdl("insert into t values ('create table x (a text)')"),
    ).toBeNull()
  })

  it('drops and records table attributes', () => {
    const { sql, attributes } = rewritten(
      'CREATE TABLE s.t (a int, b int, c varchar(10)) DISTSTYLE KEY DISTKEY(a) COMPOUND SORTKEY(b, a) BACKUP NO;',
    )
    expect(sql).toBe('CREATE TABLE s.t (a int, b int, c varchar(10));')
    expect(attributes).toMatchObject({
      kind: 'table',
      relation: { schema: 's', name: 't' },
      temporary: false,
      diststyle: 'KEY',
      distkey: 'a',
      sortkey: ['b', 'a'],
      sortkeyType: 'compound',
      backup: false,
      encodeAuto: true,
    })
  })

  it.each([
    ['diststyle even', { diststyle: 'EVEN', distkey: null }],
    ['diststyle all', { diststyle: 'ALL' }],
    ['diststyle auto', { diststyle: 'AUTO' }],
    ['distkey(a)', { diststyle: 'KEY', distkey: 'a' }],
    [
      'interleaved sortkey(a, b)',
      { sortkeyType: 'interleaved', sortkey: ['a', 'b'] },
    ],
    ['sortkey(b)', { sortkeyType: 'compound', sortkey: ['b'] }],
    ['sortkey auto', { sortkeyType: 'auto', sortkey: [] }],
    ['encode auto', { encodeAuto: true }],
    ['backup yes', { backup: true }],
  ])('reads the table attribute %s', (clause, expected) => {
    const { sql, attributes } = rewritten(
      `create table t (a int, b int) ${clause}`,
    )
    expect(sql).toBe('create table t (a int, b int)')
    expect(attributes).toMatchObject(expected)
  })

  it('drops and records column attributes', () => {
    const { sql, attributes } = rewritten(
      'create table t (a int encode az64 distkey, b date sortkey encode raw, c varchar(20) encode zstd collate case_insensitive not null)',
    )
    // A case-insensitive character column keeps a collation that ignores case.
    expect(sql).toBe(
      `create table t (a int, b date CHECK ("b" IS NULL OR "b" BETWEEN '4713-11-24 BC'::date AND '294276-12-31'::date OR redshift_local.date_out_of_range("b") IS NULL), c varchar(20) COLLATE redshift_local.case_insensitive not null)`,
    )
    expect(attributes).toMatchObject({
      diststyle: 'KEY',
      distkey: 'a',
      sortkey: ['b'],
      sortkeyType: 'compound',
      encodeAuto: false,
      encodings: { a: 'az64', b: 'raw', c: 'zstd' },
      collations: { c: 'case_insensitive' },
    })
  })

  it('turns IDENTITY into an always-generated identity and keeps BY DEFAULT as asked', () => {
    const { sql, attributes } = rewritten(
      'create table t (id bigint identity(100, 5), k int generated by default as identity(1,1), v int default 0)',
    )
    expect(sql).toBe(
      'create table t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5), k int generated by default as identity(START WITH 1 INCREMENT BY 1), v int default 0)',
    )
    expect(attributes.identity).toEqual({
      id: { seed: '100', step: '5', generated: 'always' },
      k: { seed: '1', step: '1', generated: 'by default' },
    })
  })

  it.each([
    ['varchar', 'varchar(256)'],
    ['character varying', 'varchar(256)'],
    ['varchar(max)', 'varchar(65535)'],
    ['nvarchar(30)', 'varchar(30)'],
    ['text', 'varchar(256)'],
    ['bpchar', 'char(256)'],
    ['char(max)', 'char(4096)'],
    ['nchar(3)', 'char(3)'],
    ['decimal', 'numeric(18,0)'],
    ['super', 'json'],
    ['geometry', 'text'],
  ])('maps the Redshift type %s to %s', (type, pg) => {
    expect(rewritten(`create table t (a ${type})`).sql).toBe(
      `create table t (a ${pg})`,
    )
  })

  // VARBYTE(n) and DATE columns carry the emulator's check of what they
  // store (stored-value-checks.ts).
  it.each([
    ['varbyte', 'bytea', 64000],
    ['varbinary(16)', 'bytea', 16],
    ['binary varying(8)', 'bytea', 8],
  ])('maps the Redshift type %s to %s, checked to %i bytes', (type, pg, n) => {
    expect(rewritten(`create table t (a ${type})`).sql).toBe(
      `create table t (a ${pg} CHECK ("a" IS NULL OR pg_catalog.octet_length("a") <= ${n} OR redshift_local.varbyte_too_long("a", ${n}) IS NULL))`,
    )
  })

  it("checks a DATE column against Redshift's range", () => {
    expect(rewritten('create table t (a date not null)').sql).toBe(
      `create table t (a date CHECK ("a" IS NULL OR "a" BETWEEN '4713-11-24 BC'::date AND '294276-12-31'::date OR redshift_local.date_out_of_range("a") IS NULL) not null)`,
    )
  })

  it('records the Redshift type of columns stored as another type', () => {
    const { attributes } = rewritten(
      'create table t (a super, b varbyte, c varbinary(16), d geometry, e int)',
    )
    expect(attributes.columnTypes).toEqual({
      a: 'super',
      b: 'varbyte(64000)',
      c: 'varbyte(16)',
      d: 'geometry',
    })
  })

  it.each([
    'smallint',
    'integer',
    'bigint',
    'numeric(10,2)',
    'real',
    'double precision',
    'float',
    'float8',
    'boolean',
    'char(4)',
    'time',
    'timetz',
    'timestamp',
    'timestamp without time zone',
    'timestamptz',
    'time with time zone',
    'interval year to month',
    'interval day to second',
  ])('keeps the type %s as written', (type) => {
    expect(rewriteRedshiftDdl(`create table t (a ${type})`)).toBeNull()
  })

  it('makes #names temporary tables', () => {
    const { sql, attributes } = rewritten(
      'create table #stage (a int) distkey(a)',
    )
    expect(sql).toBe('create TEMP table "#stage" (a int)')
    expect(attributes).toMatchObject({
      temporary: true,
      relation: { schema: null, name: '#stage' },
    })
    expect(rewritten('create temp table #s2 as select 1 as a').sql).toBe(
      'create temp table "#s2" as select 1 as a',
    )
  })

  it('reads CREATE TABLE AS with a column list and attributes', () => {
    const { sql, attributes } = rewritten(
      'create table t (x, y) backup no diststyle even sortkey(y) as select 1, 2',
    )
    expect(sql).toBe('create table t (x, y) as select 1, 2')
    expect(attributes).toMatchObject({
      diststyle: 'EVEN',
      sortkey: ['y'],
      backup: false,
    })
  })

  it('records the parent of CREATE TABLE ... LIKE', () => {
    const { sql, attributes } = rewritten(
      'create table t2 (like "S".t including defaults)',
    )
    // The parent's stored-value checks come along (Redshift has no CHECKs of its own).
    expect(sql).toBe(
      'create table t2 (like "S".t including defaults INCLUDING CONSTRAINTS)',
    )
    expect(attributes.likeTable).toEqual({ schema: 'S', name: 't' })
  })

  it('strips WITH NO SCHEMA BINDING from late-binding views with qualified relations', () => {
    const { sql, attributes } = rewritten(
      `create or replace view public.v as
         with recent as (select * from public.sales where d > 1)
         select r.*, extract(year from r.d), (select max(x) from s.other) as m
         from recent r join s.users u on u.id = r.uid, (s.a join s.b using (id))
         where exists (select 1 from s.c)
       with no schema binding;`,
    )
    expect(sql).toMatch(/where exists \(select 1 from s\.c\);$/)
    expect(attributes).toMatchObject({
      kind: 'view',
      lateBinding: true,
      relation: { schema: 'public', name: 'v' },
    })
  })

  it.each([
    'create view v as select * from sales with no schema binding',
    'create view v as select * from s.a join b on true with no schema binding',
    'create view v as select * from s.a, b with no schema binding',
    'create view v as select * from s.a where x in (select y from b) with no schema binding',
  ])('refuses a late-binding view with an unqualified relation: %s', (sql) => {
    expect(refused(sql)).toMatchObject({
      message: 'All the relation names inside should be qualified',
      code: '42601',
    })
  })

  it('reads materialized view attributes', () => {
    const { sql, attributes } = rewritten(
      'create materialized view mv backup no distkey(a) sortkey(a) auto refresh yes as select 1 as a',
    )
    expect(sql).toBe('create materialized view mv as select 1 as a')
    expect(attributes).toMatchObject({
      kind: 'materialized_view',
      backup: false,
      distkey: 'a',
      diststyle: 'KEY',
      autoRefresh: true,
    })
  })

  it.each([
    [
      'create table t (a uuid)',
      '0A000',
      'Column "t.a" has unsupported type "uuid".',
    ],
    [
      'create table t (a serial)',
      '0A000',
      'Column "t.a" has unsupported type "serial".',
    ],
    [
      'create table t (a int[])',
      '0A000',
      'Column "t.a" has unsupported type "int[]".',
    ],
    [
      'create table t (a jsonb)',
      '0A000',
      'Column "t.a" has unsupported type "jsonb".',
    ],
    [
      'create table t (a varchar(70000))',
      '22023',
      'length for type varchar cannot exceed 65535',
    ],
    [
      'create table t (a char(5000))',
      '22023',
      'length for type bpchar cannot exceed 4096',
    ],
    [
      'create table t (a numeric(40,2))',
      '22023',
      'NUMERIC precision 40 must be between 1 and 38',
    ],
    [
      'create table t (a int) diststyle key',
      '42601',
      'DISTSTYLE KEY requires a DISTKEY column',
    ],
    [
      'create table t (a int) diststyle all distkey(a)',
      '42601',
      'DISTKEY cannot be used with DISTSTYLE ALL',
    ],
    [
      'create table t (a int distkey, b int distkey)',
      '42601',
      'multiple DISTKEY columns are not allowed',
    ],
    [
      'create table t (a int distkey) distkey(a)',
      '42601',
      'multiple DISTKEY columns are not allowed',
    ],
    ['create table t (a int) sortkey(b)', '42703', 'column "b" does not exist'],
    [
      'create table t (a int) distkey(zz)',
      '42703',
      'column "zz" does not exist',
    ],
    [
      'create table t (a int) interleaved sortkey(a,a,a,a,a,a,a,a,a)',
      '0A000',
      'an INTERLEAVED SORTKEY can have at most 8 columns',
    ],
    [
      'create table t (a varchar identity(1,1))',
      '0A000',
      'Identity column "a" must be of type INT or BIGINT',
    ],
    [
      'create table t (a int identity(1,0))',
      '22023',
      'IDENTITY step cannot be zero',
    ],
    [
      'create table t (a int encode fast)',
      '42704',
      'invalid encoding type "fast" specified for column "a"',
    ],
    [
      'create table t (a int check (a > 0))',
      '0A000',
      'CHECK constraints are not supported',
    ],
    [
      'create table t (a varchar(5) collate "C")',
      '0A000',
      'collation "C" is not supported',
    ],
  ])('refuses %s', (sql, code, message) => {
    expect(refused(sql)).toMatchObject({ code, message })
  })

  it('reports the position of the offending token', () => {
    expect(refused('create table t (a int, b uuid)').position).toBe(26)
  })

  it('ignores look-alike words inside literals, comments and defaults', () => {
    const { sql, attributes } = rewritten(
      "create table t (a varchar(5) default 'distkey sortkey', /* encode zstd */ b varchar default encode('x', 'hex')) -- sortkey(a)",
    )
    expect(sql).toBe(
      "create table t (a varchar(5) default 'distkey sortkey', /* encode zstd */ b varchar(256) default encode('x', 'hex')) -- sortkey(a)",
    )
    expect(attributes).toMatchObject({
      distkey: null,
      sortkey: [],
      encodings: {},
    })
  })
})
