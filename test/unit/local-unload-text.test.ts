import { describe, expect, it } from 'vitest'

import {
  column,
  INT,
  MemoryStorage,
  statement,
  TEXT,
  unload,
} from './local-unload-helpers.js'

const COLUMNS = [
  INT('id'),
  TEXT('name'),
  column('price', 1700, 'numeric(12,2)'),
  column('ok', 16, 'boolean'),
]

/** Values that need care in every format. */
const ROWS: (string | null)[][] = [
  ['1', 'plain', '1.50', 't'],
  ['2', 'pipe|comma,quote"apos\'', '-0.01', 'f'],
  ['3', 'back\\slash', '100.00', null],
  ['4', 'line\nbreak\r\ncr', null, 't'],
  ['5', '', '0.00', 'f'],
  ['6', null, '2.00', 't'],
  ['7', 'é ☃ 𝄞', '3.25', 'f'],
]

async function contents(options: string, rows = ROWS, columns = COLUMNS) {
  const storage = new MemoryStorage()
  const outcome = await unload(
    storage,
    statement('out/t_', options),
    columns,
    rows,
  )
  expect(outcome.files).toHaveLength(1)
  return storage.text('out/t_0000_part_00')
}

describe('delimited text (the default)', () => {
  it('writes values as they are, NULL as an empty field', async () => {
    expect(await contents('')).toBe(
      [
        '1|plain|1.50|t',
        '2|pipe|comma,quote"apos\'|-0.01|f',
        '3|back\\slash|100.00|',
        '4|line\nbreak\r\ncr||t',
        '5||0.00|f',
        '6||2.00|t',
        '7|é ☃ 𝄞|3.25|f',
        '',
      ].join('\n'),
    )
  })

  it('ESCAPE puts a backslash before newline, CR, delimiter and backslash in character columns', async () => {
    expect(await contents('escape')).toBe(
      [
        '1|plain|1.50|t',
        '2|pipe\\|comma,quote"apos\'|-0.01|f',
        '3|back\\\\slash|100.00|',
        '4|line\\\nbreak\\\r\\\ncr||t',
        '5||0.00|f',
        '6||2.00|t',
        '7|é ☃ 𝄞|3.25|f',
        '',
      ].join('\n'),
    )
  })

  it('ADDQUOTES quotes every field but numbers (r_UNLOAD_command_examples.html); with ESCAPE the quotes are escaped too', async () => {
    const rows = [ROWS[1]!, ROWS[5]!]
    expect(await contents("delimiter ',' addquotes", rows)).toBe(
      '2,"pipe|comma,quote"apos\'",-0.01,"f"\n6,"",2.00,"t"\n',
    )
    expect(await contents("delimiter ',' addquotes escape", rows)).toBe(
      '2,"pipe|comma\\,quote\\"apos\\\'",-0.01,"f"\n6,"",2.00,"t"\n',
    )
  })

  it('HEADER, DELIMITER and NULL AS', async () => {
    expect(
      await contents("header delimiter '\\t' null as '\\\\N'", [
        ROWS[0]!,
        ROWS[2]!,
        ROWS[5]!,
      ]),
    ).toBe(
      'id\tname\tprice\tok\n1\tplain\t1.50\tt\n3\tback\\slash\t100.00\t\\N\n6\t\\N\t2.00\tt\n',
    )
  })

  it('SUPER ignores NULL AS; VARBYTE is bare hex', async () => {
    const columns = [
      column('s', 3802, 'super'),
      column('v', 17, 'varbyte(64000)'),
    ]
    expect(
      await contents(
        "null as 'NULL'",
        [
          ['{"a":[1,"x|y"]}', '\\x00ff'],
          [null, null],
        ],
        columns,
      ),
    ).toBe('{"a":[1,"x|y"]}|00ff\n|NULL\n')
  })
})

describe('CSV', () => {
  it('quotes fields holding the delimiter, quotes, newlines or CRs, doubling quotes', async () => {
    expect(await contents('csv')).toBe(
      [
        '1,plain,1.50,t',
        '2,"pipe|comma,quote""apos\'",-0.01,f',
        '3,back\\slash,100.00,',
        '4,"line\nbreak\r\ncr",,t',
        '5,,0.00,f',
        '6,,2.00,t',
        '7,é ☃ 𝄞,3.25,f',
        '',
      ].join('\n'),
    )
  })

  it('DELIMITER, HEADER and NULL AS apply', async () => {
    expect(
      await contents("csv delimiter '|' header null as 'nil'", [
        ROWS[1]!,
        ROWS[5]!,
      ]),
    ).toBe(
      'id|name|price|ok\n2|"pipe|comma,quote""apos\'"|-0.01|f\n6|nil|2.00|t\n',
    )
  })
})

describe('FIXEDWIDTH', () => {
  const spec = "fixedwidth '0:3,1:12,2:7,3:1'"
  it('pads each value to its width in bytes, NULL as blanks', async () => {
    expect(
      await contents(spec, [
        ROWS[0]!,
        ROWS[2]!,
        ROWS[5]!,
        ['8', 'é☃', '1.00', 't'],
      ]),
    ).toBe(
      '1  plain       1.50   t\n' +
        '3  back\\slash  100.00  \n' +
        '6              2.00   t\n' +
        // 'é☃' is 5 bytes: 7 blanks make 12 bytes.
        '8  é☃       1.00   t\n',
    )
  })

  it('NULL AS when it fits; blanks for a non-character column it does not fit; an error for a character column', async () => {
    expect(
      await contents(`${spec} null as 'NA'`, [[null, null, null, null]]),
    ).toBe('NA NA          NA     ' + ' ' + '\n')
    await expect(
      contents("fixedwidth '0:3,1:1,2:7,3:1' null as 'NA'", [
        ['1', null, '1.00', 't'],
      ]),
    ).rejects.toMatchObject({ fields: { code: 'XX000' } })
  })

  it('never truncates: a wider value fails the UNLOAD', async () => {
    await expect(
      contents(spec, [['1', 'much too long here', '1.00', 't']]),
    ).rejects.toMatchObject({
      fields: {
        message: expect.stringMatching(/wider than its FIXEDWIDTH width 12/),
      },
    })
  })

  it('needs one width per column', async () => {
    await expect(
      contents("fixedwidth '0:3'", [ROWS[0]!]),
    ).rejects.toMatchObject({
      fields: {
        message:
          'FIXEDWIDTH specification has 1 columns but the query returns 4',
      },
    })
  })
})

describe('JSON', () => {
  it('one object per line: numbers as numbers, booleans true/false, SUPER nested, NULL as null', async () => {
    const columns = [
      ...COLUMNS,
      column('big', 20, 'bigint'),
      column('f', 701, 'double precision'),
      column('s', 3802, 'super'),
      column('ts', 1114, 'timestamp without time zone'),
    ]
    const rows = [
      [
        ...ROWS[1]!,
        '9223372036854775807',
        'NaN',
        '{"k": [1, "two", null]}',
        '2024-01-02 03:04:05.5',
      ],
      [...ROWS[5]!, null, '-1.5e-07', null, null],
      [...ROWS[3]!, '-1', 'Infinity', '"text"', '2024-01-02 03:04:05'],
    ]
    const text = await contents('json', rows, columns)
    expect(text).toBe(
      '{"id":2,"name":"pipe|comma,quote\\"apos\'","price":-0.01,"ok":false,"big":9223372036854775807,"f":"NaN","s":{"k": [1, "two", null]},"ts":"2024-01-02 03:04:05.5"}\n' +
        '{"id":6,"name":null,"price":2.00,"ok":true,"big":null,"f":-1.5e-07,"s":null,"ts":null}\n' +
        '{"id":4,"name":"line\\nbreak\\r\\ncr","price":null,"ok":true,"big":-1,"f":"Infinity","s":"text","ts":"2024-01-02 03:04:05"}\n',
    )
    for (const line of text.trimEnd().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow()
  })

  it('refuses repeated column names and binary columns', async () => {
    await expect(
      contents('json', [['1', '2']], [INT('a'), INT('a')]),
    ).rejects.toMatchObject({ fields: { code: '42701' } })
    await expect(
      contents('json', [['\\x00']], [column('v', 17, 'varbyte')]),
    ).rejects.toMatchObject({ fields: { code: '0A000' } })
  })
})
