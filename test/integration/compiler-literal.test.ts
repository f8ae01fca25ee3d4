import fc from 'fast-check'
import { loadModule, parseSync } from 'libpg-query'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  quoteIdentifier,
  quoteLiteral,
  quoteQualifiedName,
} from '../../src/sql/literal.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { hostileText } from '../setup/hostile-text.js'

// Characters that break naive escaping, mixed with arbitrary text.
const text = hostileText()

interface ParsedSelect {
  stmts: {
    stmt: {
      SelectStmt?: {
        targetList: { ResTarget: { name?: string; val: unknown } }[]
      }
    }
  }[]
}

function parse(sqlText: string): ParsedSelect {
  return parseSync(sqlText) as ParsedSelect
}

describe('literal.ts against a real PostgreSQL with Redshift string rules', () => {
  let db: TestDatabase
  let client: pg.Client

  beforeAll(async () => {
    await loadModule()
    db = await createTestDatabase('literal')
    // Redshift treats backslash as an escape inside '...', as PostgreSQL does
    // with standard_conforming_strings off.
    client = new pg.Client({
      connectionString: db.url,
      options:
        '-c standard_conforming_strings=off -c escape_string_warning=off',
    })
    await client.connect()
    const { rows } = await client.query('show standard_conforming_strings')
    expect(rows[0].standard_conforming_strings).toBe('off')
  })

  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('quoteLiteral doubles quotes and backslashes', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'")
    expect(quoteLiteral('a\\b')).toBe("'a\\\\b'")
    expect(quoteLiteral("\\'; drop table x; --")).toBe(
      "'\\\\''; drop table x; --'",
    )
    expect(quoteLiteral('')).toBe("''")
  })

  it('quoteLiteral refuses NUL', () => {
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/)
  })

  it('any string round-trips through quoteLiteral as one statement', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const statement = `select ${quoteLiteral(value)} as v`
        const parsed = parse(statement)
        expect(parsed.stmts).toHaveLength(1)
        expect(parsed.stmts[0]!.stmt.SelectStmt?.targetList).toHaveLength(1)
        const { rows } = await client.query(statement)
        expect(rows).toEqual([{ v: value }])
      }),
      { numRuns: 300 },
    )
  })

  it('quoteIdentifier doubles double quotes and refuses empty, NUL and long names', () => {
    expect(quoteIdentifier('sales')).toBe('"sales"')
    expect(quoteIdentifier('my "col"')).toBe('"my ""col"""')
    expect(quoteQualifiedName(['a"b', 'c'])).toBe('"a""b"."c"')
    expect(() => quoteIdentifier('')).toThrow(/empty/)
    expect(() => quoteIdentifier('a\0')).toThrow(/NUL/)
    expect(() => quoteIdentifier('x'.repeat(128))).toThrow(/127 bytes/)
    // 43 three-byte characters = 129 bytes although only 43 UTF-16 units.
    expect(() => quoteIdentifier('€'.repeat(43))).toThrow(/127 bytes/)
    expect(quoteIdentifier('x'.repeat(127))).toBe(`"${'x'.repeat(127)}"`)
  })

  it('any name round-trips through quoteIdentifier as one statement', async () => {
    // PostgreSQL truncates names at 63 bytes (Redshift at 127), so the
    // round trip is checked on names PostgreSQL keeps whole.
    const names = text.filter(
      (s) => s.length > 0 && Buffer.byteLength(s, 'utf8') <= 63,
    )
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const statement = `select 1 as ${quoteIdentifier(name)}`
        const parsed = parse(statement)
        expect(parsed.stmts).toHaveLength(1)
        const targets = parsed.stmts[0]!.stmt.SelectStmt!.targetList
        expect(targets).toHaveLength(1)
        expect(targets[0]!.ResTarget.name).toBe(name)
        const result = await client.query(statement)
        expect(result.fields.map((f) => f.name)).toEqual([name])
      }),
      { numRuns: 300 },
    )
  })
})
