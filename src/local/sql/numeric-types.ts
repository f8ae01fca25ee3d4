/**
 * Redshift's result types for numeric expressions, as the Developer Guide
 * gives them: the return-type table and the precision / scale rules of
 * https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html,
 * the set-operation promotion of
 * https://docs.aws.amazon.com/redshift/latest/dg/r_UNION.html, and the
 * DECIMAL defaults (precision 18, scale 0) of
 * https://docs.aws.amazon.com/redshift/latest/dg/r_Numeric_types201.html.
 */

/** A numeric type as Redshift computes with it. */
export type NumericType =
  | { readonly kind: 'int2' | 'int4' | 'int8' | 'float4' | 'float8' }
  | {
      readonly kind: 'decimal'
      readonly precision: number
      readonly scale: number
    }

/** A result type Redshift cannot hold (the statement fails there or is outside what the emulator knows). */
export interface NumericLimit {
  readonly limit: string
}

/** Redshift's largest DECIMAL precision. */
export const MAX_PRECISION = 38
/** Redshift's largest DECIMAL scale (r_numeric_computations201.html, "Overflow conditions"). */
export const MAX_SCALE = 37

const INT_RANK = { int2: 1, int4: 2, int8: 3 } as const
/** An integer operand of a DECIMAL computation counts as this DECIMAL. */
const INT_AS_DECIMAL = { int2: 5, int4: 10, int8: 19 } as const

/**
 * A DECIMAL type, frozen.
 *
 * @example
 * ```ts
 * decimal(8, 2) // { kind: 'decimal', precision: 8, scale: 2 }
 * ```
 */
export function decimal(precision: number, scale: number): NumericType {
  return Object.freeze({ kind: 'decimal', precision, scale })
}

/** The operand as a DECIMAL: integers become DECIMAL(5,0), (10,0), (19,0). */
function asDecimal(
  type: NumericType,
): { precision: number; scale: number } | undefined {
  if (type.kind === 'decimal') return type
  if (type.kind === 'float4' || type.kind === 'float8') return undefined
  return { precision: INT_AS_DECIMAL[type.kind], scale: 0 }
}

/**
 * The type of `left op right` for `+`, `-`, `*` and `/`.
 *
 * @example
 * ```ts
 * arithmeticType('/', decimal(8, 2), decimal(8, 2)) // DECIMAL(17,9)
 * ```
 */
export function arithmeticType(
  op: '+' | '-' | '*' | '/',
  left: NumericType,
  right: NumericType,
): NumericType | NumericLimit {
  if (left.kind === 'float4' && right.kind === 'float4') return left
  if (left.kind.startsWith('float') || right.kind.startsWith('float')) {
    return { kind: 'float8' }
  }
  if (left.kind !== 'decimal' && right.kind !== 'decimal') {
    const l = left.kind as keyof typeof INT_RANK
    const r = right.kind as keyof typeof INT_RANK
    return INT_RANK[l] >= INT_RANK[r] ? left : right
  }
  const a = asDecimal(left)!
  const b = asDecimal(right)!
  let precision: number
  let scale: number
  switch (op) {
    case '+':
    case '-':
      scale = Math.max(a.scale, b.scale)
      precision = Math.max(a.precision - a.scale, b.precision - b.scale) + 1
      precision = Math.min(precision + scale, MAX_PRECISION)
      break
    case '*':
      scale = a.scale + b.scale
      precision = Math.min(a.precision + b.precision + 1, MAX_PRECISION)
      break
    case '/':
      scale = Math.max(4, a.scale + b.precision - b.scale + 1)
      precision = a.precision - a.scale + b.scale + scale
      // "The scale limit of 100 is applied after the precision and scale are calculated."
      if (scale > 100) {
        precision -= scale - 100
        scale = 100
      }
      // Over 38 digits the scale gives way, down to 4 digits.
      if (precision > MAX_PRECISION) {
        scale = Math.max(MAX_PRECISION + scale - precision, 4)
        precision = MAX_PRECISION
      }
      break
  }
  if (scale > MAX_SCALE || scale > precision) {
    return {
      limit: `a DECIMAL ${op} with a result scale of ${scale} (Redshift's largest scale is ${MAX_SCALE})`,
    }
  }
  return decimal(precision, scale)
}

/**
 * The common type of the DECIMAL inputs of a set operation (UNION,
 * INTERSECT, EXCEPT), CASE, COALESCE or NVL: the largest scale and the most
 * integer digits, at most 19 digits between 64-bit values and 38 between
 * 128-bit ones. Undefined when the inputs are not all DECIMAL (PostgreSQL's
 * own resolution then applies).
 *
 * @example
 * ```ts
 * commonDecimal([decimal(7, 2), decimal(15, 3)]) // DECIMAL(15,3)
 * ```
 */
export function commonDecimal(
  types: readonly NumericType[],
): NumericType | NumericLimit | undefined {
  let integer = 0
  let scale = 0
  let wide = false
  for (const type of types) {
    if (type.kind !== 'decimal') return undefined
    integer = Math.max(integer, type.precision - type.scale)
    scale = Math.max(scale, type.scale)
    wide ||= type.precision > 19
  }
  const cap = wide ? MAX_PRECISION : 19
  if (integer + scale > cap) {
    return {
      limit: `DECIMAL inputs of a set operation, CASE or COALESCE needing ${integer + scale} digits (more than ${cap})`,
    }
  }
  return decimal(integer + scale, scale)
}

/** `numeric(p,s)` for a DECIMAL, PostgreSQL's name for the others. */
export function sqlType(type: NumericType): string {
  switch (type.kind) {
    case 'decimal':
      return `numeric(${type.precision},${type.scale})`
    case 'float4':
      return 'real'
    case 'float8':
      return 'double precision'
    default:
      return type.kind
  }
}
