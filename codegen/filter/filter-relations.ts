import picomatch from 'picomatch'

import { CodegenError } from '../errors/codegen-error.js'
import type { RelationModel, SchemaModel } from '../model/schema-model.js'

/**
 * Options of {@link filterRelations}.
 *
 * ```ts
 * const filter: RelationFilter = { includePattern: ['sales.*'], excludePattern: ['*.tmp_*'] }
 * ```
 */
export interface RelationFilter {
  /** Globs on `schema.table`; a relation is kept when one matches (all kept when none are given). */
  readonly includePattern?: readonly string[]
  /** Globs on `schema.table`; a relation matching one is left out. */
  readonly excludePattern?: readonly string[]
}

/**
 * The model with only the relations the patterns select. Patterns are
 * picomatch globs matched against `schema.table` as the catalog spells it
 * (`public.*`, `analytics.event_*`, `*.{sales,users}`). An include pattern
 * that matches no relation is a `no-match` {@link CodegenError} naming it
 * (a misspelt pattern would otherwise silently drop tables), and so is a
 * filter that leaves nothing.
 *
 * @example
 * ```ts
 * const kept = filterRelations(model, { includePattern: ['public.*'], excludePattern: ['*.tmp_*'] })
 * ```
 */
export function filterRelations(
  model: SchemaModel,
  filter: RelationFilter,
): SchemaModel {
  const include = filter.includePattern ?? []
  const exclude = filter.excludePattern ?? []
  if (include.length === 0 && exclude.length === 0) return model

  const includers = include.map((pattern) => ({
    pattern,
    test: matcher(pattern, '--include-pattern'),
    matched: false,
  }))
  const excluders = exclude.map((pattern) =>
    matcher(pattern, '--exclude-pattern'),
  )
  const kept: RelationModel[] = []
  for (const relation of model.relations) {
    const key = qualifiedName(relation)
    let included = includers.length === 0
    for (const includer of includers) {
      if (includer.test(key)) {
        includer.matched = true
        included = true
      }
    }
    if (included && !excluders.some((test) => test(key))) kept.push(relation)
  }

  const unmatched = includers.filter((i) => !i.matched).map((i) => i.pattern)
  if (unmatched.length > 0) {
    throw new CodegenError(
      'no-match',
      `No relation matches --include-pattern ${unmatched.map((p) => JSON.stringify(p)).join(', ')} ` +
        `(patterns are globs on "schema.table"; ${describeCount(model)})`,
    )
  }
  if (kept.length === 0 && model.relations.length > 0) {
    throw new CodegenError(
      'no-match',
      `No relation is left after --exclude-pattern ${exclude.map((p) => JSON.stringify(p)).join(', ')} (${describeCount(model)})`,
    )
  }
  return { ...model, relations: kept }
}

/**
 * The schemas a set of include patterns can match when each names its
 * schema literally (`sales.*`, `analytics.events`), so introspection can
 * read only those; `undefined` when any pattern could match any schema.
 *
 * @example
 * ```ts
 * schemasOfPatterns(['sales.*', 'analytics.e*']) // ['analytics', 'sales']
 * schemasOfPatterns(['*.sales']) // undefined
 * ```
 */
export function schemasOfPatterns(
  patterns: readonly string[] | undefined,
): string[] | undefined {
  if (patterns === undefined || patterns.length === 0) return undefined
  const schemas = new Set<string>()
  for (const pattern of patterns) {
    const dot = pattern.indexOf('.')
    const schema = dot < 0 ? '' : pattern.slice(0, dot)
    // Any glob syntax, escape or brace in the schema part: not literal.
    if (schema === '' || /[*?[\]{}()!+@\\|]/.test(schema)) return undefined
    schemas.add(schema)
  }
  return [...schemas].sort()
}

/**
 * `schema.table`, what the patterns are matched against.
 *
 * ```ts
 * qualifiedName({ schema: 'public', name: 'sales' }) // 'public.sales'
 * ```
 */
export function qualifiedName(relation: {
  readonly schema: string
  readonly name: string
}): string {
  return `${relation.schema}.${relation.name}`
}

function matcher(pattern: string, option: string): (key: string) => boolean {
  if (pattern.trim() === '') {
    throw new CodegenError('usage', `${option} must not be empty`)
  }
  // dot: names may start with a dot or underscore like any other.
  return picomatch(pattern, { dot: true })
}

function describeCount(model: SchemaModel): string {
  const n = model.relations.length
  return n === 1 ? '1 relation to choose from' : `${n} relations to choose from`
}
