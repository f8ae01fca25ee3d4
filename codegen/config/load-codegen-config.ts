import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { CodegenError } from '../errors/codegen-error.js'
import type { CodegenConfig } from './codegen-config-schema.js'
import { parseCodegenConfig } from './parse-codegen-config.js'

/**
 * The file codegen looks for in the working folder.
 *
 * ```ts
 * await writeFile(CONFIG_FILE_NAME, JSON.stringify({ outFile: 'src/db.ts' }))
 * ```
 */
export const CONFIG_FILE_NAME = 'codegen.config.json'

/**
 * What {@link loadCodegenConfig} found.
 *
 * ```ts
 * const { config, file } = await loadCodegenConfig()
 * if (file === null) console.log('no config file')
 * ```
 */
export interface LoadedCodegenConfig {
  /** The validated settings; empty when there is no config. */
  readonly config: CodegenConfig
  /** The file they came from (package.json for its `codegen` key), or null. */
  readonly file: string | null
}

/**
 * Options of {@link loadCodegenConfig}.
 *
 * ```ts
 * await loadCodegenConfig({ cwd: '/app', file: 'config/codegen.json' })
 * ```
 */
export interface LoadCodegenConfigOptions {
  /** Where to look (default `process.cwd()`). */
  readonly cwd?: string
  /**
   * A config file to read instead of looking (`--config`): a JSON file of
   * settings, or a package.json whose `codegen` key holds them.
   */
  readonly file?: string
}

/**
 * Reads codegen's settings: `--config FILE` when given, else
 * `codegen.config.json` in the working folder, else the `codegen` key of
 * its package.json, else nothing. Relative paths in the file (`outFile`,
 * `snapshot`, `fromSnapshot`) are made absolute against the file's folder,
 * so a config means the same from wherever the command runs.
 *
 * @example
 * ```ts
 * const { config, file } = await loadCodegenConfig({ cwd: '/app' })
 * ```
 */
export async function loadCodegenConfig(
  options: LoadCodegenConfigOptions = {},
): Promise<LoadedCodegenConfig> {
  const cwd = options.cwd ?? process.cwd()
  if (options.file !== undefined) {
    const file = path.resolve(cwd, options.file)
    const text = await readText(file)
    if (text === undefined) {
      throw new CodegenError(
        'config',
        `Cannot read --config ${options.file}: no such file`,
      )
    }
    const json = parseJson(text, file)
    return path.basename(file) === 'package.json'
      ? fromPackageJson(json, file, true)
      : { config: relativeTo(parseCodegenConfig(json, file), file), file }
  }

  const configFile = path.join(cwd, CONFIG_FILE_NAME)
  const text = await readText(configFile)
  if (text !== undefined) {
    const json = parseJson(text, configFile)
    return {
      config: relativeTo(parseCodegenConfig(json, configFile), configFile),
      file: configFile,
    }
  }
  const packageFile = path.join(cwd, 'package.json')
  const packageText = await readText(packageFile)
  if (packageText !== undefined) {
    return fromPackageJson(parseJson(packageText, packageFile), packageFile)
  }
  return { config: {}, file: null }
}

function fromPackageJson(
  json: unknown,
  file: string,
  required = false,
): LoadedCodegenConfig {
  const section =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)['codegen']
      : undefined
  if (section === undefined) {
    if (required) {
      throw new CodegenError('config', `${file} has no "codegen" key`)
    }
    return { config: {}, file: null }
  }
  const source = `${file} ("codegen" key)`
  return {
    config: relativeTo(parseCodegenConfig(section, source), file),
    file,
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new CodegenError('config', `Cannot read ${file}: ${code}`, {
      cause: error,
    })
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CodegenError(
      'config',
      `${file} is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    )
  }
}

function relativeTo(config: CodegenConfig, file: string): CodegenConfig {
  const dir = path.dirname(file)
  const resolved: CodegenConfig = { ...config }
  for (const key of ['outFile', 'snapshot', 'fromSnapshot'] as const) {
    const value = config[key]
    if (value !== undefined) resolved[key] = path.resolve(dir, value)
  }
  return resolved
}
