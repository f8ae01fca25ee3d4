import { gunzipSync } from 'node:zlib'

import { decompress as zstdDecompress } from 'fzstd'
import Bunzip from 'seek-bzip'
import { describe, expect, it } from 'vitest'

import {
  BIGINT,
  column,
  INT,
  MemoryStorage,
  statement,
  TEXT,
  unload,
} from './local-unload-helpers.js'

const COLUMNS = [INT('id'), TEXT('name')]
const rows = (n: number, width = 8) =>
  Array.from({ length: n }, (_, i) => [String(i), 'x'.repeat(width)])

describe('file names', () => {
  it.each([
    ['', 'u/p_0000_part_00'],
    ['gzip', 'u/p_0000_part_00.gz'],
    ['bzip2', 'u/p_0000_part_00.bz2'],
    ['zstd', 'u/p_0000_part_00.zst'],
    ['parquet', 'u/p_0000_part_00.parquet'],
    ['csv', 'u/p_0000_part_00'],
    ['json', 'u/p_0000_part_00'],
    ["csv extension 'csv'", 'u/p_0000_part_00.csv'],
    ["gzip extension 'txt.gz'", 'u/p_0000_part_00.txt.gz'],
    ["parquet extension 'pq'", 'u/p_0000_part_00.pq'],
    ['parallel off', 'u/p_000'],
    ['parallel off gzip', 'u/p_000.gz'],
    ['parallel off parquet', 'u/p_000.parquet'],
  ])('%s writes %s', async (options, key) => {
    const storage = new MemoryStorage()
    const outcome = await unload(
      storage,
      statement('u/p_', options),
      COLUMNS,
      rows(2),
    )
    expect(storage.keys()).toEqual([key])
    expect(outcome.files.map((f) => f.url)).toEqual([`s3://b/${key}`])
    expect(outcome.rowCount).toBe(2)
    expect(outcome.files[0]!.bytes).toBe(storage.body(key).length)
  })

  it('MAXFILESIZE starts a new part before a row would pass it', async () => {
    const storage = new MemoryStorage()
    // 70,000 lines of 100 bytes: 7,000,000 bytes; 5 MB holds 52,428 of them.
    const outcome = await unload(
      storage,
      statement('u/p_', 'maxfilesize 5 mb'),
      COLUMNS,
      rows(70_000, 100 - 6 - 1 - 1).map(([, name], i) => [
        String(100_000 + i),
        name!,
      ]),
    )
    expect(storage.keys()).toEqual(['u/p_0000_part_00', 'u/p_0000_part_01'])
    expect(outcome.files.map((f) => f.rows)).toEqual([52_428, 17_572])
    expect(storage.body('u/p_0000_part_00').length).toBeLessThanOrEqual(
      5 * 1024 * 1024,
    )
    const lines = storage
      .keys()
      .flatMap((key) => storage.text(key).trimEnd().split('\n'))
    expect(lines).toHaveLength(70_000)
    expect(lines[52_428]).toMatch(/^152428\|/)
  })

  it('PARALLEL OFF parts count 000, 001, ...', async () => {
    const storage = new MemoryStorage()
    await unload(
      storage,
      statement('u/p_', 'parallel off maxfilesize 5 mb header'),
      COLUMNS,
      rows(70_000, 93),
    )
    expect(storage.keys()).toEqual(['u/p_000', 'u/p_001'])
    // Each file starts with its own header.
    for (const key of storage.keys())
      expect(storage.text(key)).toMatch(/^id\|name\n0|^id\|name\n\d/)
  })
})

describe('compression', () => {
  const decoders = {
    gzip: (b: Buffer) => gunzipSync(b),
    bzip2: (b: Buffer) => Bunzip.decode(b, undefined, true),
    zstd: (b: Buffer) => Buffer.from(zstdDecompress(b)),
  }
  it.each(Object.entries(decoders))(
    '%s reads back exactly',
    async (codec, decode) => {
      const storage = new MemoryStorage()
      const data = rows(5_000).concat([['x', 'é|\\\n']])
      const outcome = await unload(
        storage,
        statement('c/p_', codec),
        COLUMNS,
        data,
      )
      const key = storage.keys()[0]!
      const body = storage.body(key)
      expect(outcome.files[0]!.bytes).toBe(body.length)
      expect(decode(body).toString('utf8')).toBe(
        data.map((r) => r.join('|') + '\n').join(''),
      )
    },
  )
})

describe('compression this machine cannot produce', () => {
  it('BZIP2 without a bzip2 program is refused before anything is written', async () => {
    const storage = new MemoryStorage()
    const path = process.env['PATH']
    process.env['PATH'] = ''
    try {
      await expect(
        unload(storage, statement('c/p_', 'bzip2'), COLUMNS, rows(2)),
      ).rejects.toMatchObject({
        fields: {
          code: '0A000',
          message: expect.stringMatching(/cannot write BZIP2/),
        },
      })
    } finally {
      process.env['PATH'] = path
    }
    expect(storage.keys()).toEqual([])
  })
})

describe('PARTITION BY', () => {
  const columns = [TEXT('city'), INT('year'), BIGINT('amount')]
  const data = [
    ['Paris', '2019', '1'],
    ['a/b:c=d%', '2019', '2'],
    [null, '2020', '3'],
    ['Paris', '2019', '4'],
    ['', '2020', '5'],
  ]

  it('writes col=value/ folders (Hive escaping, NULL to the default partition) without the partition columns', async () => {
    const storage = new MemoryStorage()
    const outcome = await unload(
      storage,
      statement('sales', 'partition by (city, year)'),
      columns,
      data,
    )
    expect(storage.keys()).toEqual([
      'sales/city=Paris/year=2019/0000_part_00',
      'sales/city=__HIVE_DEFAULT_PARTITION__/year=2020/0000_part_00',
      'sales/city=a%2Fb%3Ac%3Dd%25/year=2019/0000_part_00',
    ])
    expect(storage.text('sales/city=Paris/year=2019/0000_part_00')).toBe(
      '1\n4\n',
    )
    expect(
      storage.text(
        'sales/city=__HIVE_DEFAULT_PARTITION__/year=2020/0000_part_00',
      ),
    ).toBe('3\n5\n')
    expect(outcome.rowCount).toBe(5)
  })

  it('INCLUDE keeps them; PARALLEL OFF names 000', async () => {
    const storage = new MemoryStorage()
    await unload(
      storage,
      statement('sales/', 'partition by (year) include parallel off csv'),
      columns,
      data.slice(0, 2),
    )
    expect(storage.keys()).toEqual(['sales/year=2019/000'])
    expect(storage.text('sales/year=2019/000')).toBe(
      'Paris,2019,1\na/b:c=d%,2019,2\n',
    )
  })

  it('refuses a column the query does not have, an unsupported type, or no data column left', async () => {
    const storage = new MemoryStorage()
    await expect(
      unload(storage, statement('s', 'partition by (nope)'), columns, data),
    ).rejects.toMatchObject({ fields: { code: '42703' } })
    await expect(
      unload(
        storage,
        statement('s', 'partition by (s)'),
        [column('s', 3802, 'super'), INT('i')],
        [],
      ),
    ).rejects.toMatchObject({ fields: { code: '0A000' } })
    await expect(
      unload(
        storage,
        statement('s', 'partition by (city, year, amount)'),
        columns,
        data,
      ),
    ).rejects.toMatchObject({ fields: { code: '0A000' } })
    expect(storage.keys()).toEqual([])
  })
})

describe('MANIFEST', () => {
  it('lists the files at <prefix>manifest', async () => {
    const storage = new MemoryStorage()
    const outcome = await unload(
      storage,
      statement('m/v_', 'manifest'),
      COLUMNS,
      rows(3),
    )
    expect(outcome.manifestUrl).toBe('s3://b/m/v_manifest')
    // Every entry carries the file's size (loading-data-files-using-manifest).
    expect(JSON.parse(storage.text('m/v_manifest'))).toEqual({
      entries: [
        {
          url: 's3://b/m/v_0000_part_00',
          meta: {
            content_length: Buffer.byteLength(storage.text('m/v_0000_part_00')),
          },
        },
      ],
    })
  })

  it('VERBOSE adds sizes, record counts (header lines included), the schema and the author', async () => {
    const storage = new MemoryStorage()
    const columns = [
      INT('id'),
      column('name', 1043, 'character varying(25)'),
      column('code', 1042, 'character(2)'),
      column('price', 1700, 'numeric(12,2)'),
      column('at', 1114, 'timestamp without time zone'),
    ]
    await unload(
      storage,
      statement('m/v_', 'manifest verbose header gzip maxfilesize 5 mb'),
      columns,
      Array.from({ length: 80_000 }, (_, i) => [
        String(i),
        'n'.repeat(60),
        'AB',
        '1.00',
        '2024-01-01 00:00:00',
      ]),
    )
    const manifest = JSON.parse(storage.text('m/v_manifest'))
    const keys = storage.keys().filter((k) => k !== 'm/v_manifest')
    expect(keys).toEqual(['m/v_0000_part_00.gz', 'm/v_0000_part_01.gz'])
    const counts = keys.map(
      (k) =>
        gunzipSync(storage.body(k)).toString().trimEnd().split('\n').length,
    )
    expect(manifest.entries).toEqual(
      keys.map((key, i) => ({
        url: `s3://b/${key}`,
        meta: {
          content_length: storage.body(key).length,
          record_count: counts[i],
        },
      })),
    )
    expect(manifest.schema).toEqual({
      elements: [
        { name: 'id', type: { base: 'integer' } },
        { name: 'name', type: { base: 'character varying', length: 25 } },
        { name: 'code', type: { base: 'character', length: 2 } },
        { name: 'price', type: { base: 'numeric', precision: 12, scale: 2 } },
        { name: 'at', type: { base: 'timestamp without time zone' } },
      ],
    })
    expect(manifest.meta).toEqual({
      content_length: keys.reduce((sum, k) => sum + storage.body(k).length, 0),
      record_count: 80_002,
    })
    expect(manifest.author).toEqual({
      name: 'Amazon Redshift',
      version: '1.0.0',
    })
  })

  it('with PARTITION BY there is one manifest, at the root', async () => {
    const storage = new MemoryStorage()
    await unload(
      storage,
      statement('p', 'partition by (id) manifest'),
      COLUMNS,
      rows(2),
    )
    expect(storage.keys()).toEqual([
      'p/id=0/0000_part_00',
      'p/id=1/0000_part_00',
      'p/manifest',
    ])
  })
})

describe('ALLOWOVERWRITE and CLEANPATH', () => {
  const NOT_EMPTY =
    'Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.'

  it('refuses to overwrite a file it would write; other objects do not count', async () => {
    const storage = new MemoryStorage()
    await storage.write(
      { bucket: 'b', key: 'o/p_notes.txt' },
      Buffer.from('keep'),
    )
    await unload(storage, statement('o/p_', 'manifest'), COLUMNS, rows(1))
    const before = new Map(storage.objects)
    await expect(
      unload(storage, statement('o/p_'), COLUMNS, rows(2)),
    ).rejects.toMatchObject({ fields: { code: 'XX000', message: NOT_EMPTY } })
    expect(storage.objects).toEqual(before)
    // The manifest alone blocks an UNLOAD that would write it.
    await storage.delete([{ bucket: 'b', key: 'o/p_0000_part_00' }])
    await expect(
      unload(storage, statement('o/p_', 'manifest'), COLUMNS, rows(2)),
    ).rejects.toMatchObject({ fields: { message: NOT_EMPTY } })
  })

  it('ALLOWOVERWRITE replaces the files it writes and leaves the rest', async () => {
    const storage = new MemoryStorage()
    await unload(
      storage,
      statement('o/p_', 'maxfilesize 5 mb'),
      COLUMNS,
      rows(70_000, 93),
    )
    await unload(storage, statement('o/p_', 'allowoverwrite'), COLUMNS, rows(1))
    expect(storage.keys()).toEqual(['o/p_0000_part_00', 'o/p_0000_part_01'])
    expect(storage.text('o/p_0000_part_00')).toBe('0|xxxxxxxx\n')
  })

  it('CLEANPATH removes every object under the prefix first', async () => {
    const storage = new MemoryStorage()
    await storage.write(
      { bucket: 'b', key: 'o/p_notes.txt' },
      Buffer.from('gone'),
    )
    await storage.write({ bucket: 'b', key: 'o/other' }, Buffer.from('stays'))
    await unload(
      storage,
      statement('o/p_', 'maxfilesize 5 mb'),
      COLUMNS,
      rows(70_000, 93),
    )
    await unload(storage, statement('o/p_', 'cleanpath'), COLUMNS, rows(1))
    expect(storage.keys()).toEqual(['o/other', 'o/p_0000_part_00'])
  })

  it('with PARTITION BY, CLEANPATH cleans only the partition folders it writes', async () => {
    const storage = new MemoryStorage()
    await unload(storage, statement('o', 'partition by (id)'), COLUMNS, rows(3))
    await storage.write(
      { bucket: 'b', key: 'o/id=1/old.txt' },
      Buffer.from('gone'),
    )
    await unload(
      storage,
      statement('o', 'partition by (id) cleanpath'),
      COLUMNS,
      [['1', 'new']],
    )
    expect(storage.keys()).toEqual([
      'o/id=0/0000_part_00',
      'o/id=1/0000_part_00',
      'o/id=2/0000_part_00',
    ])
    expect(storage.text('o/id=1/0000_part_00')).toBe('new\n')
  })
})

describe('zero rows', () => {
  it.each([
    ['', ['z/p_0000_part_00'], ''],
    ['header', ['z/p_0000_part_00'], 'id|name\n'],
    ['csv header', ['z/p_0000_part_00'], 'id,name\n'],
    ['json', [], undefined],
    ['parquet', [], undefined],
    ['partition by (id)', [], undefined],
  ])('%s', async (options, keys, text) => {
    const storage = new MemoryStorage()
    const outcome = await unload(
      storage,
      statement('z/p_', options),
      COLUMNS,
      [],
    )
    expect(outcome.rowCount).toBe(0)
    expect(storage.keys()).toEqual(keys)
    if (text !== undefined) expect(storage.text(keys[0]!)).toBe(text)
  })

  it('the manifest still lists what was written', async () => {
    const storage = new MemoryStorage()
    await unload(storage, statement('z/p_', 'json manifest'), COLUMNS, [])
    expect(JSON.parse(storage.text('z/p_manifest'))).toEqual({ entries: [] })
  })
})

describe('failures', () => {
  it('a failing row source leaves no partial file and passes the error on', async () => {
    const storage = new MemoryStorage()
    async function* failing() {
      yield Buffer.from('1\ta\n')
      throw new Error('query canceled')
    }
    const { writeUnload, parseUnload } =
      await import('../../src/local/unload/index.js')
    const parsed = parseUnload(statement('f/p_'))
    if (!parsed.ok) throw new Error('no plan')
    await expect(
      writeUnload(parsed.plan, {
        storage,
        columns: COLUMNS,
        chunks: failing(),
        queryId: 1,
      }),
    ).rejects.toThrow('query canceled')
    expect(storage.keys()).toEqual([])
  })
})
