import { parseSync } from 'libpg-query'
import { charOffsets } from './char-offsets.js'
import { significant, tokenize, wordOf, type Token } from './lexer.js'

/** The first parameter number standing for a variable (PostgreSQL allows 65535). */
const FIRST = 60001

/**
 * The names a PL/pgSQL body declares (in its DECLARE sections and as FOR
 * loop variables), its labels (which qualify variables) and the
 * procedure's parameter names, as PostgreSQL folds them: unquoted names
 * lower-cased.
 *
 * @example
 * ```ts
 * bodyVariables('declare r record; begin for i in 1..2 loop null; end loop; end', ['p'])
 * // Set { 'p', 'r', 'i' }
 * ```
 */
export function bodyVariables(
  body: string,
  parameters: readonly string[],
): ReadonlySet<string> {
  const names = new Set(parameters)
  const tokens = significant(tokenize(body))
  let declaring = false
  for (let i = 0; i < tokens.length; i++) {
    const word = wordOf(body, tokens[i])
    const previous = tokens[i - 1]
    if (word === 'declare') declaring = true
    else if (word === 'begin') declaring = false
    else if (
      declaring &&
      (wordOf(body, previous) === 'declare' || previous?.kind === 'semicolon')
    )
      addName(names, body, tokens[i])
    // A block's or loop's label qualifies its variables (`label.v`).
    else if (
      body.slice(previous?.start, previous?.end) === '<<' &&
      body.slice(tokens[i + 1]?.start, tokens[i + 1]?.end) === '>>'
    )
      addName(names, body, tokens[i])
    else if ((word === 'for' || word === 'foreach') && !declaring) {
      // FOR name [, name ...] IN: SELECT ... FOR UPDATE and OPEN ... FOR name none.
      const loop: Token[] = []
      let k = i + 1
      for (; tokens[k] !== undefined; k += 2) {
        loop.push(tokens[k]!)
        if (tokens[k + 1]?.kind !== 'comma') break
      }
      if (wordOf(body, tokens[k + 1]) === 'in')
        for (const token of loop) addName(names, body, token)
    }
  }
  return names
}

/**
 * How many variables a PL/pgSQL body declares in its DECLARE sections
 * (cursors and aliases included; FOR loop variables are not declared there).
 *
 * @example
 * ```ts
 * declaredVariableCount('declare a int; b int; begin declare c int; begin null; end; end') // 3
 * ```
 */
export function declaredVariableCount(body: string): number {
  const tokens = significant(tokenize(body))
  let declaring = false
  let count = 0
  for (let i = 0; i < tokens.length; i++) {
    const word = wordOf(body, tokens[i])
    const previous = tokens[i - 1]
    if (word === 'declare') declaring = true
    else if (word === 'begin') declaring = false
    else if (
      declaring &&
      (wordOf(body, previous) === 'declare' ||
        previous?.kind === 'semicolon') &&
      (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')
    )
      count++
  }
  return count
}

/**
 * The variables whose references may go on as SUPER navigation, each with
 * the number of names its own reference takes: a RECORD or `%ROWTYPE`
 * variable's field (`r.s` in `r.s.x`, two) and a SUPER variable or
 * parameter (`v` in `v.x`, one). What follows is a path into the value.
 *
 * @example
 * ```ts
 * navigableVariables('declare r record; v super; begin null; end', [])
 * // Map { 'r' => 2, 'v' => 1 }
 * ```
 */
export function navigableVariables(
  body: string,
  superParameters: readonly string[],
): ReadonlyMap<string, number> {
  const heads = new Map(superParameters.map((name) => [name, 1]))
  const tokens = significant(tokenize(body))
  let declaring = false
  for (let i = 0; i < tokens.length; i++) {
    const word = wordOf(body, tokens[i])
    const previous = tokens[i - 1]
    if (word === 'declare') declaring = true
    else if (word === 'begin') declaring = false
    else if (
      declaring &&
      (wordOf(body, previous) === 'declare' || previous?.kind === 'semicolon')
    ) {
      let k = i + 1
      if (wordOf(body, tokens[k]) === 'constant') k++
      const type = wordOf(body, tokens[k])
      const rowType =
        body.slice(tokens[k + 1]?.start, tokens[k + 1]?.end) === '%' &&
        wordOf(body, tokens[k + 2]) === 'rowtype'
      const fields =
        type === 'record' || rowType ? 2 : type === 'super' ? 1 : undefined
      const names = new Set<string>()
      addName(names, body, tokens[i])
      if (fields !== undefined) for (const n of names) heads.set(n, fields)
    }
  }
  return heads
}

function addName(names: Set<string>, body: string, token?: Token): void {
  if (token?.kind === 'word') names.add(wordOf(body, token))
  else if (token?.kind === 'quoted')
    names.add(body.slice(token.start + 1, token.end - 1).replaceAll('""', '"'))
}

/** A statement with its variable references standing as parameters. */
export interface Substituted {
  readonly sql: string
  /** The written reference each parameter number stands for. */
  readonly references: ReadonlyMap<number, string>
}

/**
 * `sql` with each column reference that names one of `variables` (`v`,
 * or a record's field `r.a`) as a parameter `$n`, which is what PL/pgSQL
 * makes of it: the rewrites then see a value, not a column or a path into
 * a SUPER column. A longer reference to one of `navigable` (see
 * `navigableVariables`) is its variable's value navigated: `r.s.x` is
 * `$n.x`, with `r.s` as `$n`. `qualified` maps a name that qualifies some
 * variables to those variables: PL/pgSQL takes a parameter qualified by
 * the procedure's name (`proc.p`), as the outer block's label. Null when
 * there is none, or the statement cannot be parsed (it is planned as
 * written).
 */
export function substituteVariables(
  sql: string,
  variables: ReadonlySet<string>,
  navigable: ReadonlyMap<string, number> = new Map(),
  qualified: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): Substituted | null {
  if (variables.size === 0 && qualified.size === 0) return null
  let tree: unknown
  try {
    tree = parseSync(sql)
  } catch {
    return null
  }
  const charAt = charOffsets(sql)
  const tokens = significant(tokenize(sql))
  const spans: { start: number; end: number }[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item)
      return
    }
    if (node === null || typeof node !== 'object') return
    const ref = (
      node as { ColumnRef?: { fields?: unknown[]; location?: number } }
    ).ColumnRef
    if (ref !== undefined) {
      const fields = ref.fields ?? []
      const first = (fields[0] as { String?: { sval?: string } } | undefined)
        ?.String?.sval
      const star = fields.some(
        (f) => (f as object | null) !== null && 'A_Star' in (f as object),
      )
      const second = (fields[1] as { String?: { sval?: string } } | undefined)
        ?.String?.sval
      const qualifies =
        first !== undefined &&
        second !== undefined &&
        qualified.get(first)?.has(second) === true
      if (first !== undefined && !star && variables.has(first)) {
        // A longer reference goes on as a path into the variable's value.
        const head = navigable.get(first)
        const parts =
          head !== undefined && fields.length > head ? head : fields.length
        const span = referenceSpan(tokens, charAt(ref.location ?? -1), parts)
        if (span !== undefined) spans.push(span)
      } else if (qualifies && !star) {
        const head = navigable.get(second!)
        const parts =
          head !== undefined && fields.length > head + 1
            ? head + 1
            : fields.length
        const span = referenceSpan(tokens, charAt(ref.location ?? -1), parts)
        if (span !== undefined) spans.push(span)
      }
      return
    }
    for (const value of Object.values(node)) visit(value)
  }
  visit(tree)
  if (spans.length === 0) return null
  spans.sort((a, b) => a.start - b.start)
  const references = new Map<number, string>()
  let out = ''
  let from = 0
  for (const span of spans) {
    if (span.start < from) continue
    const n = FIRST + references.size
    references.set(n, sql.slice(span.start, span.end))
    out += `${sql.slice(from, span.start)}$${n}`
    from = span.end
  }
  return { sql: out + sql.slice(from), references }
}

/** The tokens of a dotted name of `parts` parts starting at `start`. */
function referenceSpan(
  tokens: readonly Token[],
  start: number,
  parts: number,
): { start: number; end: number } | undefined {
  const at = tokens.findIndex((t) => t.start === start)
  if (at < 0) return undefined
  const last = tokens[at + 2 * (parts - 1)]
  for (let k = 1; k < parts; k++)
    if (tokens[at + 2 * k - 1]?.kind !== 'dot') return undefined
  return last === undefined ? undefined : { start, end: last.end }
}

/**
 * `text` (a rewrite of a substituted statement) with each parameter put
 * back as the reference it stands for, or null when the rewrite lost one
 * and `complete` asks for all (the statement is then kept as written).
 */
export function restoreVariables(
  text: string,
  substituted: Substituted,
  complete = true,
): string | null {
  let out = ''
  let from = 0
  const seen = new Set<number>()
  for (const token of tokenize(text)) {
    if (token.kind !== 'param') continue
    const n = Number(text.slice(token.start + 1, token.end))
    const reference = substituted.references.get(n)
    if (reference === undefined) continue
    seen.add(n)
    out += `${text.slice(from, token.start)}${reference}`
    from = token.end
  }
  return !complete || seen.size === substituted.references.size
    ? out + text.slice(from)
    : null
}
