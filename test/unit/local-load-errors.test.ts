import { describe, expect, test } from 'vitest'

import { CopyLoadError, startCopyLoad } from '../../src/local/load/index.js'
import { col, plan, runLoad } from './local-load-helpers.js'
import { MemoryStorage } from './local-load-memory-storage.js'

const COLUMNS = [
  col('id', 'integer'),
  col('name', 'character varying(5)'),
  col('price', 'numeric(6,2)'),
]
const CSV = "copy t from 's3://b/data.csv' iam_role default csv"
const BAD =
  '1,ok,1.00\n2,toolong,2.00\n3,"a\nb",x\n4,fine,4.00\n5,a\n6,b,6,extra\n7,"open\n'

describe('rejected rows', () => {
  test('each kind of error becomes an STL_LOAD_ERRORS row with the field, its position and the line', async () => {
    const out = await runLoad(
      `${CSV} maxerror 10`,
      { 's3://b/data.csv': BAD },
      COLUMNS,
    )
    expect(out.error).toBeUndefined()
    expect(out.rows).toEqual([
      ['1', 'ok', '1.00'],
      ['4', 'fine', '4.00'],
    ])
    expect(out.result.rowsLoaded).toBe(2)
    const rows = out.result.errors.map(({ detail, ...e }) => ({
      ...e,
      starttime: undefined,
    }))
    // A field parse error also keeps its STL_LOADERROR_DETAIL columns, up
    // to the failing one; a line rejected whole keeps none.
    expect(
      out.result.errors.map((e) =>
        e.detail?.map((f) => [f.field, f.colname, f.value, f.is_null]),
      ),
    ).toEqual([
      [
        [1, 'id', '2', 0],
        [2, 'name', '', 1],
      ],
      [
        [1, 'id', '3', 0],
        [2, 'name', 'a\nb', 0],
        [3, 'price', '', 1],
      ],
      undefined,
      undefined,
      undefined,
    ])
    expect(rows).toEqual([
      {
        query: 42,
        slice: 0,
        starttime: undefined,
        filename: 's3://b/data.csv',
        line_number: 2,
        colname: 'name',
        type: 'varchar',
        col_length: '5',
        position: 2,
        raw_line: '2,toolong,2.00',
        raw_field_value: 'toolong',
        err_code: 1204,
        err_reason: 'String length exceeds DDL length',
      },
      {
        query: 42,
        slice: 0,
        starttime: undefined,
        filename: 's3://b/data.csv',
        line_number: 3,
        colname: 'price',
        type: 'numeric',
        col_length: '6, 2',
        position: 8,
        raw_line: '3,"a\nb",x',
        raw_field_value: 'x',
        err_code: 1207,
        err_reason: "Invalid digit, Value 'x', Pos 0, Type: Decimal",
      },
      {
        query: 42,
        slice: 0,
        starttime: undefined,
        filename: 's3://b/data.csv',
        line_number: 6,
        colname: 'price',
        type: 'numeric',
        col_length: '6, 2',
        position: 3,
        raw_line: '5,a',
        raw_field_value: '',
        err_code: 1214,
        err_reason: 'Delimiter not found',
      },
      {
        query: 42,
        slice: 0,
        starttime: undefined,
        filename: 's3://b/data.csv',
        line_number: 7,
        colname: 'price',
        type: 'numeric',
        col_length: '6, 2',
        position: 4,
        raw_line: '6,b,6,extra',
        raw_field_value: '6',
        err_code: 1202,
        err_reason: 'Extra column(s) found',
      },
      {
        query: 42,
        slice: 0,
        starttime: undefined,
        filename: 's3://b/data.csv',
        line_number: 8,
        colname: '',
        type: '',
        col_length: '',
        position: 0,
        raw_line: '7,"open\n',
        raw_field_value: '',
        err_code: 1216,
        err_reason: 'Unterminated quoted field',
      },
    ])
    expect(out.result.errors[0]!.starttime).toBeInstanceOf(Date)
  })

  test("MAXERROR 0 (the default): the first bad row fails the load with Redshift's error and the row attached", async () => {
    const out = await runLoad(CSV, { 's3://b/data.csv': BAD }, COLUMNS)
    expect(out.error).toBeInstanceOf(CopyLoadError)
    expect(out.error!.fields).toMatchObject({
      severity: 'ERROR',
      code: 'XX000',
      message:
        "Load into table 't' failed.  Check 'stl_load_errors' system table for details.",
    })
    expect(out.error!.fields.detail).toContain(
      'error:  String length exceeds DDL length',
    )
    expect(out.error!.fields.detail).toContain('code:      1204')
    expect(out.error!.loadErrors).toHaveLength(1)
    expect(out.error!.loadErrors[0]!.line_number).toBe(2)
  })

  test('MAXERROR n: up to n rejected rows load the rest, one more fails', async () => {
    const bad3 = '1,a,1\nx,a,1\n2,a,1\ny,a,1\nz,a,1\n3,a,1\n'
    const ok = await runLoad(
      "copy t from 's3://b/f' iam_role default csv maxerror 3",
      { 's3://b/f': bad3 },
      COLUMNS,
    )
    expect(ok.error).toBeUndefined()
    expect(ok.rows.map((r) => r[0])).toEqual(['1', '2', '3'])
    expect(ok.result.errors.map((e) => e.raw_field_value)).toEqual([
      'x',
      'y',
      'z',
    ])
    const failed = await runLoad(
      "copy t from 's3://b/f' iam_role default csv maxerror 2",
      { 's3://b/f': bad3 },
      COLUMNS,
    )
    expect(failed.error?.fields.code).toBe('XX000')
    expect(failed.error?.loadErrors.map((e) => e.raw_field_value)).toEqual([
      'x',
      'y',
      'z',
    ])
  })

  test('IGNOREALLERRORS loads every good row whatever fails', async () => {
    const out = await runLoad(
      `${CSV} ignoreallerrors`,
      { 's3://b/data.csv': BAD },
      COLUMNS,
    )
    expect(out.error).toBeUndefined()
    expect(out.result.rowsLoaded).toBe(2)
    expect(out.result.errors).toHaveLength(5)
  })

  test('NOLOAD checks everything and sends nothing', async () => {
    const out = await runLoad(
      `${CSV} noload maxerror 10`,
      { 's3://b/data.csv': BAD },
      COLUMNS,
    )
    expect(out.rows).toEqual([])
    expect(out.chunks).toBe(0)
    expect(out.result.rowsLoaded).toBe(0)
    expect(out.result.errors).toHaveLength(5)
    const refused = await runLoad(
      `${CSV} noload`,
      { 's3://b/data.csv': BAD },
      COLUMNS,
    )
    expect(refused.error?.fields.code).toBe('XX000')
  })
})

describe('columns', () => {
  const table = [
    col('id', 'bigint', { identity: true, notNull: true }),
    col('name', 'character varying(10)'),
    col('note', 'character varying(10)', { hasDefault: true }),
    col('must', 'integer', { notNull: true }),
  ]
  const storage = () => new MemoryStorage({ 's3://b/f': '1|a|b|2\n' })
  const start = (sql: string) =>
    startCopyLoad(plan(sql), {
      storage: storage(),
      columns: table,
      tableName: 't',
      queryId: 1,
    })
  const failure = (sql: string) => {
    try {
      start(sql)
    } catch (error) {
      expect(error).toBeInstanceOf(CopyLoadError)
      return (error as CopyLoadError).fields
    }
    throw new Error('accepted')
  }

  test('without a column list: every column but the IDENTITY ones; with EXPLICIT_IDS, all', () => {
    expect(
      start("copy t from 's3://b/f' iam_role default").insertColumns,
    ).toEqual(['name', 'note', 'must'])
    expect(
      start("copy t from 's3://b/f' iam_role default explicit_ids")
        .insertColumns,
    ).toEqual(['id', 'name', 'note', 'must'])
  })

  test('a column list names the columns in field order; left-out columns get their default', () => {
    expect(
      start("copy t (must, name) from 's3://b/f' iam_role default")
        .insertColumns,
    ).toEqual(['must', 'name'])
  })

  test.each([
    [
      "copy t (nope) from 's3://b/f' iam_role default",
      '42703',
      'column "nope" of relation "t" does not exist',
    ],
    [
      "copy t (must, must) from 's3://b/f' iam_role default",
      '42701',
      'column "must" specified more than once',
    ],
    [
      "copy t (id, must) from 's3://b/f' iam_role default",
      'XX000',
      'Cannot load the IDENTITY column "id" without EXPLICIT_IDS',
    ],
    [
      "copy t (must) from 's3://b/f' iam_role default explicit_ids",
      'XX000',
      'EXPLICIT_IDS needs the IDENTITY column "id" in the column list',
    ],
    [
      "copy t (name) from 's3://b/f' iam_role default",
      'XX000',
      'Column "must" is NOT NULL without a default, and is not in the column list',
    ],
  ])('%s', (sql, code, message) => {
    expect(failure(sql)).toMatchObject({ code, message })
  })

  test('EXPLICIT_IDS on a table without IDENTITY columns', () => {
    const load = () =>
      startCopyLoad(
        plan("copy t from 's3://b/f' iam_role default explicit_ids"),
        {
          storage: storage(),
          columns: [col('a', 'integer')],
          tableName: 't',
          queryId: 1,
        },
      )
    expect(load).toThrow(CopyLoadError)
  })

  test('the chunks can be read once', async () => {
    const load = start("copy t from 's3://b/f' iam_role default explicit_ids")
    for await (const chunk of load.chunks) void chunk
    await expect(async () => {
      for await (const chunk of load.chunks) void chunk
    }).rejects.toThrow('read once')
  })
})
