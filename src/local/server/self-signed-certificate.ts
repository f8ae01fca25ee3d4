import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { isIP } from 'node:net'

import { der } from './der.js'

/** A certificate and its private key, PEM. */
export interface CertificatePair {
  readonly cert: string
  readonly key: string
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2'
const COMMON_NAME = '2.5.4.3'
const SUBJECT_ALT_NAME = '2.5.29.17'
const BASIC_CONSTRAINTS = '2.5.29.19'
const KEY_USAGE = '2.5.29.15'
const EXTENDED_KEY_USAGE = '2.5.29.37'
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1'

/**
 * Makes a self-signed TLS certificate with node:crypto alone (no openssl
 * binary): a P-256 key pair, and an X.509 v3 certificate naming
 * `localhost`, `127.0.0.1`, `::1` and `hostNames` in its subjectAltName,
 * valid from an hour ago for `days` days. It is its own CA, so a client
 * verifies it by trusting the certificate itself (`tls.ca`).
 *
 * @example
 * ```ts
 * const { cert, key } = selfSignedCertificate(['redshift.test'])
 * tls.createSecureContext({ cert, key })
 * ```
 */
export function selfSignedCertificate(
  hostNames: readonly string[] = [],
  days = 365,
): CertificatePair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  })
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hostNames])]
  const signature = der.sequence(der.oid(ECDSA_WITH_SHA256))
  const name = der.sequence(
    der.set(
      der.sequence(der.oid(COMMON_NAME), der.utf8('kysely-redshift local')),
    ),
  )
  const now = Date.now()
  // 16 random bytes with the top bit cleared: a positive serial, unique enough.
  const serial = randomBytes(16)
  serial[0] = (serial[0] as number) & 0x7f
  const extension = (id: string, critical: boolean, value: Buffer) =>
    der.sequence(
      der.oid(id),
      ...(critical ? [der.boolean(true)] : []),
      der.octetString(value),
    )
  const tbs = der.sequence(
    der.explicit(0, der.integer(Buffer.of(2))), // v3
    der.integer(serial),
    signature,
    name,
    der.sequence(
      der.time(new Date(now - 3_600_000)),
      der.time(new Date(now + days * 86_400_000)),
    ),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(
      3,
      der.sequence(
        extension(
          SUBJECT_ALT_NAME,
          false,
          der.sequence(...names.map(generalName)),
        ),
        extension(BASIC_CONSTRAINTS, true, der.sequence(der.boolean(true))),
        // digitalSignature (bit 0) and keyCertSign (bit 5).
        extension(KEY_USAGE, true, der.element(0x03, Buffer.of(2, 0x84))),
        extension(
          EXTENDED_KEY_USAGE,
          false,
          der.sequence(der.oid(SERVER_AUTH)),
        ),
      ),
    ),
  )
  const certificate = der.sequence(
    tbs,
    signature,
    der.bitString(sign('sha256', tbs, privateKey)),
  )
  return Object.freeze({
    cert: pem('CERTIFICATE', certificate),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  })
}

function generalName(name: string): Buffer {
  const family = isIP(name)
  if (family === 4) {
    return der.implicit(7, Buffer.from(name.split('.').map(Number)))
  }
  if (family === 6) return der.implicit(7, ipv6Bytes(name))
  return der.implicit(2, Buffer.from(name, 'ascii'))
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = address.includes('::') && tail !== '' ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  const bytes = Buffer.alloc(16)
  groups.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2))
  return bytes
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}
