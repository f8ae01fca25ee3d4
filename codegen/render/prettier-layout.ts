import { ts } from 'ts-morph'

import { memberEnds } from './member-ends.js'

const PRINT_WIDTH = 80

/** A property signature as it was handed to ts-morph's printer. */
export interface PrintedMember {
  /** The property name as printed (bare or quoted). */
  readonly name: string
  /** The type text as printed, on one line. */
  readonly type: string
}

/**
 * The text of a printed file as the project's Prettier style prints it
 * (`semi: false`, 80 columns), so running Prettier over generated files
 * leaves them byte for byte as they are and `--verify` keeps passing.
 * ts-morph's printer ends every property signature with `;`: exactly the
 * ones that end a member are dropped (found as tokens, see
 * {@link memberEnds}, so never a `;` in a comment or inside a `@type` tag's
 * object type). A member whose type is a union and whose line is too wide
 * is broken after the colon, and its union one member a line if that is
 * still too wide, as Prettier breaks them. Other wide lines (a long name
 * with a short type) are left, as Prettier leaves them.
 *
 * `members` are the file's property signatures in the order they were
 * printed; the file is not parsed again, since ts-morph printed each one as
 * `name: type;` from them.
 *
 * ```ts
 * prettierLayout(printStructure(file), [{ name: 'id', type: 'number' }])
 * ```
 */
export function prettierLayout(
  text: string,
  members: readonly PrintedMember[],
): string {
  const ends = memberEnds(text)
  if (ends.length !== members.length) {
    throw new Error(
      `Rendering printed ${ends.length} members where ${members.length} were given`,
    )
  }
  const parts: string[] = []
  let from = 0
  ends.forEach((end, i) => {
    const { name, type } = members[i]!
    const printed = `${name}: ${type}`
    const start = end - printed.length
    if (text.slice(start, end) !== printed) {
      throw new Error(`Rendering did not print ${printed} where expected`)
    }
    const indent = text.slice(text.lastIndexOf('\n', start) + 1, start)
    parts.push(text.slice(from, start), layoutMember(indent, name, type))
    // Past the `;`.
    from = end + 1
  })
  parts.push(text.slice(from))
  return parts.join('')
}

function layoutMember(indent: string, name: string, type: string): string {
  const head = `${name}:`
  if (
    width(`${indent}${head} ${type}`) <= PRINT_WIDTH ||
    width(`${indent}${head}`) > PRINT_WIDTH
  ) {
    return `${head} ${type}`
  }
  const union = unionMembers(type)
  if (union === undefined) {
    return `${head} ${type}`
  }
  const inner = `${indent}  `
  return width(`${inner}${type}`) <= PRINT_WIDTH
    ? `${head}\n${inner}${type}`
    : `${head}\n${union.map((t) => `${inner}| ${t}`).join('\n')}`
}

// Only the few members too wide for one line get here, so parsing their
// type on its own costs nothing next to the file.
function unionMembers(type: string): readonly string[] | undefined {
  const file = ts.createSourceFile(
    'member.ts',
    `type T = ${type}`,
    ts.ScriptTarget.Latest,
  )
  const [statement] = file.statements
  if (
    statement === undefined ||
    !ts.isTypeAliasDeclaration(statement) ||
    !ts.isUnionTypeNode(statement.type)
  ) {
    return undefined
  }
  return statement.type.types.map((t) => t.getText(file))
}

// Prettier's string width: East Asian wide and full-width characters count
// two columns, combining marks none.
function width(text: string): number {
  // Most lines are ASCII, where columns are characters.
  if (ASCII.test(text)) {
    return text.length
  }
  let columns = 0
  for (const char of text) {
    if (/\p{Mn}|\p{Me}/u.test(char)) {
      continue
    }
    columns += WIDE.test(char) ? 2 : 1
  }
  return columns
}

const ASCII = /^[\x20-\x7e]*$/

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u
