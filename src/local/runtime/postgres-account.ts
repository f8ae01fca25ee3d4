import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

import { LocalRedshiftStartError } from '../errors/local-start-error.js'

const run = promisify(execFile)

/**
 * The unprivileged account PostgreSQL runs as when we are root (PostgreSQL
 * refuses to run as root).
 */
export interface PostgresAccount {
  readonly name: string
  readonly uid: number
  readonly gid: number
}

/** The user name the server runs as when started by root. */
export const POSTGRES_USER = 'postgres'

/**
 * The account the embedded PostgreSQL must run as: none when we are not
 * root (it runs as us), otherwise the `postgres` user, created when missing.
 *
 * @example
 * ```ts
 * const account = await postgresAccount() // { name: 'postgres', uid: 101, gid: 104 } as root
 * ```
 */
export async function postgresAccount(): Promise<PostgresAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined
  const found = await lookup()
  if (found) return found
  try {
    await run('groupadd', ['--force', POSTGRES_USER])
    await run('useradd', ['--system', '-g', POSTGRES_USER, POSTGRES_USER])
  } catch (error) {
    throw new LocalRedshiftStartError(
      'PostgreSQL cannot run as root, and the unprivileged `postgres` user it ' +
        'would run as does not exist and could not be created (groupadd/useradd ' +
        'failed). Create it (useradd postgres), run as another user, or pass pgUrl.',
      { cause: error },
    )
  }
  const created = await lookup()
  if (!created) {
    throw new LocalRedshiftStartError(
      'The `postgres` user was created but cannot be looked up with `id`.',
    )
  }
  return created
}

async function lookup(): Promise<PostgresAccount | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', POSTGRES_USER]),
      run('id', ['-g', POSTGRES_USER]),
    ])
    return {
      name: POSTGRES_USER,
      uid: Number.parseInt(uid.stdout, 10),
      gid: Number.parseInt(gid.stdout, 10),
    }
  } catch {
    return undefined
  }
}

/**
 * Whether `account` can enter `dir` (and, with `write`, create files in it).
 * Asked of the kernel by running `test` as that account, so ACLs and
 * supplementary groups count exactly as they will for PostgreSQL.
 *
 * @example
 * ```ts
 * canReach(account, '/root/project/node_modules') // false when /root is mode 700
 * ```
 */
export function canReach(
  account: PostgresAccount,
  dir: string,
  options: { readonly write?: boolean } = {},
): boolean {
  const check =
    options.write === true ? 'cd -- "$1" && test -w .' : 'cd -- "$1"'
  const result = spawnSync('/bin/sh', ['-c', check, 'sh', dir], {
    uid: account.uid,
    gid: account.gid,
    stdio: 'ignore',
  })
  return result.status === 0
}

/**
 * The first folder on the way to `target` that `account` cannot enter, for
 * an error message that names it (e.g. `/root`, mode 700).
 *
 * @example
 * ```ts
 * firstUnreachable(account, '/root/project/.cluster') // '/root'
 * ```
 */
export function firstUnreachable(
  account: PostgresAccount,
  target: string,
): string | undefined {
  const parts = path.resolve(target).split(path.sep)
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join(path.sep) || path.sep
    if (!fs.existsSync(dir)) return undefined
    if (!canReach(account, dir)) return dir
  }
  return undefined
}

/**
 * Describes a folder's owner and mode, as `ls -ld` would, for messages.
 *
 * @example
 * ```ts
 * describeMode('/root') // 'owned by uid 0, mode 700'
 * ```
 */
export function describeMode(dir: string): string {
  try {
    const stat = fs.statSync(dir)
    return `owned by uid ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}`
  } catch {
    return 'not readable'
  }
}
