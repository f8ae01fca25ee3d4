import { Readable } from 'node:stream'

import { describe, expect, test } from 'vitest'

import { compressStream } from '../../src/local/codecs/compress.js'
import { col, runLoad } from './local-load-helpers.js'
import { MemoryStorage } from './local-load-memory-storage.js'

const TEXT2 = [
  col('a', 'character varying(64)'),
  col('b', 'character varying(64)'),
]
const S3 = "copy t from 's3://b/f' iam_role default"

async function compressed(
  codec: 'gzip' | 'bzip2' | 'zstd',
  text: string,
): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of compressStream(
    codec,
    Readable.from([Buffer.from(text)]),
  ))
    parts.push(part as Buffer)
  return Buffer.concat(parts)
}

describe.each([1, 3, 64 * 1024])(
  'delimited text and CSV, read %i bytes at a time',
  (pieceSize) => {
    const load = (sql: string, body: string | Buffer, columns = TEXT2) =>
      runLoad(sql, { 's3://b/f': body }, columns, pieceSize)

    test('default pipe-delimited text: a backslash is data, \\N is NULL, tabs and newlines in values are escaped for PostgreSQL', async () => {
      const out = await load(S3, 'x\\y|\\N\né "q" \'s\'|a\tb\n|\n')
      expect(out.error).toBeUndefined()
      expect(out.rows).toEqual([
        ['x\\y', null],
        ['é "q" \'s\'', 'a\tb'],
        ['', ''],
      ])
    })

    test('ESCAPE: a backslash makes the delimiter, a newline and a backslash data', async () => {
      const out = await load(
        `${S3} escape`,
        'a\\|b|c\\\\d\nline\\\none|\\N\n\\x|y\n',
      )
      expect(out.rows).toEqual([
        ['a|b', 'c\\d'],
        ['line\none', null],
        ['x', 'y'],
      ])
      expect(out.result.rowsLoaded).toBe(3)
    })

    test('REMOVEQUOTES: quotes go, the delimiters inside them stay', async () => {
      const out = await load(`${S3} removequotes`, '"a|b"|\'c|d\'\n""|x\n')
      expect(out.rows).toEqual([
        ['a|b', 'c|d'],
        ['', 'x'],
      ])
    })

    test('DELIMITER as an octal escape, and NULL AS', async () => {
      const out = await load(
        `${S3} delimiter '\\011' null as 'NULL'`,
        'a|b\tNULL\nNULL\tnull\n',
      )
      expect(out.rows).toEqual([
        ['a|b', null],
        [null, 'null'],
      ])
    })

    test('CSV: quoted delimiters, newlines and doubled quotes, blanks around quotes, CRLF', async () => {
      const out = await load(
        `${S3} csv`,
        'plain,"a,b"\r\n"multi\nline",  "say ""hi"""  \r\n"",\n\\N,x\n',
      )
      expect(out.rows).toEqual([
        ['plain', 'a,b'],
        ['multi\nline', 'say "hi"'],
        ['', ''],
        [null, 'x'],
      ])
    })

    test('CSV: a quoted empty string is a value; EMPTYASNULL and NULL AS apply to unquoted fields only', async () => {
      const out = await load(
        `${S3} csv emptyasnull null as 'NA'`,
        '"",\n"NA",NA\n',
      )
      expect(out.rows).toEqual([
        ['', null],
        ['NA', null],
      ])
    })

    test('CSV with another QUOTE and DELIMITER', async () => {
      const out = await load(
        `${S3} csv quote as '%' delimiter ';'`,
        '%a;b%;"c"\n',
      )
      expect(out.rows).toEqual([['a;b', '"c"']])
    })

    test('BLANKSASNULL, TRIMBLANKS', async () => {
      expect((await load(`${S3} blanksasnull`, '   |a  \n')).rows).toEqual([
        [null, 'a  '],
      ])
      expect((await load(`${S3} trimblanks`, ' x  |a \t\n')).rows).toEqual([
        [' x', 'a'],
      ])
    })

    test('IGNOREHEADER skips lines at the start of each file; IGNOREBLANKLINES skips empty lines', async () => {
      const storage = new MemoryStorage(
        { 's3://b/f1': 'h1|h2\n1|2\n', 's3://b/f2': 'h1|h2\n\n3|4\n' },
        pieceSize,
      )
      const out = await runLoad(
        `${S3} ignoreheader 1 ignoreblanklines`,
        storage,
        TEXT2,
      )
      expect(out.rows).toEqual([
        ['1', '2'],
        ['3', '4'],
      ])
      expect(out.result.files.map((f) => f.url)).toEqual([
        's3://b/f1',
        's3://b/f2',
      ])
    })

    test('FILLRECORD: missing trailing columns are empty VARCHAR (NULL with EMPTYASNULL) and NULL otherwise', async () => {
      const columns = [
        col('a', 'integer'),
        col('b', 'character varying(5)'),
        col('c', 'integer'),
      ]
      expect(
        (await load(`${S3} fillrecord`, '1\n2|x\n', columns)).rows,
      ).toEqual([
        ['1', '', null],
        ['2', 'x', null],
      ])
      expect(
        (await load(`${S3} fillrecord emptyasnull`, '1\n', columns)).rows,
      ).toEqual([['1', null, null]])
    })

    test('FIXEDWIDTH: widths are bytes, a multibyte character counts for its bytes', async () => {
      const columns = [
        col('id', 'integer'),
        col('name', 'character varying(10)'),
        col('code', 'character(2)'),
      ]
      const out = await load(
        `${S3} fixedwidth 'id:3,name:6,code:2'`,
        '  1hélloAB\n 22\\N    CD\n',
        columns,
      )
      expect(out.rows).toEqual([
        ['1', 'héllo', 'AB'],
        ['22', null, 'CD'],
      ])
    })

    test('a last line without a newline is a record', async () => {
      expect((await load(S3, 'a|b\nc|d')).rows).toEqual([
        ['a', 'b'],
        ['c', 'd'],
      ])
    })
  },
)

describe('encodings and compression', () => {
  const body = 'é|€\n𝄞|x\n'
  const expected = [
    ['é', '€'],
    ['𝄞', 'x'],
  ]
  const utf16be = (s: string) => {
    const le = Buffer.from(s, 'utf16le')
    const be = Buffer.alloc(le.length)
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1]!
      be[i + 1] = le[i]!
    }
    return be
  }
  test.each([
    ['utf16le', Buffer.from(body, 'utf16le')],
    ['utf16be', utf16be(body)],
    [
      'utf16',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]),
    ],
    ['utf16', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(body)])],
    ['utf8', Buffer.from(body)],
  ])('ENCODING %s', async (encoding, bytes) => {
    const out = await runLoad(
      `${S3} encoding ${encoding}`,
      { 's3://b/f': bytes },
      TEXT2,
      3,
    )
    expect(out.rows).toEqual(expected)
  })

  test.each(['gzip', 'zstd'] as const)('%s', async (codec) => {
    const out = await runLoad(
      `${S3} ${codec}`,
      { 's3://b/f': await compressed(codec, body) },
      TEXT2,
      5,
    )
    expect(out.rows).toEqual(expected)
  })

  test('bzip2 (a file written by the bzip2 tool: the emulator has no bzip2 compressor)', async () => {
    const file = Buffer.from(
      'QlpoOTFBWSZTWaRfoCkAAAXA9YAQAEQUAAADACQIABAAQAAgADEDQNAhoAaDHvO08SdHi7kinChIUi/QFIA=',
      'base64',
    )
    const out = await runLoad(`${S3} bzip2`, { 's3://b/f': file }, TEXT2, 5)
    expect(out.rows).toEqual(expected)
  })

  test('a file that is not gzip fails the load with the file named', async () => {
    const out = await runLoad(`${S3} gzip`, { 's3://b/f': 'not gzip' }, TEXT2)
    expect(out.error?.fields.code).toBe('XX000')
    expect(out.error?.fields.message).toMatch(
      /^Failed to read 's3:\/\/b\/f' as GZIP: /,
    )
  })

  test('invalid UTF-8: load error 1220 without ACCEPTINVCHARS, each bad byte replaced with it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('ok|a'),
      Buffer.from([0xff, 0xe2, 0x82]),
      Buffer.from('b\n'),
    ])
    const refused = await runLoad(S3, { 's3://b/f': bytes }, TEXT2)
    expect(refused.error?.loadErrors[0]).toMatchObject({
      err_code: 1220,
      err_reason:
        'String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ff e2 82 (error 1)',
      colname: 'b',
    })
    const replaced = await runLoad(
      `${S3} acceptinvchars as '^'`,
      { 's3://b/f': bytes },
      TEXT2,
      2,
    )
    expect(replaced.rows).toEqual([['ok', 'a^^^b']])
  })
})

describe('which files are read', () => {
  test('a prefix matches files and folders with it, in key order; folder markers are not files', async () => {
    const storage = new MemoryStorage({
      's3://b/sales/': '',
      's3://b/sales/part_01': '3|c\n',
      's3://b/sales.txt': '1|a\n',
      's3://b/sales_2/x': '2|b\n',
      's3://b/other': '9|z\n',
    })
    const out = await runLoad(
      "copy t from 's3://b/sales' iam_role default",
      storage,
      TEXT2,
    )
    expect(out.rows).toEqual([
      ['1', 'a'],
      ['3', 'c'],
      ['2', 'b'],
    ])
    expect(out.result.files.map((f) => f.url)).toEqual([
      's3://b/sales.txt',
      's3://b/sales/part_01',
      's3://b/sales_2/x',
    ])
  })

  test("no object under the prefix is Redshift's error", async () => {
    const out = await runLoad(
      "copy t from 's3://b/missing/' iam_role default",
      { 's3://b/x': '' },
      TEXT2,
    )
    expect(out.error?.fields).toMatchObject({
      code: 'XX000',
      message: "The specified S3 prefix 'missing/' does not exist",
    })
    expect(out.error?.fields.detail).toContain('code:      8001')
    expect(out.error?.fields.detail).toContain('query:     42')
  })

  test('a missing bucket', async () => {
    const out = await runLoad(
      "copy t from 's3://nope/x' iam_role default",
      { 's3://b/x': '' },
      TEXT2,
    )
    expect(out.error?.fields.message).toBe(
      'S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket',
    )
  })

  const manifest = (entries: unknown) => JSON.stringify({ entries })
  test('a manifest: entries in order, a missing entry skipped unless mandatory', async () => {
    const storage = new MemoryStorage({
      's3://b/m.manifest': manifest([
        { url: 's3://b/d/2', mandatory: true },
        { url: 's3://b/d/gone' },
        { url: 's3://b/d/1', mandatory: false },
      ]),
      's3://b/d/1': '1|a\n',
      's3://b/d/2': '2|b\n',
      's3://b/d/3': '3|c\n',
    })
    const out = await runLoad(
      "copy t from 's3://b/m.manifest' iam_role default manifest",
      storage,
      TEXT2,
    )
    expect(out.rows).toEqual([
      ['2', 'b'],
      ['1', 'a'],
    ])
  })

  test.each([
    [
      manifest([{ url: 's3://b/d/gone', mandatory: true }]),
      "Manifest file has mandatory entry 's3://b/d/gone' which does not exist: S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey",
    ],
    ['{"entries": [', 'Manifest file is not in correct json format'],
    [
      JSON.stringify({ files: [] }),
      'Manifest file is not in correct json format',
    ],
    [
      manifest([{ url: 's3://b/d/' }]),
      'COPY with MANIFEST parameter requires full path of S3 object',
    ],
  ])('manifest %s', async (body, message) => {
    const out = await runLoad(
      "copy t from 's3://b/m' iam_role default manifest",
      { 's3://b/m': body, 's3://b/d/1': 'x|y\n' },
      TEXT2,
    )
    expect(out.error?.fields).toMatchObject({ code: 'XX000', message })
  })

  test('a missing manifest', async () => {
    const out = await runLoad(
      "copy t from 's3://b/none' iam_role default manifest",
      { 's3://b/x': '' },
      TEXT2,
    )
    expect(out.error?.fields.message).toMatch(
      /^Problem reading manifest file - S3ServiceException:The specified key does not exist/,
    )
  })
})

test('output comes in chunks of about 64 KB', async () => {
  const line = `${'x'.repeat(50)}|${'y'.repeat(50)}\n`
  const out = await runLoad(
    S3,
    { 's3://b/f': line.repeat(3000) },
    [col('a', 'character varying(64)'), col('b', 'character varying(64)')],
    64 * 1024,
  )
  expect(out.result.rowsLoaded).toBe(3000)
  expect(out.chunks).toBeGreaterThanOrEqual(4)
})

test('each file reports the lines it read, quoted line breaks and the header included', async () => {
  const out = await runLoad(
    "copy t from 's3://b/f' iam_role default csv ignoreheader 1",
    { 's3://b/f': 'h1,h2\n"a\nb",c\nd,e' },
    [col('a', 'character varying(5)'), col('b', 'character varying(5)')],
  )
  expect(out.rows).toEqual([
    ['a\nb', 'c'],
    ['d', 'e'],
  ])
  expect(out.result.files).toEqual([
    {
      url: 's3://b/f',
      lines: 4,
      bytes: 17,
      began: expect.any(Date),
      loadtime: expect.any(Number),
    },
  ])
})
