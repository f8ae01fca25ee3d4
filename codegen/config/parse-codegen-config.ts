import { CodegenError } from '../errors/codegen-error.js'
import { formatPath } from '../model/parse-schema-model.js'
import {
  CONFIG_EXPECTED,
  codegenConfigSchema,
  type CodegenConfig,
} from './codegen-config-schema.js'

/**
 * Validates a config object read from `source` (a file, or package.json's
 * `codegen` key). Throws a `config` {@link CodegenError} listing every bad
 * field with its path and expected form, so one run shows all there is to
 * fix. `int8` / `numeric` given both at the top level and in `types` must
 * agree.
 *
 * @example
 * ```ts
 * parseCodegenConfig({ outFile: 'src/db.ts', int8: 'string' }, 'codegen.config.json')
 * ```
 */
export function parseCodegenConfig(
  value: unknown,
  source: string,
): CodegenConfig {
  const parsed = codegenConfigSchema.safeParse(value)
  const issues: string[] = []
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path)
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const field = path === '' ? key : `${path}.${key}`
          issues.push(`${field}: is not a codegen option${suggest(key)}`)
        }
        continue
      }
      const expected = CONFIG_EXPECTED[path.replace(/\[\d+\]$/, '')]
      issues.push(
        `${path || '(root)'}: ${
          expected === undefined ? issue.message : `expected ${expected}`
        }`,
      )
    }
  } else {
    for (const key of ['int8', 'numeric'] as const) {
      const top = parsed.data[key]
      const nested = parsed.data.types?.[key]
      if (top !== undefined && nested !== undefined && top !== nested) {
        issues.push(
          `${key}: is ${JSON.stringify(top)} but types.${key} is ${JSON.stringify(nested)}; give one`,
        )
      }
    }
  }
  if (issues.length > 0) {
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`
    throw new CodegenError(
      'config',
      [
        `Invalid codegen config in ${source} (${count}):`,
        ...issues.map((i) => `  - ${i}`),
      ].join('\n'),
    )
  }
  return parsed.data!
}

// kysely-codegen's kebab-case names, other casings and plurals are common.
function suggest(key: string): string {
  const folded = (name: string) => name.replace(/[-_]/g, '').toLowerCase()
  const wanted = folded(key)
  const hit = Object.keys(codegenConfigSchema.shape).find(
    (known) =>
      known !== key &&
      (folded(known) === wanted ||
        `${folded(known)}s` === wanted ||
        folded(known) === `${wanted}s`),
  )
  return hit === undefined ? '' : ` (did you mean "${hit}"?)`
}
