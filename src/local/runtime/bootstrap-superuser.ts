import crypto from 'node:crypto'

import pg from 'pg'

import { LocalRedshiftStartError } from '../errors/local-start-error.js'
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js'

/**
 * The superuser an embedded cluster is created with: Redshift's own
 * (usesysid 1 there, the owner of its catalog, shown in PG_USER, in ACLs
 * as `rdsdb=...` and as the owner of PG_CATALOG's tables), where
 * PostgreSQL's initdb would name it `postgres`.
 */
export const BOOTSTRAP_SUPERUSER = 'rdsdb'

/** The name embedded clusters were created with before {@link BOOTSTRAP_SUPERUSER}. */
const EARLIER_SUPERUSER = 'postgres'

/** Where the server listens and the superuser's password. */
export interface SuperuserTarget {
  readonly port: number
  readonly password: string
}

/**
 * Gives a kept cluster created with the superuser `postgres` Redshift's
 * name for it, {@link BOOTSTRAP_SUPERUSER}, so that a data folder from an
 * earlier version keeps working: its objects, grants and ACLs follow the
 * role, which keeps its oid. Nothing happens when the superuser already
 * logs in; any other failure to log in is the caller's to report.
 *
 * PostgreSQL renames no role that is logged in, so a second superuser of
 * the emulator's makes the rename and is dropped at once.
 *
 * @example
 * ```ts
 * await adoptBootstrapSuperuser({ port: 54321, password: 'postgres' })
 * ```
 */
export async function adoptBootstrapSuperuser(
  target: SuperuserTarget,
): Promise<void> {
  const first = await logIn(target, BOOTSTRAP_SUPERUSER, target.password)
  if (first instanceof pg.Client) return first.end()
  // 28P01: password authentication fails alike for a wrong password and a missing role.
  if ((first as { code?: string }).code !== '28P01') throw startError(first)
  const earlier = await logIn(target, EARLIER_SUPERUSER, target.password)
  if (!(earlier instanceof pg.Client)) throw startError(first)
  const renamer = 'redshift_local_renamer'
  const renamerPassword = crypto.randomBytes(18).toString('hex')
  try {
    await earlier.query(
      `create role ${quoteIdentifier(renamer)} superuser login password ${quoteLiteral(renamerPassword)}`,
    )
  } finally {
    await earlier.end()
  }
  const other = await logIn(target, renamer, renamerPassword)
  if (!(other instanceof pg.Client)) throw startError(other)
  try {
    await other.query(
      `alter role ${quoteIdentifier(EARLIER_SUPERUSER)} rename to ${quoteIdentifier(BOOTSTRAP_SUPERUSER)}`,
    )
    // A rename clears an MD5 password, whose salt is the role's name.
    await other.query(
      `alter role ${quoteIdentifier(BOOTSTRAP_SUPERUSER)} password ${quoteLiteral(target.password)}`,
    )
  } finally {
    await other.end()
  }
  const renamed = await logIn(target, BOOTSTRAP_SUPERUSER, target.password)
  if (!(renamed instanceof pg.Client)) throw startError(renamed)
  try {
    await renamed.query(`drop role ${quoteIdentifier(renamer)}`)
  } finally {
    await renamed.end()
  }
}

/** A connected client, or why it could not connect. */
async function logIn(
  target: SuperuserTarget,
  user: string,
  password: string,
): Promise<pg.Client | Error> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: target.port,
    user,
    password,
    database: 'postgres',
  })
  try {
    await client.connect()
    return client
  } catch (error) {
    await client.end().catch(() => {})
    return error as Error
  }
}

function startError(cause: Error): LocalRedshiftStartError {
  return new LocalRedshiftStartError(
    `The embedded PostgreSQL's superuser ${BOOTSTRAP_SUPERUSER} cannot log in: ${cause.message}.`,
    { cause },
  )
}
