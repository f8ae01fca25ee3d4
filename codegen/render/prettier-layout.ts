import { ts } from 'ts-morph'

const PRINT_WIDTH = 80

/**
 * The text of a rendered file as the project's Prettier style prints it
 * (`semi: false`, 80 columns), so running Prettier over generated files
 * leaves them byte for byte as they are and `--verify` keeps passing.
 * ts-morph's printers end every property signature with `;`: exactly the
 * ones the parser says end a member are dropped (never a `;` in a comment
 * or inside a `@type` tag's object type). A member whose type is a union and
 * whose line is too wide is broken after the colon, and its union one member
 * a line if that is still too wide, as Prettier breaks them. Other wide
 * lines (a long name with a short type) are left, as Prettier leaves them.
 *
 * ```ts
 * prettierLayout(project.createSourceFile('db.ts', structure).compilerNode)
 * ```
 */
export function prettierLayout(file: ts.SourceFile): string {
  const text = file.getFullText()
  const edits: { start: number; end: number; text: string }[] = []
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement)) {
      continue
    }
    for (const member of statement.members) {
      const end = text[member.end - 1] === ';' ? member.end - 1 : member.end
      edits.push({ start: end, end: member.end, text: '' })
      if (
        ts.isPropertySignature(member) &&
        member.type !== undefined &&
        ts.isUnionTypeNode(member.type)
      ) {
        const start = member.getStart(file)
        const lineStart = text.lastIndexOf('\n', start) + 1
        const indent = text.slice(lineStart, start)
        const head = text.slice(start, member.type.getStart(file)).trimEnd()
        const type = text.slice(member.type.getStart(file), end)
        if (
          width(`${indent}${head} ${type}`) > PRINT_WIDTH &&
          width(`${indent}${head}`) <= PRINT_WIDTH
        ) {
          const inner = `${indent}  `
          const broken =
            width(`${inner}${type}`) <= PRINT_WIDTH
              ? `${head}\n${inner}${type}`
              : `${head}\n${member.type.types
                  .map((t) => `${inner}| ${t.getText(file)}`)
                  .join('\n')}`
          edits.push({ start, end, text: broken })
        }
      }
    }
  }
  edits.sort((a, b) => a.start - b.start || b.end - a.end)
  let out = ''
  let from = 0
  for (const edit of edits) {
    if (edit.start < from) {
      continue
    }
    out += text.slice(from, edit.start) + edit.text
    from = edit.end
  }
  return out + text.slice(from)
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
