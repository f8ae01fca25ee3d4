import type { FaultRegistry } from '../runtime/faults.js'
import type { FaultCommand } from '../sql/recognize-control.js'

/**
 * Carries out a `/*redshift-local*\/ FAULT ...` control statement on the
 * emulator's fault registry.
 *
 * @example
 * ```ts
 * applyFaultCommand(faults, { kind: 'fail', count: 1, pattern: 'insert' })
 * ```
 */
export function applyFaultCommand(
  faults: FaultRegistry,
  command: FaultCommand,
): void {
  switch (command.kind) {
    case 'fail':
      faults.failNext({
        count: command.count,
        ...(command.pattern !== undefined ? { pattern: command.pattern } : {}),
        ...(command.code !== undefined ? { code: command.code } : {}),
        ...(command.message !== undefined ? { message: command.message } : {}),
      })
      return
    case 'latency':
      faults.addLatency({
        ms: command.ms,
        ...(command.pattern !== undefined ? { pattern: command.pattern } : {}),
      })
      return
    case 'drop':
      faults.dropConnection({
        ...(command.pattern !== undefined ? { pattern: command.pattern } : {}),
        ...(command.beforeSend ? { when: 'before-send' as const } : {}),
      })
      return
    case 'refuse':
      faults.refuseConnections({ forMs: command.forMs })
      return
    case 'refuse-next':
      faults.refuseConnections({ count: command.count })
      return
    case 'reset':
      faults.reset()
      return
  }
}
