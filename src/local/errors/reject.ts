import type { ErrorFields } from '../protocol/error-fields.js'

/**
 * The one place the emulator builds the errors it raises itself, so every
 * refusal has Redshift's shape. The SQLSTATE follows what kind of "no" it is:
 *
 * - `42601` syntax error: Redshift's grammar has no such clause
 *   (RETURNING, ON CONFLICT, WINDOW, FETCH FIRST, LATERAL ...);
 * - `0A000` feature not supported: the grammar has it, Redshift refuses it
 *   (SAVEPOINT, CREATE INDEX, sequences, RANGE frames ...);
 * - `42704` undefined object: types and parameters Redshift does not have;
 * - `42883` undefined function: functions Redshift does not have;
 * - `25001` active SQL transaction: statements refused inside BEGIN ... END.
 *
 * @example
 * ```ts
 * reject.unsupported('SAVEPOINT', 'Redshift has no savepoints; retry the whole transaction')
 * // { severity: 'ERROR', code: '0A000', message: 'SAVEPOINT is not supported', hint: ... }
 * ```
 */
export const reject = {
  /** `42601 syntax error at or near "<token>"`. */
  syntax(near: string, hint?: string): ErrorFields {
    return fields('42601', `syntax error at or near "${near}"`, hint)
  },
  /** `0A000 <feature> is not supported`. */
  unsupported(feature: string, hint?: string): ErrorFields {
    return fields('0A000', `${feature} is not supported`, hint)
  },
  /** `42704 type "<name>" does not exist`. */
  undefinedType(name: string, hint?: string): ErrorFields {
    return fields('42704', `type "${name}" does not exist`, hint)
  },
  /** `42883 function <name> does not exist`. */
  undefinedFunction(name: string, hint?: string): ErrorFields {
    return fields('42883', `function ${name} does not exist`, hint)
  },
  /** `42704 unrecognized configuration parameter "<name>"`. */
  unknownParameter(name: string): ErrorFields {
    return fields('42704', `unrecognized configuration parameter "${name}"`)
  },
  /** `22023 invalid value for parameter "<name>": "<value>"`. */
  invalidParameterValue(
    name: string,
    value: string,
    hint?: string,
  ): ErrorFields {
    return fields(
      '22023',
      `invalid value for parameter "${name}": "${value}"`,
      hint,
    )
  },
  /** `25001 <statement> cannot run inside a transaction block`. */
  notInTransaction(statement: string): ErrorFields {
    return fields('25001', `${statement} cannot run inside a transaction block`)
  },
  /** Any other error, with its SQLSTATE. */
  other(
    code: string,
    message: string,
    detail?: string,
    hint?: string,
  ): ErrorFields {
    return {
      ...fields(code, message, hint),
      ...(detail !== undefined ? { detail } : {}),
    }
  },
} as const

function fields(code: string, message: string, hint?: string): ErrorFields {
  return Object.freeze({
    severity: 'ERROR',
    code,
    message,
    ...(hint !== undefined ? { hint } : {}),
  })
}
