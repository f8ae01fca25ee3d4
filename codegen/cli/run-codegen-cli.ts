import path from 'node:path'

import { redactSecrets } from '../../src/errors/index.js'
import type { CodegenConfig } from '../config/codegen-config-schema.js'
import { loadCodegenConfig } from '../config/load-codegen-config.js'
import { CodegenError } from '../errors/codegen-error.js'
import { generate } from '../generate/generate.js'
import type { GenerateOptions } from '../generate/generate-options.js'
import { CODEGEN_HELP } from './codegen-help.js'
import { parseCodegenArgs } from './parse-codegen-args.js'
import { createProgressLine } from './progress-line.js'
import {
  createStderrLogger,
  type CodegenLogger,
  type OutputStream,
} from './stderr-logger.js'

/**
 * Exit code of a failure that is not a {@link CodegenError} (a bug):
 * sysexits' EX_SOFTWARE, apart from every code in `EXIT_CODES`.
 *
 * ```ts
 * if (code === UNEXPECTED_EXIT_CODE) reportBug()
 * ```
 */
export const UNEXPECTED_EXIT_CODE = 70

/**
 * Where {@link runCodegenCli} reads and writes (the process's by default).
 *
 * ```ts
 * await runCodegenCli(['--print'], { cwd: '/app', env: { REDSHIFT_URL: url } })
 * ```
 */
export interface CodegenCliIo {
  readonly stdout?: OutputStream
  readonly stderr?: OutputStream
  readonly env?: NodeJS.ProcessEnv
  readonly cwd?: string
}

/**
 * The `codegen` command: reads the arguments and the config file, runs
 * {@link generate}, prints what it did and resolves with the exit code
 * (0 done, 1 stale with `--verify`, the {@link CodegenError}'s code
 * otherwise). Never throws, never calls `process.exit`, and removes every
 * password it was given from what it prints.
 *
 * @example
 * ```ts
 * process.exitCode = await runCodegenCli(process.argv.slice(2))
 * ```
 */
export async function runCodegenCli(
  argv: readonly string[],
  io: CodegenCliIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout
  const stderr = io.stderr ?? process.stderr
  const env = io.env ?? process.env
  const cwd = io.cwd ?? process.cwd()
  const secrets = passwordsIn([
    ...argv,
    env['REDSHIFT_URL'] ?? '',
    env['DATABASE_URL'] ?? '',
  ])
  const progress = createProgressLine(stderr)
  let log: CodegenLogger = createStderrLogger('error', stderr)
  try {
    const args = parseCodegenArgs(argv)
    if (args.help) {
      stdout.write(`${CODEGEN_HELP}\n`)
      return 0
    }
    const loaded = await loadCodegenConfig({
      cwd,
      ...(args.config !== undefined ? { file: args.config } : {}),
    })
    const merged: CodegenConfig = { ...loaded.config, ...args.options }
    secrets.push(...passwordsIn([merged.url ?? '']))
    log = createStderrLogger(merged.logLevel ?? 'info', stderr, progress.clear)
    if (loaded.file !== null) log.debug(`read settings from ${loaded.file}`)
    log.debug(`options: ${redactSecrets(JSON.stringify(merged), secrets)}`)
    if (args.options.url !== undefined && merged.fromSnapshot !== undefined) {
      throw new CodegenError(
        'usage',
        '--url and --from-snapshot cannot be used together: a snapshot needs no database',
      )
    }

    const result = await generate({
      ...toGenerateOptions(merged),
      cwd,
      env,
      logger: log,
      ...(log.shows('info') ? { onProgress: progress.update } : {}),
    })
    progress.clear()
    if (result.action === 'printed') {
      stdout.write(result.output)
      return 0
    }
    if (result.action === 'verified') {
      if (result.changed) {
        stdout.write(result.diff ?? '')
        throw new CodegenError(
          'stale',
          `${shown(result.outFile, cwd)} is stale: it differs from what the ${
            merged.fromSnapshot === undefined ? 'database' : 'snapshot'
          } gives (diff above); run codegen without --verify to regenerate it`,
        )
      }
      log.info(`${shown(result.outFile, cwd)} is up to date`)
    }
    return 0
  } catch (error) {
    progress.clear()
    if (error instanceof CodegenError) {
      // Errors are shown at every level but silent.
      if (log.level !== 'silent') {
        stderr.write(`codegen: ${redactSecrets(error.message, secrets)}\n`)
      }
      return error.exitCode
    }
    if (log.level !== 'silent') {
      const detail =
        log.shows('debug') && error instanceof Error && error.stack
          ? error.stack
          : String(error)
      stderr.write(
        `codegen: unexpected error: ${redactSecrets(detail, secrets)}\n`,
      )
    }
    return UNEXPECTED_EXIT_CODE
  }
}

// The config's names are generate()'s, but for what only the CLI reads
// ($schema, logLevel) and the client-shaped `types` section.
function toGenerateOptions(config: CodegenConfig): GenerateOptions {
  const { $schema: _, logLevel: __, types, int8, numeric, ...rest } = config
  const int8Type = int8 ?? types?.int8
  const numericType = numeric ?? types?.numeric
  return {
    ...rest,
    ...(int8Type !== undefined ? { int8: int8Type } : {}),
    ...(numericType !== undefined ? { numeric: numericType } : {}),
  }
}

function shown(file: string, cwd: string): string {
  return path.relative(cwd, file) || file
}

// The passwords of whatever looks like a URL among the arguments and the
// environment's URLs, to be removed from every message: a driver may quote
// a connection string, and an argument may be echoed in a usage error.
function passwordsIn(values: readonly string[]): string[] {
  const found: string[] = []
  for (const value of values) {
    for (const candidate of [value, value.replace(/^--url=/, '')]) {
      try {
        const password = new URL(candidate).password
        if (password === '') continue
        found.push(password)
        try {
          found.push(decodeURIComponent(password))
        } catch {
          // Malformed escapes: the raw form is already listed.
        }
      } catch {
        // Not a URL.
      }
    }
  }
  return found
}
