import type { TlsMode } from './redshift-config.js'

// libpq's sslmode values and the TLS mode each becomes. There is no
// fallback from TLS to plain text here, so `prefer` becomes `require`
// (Redshift always offers TLS) and `allow` becomes `disable` (libpq tries
// plain text first).
const SSL_MODES: Readonly<Record<string, TlsMode>> = Object.freeze({
  disable: 'disable',
  allow: 'disable',
  prefer: 'require',
  require: 'require',
  'verify-ca': 'verify-ca',
  'verify-full': 'verify-full',
})

/** The expected form of an sslmode, for error messages. */
export const SSL_MODE_EXPECTED =
  "'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full'"

/**
 * The TLS mode for a libpq sslmode, or undefined if it is not one.
 *
 * ```ts
 * tlsModeFromSslMode('prefer') // 'require'
 * ```
 */
export function tlsModeFromSslMode(sslmode: string): TlsMode | undefined {
  return Object.hasOwn(SSL_MODES, sslmode) ? SSL_MODES[sslmode] : undefined
}
