import { CommandOptionError } from '../../errors/command-option-error.js'
import { quoteLiteral } from '../../sql/literal.js'
import { prepareValue } from '../../types/index.js'
import { jsonText } from '../../types/json-text.js'

/**
 * Writes a query value as SQL text, for the query inside an UNLOAD: Redshift
 * reads that query from a string literal, so it cannot carry bind
 * parameters. Each value becomes what the server would have read from the
 * parameter the driver would have sent:
 *
 * - strings: a literal through the escaping module (`'it''s'`);
 * - numbers and bigints: their digits, negatives in parentheses (so that
 *   `a-${-1}` cannot turn into the comment `a--1`); non-finite numbers are
 *   refused;
 * - booleans and null: `true`, `false`, `null`;
 * - Dates: the UTC text the driver sends for a Date parameter
 *   (`'2024-01-02 03:04:05.678+00'`), untyped like a parameter, so a
 *   TIMESTAMP or TIMESTAMPTZ context reads the same instant;
 * - Buffers and other byte arrays: `from_hex('6162')` (a VARBYTE; a string
 *   literal cast to VARBYTE would take the characters themselves as bytes);
 * - plain objects and arrays: `json_parse('{"a":1}')` (a SUPER value);
 *   bigints inside are written as JSON numbers.
 *
 * Anything else (undefined, symbols, functions, class instances such as
 * Map, objects with `toPostgres`) is refused with a {@link CommandOptionError}
 * that names the type, never the value.
 *
 * ```ts
 * inlineLiteral("O'Brien") // 'O''Brien'
 * inlineLiteral(-2)        // (-2)
 * inlineLiteral({ a: [1] }) // json_parse('{"a":[1]}')
 * ```
 */
export function inlineLiteral(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quoteText(value)
    case 'number':
      if (!Number.isFinite(value)) {
        return refuse(
          `the number ${value} has no SQL literal; use null or a finite number`,
        )
      }
      return signed(String(value))
    case 'bigint':
      return signed(value.toString())
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      return inlineObject(value)
    default:
      return refuse(`a ${typeof value} cannot be written as a SQL value`)
  }
}

function inlineObject(value: object | null): string {
  if (value === null) return 'null'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      return refuse('an invalid Date cannot be written as a SQL value')
    }
    return quoteText(prepareValue(value) as string)
  }
  if (value instanceof Uint8Array) {
    return `from_hex(${quoteLiteral(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex'))})`
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    return `json_parse(${quoteText(jsonText(value) ?? 'null')})`
  }
  const name = value.constructor?.name ?? 'object'
  return refuse(
    `a ${name} cannot be written as a SQL value; pass a string, number, bigint, boolean, null, ` +
      'Date, Buffer, or a plain object or array (SUPER)',
  )
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value)
  return (
    (proto === Object.prototype || proto === null) &&
    typeof (value as { toPostgres?: unknown }).toPostgres !== 'function'
  )
}

function signed(digits: string): string {
  return digits.startsWith('-') ? `(${digits})` : digits
}

function quoteText(text: string): string {
  if (text.includes('\0')) {
    return refuse(
      'a string value contains a NUL character (\\0), which SQL text cannot hold',
    )
  }
  return quoteLiteral(text)
}

function refuse(rule: string): never {
  throw new CommandOptionError({ command: 'UNLOAD', option: 'query', rule })
}
