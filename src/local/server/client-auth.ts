import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * MD5 password authentication toward clients, as Redshift does it by default:
 * the client sends `md5` + md5(md5(password + user) + salt).
 *
 * @example
 * ```ts
 * const salt = newSalt()
 * const ok = checkMd5Password(received, { user: 'awsuser', password: 'secret' }, salt)
 * ```
 */
export function checkMd5Password(
  received: string,
  expected: { readonly user: string; readonly password: string },
  salt: Buffer,
): boolean {
  const inner = createHash('md5')
    .update(expected.password + expected.user)
    .digest('hex')
  const want = Buffer.from(
    'md5' + createHash('md5').update(inner).update(salt).digest('hex'),
  )
  const got = Buffer.from(received)
  return got.length === want.length && timingSafeEqual(got, want)
}

/** Four random bytes for AuthenticationMD5Password. */
export function newSalt(): Buffer {
  return randomBytes(4)
}
