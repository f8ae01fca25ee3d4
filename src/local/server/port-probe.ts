import net from 'node:net'

/**
 * Binds `port` on `host` and lets it go at once: an address already in use
 * (or not this machine's) then fails before the backing PostgreSQL is
 * started, in a second rather than after a cluster's initdb and shutdown.
 * Port 0 always succeeds. The real listen still reports its own failure
 * (another process may take the port in between).
 *
 * @example
 * ```ts
 * await probePort('127.0.0.1', 5439) // rejects with EADDRINUSE when taken
 * ```
 */
export async function probePort(host: string, port: number): Promise<void> {
  if (port === 0) return
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port, exclusive: true }, () => resolve())
  })
  await new Promise<void>((resolve) => server.close(() => resolve()))
}
