import { describe, expect, it } from 'vitest'

import { toJsonParameter } from '../../src/local/catalog/bound-statement.js'

describe('toJsonParameter', () => {
  it('writes dates as ISO text and bigints as decimal strings', () => {
    expect(
      toJsonParameter([
        { query: 1, starttime: new Date(0), rows: 2n ** 63n - 1n },
      ]),
    ).toBe(
      '[{"query":1,"starttime":"1970-01-01T00:00:00.000Z","rows":"9223372036854775807"}]',
    )
    expect(toJsonParameter([{ query: 2, label: null }])).toBe(
      '[{"query":2,"label":null}]',
    )
  })

  it('still refuses what JSON cannot hold', () => {
    const loop: Record<string, unknown> = {}
    loop['self'] = loop
    expect(() => toJsonParameter([loop])).toThrow(TypeError)
  })
})
