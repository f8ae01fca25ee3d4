/**
 * How {@link render} writes the `DB` file. The type options must match the
 * `types` option of the client that runs the queries, so the generated types
 * are what the driver returns.
 *
 * ```ts
 * render(model, { int8: 'string', camelCase: true, defaultSchemas: ['public', 'sales'] })
 * ```
 */
export interface RenderOptions {
  /** BIGINT as `bigint` (default) or `string`: the client's `types.int8`. */
  readonly int8?: 'bigint' | 'string'
  /** DECIMAL as `string` (default) or `number`: the client's `types.numeric`. */
  readonly numeric?: 'string' | 'number'
  /** Column and relation keys as Kysely's `CamelCasePlugin` sees them (default false). */
  readonly camelCase?: boolean
  /** `import type` rather than `import` for the column types (default true). */
  readonly typeOnlyImports?: boolean
  /** Schemas whose relations are keyed by bare name (default `['public']`); others are `"schema.name"`. */
  readonly defaultSchemas?: readonly string[]
  /** The module the column types come from (default `'kysely-redshift'`). */
  readonly importFrom?: string
}

/** {@link RenderOptions} with every default filled in. */
export type ResolvedRenderOptions = Required<RenderOptions>

/**
 * Fills in the defaults of {@link RenderOptions}.
 *
 * ```ts
 * resolveRenderOptions({}).int8 // 'bigint'
 * ```
 */
export function resolveRenderOptions(
  options: RenderOptions = {},
): ResolvedRenderOptions {
  return Object.freeze({
    int8: options.int8 ?? 'bigint',
    numeric: options.numeric ?? 'string',
    camelCase: options.camelCase ?? false,
    typeOnlyImports: options.typeOnlyImports ?? true,
    defaultSchemas: Object.freeze([...(options.defaultSchemas ?? ['public'])]),
    importFrom: options.importFrom ?? 'kysely-redshift',
  })
}
