import { CommandOptionError } from '../errors/command-option-error.js'
import { quoteLiteral } from '../sql/literal.js'

/**
 * A string that becomes a literal of a command's statement (an UNLOAD
 * option, a Spectrum LOCATION...): any text but NUL (SQL text ends at NUL)
 * and, unless `allowEmpty`, not empty, quoted by the one escaping module. A
 * bad value is a {@link CommandOptionError} naming `command` and `option`;
 * the value itself is never put in the error (it may be a secret).
 *
 * ```ts
 * commandLiteral('UNLOAD', 'NULL AS', '\\N', true) // '\\\\N'
 * commandLiteral('CREATE EXTERNAL TABLE', 'LOCATION', '') // throws: expected a non-empty string
 * ```
 */
export function commandLiteral(
  command: string,
  option: string,
  value: unknown,
  allowEmpty = false,
): string {
  const fail = (rule: string): never => {
    throw new CommandOptionError({ command, option, rule })
  }
  if (typeof value !== 'string') {
    return fail(`expected a string, got ${typeof value}`)
  }
  if (!allowEmpty && value.length === 0) {
    return fail('expected a non-empty string')
  }
  if (value.includes('\0')) {
    return fail(
      'the text contains a NUL character (\\0), which SQL text cannot hold',
    )
  }
  return quoteLiteral(value)
}
