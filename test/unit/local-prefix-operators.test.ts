import { describe, expect, it } from 'vitest'

import { bindPrefixOperators } from '../../src/local/sql/prefix-operators.js'

// |/, ||/ and @ parenthesised with their operands, so PostgreSQL's grammar
// gives them Redshift's precedence.
// https://docs.aws.amazon.com/redshift/latest/dg/r_compound_expressions.html

describe('bindPrefixOperators', () => {
  it.each([
    ['select |/ 25 + 11', 'select (|/ 25) + 11'],
    ['select ||/ 27 * 2', 'select (||/ 27) * 2'],
    ['select @ -5 + 1', 'select (@ -5) + 1'],
    ['select 2 * @ -3 + 1', 'select 2 * (@ -3) + 1'],
    ['select @ -2 * 3 ^ 2 + 1', 'select (@ -2 * 3 ^ 2) + 1'],
    ['select @ t.a::int * 2 - 1 from t', 'select (@ t.a::int * 2) - 1 from t'],
    ['select @ abs(x) + 1', 'select (@ abs(x)) + 1'],
    ["select @ interval '1 day'", "select (@ interval '1 day')"],
    ['select @ |/ 16 * 2 + 1', 'select (@ (|/ 16) * 2) + 1'],
    ['select @ x::double precision - 1', 'select (@ x::double precision) - 1'],
  ])('%s', (sql, expected) => {
    expect(bindPrefixOperators(sql)).toBe(expected)
  })

  it.each([
    'select @ case when a then 1 end + 1',
    'select @ (select 1) + 1',
    'select x @> y',
    "select 'a@b |/ c'",
    'select a || b',
  ])('leaves %s', (sql) => {
    expect(bindPrefixOperators(sql)).toBeNull()
  })
})
