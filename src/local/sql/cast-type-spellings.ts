import {
  isSignificant,
  keyword,
  matchBrackets,
  tokenize,
  type Token,
} from './rewrite-tokens.js'
import { MAX_CHAR, MAX_VARCHAR } from './character-limits.js'
import { applyEdits, type TextEdit } from './text-edits.js'

/** Words a cast's type may start with that this rewrite spells for PostgreSQL. */
const TRIGGER = /\b(?:max|nvarchar|nchar|national|varbyte|varbinary|binary)\b/i

/** Character types whose length may be MAX (r_Character_types.html). */
const VARCHAR_WORDS = new Set(['VARCHAR', 'NVARCHAR'])
const CHAR_WORDS = new Set(['CHAR', 'CHARACTER', 'NCHAR', 'BPCHAR'])
const VARBYTE_WORDS = new Set(['VARBYTE', 'VARBINARY'])
/** Redshift's largest VARBYTE length (r_VARBYTE_type.html). */
const MAX_VARBYTE = 16_777_216

/**
 * Spells the type of a cast (`x::type`, `CAST(x AS type)`, `TRY_CAST(x AS
 * type)`, `CONVERT(type, x)`) the way PostgreSQL reads Redshift's:
 *
 * - `VARCHAR(MAX)` is VARCHAR(65535) and `CHAR(MAX)` CHAR(4096), as in
 *   CREATE TABLE (r_Character_types.html, "the MAX keyword");
 * - NVARCHAR and NCHAR (NATIONAL CHARACTER [VARYING]) are VARCHAR and CHAR;
 * - VARBINARY and BINARY VARYING are VARBYTE (r_VARBYTE_type.html), and a
 *   VARBYTE length, `x::varbyte(10)`, becomes a check of the value's length
 *   (the operator `redshift_local.@<`, an operator rather than a call so
 *   that the column keeps the name `varbyte`): PostgreSQL's VARBYTE, a domain over
 *   bytea, takes no length. What Redshift does with a longer value is not
 *   documented, so that check refuses it as an emulator limit.
 *
 * Returns null when nothing changes (the common case pays one regular
 * expression test).
 *
 * @example
 * ```ts
 * rewriteCastTypes("select cast(x as varchar(max)) from t")
 * // 'select cast(x as varchar(65535)) from t'
 * rewriteCastTypes("select 'abc'::varbyte(10)")
 * // "select ('abc'::varbyte operator(redshift_local.@<) 10)::varbyte"
 * ```
 */
export function rewriteCastTypes(sql: string): string | null {
  if (!TRIGGER.test(sql)) return null
  const all = tokenize(sql)
  const tokens = all.filter(isSignificant)
  const match = matchBrackets(tokens)
  const edits: TextEdit[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    let typeAt = -1
    let operandStart = -1
    let castEnd = -1
    if (token.kind === 'operator' && token.text === '::') {
      typeAt = i + 1
      operandStart = castOperandStart(tokens, match, i)
    } else if (keyword(token) === 'AS') {
      const open = enclosingOpen(tokens, match, i)
      const name = open > 0 ? keyword(tokens[open - 1]) : ''
      if (name === 'CAST' || name === 'TRY_CAST') {
        typeAt = i + 1
        operandStart = open - 1
        castEnd = match[open]!
      }
    } else if (keyword(token) === 'CONVERT' && tokens[i + 1]?.text === '(') {
      typeAt = i + 2
    }
    if (typeAt < 0 || typeAt >= tokens.length) continue
    const spelled = spellType(tokens, match, typeAt)
    if (spelled === null) continue
    edits.push({
      start: tokens[typeAt]!.start,
      end: tokens[spelled.last]!.end,
      insert: spelled.text,
    })
    if (spelled.varbyteLength !== undefined && operandStart >= 0) {
      // A whole `::` chain or CAST(...) is the value to check.
      const end =
        castEnd >= 0 ? tokens[castEnd]!.end : tokens[spelled.last]!.end
      edits.push(
        {
          start: tokens[operandStart]!.start,
          end: tokens[operandStart]!.start,
          insert: '(',
        },
        {
          start: end,
          end,
          insert: ` operator(redshift_local.@<) ${spelled.varbyteLength})::varbyte`,
        },
      )
    }
  }
  return edits.length === 0 ? null : applyEdits(sql, edits)
}

interface Spelled {
  readonly text: string
  /** Index of the type's last token. */
  readonly last: number
  readonly varbyteLength?: number
}

/** The PostgreSQL spelling of the type at `at`, or null to keep it. */
function spellType(
  tokens: readonly Token[],
  match: Int32Array,
  at: number,
): Spelled | null {
  let word = keyword(tokens[at])
  let last = at
  if (word === 'NATIONAL' && keyword(tokens[at + 1]).startsWith('CHAR')) {
    last = at + 1
    word = keyword(tokens[at + 1]) === 'CHAR' ? 'NCHAR' : 'NCHARACTER'
  }
  if (
    (word === 'CHARACTER' || word === 'NCHARACTER' || word === 'CHAR') &&
    keyword(tokens[last + 1]) === 'VARYING'
  ) {
    last++
    word = 'NVARCHAR'
  } else if (word === 'NCHARACTER') {
    word = 'NCHAR'
  }
  if (word === 'BINARY' && keyword(tokens[last + 1]) === 'VARYING') {
    last++
    word = 'VARBINARY'
  }
  const open = tokens[last + 1]?.text === '(' ? last + 1 : -1
  const close = open >= 0 ? match[open]! : -1
  const argument =
    open >= 0 && close === open + 2 ? tokens[open + 1] : undefined
  if (VARCHAR_WORDS.has(word) || CHAR_WORDS.has(word)) {
    const base = VARCHAR_WORDS.has(word) ? 'varchar' : 'char'
    const max = keyword(argument) === 'MAX'
    const renamed = word === 'NVARCHAR' || word === 'NCHAR' || last > at
    if (!max && !renamed) return null
    if (max)
      return {
        text: `${base}(${base === 'varchar' ? MAX_VARCHAR : MAX_CHAR})`,
        last: close,
      }
    return { text: base, last }
  }
  if (!VARBYTE_WORDS.has(word)) return null
  if (open < 0)
    return last > at || word === 'VARBINARY' ? { text: 'varbyte', last } : null
  const n = Number(argument?.kind === 'number' ? argument.text : NaN)
  // A length that is not a number stays for PostgreSQL to refuse.
  if (!Number.isInteger(n) || n < 1 || n > MAX_VARBYTE) return null
  return { text: 'varbyte', last: close, varbyteLength: n }
}

/** The `(` directly enclosing token `i`, or -1. */
function enclosingOpen(
  tokens: readonly Token[],
  match: Int32Array,
  i: number,
): number {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!
    if (t.text === ')' || t.text === ']') {
      j = match[j]!
      if (j < 0) return -1
    } else if (t.text === '(') return j
  }
  return -1
}

/**
 * The first token of the operand of the `::` at `i`: a literal, a (possibly
 * qualified) name, a parenthesised expression or a function call, and any
 * `::` casts before it (`x::int::varbyte`).
 */
function castOperandStart(
  tokens: readonly Token[],
  match: Int32Array,
  i: number,
): number {
  let j = i - 1
  for (;;) {
    if (j < 0) return -1
    // Casts before this one: `x::int::varbyte(4)` checks the whole chain.
    if (tokens[j]!.kind === 'word' && tokens[j - 1]?.text === '::') {
      j -= 2
      continue
    }
    const t = tokens[j]!
    if (t.text === ')' || t.text === ']') {
      j = match[j]!
      if (j < 0) return -1
      // A call: its name (and schema) come before the parenthesis.
      if (tokens[j - 1]?.kind === 'word' || tokens[j - 1]?.kind === 'quoted')
        j--
    }
    // A qualified name: schema.table.column.
    while (j >= 2 && tokens[j - 1]!.text === '.') j -= 2
    // A typed literal, `date '2008-01-01'`, starts at its type name.
    if (tokens[j]!.kind === 'string' && tokens[j - 1]?.kind === 'word') {
      const before = keyword(tokens[j - 1])
      if (before === 'DATE' || before === 'TIMESTAMP' || before === 'INTERVAL')
        j--
    }
    return j
  }
}
