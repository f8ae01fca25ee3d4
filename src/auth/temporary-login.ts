import type { Login } from './login-provider.js'

/**
 * A login that stops working at `expiresAt` (epoch ms); `refreshAt` is when
 * the API advises fetching the next one (its NextRefreshTime), when it says.
 */
export interface TemporaryLogin extends Login {
  readonly password: string
  readonly expiresAt: number
  readonly refreshAt?: number
}

/**
 * A temporary login from a credentials API's answer; an answer without a
 * user, password or expiration is refused with an error naming the operation.
 *
 * ```ts
 * temporaryLoginFrom('GetCredentials', answer.dbUser, answer.dbPassword, answer.expiration, answer.nextRefreshTime)
 * ```
 */
export function temporaryLoginFrom(
  operation: string,
  user: string | undefined,
  password: string | undefined,
  expiration: Date | undefined,
  nextRefreshTime?: Date,
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
  const expiresAt = expiration.getTime()
  const refreshAt = nextRefreshTime?.getTime()
  return Object.freeze(
    refreshAt === undefined || !(refreshAt < expiresAt)
      ? { user, password, expiresAt }
      : { user, password, expiresAt, refreshAt },
  )
}
