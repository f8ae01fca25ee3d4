/**
 * The first line of the current stack outside this package's own frames
 * (those whose path contains one of `internal`) and Node's: where the
 * caller asked for something, named in a warning about a resource it later
 * forgot (an open transaction handle, an async query).
 *
 * ```ts
 * const site = callerFrame(['/monitor/', '/client.'])
 * // 'at runNightly (/app/jobs/nightly.js:42:17)'
 * ```
 */
export function callerFrame(internal: readonly string[]): string {
  const stack = new Error().stack?.split('\n') ?? []
  const frame = stack
    .slice(1)
    .find(
      (line) =>
        !line.includes('node:internal') &&
        !line.includes('/errors/caller-frame.') &&
        !internal.some((part) => line.includes(part)),
    )
  return frame === undefined ? 'from an unknown place' : frame.trim()
}
