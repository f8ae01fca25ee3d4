import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'

const HANDLING = ['DISABLED', 'FAIL', 'SET_TO_NULL', 'DROP_ROW']

/**
 * The TABLE PROPERTIES the CREATE EXTERNAL TABLE page documents, with the
 * values it allows (`undefined`: any text). Names are case-sensitive, as
 * the page says; enumerated values are compared without case.
 */
const PROPERTIES: Readonly<
  Record<string, readonly string[] | 'integer' | undefined>
> = {
  compression_type: ['bzip2', 'gzip', 'none', 'snappy'],
  data_cleansing_enabled: ['true', 'false'],
  invalid_char_handling: [...HANDLING, 'REPLACE'],
  replacement_char: undefined,
  numeric_overflow_handling: HANDLING,
  surplus_bytes_handling: [...HANDLING, 'TRUNCATE'],
  surplus_char_handling: [...HANDLING, 'TRUNCATE'],
  column_count_mismatch_handling: HANDLING,
  numRows: 'integer',
  'skip.header.line.count': 'integer',
  'serialization.null.format': undefined,
  'orc.schema.resolution': undefined,
  'write.parallel': ['on', 'off'],
  'write.maxfilesize.mb': 'integer',
  'write.kms.key.id': undefined,
}

/**
 * The first documented rule `properties` breaks, or `undefined`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html,
 * TABLE PROPERTIES): an unknown name, a value outside a property's list, a
 * count that is not a whole number, `write.maxfilesize.mb` outside 5-6200.
 *
 * @example
 * ```ts
 * checkTableProperties({ compression_type: 'lzo' })?.message
 * // "invalid value 'lzo' for table property 'compression_type'"
 * ```
 */
export function checkTableProperties(
  properties: Readonly<Record<string, string>>,
): ErrorFields | undefined {
  for (const [name, value] of Object.entries(properties)) {
    if (!Object.hasOwn(PROPERTIES, name)) {
      return reject.other(
        '22023',
        `unknown table property '${name}'`,
        undefined,
        `table properties are ${Object.keys(PROPERTIES).join(', ')} (names are case-sensitive)`,
      )
    }
    const allowed = PROPERTIES[name]
    const bad =
      allowed === 'integer'
        ? !/^\d+$/.test(value) ||
          (name === 'write.maxfilesize.mb' &&
            (Number(value) < 5 || Number(value) > 6200))
        : allowed !== undefined &&
          !allowed.some((a) => a.toLowerCase() === value.toLowerCase())
    if (bad) {
      return reject.other(
        '22023',
        `invalid value '${value}' for table property '${name}'`,
        undefined,
        allowed === 'integer'
          ? name === 'write.maxfilesize.mb'
            ? 'the value is a whole number from 5 to 6200'
            : 'the value is a whole number'
          : `the value is one of ${allowed!.join(', ')}`,
      )
    }
  }
  return undefined
}
