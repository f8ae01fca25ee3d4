import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'

import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

// Redshift's VARBYTE functions, which PostgreSQL lacks: FROM_HEX, TO_HEX of a
// VARBYTE, TO_VARBYTE and FROM_VARBYTE in each documented format.
describe('VARBYTE functions on the emulator', () => {
  let emulator: OwnEmulator
  let client: pg.Client

  const value = async (text: string): Promise<unknown> =>
    (await client.query<{ v: unknown }>(text)).rows[0]!.v

  beforeAll(async () => {
    emulator = await startOwnEmulator('varbyte_functions')
    client = await connect(emulator.local.url)
  })

  afterAll(async () => {
    await client?.end()
    await emulator?.stop()
  })

  it('FROM_HEX and TO_HEX convert between hex text and bytes', async () => {
    // VARBYTE comes back as Redshift prints it (type 6551, plain hex), which
    // pg hands over as text.
    expect(await value("select from_hex('00ff275c') as v")).toBe('00ff275c')
    expect(await value("select to_hex(from_hex('00ff275c')) as v")).toBe(
      '00ff275c',
    )
    expect(await value('select to_hex(255) as v')).toBe('ff')
  })

  it('TO_VARBYTE and FROM_VARBYTE round-trip each format', async () => {
    const cases: [format: string, text: string, bytes: Buffer][] = [
      ['hex', '41c3a9', Buffer.from('Aé')],
      ['utf8', 'Aé', Buffer.from('Aé')],
      ['base64', 'QcOp', Buffer.from('Aé')],
      ['binary', '0100000111000011', Buffer.from([0x41, 0xc3])],
    ]
    for (const [format, text, bytes] of cases) {
      expect(
        await value(`select to_varbyte('${text}', '${format}') as v`),
      ).toBe(bytes.toString('hex'))
      expect(
        await value(
          `select from_varbyte(from_hex('${bytes.toString('hex')}'), '${format}') as v`,
        ),
      ).toBe(text)
    }
  })

  it('refuses an unknown format and a malformed binary string', async () => {
    await expect(
      value("select to_varbyte('ab', 'octal') as v"),
    ).rejects.toThrow(/invalid format for TO_VARBYTE/)
    await expect(
      value("select to_varbyte('012', 'binary') as v"),
    ).rejects.toThrow(/invalid binary string/)
  })
})
