import fs from 'node:fs'
import path from 'node:path'

import {
  DataDirInUseError,
  LOCK_FILE_NAME,
} from '../errors/local-start-error.js'

/**
 * Marks `dir` as used by this process until the returned function is
 * called, so that a second emulator on the same folder fails at once with a
 * clear error instead of fighting over the cluster's files. The mark is a
 * file created exclusively and holding our pid; one left by a process that
 * no longer runs is taken over.
 *
 * @throws {@link DataDirInUseError} when a live process holds it.
 *
 * @example
 * ```ts
 * const release = acquireDataDirLock('.redshift-local')
 * try { ... } finally { release() }
 * ```
 */
export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE_NAME)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readPid(file)
      if (holder !== undefined && isAlive(holder)) {
        throw new DataDirInUseError(dir, holder)
      }
      fs.rmSync(file, { force: true })
      continue
    }
    let released = false
    const release = () => {
      if (released) return
      released = true
      fs.rmSync(file, { force: true })
    }
    // A server started on this cluster by other means holds it as well.
    const postmaster = readPid(path.join(dir, 'data', 'postmaster.pid'))
    if (postmaster !== undefined && isAlive(postmaster)) {
      release()
      throw new DataDirInUseError(dir, postmaster)
    }
    return release
  }
  throw new DataDirInUseError(dir, readPid(file))
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
