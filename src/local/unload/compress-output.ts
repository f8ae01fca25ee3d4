import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { Readable } from 'node:stream'

import { compressStream } from '../codecs/compress.js'
import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { UnloadCompression } from './unload-plan.js'

/**
 * Compresses one output file's bytes with the emulator's codecs
 * (`compressStream`: gzip, and zstd as stored blocks). The codecs have no
 * bzip2 encoder, so BZIP2 runs the system `bzip2` program when there is one
 * ({@link compressionRefusal} says beforehand when there is not).
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
  if (codec !== 'bzip2') return compressStream(codec, input)
  const child = spawn('bzip2', ['-c'], { stdio: ['pipe', 'pipe', 'ignore'] })
  const output = child.stdout
  const fail = (error: Error) => {
    if (!output.destroyed) output.destroy(error)
  }
  child.on('error', fail)
  child.on('exit', (code) => {
    if (code !== 0 && code !== null)
      fail(new Error(`\`bzip2\` exited with code ${code}`))
  })
  child.stdin.on('error', fail)
  input.on('error', (error) => {
    fail(error)
    child.kill()
  })
  input.pipe(child.stdin)
  return output
}

/**
 * Why the emulator cannot write `codec` here (an emulator limit, not
 * Redshift's), or `undefined` when it can; asked before any file is written.
 *
 * @example
 * ```ts
 * compressionRefusal('gzip') // undefined
 * ```
 */
export function compressionRefusal(
  codec: UnloadCompression,
): ErrorFields | undefined {
  if (codec !== 'bzip2' || onPath('bzip2')) return undefined
  return reject.other(
    '0A000',
    'The local emulator cannot write BZIP2 here: the emulator has no bzip2 compressor of its own and no `bzip2` program is on the PATH. Use GZIP or ZSTD with the emulator.',
  )
}

function onPath(program: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue
    try {
      accessSync(join(dir, program), constants.X_OK)
      return true
    } catch {
      // not in this folder
    }
  }
  return false
}
