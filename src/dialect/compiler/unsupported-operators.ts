import { unsupported } from './unsupported.js'

/**
 * Operators Kysely accepts that Redshift has no equivalent for, with what to
 * write instead. Keys are as Kysely spells them.
 *
 * ```ts
 * UNSUPPORTED_OPERATORS.get('@>') // 'SUPER functions or ...'
 * ```
 */
export const UNSUPPORTED_OPERATORS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'is distinct from': '(a <> b or (a is null) <> (b is null))',
    'is not distinct from': '(a = b or (a is null and b is null))',
    '@>': 'SUPER functions or explicit comparisons (no array/range containment)',
    '<@': 'SUPER functions or explicit comparisons (no array/range containment)',
    '&&': 'explicit comparisons (no array/range overlap)',
    '?': 'SUPER navigation, e.g. col.key IS NOT NULL',
    '?&': 'SUPER navigation',
    '?|': 'SUPER navigation',
    '^@': "LIKE 'prefix%' or LEFT(x, n) = prefix",
    '@@': 'LIKE, ILIKE or regular expressions (no text search)',
    '@@@': 'LIKE, ILIKE or regular expressions (no text search)',
    '!!': 'NOT',
    '<->': 'ST_Distance on GEOMETRY',
    '->': 'SUPER navigation (col.key, col[0]) or JSON_EXTRACT_PATH_TEXT',
    '->>': 'SUPER navigation (col.key, col[0]) or JSON_EXTRACT_PATH_TEXT',
    '==': '=',
    match: 'LIKE, ILIKE or regular expressions',
    regexp: '~ or REGEXP_INSTR',
    '<=>': '(a = b or (a is null and b is null))',
    '!<': '>=',
    '!>': '<=',
    'between symmetric':
      'BETWEEN with the bounds in order, or least()/greatest()',
  }),
)

/**
 * Throws for an operator Redshift has no equivalent for.
 *
 * ```ts
 * checkOperator('=') // fine
 * checkOperator('is distinct from') // throws RedshiftUnsupportedError
 * ```
 */
export function checkOperator(operator: string): void {
  const alternative = UNSUPPORTED_OPERATORS.get(operator)
  if (alternative !== undefined) {
    unsupported(`the ${operator.toUpperCase()} operator`, alternative)
  }
}
