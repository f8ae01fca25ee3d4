/**
 * A SQL text cut at its positional parameters: `fragments[i]` comes before
 * the parameter numbered `numbers[i]` (1-based, as written), and the last
 * fragment after the last one.
 */
export interface PositionalParameters {
  readonly fragments: readonly string[]
  readonly numbers: readonly number[]
  /** The highest number used: how many values the statement takes. */
  readonly count: number
}

/**
 * Finds the `$1`, `$2`... parameters of a SQL text, skipping string literals
 * (with Redshift's backslash escapes), quoted identifiers, comments,
 * dollar-quoted bodies and identifiers that contain `$` (`a$1`). The
 * statement takes as many values as its highest number, as on the server.
 *
 * ```ts
 * positionalParameters("select $2 || '$9', $1")
 * // { fragments: ['select ', " || '$9', ", ''], numbers: [2, 1], count: 2 }
 * ```
 */
export function positionalParameters(text: string): PositionalParameters {
  const fragments: string[] = []
  const numbers: number[] = []
  let start = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (c === "'") {
      i = skipQuoted(text, i + 1, "'", true)
    } else if (c === '"') {
      i = skipQuoted(text, i + 1, '"', false)
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i)
      i = end < 0 ? n : end + 1
    } else if (c === '/' && text[i + 1] === '*') {
      i = skipBlockComment(text, i + 2)
    } else if (isIdentifierChar(c)) {
      // A whole word, so the `$1` of `a$1` stays part of the name.
      i++
      while (i < n && (isIdentifierChar(text[i]!) || text[i] === '$')) i++
    } else if (c === '$') {
      const digits = /^\$(\d+)/.exec(text.slice(i, i + 12))
      if (digits !== null) {
        fragments.push(text.slice(start, i))
        numbers.push(Number(digits[1]))
        i += digits[0].length
        start = i
        continue
      }
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))
      if (tag === null) {
        i++
      } else {
        const end = text.indexOf(tag[0], i + tag[0].length)
        i = end < 0 ? n : end + tag[0].length
      }
    } else {
      i++
    }
  }
  fragments.push(text.slice(start))
  return {
    fragments,
    numbers,
    count: numbers.reduce((max, k) => Math.max(max, k), 0),
  }
}

function skipQuoted(
  text: string,
  i: number,
  quote: string,
  backslashEscapes: boolean,
): number {
  while (i < text.length) {
    const c = text[i]
    if (backslashEscapes && c === '\\') {
      i += 2
    } else if (c === quote) {
      if (text[i + 1] === quote) {
        i += 2
      } else {
        return i + 1
      }
    } else {
      i++
    }
  }
  return i
}

function skipBlockComment(text: string, i: number): number {
  // Block comments nest in PostgreSQL.
  let depth = 1
  while (i < text.length && depth > 0) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++
      i += 2
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--
      i += 2
    } else {
      i++
    }
  }
  return i
}

function isIdentifierChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) > 127
}
