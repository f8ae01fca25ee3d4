import { MAX_PRECISION, MAX_SCALE } from './numeric-types.js'

/**
 * Why a DECIMAL(precision, scale) is not a Redshift type, or undefined when
 * it is: the precision is 1 to 38 and the scale 0 to 37 and at most the
 * precision (r_Numeric_types201.html: "The maximum precision is 38", "the
 * scale value must be less than or equal to the precision value", "The
 * maximum scale is 37"). PostgreSQL 15 also takes negative scales and scales
 * over the precision. Redshift's wording is not documented; this is
 * PostgreSQL's own for the checks it shares.
 *
 * @example
 * ```ts
 * decimalTypeError(5, 6) // 'NUMERIC scale 6 must be between 0 and precision 5'
 * decimalTypeError(8, 2) // undefined
 * ```
 */
export function decimalTypeError(
  precision: number,
  scale: number,
): string | undefined {
  if (
    !Number.isInteger(precision) ||
    precision < 1 ||
    precision > MAX_PRECISION
  )
    return `NUMERIC precision ${precision} must be between 1 and ${MAX_PRECISION}`
  if (!Number.isInteger(scale) || scale < 0 || scale > precision)
    return `NUMERIC scale ${scale} must be between 0 and precision ${precision}`
  if (scale > MAX_SCALE)
    return `NUMERIC scale ${scale} must be between 0 and ${MAX_SCALE}`
  return undefined
}
