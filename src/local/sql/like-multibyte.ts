import { redshiftLiteral } from '../unload/redshift-literal.js'
import { quoteLiteral } from './quote.js'
import { isSignificant, keyword, tokenize } from './rewrite-tokens.js'
import { applyEdits, type TextEdit } from './text-edits.js'

const LIKE = /\blike\b/i
const NON_ASCII = /[^\x00-\x7f]/

/** What SIMILAR TO reads as pattern syntax, besides LIKE's `%` and `_`. */
const SIMILAR_META = new Set('|*+?{}()[]')

/**
 * r_patternmatching_condition_like.html: "Both LIKE and ILIKE perform a
 * case-insensitive pattern match for multibyte characters" (ILIKE also for
 * single-byte ones), where PostgreSQL's LIKE is case-sensitive for every
 * character. A LIKE whose pattern is a literal with a multibyte letter that
 * has another case becomes the SIMILAR TO that reads the same pattern with
 * each such letter as a class of its cases (`'é%'` -> `'[éÉ]%'`), ASCII
 * letters still exact. A pattern that is not a literal keeps PostgreSQL's
 * LIKE (an emulator limit), and so does an ESCAPE that is not one
 * character. Returns null when nothing changes.
 *
 * @example
 * ```ts
 * rewriteMultibyteLike("select 'ÉA' like 'éA'")
 * // "select 'ÉA' SIMILAR TO '[éÉ]A' ESCAPE E'\\\\'"
 * ```
 */
export function rewriteMultibyteLike(sql: string): string | null {
  if (!NON_ASCII.test(sql) || !LIKE.test(sql)) return null
  const tokens = tokenize(sql).filter(isSignificant)
  if (keyword(tokens[0]) === 'SHOW') return null
  const edits: TextEdit[] = []
  tokens.forEach((token, i) => {
    if (keyword(token) !== 'LIKE') return
    const pattern = tokens[i + 1]
    if (pattern?.kind !== 'string') return
    const value = redshiftLiteral(pattern.text)
    if (value === undefined || ![...value].some(hasOtherCase)) return
    // Redshift's default escape is a backslash, as PostgreSQL's.
    let escape = '\\'
    let end = pattern.end
    if (keyword(tokens[i + 2]) === 'ESCAPE') {
      const given = tokens[i + 3]
      const text =
        given?.kind === 'string' ? redshiftLiteral(given.text) : undefined
      if (text === undefined || [...text].length !== 1) return
      escape = text
      end = given!.end
    }
    if (escape === '%' || escape === '_' || SIMILAR_META.has(escape)) return
    edits.push({
      start: token.start,
      end,
      insert: `SIMILAR TO ${quoteLiteral(similarPattern(value, escape))} ESCAPE ${quoteLiteral(escape)}`,
    })
  })
  return edits.length === 0 ? null : applyEdits(sql, edits)
}

/** The SIMILAR TO pattern (escape `escape`) matching what the LIKE pattern matches on Redshift. */
function similarPattern(like: string, escape: string): string {
  const chars = [...like]
  let out = ''
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!
    if (c === escape && k + 1 < chars.length)
      out += literal(chars[++k]!, escape)
    else if (c === '%' || c === '_') out += c
    else out += literal(c, escape)
  }
  return out
}

/** One character matched as itself (a multibyte letter in either case). */
function literal(c: string, escape: string): string {
  if (hasOtherCase(c)) return `[${cases(c).join('')}]`
  if (c === escape || c === '%' || c === '_' || SIMILAR_META.has(c))
    return escape + c
  return c
}

/** Whether `c` is a multibyte character with another case of one character. */
function hasOtherCase(c: string): boolean {
  return c.charCodeAt(0) > 127 && cases(c).length > 1
}

/** `c` and its lower and upper case, each one character, once each. */
function cases(c: string): string[] {
  return [
    ...new Set(
      [c, c.toLowerCase(), c.toUpperCase()].filter((x) => [...x].length === 1),
    ),
  ]
}
