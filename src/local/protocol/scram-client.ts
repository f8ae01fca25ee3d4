import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'

/**
 * The client side of SCRAM-SHA-256 (RFC 5802/7677) without channel binding,
 * which is what PostgreSQL asks for over a plain TCP connection.
 *
 * @example
 * ```ts
 * const scram = new ScramClient(password)
 * send(serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', scram.firstMessage))
 * send(serialize.sendSCRAMClientFinalMessage(scram.finalMessage(serverFirst)))
 * scram.verifyServerFinal(serverFinal)
 * ```
 */
export class ScramClient {
  readonly #password: string
  readonly #nonce = randomBytes(18).toString('base64')
  #serverSignature: Buffer | undefined

  constructor(password: string) {
    // SASLprep is reduced to NFKC: enough for the passwords PostgreSQL accepts.
    this.#password = password.normalize('NFKC')
  }

  get firstMessage(): string {
    return `n,,${this.#firstBare}`
  }

  get #firstBare(): string {
    return `n=*,r=${this.#nonce}`
  }

  finalMessage(serverFirst: string): string {
    const attrs = parseAttributes(serverFirst)
    const nonce = attrs.get('r')
    const salt = attrs.get('s')
    const iterations = Number(attrs.get('i'))
    if (!nonce?.startsWith(this.#nonce) || !salt || !(iterations > 0)) {
      throw new Error('SCRAM: invalid server-first-message')
    }
    const salted = pbkdf2Sync(
      this.#password,
      Buffer.from(salt, 'base64'),
      iterations,
      32,
      'sha256',
    )
    const clientKey = hmac(salted, 'Client Key')
    const storedKey = createHash('sha256').update(clientKey).digest()
    const withoutProof = `c=biws,r=${nonce}`
    const authMessage = `${this.#firstBare},${serverFirst},${withoutProof}`
    const clientSignature = hmac(storedKey, authMessage)
    const proof = Buffer.alloc(clientKey.length)
    for (let i = 0; i < proof.length; i++) {
      proof[i] = clientKey[i]! ^ clientSignature[i]!
    }
    this.#serverSignature = hmac(hmac(salted, 'Server Key'), authMessage)
    return `${withoutProof},p=${proof.toString('base64')}`
  }

  verifyServerFinal(serverFinal: string): void {
    const signature = parseAttributes(serverFinal).get('v')
    if (
      !signature ||
      !this.#serverSignature ||
      !Buffer.from(signature, 'base64').equals(this.#serverSignature)
    ) {
      throw new Error('SCRAM: server signature mismatch')
    }
  }
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of text.split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1))
  }
  return out
}
