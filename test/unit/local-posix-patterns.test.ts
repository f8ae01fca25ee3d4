import { describe, expect, it } from 'vitest'

import { posixPatternError } from '../../src/local/sql/posix-patterns.js'

// Which literal patterns the emulator refuses as Redshift's POSIX matching
// does: a `(?` group outside a bracket expression and not escaped, in `~` /
// `!~` and in the REGEXP functions without their 'p' parameter.
// https://docs.aws.amazon.com/redshift/latest/dg/pattern-matching-conditions-posix.html

const refused = (sql: string): boolean => posixPatternError(sql) !== undefined

describe('posixPatternError', () => {
  it.each([
    "select 'abc' ~ 'a(?=b)'",
    "select 1 where x !~ '(?:a)'",
    "select regexp_count(s, '(?!a)')",
    "select regexp_substr(s, '(?=a)', 1, 1, 'c')",
    "select regexp_instr(s, '(?=a)', 1, 1, 0, 'i')",
    "select regexp_replace(s, '(?<=a)b', 'x', 1)",
    // A backslash in the literal escapes the parenthesis for the SQL string
    // only: the pattern still opens a group.
    "select 'a' ~ '\\(?=a)'",
  ])('refuses %s', (sql) => {
    expect(refused(sql)).toBe(true)
  })

  it.each([
    "select 'abc' ~ 'a\\\\(?b'",
    "select 'abc' ~ '[(?]'",
    "select 'abc' ~ '[](?]'",
    "select 'abc' ~ '[[:alpha:](?]'",
    "select regexp_count(s, '(?=a)', 1, 'p')",
    "select regexp_substr(s, '(?=a)', 1, 1, 'ip')",
    "select regexp_count(s, '(?=a)', 1, params)",
    'select regexp_count(s, pattern)',
    "select '(?=a)' as s",
    "select s like '(?%'",
    "select s similar to 'a'",
  ])('leaves %s', (sql) => {
    expect(refused(sql)).toBe(false)
  })

  it("shows the fragment around the error as Redshift's message does", () => {
    expect(
      posixPatternError("select s ~ '^(?!DELIVERED|PENDING|CANCELLED).*$'")
        ?.message,
    ).toBe(
      "Invalid preceding regular expression prior to repetition operator.  The error occurred while parsing the regular expression fragment: '^(?>>>HERE>>>!DELIVERED'.",
    )
  })
})
