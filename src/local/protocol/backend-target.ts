/** Where and as whom the emulator connects to its PostgreSQL. */
export interface BackendTarget {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string | undefined
  /** The database named in the URL (used for the emulator's own setup). */
  readonly database: string
}

/**
 * Reads a `postgres://user:password@host:port/database` URL. A `host` query
 * parameter naming a directory selects a Unix socket, as libpq does.
 *
 * @example
 * ```ts
 * parseBackendUrl('postgres://postgres:pw@127.0.0.1:5432/postgres').port // 5432
 * ```
 */
export function parseBackendUrl(url: string): BackendTarget {
  const parsed = new URL(url)
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`unsupported PostgreSQL URL scheme ${parsed.protocol}`)
  }
  const socketDir = parsed.searchParams.get('host')
  return {
    host: socketDir ?? (parsed.hostname || '127.0.0.1'),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
  }
}

/** The URL of `target` pointing at another database (for admin clients). */
export function backendUrl(target: BackendTarget, database: string): string {
  const auth =
    encodeURIComponent(target.user) +
    (target.password === undefined
      ? ''
      : `:${encodeURIComponent(target.password)}`)
  if (target.host.startsWith('/')) {
    return `postgres://${auth}@localhost:${target.port}/${encodeURIComponent(database)}?host=${encodeURIComponent(target.host)}`
  }
  return `postgres://${auth}@${target.host}:${target.port}/${encodeURIComponent(database)}`
}
