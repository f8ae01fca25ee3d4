import { parseArgs } from 'node:util'

import type { CodegenConfig } from '../config/codegen-config-schema.js'
import { LOG_LEVELS, type LogLevel } from '../config/log-level.js'
import { CodegenError } from '../errors/codegen-error.js'

/** What the command line says. */
export interface CodegenArgs {
  readonly help: boolean
  /** `--config FILE`, when given. */
  readonly config: string | undefined
  /** The options given, with the config file's names. */
  readonly options: CodegenConfig
}

const OPTIONS = {
  url: { type: 'string' },
  'out-file': { type: 'string' },
  'include-pattern': { type: 'string', multiple: true },
  'exclude-pattern': { type: 'string', multiple: true },
  'default-schema': { type: 'string', multiple: true },
  'camel-case': { type: 'boolean' },
  'type-only-imports': { type: 'boolean' },
  int8: { type: 'string' },
  numeric: { type: 'string' },
  'import-from': { type: 'string' },
  print: { type: 'boolean' },
  verify: { type: 'boolean' },
  snapshot: { type: 'string' },
  'from-snapshot': { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * Reads `codegen`'s arguments. Anything unknown, a missing value or a value
 * out of its set is a `usage` {@link CodegenError} naming the option.
 *
 * @example
 * ```ts
 * parseCodegenArgs(['--out-file', 'src/db.ts', '--int8', 'string'])
 * // { help: false, config: undefined, options: { outFile: 'src/db.ts', int8: 'string' } }
 * ```
 */
export function parseCodegenArgs(argv: readonly string[]): CodegenArgs {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(argv).values
  } catch (error) {
    throw usageError(error)
  }
  const options: CodegenConfig = {}
  const set = <K extends keyof CodegenConfig>(
    key: K,
    value: CodegenConfig[K] | undefined,
  ) => {
    if (value !== undefined) options[key] = value
  }
  set('url', nonEmpty(values.url, '--url'))
  set('outFile', nonEmpty(values['out-file'], '--out-file'))
  set('includePattern', values['include-pattern'])
  set('excludePattern', values['exclude-pattern'])
  set('defaultSchema', values['default-schema'])
  set('camelCase', values['camel-case'])
  set('typeOnlyImports', values['type-only-imports'])
  set('int8', oneOf(values.int8, '--int8', ['bigint', 'string'] as const))
  set(
    'numeric',
    oneOf(values.numeric, '--numeric', ['string', 'number'] as const),
  )
  set('importFrom', nonEmpty(values['import-from'], '--import-from'))
  set('print', values.print)
  set('verify', values.verify)
  set('snapshot', nonEmpty(values.snapshot, '--snapshot'))
  set('fromSnapshot', nonEmpty(values['from-snapshot'], '--from-snapshot'))
  set(
    'logLevel',
    oneOf<LogLevel>(values['log-level'], '--log-level', LOG_LEVELS),
  )
  return {
    help: values.help === true,
    config: nonEmpty(values.config, '--config'),
    options,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
    // --no-camel-case, --no-type-only-imports: turn off what a config file
    // turned on.
    allowNegative: true,
  })
}

function usageError(error: unknown): CodegenError {
  const { code, message } = error as { code?: string; message: string }
  let text = message
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message
    text = `Unknown option ${option}`
  } else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    // The value may be a URL with a password: name its position, not it.
    text =
      'Unexpected argument (every value follows its option, e.g. --url <url>)'
  }
  return new CodegenError('usage', `${text} (see codegen --help)`, {
    cause: error,
  })
}

function nonEmpty(value: string | undefined, option: string) {
  if (value === '') {
    throw new CodegenError(
      'usage',
      `${option} needs a value (see codegen --help)`,
    )
  }
  return value
}

function oneOf<T extends string>(
  value: string | undefined,
  option: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new CodegenError(
    'usage',
    `${option} must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not ${JSON.stringify(value)}`,
  )
}
