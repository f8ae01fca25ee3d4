import { LocalRedshiftStartError } from '../errors/local-start-error.js'
import { FolderStorage } from './folder-storage.js'
import type { ObjectStorage } from './object-storage.js'
import { S3EndpointStorage, type S3Credentials } from './s3-endpoint-storage.js'

/**
 * The keys a COPY or UNLOAD statement carries (ACCESS_KEY_ID /
 * SECRET_ACCESS_KEY / SESSION_TOKEN, or its CREDENTIALS string); empty for
 * IAM_ROLE.
 */
export interface StatementCredentials {
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
}

/**
 * Hands each statement the storage it runs against, signed with that
 * statement's own keys where the storage checks keys.
 *
 * @example
 * ```ts
 * const storage = provider.forStatement({ accessKeyId: 'AKIA...', secretAccessKey: '...' })
 * await storage.list('bucket', 'prefix/')
 * ```
 */
export interface StorageProvider {
  forStatement(auth: StatementCredentials): ObjectStorage
}

/** The storage options of the emulator (see `LocalRedshiftOptions`). */
export interface StorageOptions {
  /** Folder standing in for S3. */
  readonly s3Dir?: string
  /** S3-compatible endpoint URL. */
  readonly s3Endpoint?: string
  /** Region that signs requests to `s3Endpoint` (default 'us-east-1'). */
  readonly s3Region?: string
}

/**
 * The emulator's S3, or `undefined` when neither `s3Dir` nor `s3Endpoint` is
 * set (COPY and UNLOAD then fail with an error that says so). A folder
 * ignores credentials and serves every statement with one storage. An
 * endpoint signs with the statement's keys when it has both of them, and
 * otherwise with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN as the emulator's environment has them when the
 * statement runs (IAM_ROLE cannot be assumed locally). One client is kept per
 * distinct set of keys.
 *
 * @example
 * ```ts
 * const provider = createStorageProvider({ s3Endpoint: 'http://127.0.0.1:9000' })
 * const storage = provider?.forStatement(plan.credentials)
 * ```
 */
export function createStorageProvider(
  options: StorageOptions,
): StorageProvider | undefined {
  if (options.s3Dir !== undefined && options.s3Endpoint !== undefined) {
    throw new LocalRedshiftStartError(
      'The options s3Dir and s3Endpoint exclude each other: S3 is either a local folder or an endpoint.',
    )
  }
  if (options.s3Dir !== undefined) {
    const folder = new FolderStorage(options.s3Dir)
    return Object.freeze({ forStatement: () => folder })
  }
  if (options.s3Endpoint !== undefined) {
    return new EndpointStorageProvider(
      validEndpoint(options.s3Endpoint),
      options.s3Region,
    )
  }
  return undefined
}

/** Clients kept per set of keys: each S3Client holds its own sockets. */
const MAX_CLIENTS = 16

class EndpointStorageProvider implements StorageProvider {
  readonly #endpoint: string
  readonly #region: string | undefined
  readonly #byKeys = new Map<string, S3EndpointStorage>()

  constructor(endpoint: string, region: string | undefined) {
    this.#endpoint = endpoint
    this.#region = region
  }

  forStatement(auth: StatementCredentials): ObjectStorage {
    const credentials = statementOrEnvironmentKeys(auth)
    const id =
      credentials === undefined
        ? ''
        : `${credentials.accessKeyId}\0${credentials.secretAccessKey}\0${credentials.sessionToken ?? ''}`
    let storage = this.#byKeys.get(id)
    if (storage === undefined) {
      if (this.#byKeys.size >= MAX_CLIENTS) {
        this.#byKeys.delete(this.#byKeys.keys().next().value!)
      }
      storage = new S3EndpointStorage({
        endpoint: this.#endpoint,
        ...(this.#region !== undefined ? { region: this.#region } : {}),
        ...(credentials !== undefined ? { credentials } : {}),
      })
      this.#byKeys.set(id, storage)
    }
    return storage
  }
}

function statementOrEnvironmentKeys(
  auth: StatementCredentials,
): S3Credentials | undefined {
  if (auth.accessKeyId && auth.secretAccessKey) {
    return {
      accessKeyId: auth.accessKeyId,
      secretAccessKey: auth.secretAccessKey,
      ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}),
    }
  }
  const env = process.env
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    }
  }
  return undefined
}

function validEndpoint(endpoint: string): string {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    // Not echoed: an unparseable URL may still hold a password.
    throw new LocalRedshiftStartError(
      'The option s3Endpoint must be an http:// or https:// URL.',
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new LocalRedshiftStartError(
      'The option s3Endpoint must not carry credentials in the URL: use the statement keys or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalRedshiftStartError(
      `The option s3Endpoint must be an http:// or https:// URL, got '${endpoint}'.`,
    )
  }
  return endpoint
}
