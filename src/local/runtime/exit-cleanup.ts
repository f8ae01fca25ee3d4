import os from 'node:os'

/** What to do when the process ends while something is still running. */
export interface ExitCleanup {
  /** On `exit`, where only synchronous work runs. */
  readonly sync: () => void
  /** On a signal nobody else handles, before the signal is raised again. */
  readonly async: () => Promise<void>
}

const cleanups = new Set<ExitCleanup>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
type Signal = (typeof SIGNALS)[number]

/**
 * Runs `cleanup` if the process ends before the returned function is called:
 * on normal exit and `process.exit()` (synchronously), and on SIGINT /
 * SIGTERM / SIGHUP when no other listener handles them. It never sets the
 * exit code nor calls `process.exit()`: after an unhandled signal it raises
 * the same signal again, so the process ends exactly as it would have
 * without us. A signal the program listens to itself is left to it (it
 * stops what it started, or exits and the exit cleanup runs).
 *
 * @example
 * ```ts
 * const forget = onProcessExit({ sync: () => killSync(), async: () => stop() })
 * // ... later, once stopped normally:
 * forget()
 * ```
 */
export function onProcessExit(cleanup: ExitCleanup): () => void {
  if (cleanups.size === 0) install()
  cleanups.add(cleanup)
  return () => {
    if (cleanups.delete(cleanup) && cleanups.size === 0) uninstall()
  }
}

function install(): void {
  process.on('exit', runSync)
  for (const signal of SIGNALS) process.on(signal, onSignal)
}

function uninstall(): void {
  process.off('exit', runSync)
  for (const signal of SIGNALS) process.off(signal, onSignal)
}

function runSync(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup.sync()
    } catch {
      // Exiting anyway: one failed cleanup must not skip the others.
    }
  }
  cleanups.clear()
}

function onSignal(signal: Signal): void {
  if (process.listenerCount(signal) > 1) return
  const pending = [...cleanups]
  cleanups.clear()
  uninstall()
  void Promise.allSettled(pending.map((cleanup) => cleanup.async())).then(
    () => {
      try {
        process.kill(process.pid, signal)
      } catch {
        // No signals to raise (Windows): end as the signal would have.
        process.exit(128 + (os.constants.signals[signal] ?? 0))
      }
    },
  )
}
