import { ts } from 'ts-morph'

/** What a column comment's `@type` tag says, see {@link readSuperTypeTag}. */
export type SuperTypeTag =
  | { readonly ok: true; readonly type: string; readonly needsParens: boolean }
  | { readonly ok: false; readonly text: string; readonly reason: string }

// The tag runs to the end of its line: `@type { items: string[] }`, also
// `@type: Payload` (kanel's spelling).
const TAG = /(?:^|\s)@type(?::|(?=\s)|$)[^\S\n]*(.*)$/m

/**
 * Reads the TypeScript type a column comment gives a SUPER column:
 * `@type <type>` (or `@type: <type>`), up to the end of the line. JSDoc's
 * `@type {T}` braces are accepted too, when the text is not itself a valid
 * type. The text must parse as exactly one TypeScript type; anything else
 * (a syntax error, a second statement smuggled in) is reported, not used.
 * Returns undefined when the comment has no tag.
 *
 * ```ts
 * readSuperTypeTag('Order lines. @type { items: string[] }')
 * // { ok: true, type: '{ items: string[] }', needsParens: false }
 * ```
 */
export function readSuperTypeTag(
  comment: string | null,
): SuperTypeTag | undefined {
  const match = comment === null ? null : TAG.exec(comment)
  if (match === null) {
    return undefined
  }
  const text = match[1]!.trim()
  const parsed = parseType(text)
  if (parsed !== undefined) {
    return parsed
  }
  const braced = /^\{(.*)\}$/s.exec(text)
  const inner = braced === null ? undefined : parseType(braced[1]!.trim())
  return (
    inner ?? {
      ok: false,
      text,
      reason:
        text === '' ? 'the tag names no type' : 'it is not a TypeScript type',
    }
  )
}

function parseType(text: string): SuperTypeTag | undefined {
  if (text === '') {
    return undefined
  }
  const source = `type T = ${text}\n`
  // Syntax only: the file is never type-checked, and parsing one alias is
  // cheap enough to run per tagged column.
  const { diagnostics } = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { noLib: true, noResolve: true },
  })
  if (diagnostics !== undefined && diagnostics.length > 0) {
    return undefined
  }
  const file = ts.createSourceFile('tag.ts', source, ts.ScriptTarget.Latest)
  const [statement, ...rest] = file.statements
  if (
    statement === undefined ||
    rest.length > 0 ||
    !ts.isTypeAliasDeclaration(statement) ||
    statement.type.getText(file) !== text
  ) {
    return undefined
  }
  const kind = statement.type.kind
  return {
    ok: true,
    type: text,
    // These bind looser than `|`, so `T | null` needs them in parentheses.
    needsParens:
      kind === ts.SyntaxKind.FunctionType ||
      kind === ts.SyntaxKind.ConstructorType ||
      kind === ts.SyntaxKind.ConditionalType,
  }
}
