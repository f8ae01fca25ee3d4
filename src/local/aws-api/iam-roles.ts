/**
 * The backing PostgreSQL's side of IAM users: the emulator's credential
 * APIs create (AutoCreate, IAM identities) and look up the roles that
 * sessions of temporary users run as.
 *
 * @example
 * ```ts
 * await roles.ensure('etl', ['loaders'])
 * await roles.exists('etl') // true
 * ```
 */
export interface IamRoles {
  /** Creates the role when missing, then adds it to those of `groups` that exist. */
  ensure(role: string, groups: readonly string[]): Promise<void>
  /** Adds an existing role to those of `groups` that exist. */
  join(role: string, groups: readonly string[]): Promise<void>
  exists(role: string): Promise<boolean>
}
