import { describe, expect, it } from 'vitest'

import {
  redshiftFieldTypes,
  redshiftParameterTypes,
} from '../../src/local/session/redshift-field-types.js'

// RowDescription and ParameterDescription as PostgreSQL sends them, with the
// type OIDs Redshift's drivers expect: SUPER 4000 for json, VARCHAR 1043 for
// computed text (https://docs.aws.amazon.com/redshift/latest/dg/r_SUPER_type.html,
// https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html).

interface Field {
  readonly name: string
  readonly table: number
  readonly type: number
}

function rowDescription(fields: readonly Field[]): Buffer {
  const parts = fields.map((f) => {
    const name = Buffer.from(`${f.name}\0`, 'utf8')
    const rest = Buffer.alloc(18)
    rest.writeInt32BE(f.table, 0)
    rest.writeInt16BE(f.table === 0 ? 0 : 1, 4)
    rest.writeInt32BE(f.type, 6)
    rest.writeInt16BE(-1, 10)
    rest.writeInt32BE(-1, 12)
    rest.writeInt16BE(0, 16)
    return Buffer.concat([name, rest])
  })
  const body = Buffer.concat(parts)
  const head = Buffer.alloc(7)
  head[0] = 0x54
  head.writeInt32BE(body.length + 6, 1)
  head.writeInt16BE(fields.length, 5)
  return Buffer.concat([head, body])
}

function typesOf(buf: Buffer): number[] {
  const out: number[] = []
  let at = 7
  for (let i = 0; i < buf.readInt16BE(5); i++) {
    const nameEnd = buf.indexOf(0, at)
    out.push(buf.readInt32BE(nameEnd + 7))
    at = nameEnd + 19
  }
  return out
}

describe('redshiftFieldTypes', () => {
  it.each([
    { field: { name: 'doc', table: 16400, type: 114 }, type: 4000 },
    { field: { name: 'j', table: 0, type: 114 }, type: 4000 },
    { field: { name: 'upper', table: 0, type: 25 }, type: 1043 },
    // A relation's TEXT column (Redshift's own views have them) stays TEXT.
    { field: { name: 'databasename', table: 16500, type: 25 }, type: 25 },
    { field: { name: 'n', table: 0, type: 23 }, type: 23 },
    { field: { name: 'current_user', table: 0, type: 19 }, type: 19 },
  ])('$field.name of type $field.type is sent as $type', ({ field, type }) => {
    const buf = rowDescription([{ name: 'pad', table: 0, type: 23 }, field])
    const before = Buffer.from(buf)
    redshiftFieldTypes(buf, 0, buf.length)
    expect(typesOf(buf)).toEqual([23, type])
    // Only the type OID may change: length, names and the rest stay.
    expect(buf.length).toBe(before.length)
    const changed = [...buf].flatMap((b, i) => (b === before[i] ? [] : [i]))
    const typeAt = buf.indexOf(0, buf.indexOf(0, 7) + 19) + 7
    for (const i of changed) expect(i - typeAt).toBeLessThan(4)
  })

  it('reads a message in the middle of a chunk', () => {
    const message = rowDescription([{ name: 'j', table: 0, type: 114 }])
    const chunk = Buffer.concat([Buffer.from('xyz'), message, Buffer.from('Z')])
    redshiftFieldTypes(chunk, 3, 3 + message.length)
    expect(typesOf(chunk.subarray(3))).toEqual([4000])
    expect(chunk.subarray(0, 3).toString()).toBe('xyz')
  })
})

describe('redshiftParameterTypes', () => {
  it('sends json parameters as SUPER and text ones as VARCHAR', () => {
    const oids = [114, 25, 23, 1043]
    const buf = Buffer.alloc(7 + 4 * oids.length)
    buf[0] = 0x74
    buf.writeInt32BE(buf.length - 1, 1)
    buf.writeInt16BE(oids.length, 5)
    oids.forEach((oid, i) => buf.writeInt32BE(oid, 7 + 4 * i))
    redshiftParameterTypes(buf, 0, buf.length)
    expect(oids.map((_, i) => buf.readInt32BE(7 + 4 * i))).toEqual([
      4000, 1043, 23, 1043,
    ])
  })
})
