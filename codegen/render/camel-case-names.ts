import { CamelCasePlugin } from 'kysely'

// Kysely exports its snake/camel mappers only through the plugin, and
// `camelCase` is protected: a subclass is the one public way to reach the
// very function the plugin applies to result columns, so generated keys are
// exactly what `CamelCasePlugin` produces.
class CamelCaseNames extends CamelCasePlugin {
  convert(name: string): string {
    return this.camelCase(name)
  }

  back(name: string): string {
    return this.snakeCase(name)
  }
}

/**
 * Kysely's `CamelCasePlugin` conversion of one identifier (a column, schema
 * or relation name), e.g. `sold_at` to `soldAt`. Qualified keys convert the
 * schema and the name apart, as the plugin converts each identifier of a
 * `schema.table` reference.
 *
 * ```ts
 * toCamelCase('page_views') // 'pageViews'
 * ```
 */
export function toCamelCase(name: string): string {
  return converter.convert(name)
}

/**
 * Kysely's `CamelCasePlugin` conversion the other way, as it writes a
 * camel-cased name into a query.
 *
 * ```ts
 * toSnakeCase('soldAt') // 'sold_at'
 * ```
 */
export function toSnakeCase(name: string): string {
  return converter.back(name)
}

/**
 * Whether `CamelCasePlugin` maps the camel-cased name back to `name` when it
 * writes a query. It does not for names with upper-case letters or digits
 * after `_` (`MixedCase` comes back as `mixed_case`), which such a client
 * cannot reach.
 *
 * ```ts
 * camelCaseRoundTrips('sold_at')   // true
 * camelCaseRoundTrips('MixedCase') // false
 * ```
 */
export function camelCaseRoundTrips(name: string): boolean {
  return converter.back(converter.convert(name)) === name
}

const converter = new CamelCaseNames()
