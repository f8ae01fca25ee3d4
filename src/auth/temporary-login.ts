import type { Login } from './login-provider.js'

/** A login that stops working at `expiresAt` (epoch ms). */
export interface TemporaryLogin extends Login {
  readonly password: string
  readonly expiresAt: number
}

/**
 * A temporary login from a credentials API's answer; an answer without a
 * user, password or expiration is refused with an error naming the operation.
 *
 * ```ts
 * temporaryLoginFrom('GetCredentials', answer.dbUser, answer.dbPassword, answer.expiration)
 * ```
 */
export function temporaryLoginFrom(
  operation: string,
  user: string | undefined,
  password: string | undefined,
  expiration: Date | undefined,
): TemporaryLogin {
  if (
    user === undefined ||
    password === undefined ||
    expiration === undefined
  ) {
    throw Object.assign(
      new Error(`${operation} answered without a user, password or expiration`),
      { name: 'IncompleteResponse' },
    )
  }
  return Object.freeze({ user, password, expiresAt: expiration.getTime() })
}
