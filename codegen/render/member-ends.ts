import { ts } from 'ts-morph'

/**
 * The offsets of the `;` tokens that end the members of the file's
 * top-level interfaces, in order: those one brace deep, found with
 * TypeScript's own scanner. Comments are trivia to it and strings and
 * template literals single tokens, so a `;` in a doc comment, a quoted name
 * or a `@type` tag's object type (two braces deep) is never taken for one.
 * Scanning tokens is an order of magnitude cheaper than parsing the file.
 *
 * ```ts
 * memberEnds("interface A {\n  a: { b: 1; c: 2 };\n  'd;': 3;\n}") // [33, 44]
 * ```
 */
export function memberEnds(text: string): number[] {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    /* skipTrivia */ true,
    ts.LanguageVariant.Standard,
    text,
  )
  const ends: number[] = []
  // Open `{` and template heads (`${`), innermost last.
  const open: ts.SyntaxKind[] = []
  for (
    let token = scanner.scan();
    token !== ts.SyntaxKind.EndOfFileToken;
    token = scanner.scan()
  ) {
    switch (token) {
      case ts.SyntaxKind.OpenBraceToken:
      case ts.SyntaxKind.TemplateHead:
        open.push(token)
        break
      case ts.SyntaxKind.CloseBraceToken:
        // The `}` of a template substitution goes on with the template.
        if (
          open.at(-1) !== ts.SyntaxKind.TemplateHead ||
          scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail
        ) {
          open.pop()
        }
        break
      case ts.SyntaxKind.SemicolonToken:
        if (open.length === 1) {
          ends.push(scanner.getTokenStart())
        }
        break
    }
  }
  return ends
}
