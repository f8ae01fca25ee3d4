import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  DataDirInUseError,
  LocalRedshiftStartError,
  startLocalRedshift,
} from '../../src/local/index.js'
import { LOCK_FILE_NAME } from '../../src/local/errors/local-start-error.js'
import { holdPort, reachableTempDir } from './process-helpers.js'

let tmp: string
let savedTmpdir: string | undefined
const leftovers = () =>
  fs.readdirSync(tmp).filter((name) => name.startsWith('redshift-local-pg-'))

// This file's temporary clusters go to a folder of its own, so what a failed
// start leaves behind is seen exactly.
beforeAll(() => {
  tmp = reachableTempDir('local-start-errors-')
  savedTmpdir = process.env['TMPDIR']
  process.env['TMPDIR'] = tmp
})
afterAll(() => {
  if (savedTmpdir === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = savedTmpdir
  fs.rmSync(tmp, { recursive: true, force: true })
})

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the start to fail')
    },
    (error: unknown) => error,
  )
}

describe('startLocalRedshift failures', () => {
  it('refuses a second emulator on the same dataDir, and reuses it once free', async () => {
    const dataDir = path.join(tmp, 'shared')
    const first = await startLocalRedshift({ port: 0, dataDir })
    try {
      const error = await rejection(startLocalRedshift({ port: 0, dataDir }))
      expect(error).toBeInstanceOf(DataDirInUseError)
      expect((error as DataDirInUseError).pid).toBe(process.pid)
      expect((error as Error).message).toContain(
        `The data directory ${dataDir} is in use`,
      )
    } finally {
      await first.stop()
    }
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false)
    const second = await startLocalRedshift({ port: 0, dataDir })
    await second.stop()
    // Kept between runs: the cluster is still there.
    expect(fs.existsSync(path.join(dataDir, 'data', 'PG_VERSION'))).toBe(true)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('rejects with a typed error carrying the tail of PostgreSQL’s log', async () => {
    const dataDir = path.join(tmp, 'broken')
    fs.mkdirSync(path.join(dataDir, 'data'), { recursive: true })
    // A cluster folder PostgreSQL cannot use: it says why in its log.
    fs.writeFileSync(path.join(dataDir, 'data', 'PG_VERSION'), '9\n')
    if (process.getuid?.() === 0) {
      fs.chownSync(path.join(dataDir, 'data'), ...postgresIds())
    }
    fs.chmodSync(path.join(dataDir, 'data'), 0o700)
    const error = await rejection(startLocalRedshift({ port: 0, dataDir }))
    expect(error).toBeInstanceOf(LocalRedshiftStartError)
    const { logTail, message } = error as LocalRedshiftStartError
    expect(logTail).toMatch(/postgresql\.conf|incompatible|FATAL/)
    expect(message).toContain('PostgreSQL did not start')
    expect(message).toContain(logTail)
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('removes the temporary cluster when the emulator cannot listen', async () => {
    const { port, close } = await holdPort()
    try {
      const error = await rejection(startLocalRedshift({ port }))
      expect(error).toBeInstanceOf(LocalRedshiftStartError)
      expect((error as Error).message).toContain(
        `port ${port} on 127.0.0.1 is already in use`,
      )
      expect(leftovers()).toEqual([])
    } finally {
      await close()
    }
  })

  it.skipIf(process.getuid?.() !== 0)(
    'as root, names the folder the postgres user cannot reach (runs only as root)',
    async () => {
      const hidden = fs.mkdtempSync(path.join(os.tmpdir(), 'private-'))
      try {
        const dataDir = path.join(hidden, 'cluster')
        const error = await rejection(startLocalRedshift({ port: 0, dataDir }))
        expect(error).toBeInstanceOf(LocalRedshiftStartError)
        expect((error as Error).message).toContain(
          `cannot reach the data directory ${dataDir}: ${hidden} is owned by uid 0, mode 700`,
        )
        expect((error as Error).message).toContain(`chmod o+x ${hidden}`)
      } finally {
        fs.rmSync(hidden, { recursive: true, force: true })
      }
    },
  )
})

function postgresIds(): [number, number] {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'))
  if (!line) throw new Error('no postgres user')
  const [, , uid, gid] = line.split(':')
  return [Number(uid), Number(gid)]
}
