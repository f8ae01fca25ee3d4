import { LOG_LEVELS, type LogLevel } from '../config/log-level.js'
import type { GenerateLogger } from '../generate/generate-options.js'

/** A writable stream as the CLI uses it (stderr, or a test's stand-in). */
export interface OutputStream {
  write(text: string): unknown
  readonly isTTY?: boolean
}

/** A {@link GenerateLogger} with `error`, and the level it was made with. */
export interface CodegenLogger extends GenerateLogger {
  readonly level: LogLevel
  error(message: string): void
  /** Whether messages of `level` are shown. */
  shows(level: Exclude<LogLevel, 'silent'>): boolean
}

/**
 * A logger that writes the messages of `level` and above to `stream`, each
 * on a line of its own. Everything goes to stderr so that `--print` keeps
 * stdout for the generated file alone.
 *
 * @example
 * ```ts
 * const log = createStderrLogger('warn', process.stderr)
 * log.info('not shown')
 * ```
 */
export function createStderrLogger(
  level: LogLevel,
  stream: OutputStream,
  // Called before each line, so a progress line on a TTY can be cleared first.
  beforeWrite: () => void = () => {},
): CodegenLogger {
  const rank = LOG_LEVELS.indexOf(level)
  const shows = (at: Exclude<LogLevel, 'silent'>) =>
    LOG_LEVELS.indexOf(at) <= rank
  const at = (name: Exclude<LogLevel, 'silent'>) => (message: string) => {
    if (!shows(name)) return
    beforeWrite()
    stream.write(`${message}\n`)
  }
  return Object.freeze({
    level,
    shows,
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  })
}
