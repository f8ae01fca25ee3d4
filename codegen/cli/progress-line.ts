import type { GenerateProgress } from '../generate/generate-options.js'
import type { OutputStream } from './stderr-logger.js'

/** A one-line progress display (see {@link createProgressLine}). */
export interface ProgressLine {
  /** Shows a step in place of the previous one. */
  update(progress: GenerateProgress): void
  /** Removes the line, before other output and at the end. */
  clear(): void
}

/**
 * Progress on one line of a terminal (rewritten in place with `\r`): which
 * step is running, and how many relations were introspected and rendered,
 * which is what a schema of thousands of tables needs to show it is alive.
 * Prints nothing when the stream is not a TTY (CI logs, pipes), so scripts
 * see only the results.
 *
 * @example
 * ```ts
 * const line = createProgressLine(process.stderr)
 * await generate({ onProgress: line.update })
 * line.clear()
 * ```
 */
export function createProgressLine(stream: OutputStream): ProgressLine {
  if (stream.isTTY !== true) {
    return Object.freeze({ update: () => {}, clear: () => {} })
  }
  let shown = false
  return Object.freeze({
    update(progress: GenerateProgress) {
      stream.write(`\r\x1b[K${describe(progress)}`)
      shown = true
    },
    clear() {
      if (!shown) return
      stream.write('\r\x1b[K')
      shown = false
    },
  })
}

function describe(progress: GenerateProgress): string {
  switch (progress.phase) {
    case 'connecting':
      return 'codegen: connecting...'
    case 'introspecting':
      return 'codegen: introspecting the catalog...'
    case 'introspected':
      return `codegen: ${relations(progress.relations)} introspected`
    case 'rendering':
      return `codegen: rendering ${relations(progress.relations)}...`
    case 'rendered':
      return `codegen: ${relations(progress.relations)} rendered`
  }
}

function relations(n: number): string {
  return n === 1 ? '1 relation' : `${n} relations`
}
