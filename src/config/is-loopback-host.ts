import { isIPv4 } from 'node:net'

/**
 * Whether a host is this machine: `localhost`, 127.0.0.0/8, `::1`, or a Unix
 * socket directory. Used to default TLS to `disable` for the local emulator
 * and test servers, and to `verify-full` everywhere else.
 *
 * ```ts
 * isLoopbackHost('127.0.0.2') // true
 * isLoopbackHost('cluster.abc.eu-west-1.redshift.amazonaws.com') // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost' || h === 'localhost.' || h.endsWith('.localhost')) {
    return true
  }
  if (isIPv4(h)) return h.startsWith('127.')
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  // IPv4-mapped IPv6 loopback, e.g. ::ffff:127.0.0.1
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1].startsWith('127.')
  return h.startsWith('/')
}
