// What TypeScript accepts as an identifier: ECMAScript's IdentifierName
// (ID_Start / ID_Continue, `$`, `_`, ZWNJ and ZWJ). Reserved words are fine as
// property names, so only this shape decides whether a key needs quotes.
const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u

/**
 * Whether `name` can be written bare as a property name.
 *
 * ```ts
 * isIdentifierName('timestamp') // true: reserved words are valid keys
 * isIdentifierName('order id')  // false
 * ```
 */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name)
}

/**
 * A TypeScript string literal of `text`, quoted as Prettier quotes it with
 * the project's `singleQuote`: single quotes, unless the text holds more
 * single than double quotes. Backslashes, the quote, line terminators and
 * control characters are escaped.
 *
 * ```ts
 * quoteString('order id') // "'order id'"
 * quoteString("it's")     // the literal "it's", in double quotes
 * ```
 */
export function quoteString(text: string): string {
  const singles = text.split("'").length - 1
  const doubles = text.split('"').length - 1
  const quote = singles > doubles ? '"' : "'"
  // JSON escapes `\`, `"` and control characters (but not U+2028/9, which
  // end a line in older parsers); then swap its quote for ours.
  let body = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
  if (quote === "'") {
    body = body.replace(/\\"/g, '"').replace(/'/g, "\\'")
  }
  return `${quote}${body}${quote}`
}

/**
 * A property name as written in an interface: bare when it is an identifier
 * name, quoted otherwise.
 *
 * ```ts
 * propertyName('user_id')       // 'user_id'
 * propertyName('analytics.ev')  // "'analytics.ev'"
 * ```
 */
export function propertyName(name: string): string {
  return isIdentifierName(name) ? name : quoteString(name)
}
