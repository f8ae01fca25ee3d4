import { CommandOptionError } from '../../errors/command-option-error.js'
import { quoteLiteral } from '../../sql/literal.js'

/**
 * Throws the {@link CommandOptionError} for a bad COPY argument. The rule
 * never quotes the value itself: it may be a secret.
 *
 * ```ts
 * fail('MAXERROR', 'an integer from 0 to 100000')
 * ```
 */
export function fail(option: string, rule: string): never {
  throw new CommandOptionError({ command: 'COPY', option, rule })
}

/**
 * Checks that `value` is an integer in `[min, max]` and returns its SQL text
 * (digits only, so it needs no quoting).
 *
 * ```ts
 * integerArgument('MAXERROR', 5, 0, 100_000) // '5'
 * ```
 */
export function integerArgument(
  option: string,
  value: number,
  min: number,
  max: number,
): string {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < min ||
    value > max
  ) {
    fail(
      option,
      `takes an integer from ${min} to ${max}, got ${describe(value)}`,
    )
  }
  return String(value)
}

/**
 * A string argument as a literal through the escaping module, refusing what
 * no literal can hold (NUL) with an error naming the option.
 *
 * ```ts
 * literalArgument('REGION', 'us-east-1') // "'us-east-1'"
 * ```
 */
export function literalArgument(
  option: string,
  value: string,
  { allowEmpty = false }: { readonly allowEmpty?: boolean } = {},
): string {
  if (typeof value !== 'string') {
    fail(option, `takes a string, got ${describe(value)}`)
  }
  if (!allowEmpty && value.length === 0) {
    fail(option, 'takes a non-empty string')
  }
  if (value.includes('\0')) {
    fail(option, 'cannot contain a NUL character: SQL text ends at NUL')
  }
  return quoteLiteral(value)
}

// Redshift's octal notation for a delimiter: a backslash and three digits.
const OCTAL_ESCAPE = /^\\([0-7]{3})$/

/**
 * A one-character argument (DELIMITER, QUOTE, ACCEPTINVCHARS): exactly one
 * character, ASCII when `ascii` is set. Redshift's octal notation `'\ddd'`
 * is accepted as the string `'\\ddd'` and turned into the character itself,
 * which the escaping module then quotes like any other.
 *
 * ```ts
 * singleCharacter('DELIMITER', '\\011', { ascii: true }) // '\t'
 * ```
 */
export function singleCharacter(
  option: string,
  value: string,
  { ascii }: { readonly ascii: boolean },
): string {
  if (typeof value !== 'string') {
    fail(option, `takes one character, got ${describe(value)}`)
  }
  const octal = OCTAL_ESCAPE.exec(value)
  const char = octal ? String.fromCharCode(parseInt(octal[1]!, 8)) : value
  const units = [...char]
  if (units.length !== 1) {
    fail(
      option,
      `takes exactly one character (or octal '\\ddd'), got ${units.length}` +
        (value.startsWith('\\') && value.length === 2
          ? ` (for a control character pass the character itself, e.g. '\\t' in JavaScript)`
          : ''),
    )
  }
  const code = char.codePointAt(0)!
  if (code === 0) fail(option, 'cannot be NUL')
  if (ascii && code > 127) {
    fail(option, `takes an ASCII character, got U+${hex(code)}`)
  }
  return char
}

/**
 * A bare-word argument (ENCODING's UTF8, a raw option's keyword): letters,
 * digits and underscores, starting with a letter or underscore, so it can be
 * written unquoted without any escaping.
 *
 * ```ts
 * bareWord('ENCODING', 'UTF16LE') // 'UTF16LE'
 * ```
 */
export function bareWord(option: string, value: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    fail(
      option,
      'must be a bare word (letters, digits and underscores, not starting with a digit)',
    )
  }
  return value
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return `a string of ${value.length} characters`
  return typeof value
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0')
}
