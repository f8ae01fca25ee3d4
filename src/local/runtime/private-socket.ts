import fs from 'node:fs'
import path from 'node:path'

import type { PostgresAccount } from './postgres-account.js'

/** The pg_hba.conf line the emulator keeps first (see {@link trustPrivateSocket}). */
const TRUST_LINE = 'local   all   all   trust'

/** Marks the line as the emulator's, so a kept cluster's file is left as it is. */
const TRUST_COMMENT =
  '# redshift-local: the server listens on a unix socket in a folder only its own OS user can open (mode 700), used by its reads of another database (postgres_fdw)'

/** A unix socket path is at most 107 bytes (`sun_path`), `/.s.PGSQL.65535` included. */
const MAX_SOCKET_DIR = 107 - '/.s.PGSQL.65535'.length

/**
 * A folder for the server's only unix socket, mode 700 and owned by the
 * OS user the server runs as: only that user (the server itself) and root
 * can connect through it, so its logins can be trusted without a password.
 * Undefined when no such short folder can be made (a socket path has a
 * length limit); the server then has no unix socket and no password-less
 * login at all.
 *
 * @example
 * ```ts
 * const dir = makePrivateSocketDir('/tmp', account) // '/tmp/redshift-local-sock-Ab12Cd'
 * ```
 */
export function makePrivateSocketDir(
  base: string,
  account: PostgresAccount | undefined,
): string | undefined {
  const dir = fs.mkdtempSync(path.join(base, 'redshift-local-sock-'))
  // pg_ctl hands the flag to the server through a shell: no spaces or quotes.
  if (dir.length > MAX_SOCKET_DIR || !/^[\w./-]+$/.test(dir)) {
    fs.rmSync(dir, { recursive: true, force: true })
    return undefined
  }
  fs.chmodSync(dir, 0o700)
  if (account) fs.chownSync(dir, account.uid, account.gid)
  return dir
}

/**
 * Makes pg_hba.conf trust unix-socket logins (its `local` lines, initdb's
 * `password`, become one `trust` line first): safe only because the server
 * listens on no unix socket but the one {@link makePrivateSocketDir}
 * makes. TCP logins still need a password. Kept clusters get the line at
 * each start; the file's owner and mode are kept. A data folder without
 * the file is left to PostgreSQL, which refuses to start from it.
 */
export function trustPrivateSocket(dataDir: string): void {
  const file = path.join(dataDir, 'pg_hba.conf')
  // A folder that is no usable cluster: PostgreSQL's start says why.
  if (!fs.existsSync(file)) return
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const kept = lines.filter(
    (line) =>
      line !== TRUST_COMMENT && !/^\s*local\s+all\s+all\s/.test(line.trim()),
  )
  const text = [TRUST_COMMENT, TRUST_LINE, ...kept].join('\n')
  if (text !== lines.join('\n')) fs.writeFileSync(file, text)
}
