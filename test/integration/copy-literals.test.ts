import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { copyInto } from '../../src/commands/copy/index.js'
import { tokenize, splitStatements } from '../../src/local/sql/lexer.js'
import { offlineDb } from '../unit/copy-helpers.js'
import {
  connect,
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { hostileText } from '../setup/hostile-text.js'

// Characters that break naive escaping, mixed with arbitrary text.
const text = hostileText()
const nonEmpty = text.filter((s) => s.length > 0)
const asciiChar = fc
  .integer({ min: 1, max: 127 })
  .map((c) => String.fromCharCode(c))
const anyChar = fc.oneof(asciiChar, fc.constantFrom('é', '😀', '€'))
// An ARN as iamRole takes it: no whitespace, no commas.
const arn = nonEmpty.map((s) => s.replace(/[\s,]/g, 'x'))

const db = offlineDb()
const s3 = () => copyInto(db, 'sales').from('s3://b/k/').iamRole('default')

// Each way a string reaches a COPY, with the value the statement must carry.
const placements: {
  readonly name: string
  readonly value: fc.Arbitrary<string>
  readonly build: (v: string) => { compile(): { sql: string } }
  readonly literal: (v: string) => string
}[] = [
  {
    name: 'S3 path',
    value: nonEmpty,
    build: (v) => copyInto(db, 'sales').from(`s3://${v}`).iamRole('default'),
    literal: (v) => `s3://${v}`,
  },
  {
    name: 'DynamoDB table',
    value: nonEmpty,
    build: (v) =>
      copyInto(db, 'sales')
        .from(`dynamodb://${v}`)
        .iamRole('default')
        .readRatio(5),
    literal: (v) => `dynamodb://${v}`,
  },
  {
    name: 'role ARN',
    value: arn,
    build: (v) => copyInto(db, 'sales').from('s3://b/k').iamRole(v),
    literal: (v) => v,
  },
  {
    name: 'secret access key',
    value: nonEmpty,
    build: (v) =>
      copyInto(db, 'sales')
        .from('s3://b/k')
        .accessKey({ accessKeyId: 'AKIA', secretAccessKey: v }),
    literal: (v) => v,
  },
  {
    name: 'session token',
    value: nonEmpty,
    build: (v) =>
      copyInto(db, 'sales').from('s3://b/k').accessKey({
        accessKeyId: 'AKIA',
        secretAccessKey: 's',
        sessionToken: v,
      }),
    literal: (v) => v,
  },
  {
    name: 'CREDENTIALS',
    value: arn,
    build: (v) => copyInto(db, 'sales').from('s3://b/k').credentials(v),
    literal: (v) => v,
  },
  {
    name: 'DELIMITER',
    value: asciiChar,
    build: (v) => s3().delimiter(v),
    literal: (v) => v,
  },
  {
    name: 'QUOTE',
    value: anyChar,
    build: (v) => s3().csv({ quote: v }),
    literal: (v) => v,
  },
  {
    name: 'ACCEPTINVCHARS',
    value: asciiChar,
    build: (v) => s3().acceptInvChars(v),
    literal: (v) => v,
  },
  {
    name: 'NULL AS',
    value: text.filter((s) => !s.includes('\n')),
    build: (v) => s3().nullAs(v),
    literal: (v) => v,
  },
  {
    name: 'DATEFORMAT',
    value: nonEmpty,
    build: (v) => s3().dateFormat(v),
    literal: (v) => v,
  },
  {
    name: 'TIMEFORMAT',
    value: nonEmpty,
    build: (v) => s3().timeFormat(v),
    literal: (v) => v,
  },
  {
    name: 'REGION',
    value: nonEmpty,
    build: (v) => s3().region(v),
    literal: (v) => v,
  },
  {
    name: 'JSONPaths',
    value: nonEmpty,
    build: (v) => s3().json(`s3://${v}`),
    literal: (v) => `s3://${v}`,
  },
  {
    name: 'AVRO JSONPaths',
    value: nonEmpty,
    build: (v) => s3().avro(`s3://${v}`),
    literal: (v) => `s3://${v}`,
  },
  {
    name: 'raw option value',
    value: text,
    build: (v) => s3().rawOption('NEWOPTION', v),
    literal: (v) => v,
  },
]

/**
 * The string literals of `sql` as Redshift reads them (backslash escapes
 * the next character, `''` is a quote), found by the emulator's lexer.
 * A backslash before anything but a backslash would be read by Redshift as
 * an escape sequence, changing the value, so it fails the test.
 */
function literalsOf(sql: string): { raw: string; value: string }[] {
  return tokenize(sql)
    .filter((t) => t.kind === 'string')
    .map((t) => {
      const raw = sql.slice(t.start, t.end)
      expect(raw.startsWith("'") && raw.endsWith("'")).toBe(true)
      const body = raw.slice(1, -1)
      let value = ''
      for (let i = 0; i < body.length; i++) {
        const c = body[i]!
        if (c === '\\') {
          expect(body[i + 1], `lone backslash in ${raw}`).toBe('\\')
          value += '\\'
          i++
        } else if (c === "'") {
          expect(body[i + 1], `lone quote in ${raw}`).toBe("'")
          value += "'"
          i++
        } else {
          value += c
        }
      }
      return { raw, value }
    })
}

/** The literal carrying `expected` in a compiled COPY (checked to be one statement). */
function literalCarrying(sql: string, expected: string): string {
  expect(splitStatements(sql)).toHaveLength(1)
  expect(tokenize(sql).some((t) => t.kind === 'semicolon')).toBe(false)
  expect(sql.startsWith('COPY "sales" FROM ')).toBe(true)
  const literal = literalsOf(sql).find((l) => l.value === expected)
  expect(
    literal,
    `no literal of ${JSON.stringify(expected)} in ${sql}`,
  ).toBeDefined()
  return literal!.raw
}

describe('any string in a COPY stays one literal of one statement and round-trips', () => {
  let testDb: TestDatabase
  let client: pg.Client
  let emulator: EmulatorDatabase

  beforeAll(async () => {
    testDb = await createTestDatabase('copy_literals')
    // Redshift's string rules: backslash escapes inside '...'.
    client = await connect(testDb.url, {
      options:
        '-c standard_conforming_strings=off -c escape_string_warning=off',
    })
    emulator = await openEmulatorDatabase('copy_literals_emu')
  })

  afterAll(async () => {
    await client?.end()
    await testDb?.drop()
    await emulator?.close()
  })

  it.each(placements.map((p) => [p.name, p] as const))(
    '%s (lexer)',
    (_name, p) => {
      fc.assert(
        fc.property(p.value, (v) => {
          literalCarrying(p.build(v).compile().sql, p.literal(v))
        }),
        { numRuns: 300 },
      )
    },
  )

  it.each(placements.map((p) => [p.name, p] as const))(
    '%s (select of the literal on PostgreSQL with Redshift string rules, and on the emulator)',
    async (_name, p) => {
      const samples = fc.sample(p.value, 25)
      for (const [index, v] of samples.entries()) {
        const literal = literalCarrying(p.build(v).compile().sql, p.literal(v))
        const { rows } = await client.query(`select ${literal} as v`)
        expect(rows[0].v).toBe(p.literal(v))
        // Through the emulator for a few of them (its own Redshift lexer).
        if (index < 5) {
          const through = await emulator.client.query(`select ${literal} as v`)
          expect(through.rows[0].v).toBe(p.literal(v))
        }
      }
    },
  )
})
