import { startFauxqs } from 'fauxqs'

/** An in-memory S3-compatible server running inside the test process. */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: give it to `s3Endpoint` / `--s3-endpoint`. */
  readonly endpoint: string
  /** Keys to sign with (the server accepts any; these are fixed test values). */
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** Creates an empty bucket (S3 objects can only live in one). */
  createBucket(name: string): void
  /** Stops the server; its objects are gone. */
  stop(): Promise<void>
}

/**
 * Starts fauxqs (pinned at 1.9.2: 2.x needs Node 22) on a free port of
 * 127.0.0.1. It keeps objects in memory and accepts any keys. Known limit:
 * it refuses a single PutObject over about 11 MiB, so large writes must use
 * multipart upload (S3EndpointStorage does).
 *
 * @example
 * ```ts
 * const s3 = await startS3Server()
 * s3.createBucket('data')
 * const local = await startLocalRedshift({ port: 0, s3Endpoint: s3.endpoint })
 * // COPY t FROM 's3://data/in/' ACCESS_KEY_ID '<s3.accessKeyId>' SECRET_ACCESS_KEY '<s3.secretAccessKey>' ...
 * await local.stop()
 * await s3.stop()
 * ```
 */
export async function startS3Server(): Promise<S3TestServer> {
  const server = await startFauxqs({
    port: 0,
    host: '127.0.0.1',
    logger: false,
  })
  return Object.freeze({
    endpoint: `http://127.0.0.1:${server.port}`,
    accessKeyId: 'AKIAEMULATORTEST',
    secretAccessKey: 'emulator-test-secret',
    createBucket: (name: string) => {
      server.createBucket(name)
    },
    stop: () => server.stop(),
  })
}
