import fc from 'fast-check'
import type { RawNode } from 'kysely'
import { describe, expect, it } from 'vitest'

import { implicitCommitOf } from '../../src/resilience/transaction-implicit-commit.js'
import { lockStatement } from '../../src/resilience/transaction-lock.js'

describe('implicitCommitOf', () => {
  it.each([
    ['truncate sales', 'TRUNCATE'],
    ['  TRUNCATE TABLE "Sales"', 'TRUNCATE'],
    ['/* nightly */ truncate sales', 'TRUNCATE'],
    ['-- reset\ntruncate sales', 'TRUNCATE'],
    ['insert into t values (1); truncate t', 'TRUNCATE'],
    ["insert into t values ('a;b');\n truncate t", 'TRUNCATE'],
    ['alter table sales append from staging', 'ALTER TABLE APPEND'],
    [
      'ALTER TABLE "my table" APPEND FROM "staging" IGNOREEXTRA',
      'ALTER TABLE APPEND',
    ],
    [
      'alter table analytics.sales\n  append\n  from analytics.staging',
      'ALTER TABLE APPEND',
    ],
  ])('%j commits the transaction', (sql, kind) => {
    expect(implicitCommitOf(sql)).toBe(kind)
  })

  it.each([
    "select 'truncate t'",
    "insert into log values ('x''; truncate t')",
    // Backslash escapes the quote inside a Redshift literal.
    "insert into log values ('it\\'s; truncate t')",
    'select "truncate" from t',
    'delete from t -- truncate is not allowed here',
    '/* truncate t */ delete from t',
    'alter table t rename column append to appended',
    'alter table t add column "append from" int',
    'select truncated from t',
    'lock sales',
  ])('%j does not', (sql) => {
    expect(implicitCommitOf(sql)).toBeUndefined()
  })
})

function lockText(tables: readonly string[]): string | undefined {
  const node = lockStatement(tables)?.toOperationNode() as RawNode | undefined
  return node?.sqlFragments.join('')
}

// A quoted name: `"` then anything with inner quotes doubled, then `"`.
const QUOTED = '"(?:[^"]|"")+"'
const ONE_LOCK = new RegExp(
  `^lock ${QUOTED}(?:\\.${QUOTED})?(?:, ${QUOTED}(?:\\.${QUOTED})?)*$`,
)

describe('lockStatement', () => {
  it('locks each table once, in sorted order, quoted part by part', () => {
    expect(
      lockText(['sales', 'analytics.events', 'sales', 'Accounts', 'top']),
    ).toBe('lock "Accounts", "analytics"."events", "sales", "top"')
    expect(lockText([])).toBeUndefined()
  })

  it('any names: one LOCK statement, the same whatever the order', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((n) => !n.includes('\0') && !n.includes('.'))
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
        (names) => {
          const text = lockText(names)!
          expect(text).toMatch(ONE_LOCK)
          expect(implicitCommitOf(text)).toBeUndefined()
          expect(lockText([...names].reverse())).toBe(text)
        },
      ),
    )
  })

  it('refuses a name Redshift would refuse or truncate', () => {
    expect(() => lockStatement(['bad\0name'])).toThrow(/NUL/)
    expect(() => lockStatement(['x'.repeat(128)])).toThrow(/127 bytes/)
  })
})
