import { spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'

import type { UnloadCompression } from './unload-plan.js'

/**
 * Compresses one output file's bytes. gzip is node:zlib's; Node 20 has no
 * bzip2 or zstd compressor, so those run the system `bzip2` / `zstd`
 * programs, and a missing program fails the UNLOAD with the emulator limit
 * named (the storage's codec module takes this seam over once it lands).
 *
 * @example
 * ```ts
 * const gz = compressOutput('gzip', Readable.from([Buffer.from('1|a\n')]))
 * ```
 */
export function compressOutput(
  codec: UnloadCompression,
  input: Readable,
): Readable {
  if (codec === 'gzip') return input.pipe(createGzip())
  const program = codec === 'bzip2' ? 'bzip2' : 'zstd'
  const child = spawn(program, codec === 'zstd' ? ['-q', '-c'] : ['-c'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  })
  const output = child.stdout
  const fail = (error: Error) => {
    if (!output.destroyed) output.destroy(error)
  }
  child.on('error', (error) =>
    fail(
      new Error(
        `the emulator compresses ${codec.toUpperCase()} with the \`${program}\` program, which could not run: ${error.message}`,
      ),
    ),
  )
  child.on('exit', (code) => {
    if (code !== 0 && code !== null)
      fail(new Error(`\`${program}\` exited with code ${code}`))
  })
  child.stdin.on('error', fail)
  input.on('error', (error) => {
    fail(error)
    child.kill()
  })
  input.pipe(child.stdin)
  return output
}
