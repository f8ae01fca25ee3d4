import type { z } from 'zod'

import { CodegenError } from '../errors/codegen-error.js'
import {
  SCHEMA_MODEL_VERSION,
  schemaModelSchema,
  type SchemaModel,
} from './schema-model.js'

/**
 * Checks that `value` (parsed JSON) is a {@link SchemaModel} of the version
 * this package reads. Throws a `snapshot` {@link CodegenError} that names
 * where the value came from and every bad field by its path, with the
 * relation it belongs to, so a hand-edited or truncated snapshot says what
 * to fix.
 *
 * @example
 * ```ts
 * const model = parseSchemaModel(JSON.parse(text), 'schema.json')
 * ```
 */
export function parseSchemaModel(value: unknown, source: string): SchemaModel {
  // The version first: a model of another version fails on many fields at
  // once, and the one thing worth saying is which version it is.
  const version =
    typeof value === 'object' && value !== null && 'version' in value
      ? (value as { version: unknown }).version
      : undefined
  if (version !== SCHEMA_MODEL_VERSION) {
    const found =
      version === undefined
        ? 'has no "version" field'
        : `is version ${JSON.stringify(version)}`
    throw new CodegenError(
      'snapshot',
      `${source} ${found}; this kysely-redshift reads schema model version ${SCHEMA_MODEL_VERSION} (regenerate the snapshot with --snapshot)`,
    )
  }
  const parsed = schemaModelSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map(
    (issue) => `  - ${describeIssue(issue, value)}`,
  )
  const count = lines.length === 1 ? '1 issue' : `${lines.length} issues`
  throw new CodegenError(
    'snapshot',
    [`${source} is not a valid schema model (${count}):`, ...lines].join('\n'),
  )
}

/** `relations[2].columns[0].dataType (public.sales): expected string...` */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const keys =
    issue.code === 'unrecognized_keys'
      ? `: unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
      : `: ${issue.message}`
  return `${formatPath(issue.path) || '(root)'}${relationOf(issue.path, root)}${keys}`
}

/**
 * A zod path as a reader writes it.
 *
 * ```ts
 * formatPath(['relations', 2, 'columns', 0, 'name']) // 'relations[2].columns[0].name'
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text
}

// The relation an issue is in, when it can be read: an index alone is hard
// to find in a file of thousands of relations.
function relationOf(path: readonly PropertyKey[], root: unknown): string {
  if (path[0] !== 'relations' || typeof path[1] !== 'number') return ''
  const relations = (root as { relations?: unknown }).relations
  const relation = Array.isArray(relations) ? relations[path[1]] : undefined
  if (typeof relation !== 'object' || relation === null) return ''
  const { schema, name } = relation as { schema?: unknown; name?: unknown }
  return typeof schema === 'string' && typeof name === 'string'
    ? ` (${schema}.${name})`
    : ''
}
