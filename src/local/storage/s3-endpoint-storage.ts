import { Readable } from 'node:stream'

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'

import type {
  ObjectLocation,
  ObjectStorage,
  StoredObject,
} from './object-storage.js'
import { s3Url, StorageError } from './storage-error.js'

/** Keys that sign the requests (never logged, never in a message). */
export interface S3Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
}

/** Options of {@link S3EndpointStorage}. */
export interface S3EndpointStorageOptions {
  /** The S3-compatible endpoint, e.g. `http://127.0.0.1:9000`. */
  readonly endpoint: string
  /** Region that signs the requests (default 'us-east-1'). */
  readonly region?: string
  /**
   * The keys to sign with. Without them every operation fails with
   * `AccessDenied` (the emulator cannot assume an IAM role).
   */
  readonly credentials?: S3Credentials
  /**
   * Objects at least this large are written by multipart upload, in parts of
   * this size (default 8 MiB; S3's minimum part is 5 MiB).
   */
  readonly partSize?: number
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024
const MIN_PART_SIZE = 5 * 1024 * 1024

/**
 * S3 served by an S3-compatible endpoint (MinIO, fauxqs, LocalStack, S3
 * itself) through `@aws-sdk/client-s3`, with path-style URLs so that no
 * wildcard DNS is needed. Reads stream; writes above `partSize` go by
 * multipart upload (many test servers refuse large single PUTs, and S3 caps
 * them at 5 GB); listings follow ListObjectsV2's continuation tokens.
 * Checksums are only computed where S3 requires them, since several
 * S3-compatible servers store the streaming checksum framing as data.
 *
 * @example
 * ```ts
 * const storage = new S3EndpointStorage({
 *   endpoint: 'http://127.0.0.1:9000',
 *   credentials: { accessKeyId: 'minio', secretAccessKey: 'minio123' },
 * })
 * await storage.write({ bucket: 'b', key: 'out/0000_part_00' }, Buffer.from('1|x\n'))
 * ```
 */
export class S3EndpointStorage implements ObjectStorage {
  readonly endpoint: string
  readonly region: string
  readonly #client: S3Client | undefined
  readonly #partSize: number

  constructor(options: S3EndpointStorageOptions) {
    this.endpoint = options.endpoint
    this.region = options.region ?? 'us-east-1'
    this.#partSize = Math.max(
      options.partSize ?? DEFAULT_PART_SIZE,
      MIN_PART_SIZE,
    )
    this.#client =
      options.credentials === undefined
        ? undefined
        : new S3Client({
            endpoint: options.endpoint,
            region: this.region,
            forcePathStyle: true,
            credentials: { ...options.credentials },
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
            maxAttempts: 2,
          })
  }

  async list(bucket: string, prefix: string): Promise<readonly StoredObject[]> {
    const client = this.#signed(`s3://${bucket}/${prefix}`)
    const found: StoredObject[] = []
    let token: string | undefined
    do {
      const page = await client
        .send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(token !== undefined ? { ContinuationToken: token } : {}),
          }),
        )
        .catch((error: unknown) => {
          throw this.#failure(error, `s3://${bucket}/${prefix}`)
        })
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue
        found.push(
          Object.freeze({ bucket, key: object.Key, size: object.Size ?? 0 }),
        )
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token !== undefined)
    // S3 already lists in UTF-8 byte order; not every compatible server does.
    return Object.freeze(
      found.sort((a, b) =>
        Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)),
      ),
    )
  }

  async stat(location: ObjectLocation): Promise<StoredObject | undefined> {
    const url = s3Url(location)
    const client = this.#signed(url)
    try {
      const head = await client.send(
        new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }),
      )
      return Object.freeze({
        bucket: location.bucket,
        key: location.key,
        size: head.ContentLength ?? 0,
      })
    } catch (error) {
      const failure = this.#failure(error, url)
      if (failure.code !== 'NoSuchKey') throw failure
      // HEAD answers 404 without a body for a missing bucket too.
      await this.#requireBucket(client, location.bucket, url)
      return undefined
    }
  }

  async read(location: ObjectLocation): Promise<Buffer> {
    const body = await this.openRead(location)
    const chunks: Buffer[] = []
    try {
      for await (const chunk of body) chunks.push(chunk as Buffer)
    } catch (error) {
      throw this.#failure(error, s3Url(location))
    }
    return Buffer.concat(chunks)
  }

  async openRead(location: ObjectLocation): Promise<Readable> {
    const url = s3Url(location)
    const client = this.#signed(url)
    const object = await client
      .send(
        new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
      )
      .catch((error: unknown) => {
        throw this.#failure(error, url)
      })
    const body = object.Body
    if (body instanceof Readable) return body
    if (body === undefined) return Readable.from([])
    // Outside Node the SDK hands out a web stream; in Node it is a Readable.
    return Readable.fromWeb(
      (
        body as { transformToWebStream(): ReadableStream }
      ).transformToWebStream() as never,
    )
  }

  async write(
    location: ObjectLocation,
    body: Buffer | Readable,
  ): Promise<void> {
    const url = s3Url(location)
    const client = this.#signed(url)
    const { bucket, key } = location
    try {
      if (Buffer.isBuffer(body)) {
        if (body.length < this.#partSize) {
          await this.#put(client, location, body)
        } else {
          await this.#multipart(
            client,
            location,
            splitBuffer(body, this.#partSize),
          )
        }
        return
      }
      const parts = partsOf(body, this.#partSize)
      const first = await parts.next()
      const second = first.done ? first : await parts.next()
      if (second.done) {
        // One part or none: a plain PUT.
        await this.#put(
          client,
          location,
          first.done ? Buffer.alloc(0) : first.value,
        )
        return
      }
      await this.#multipart(
        client,
        location,
        (async function* () {
          yield first.value as Buffer
          yield second.value
          yield* parts
        })(),
      )
    } catch (error) {
      throw this.#failure(error, `s3://${bucket}/${key}`)
    }
  }

  async delete(locations: readonly ObjectLocation[]): Promise<void> {
    const byBucket = new Map<string, string[]>()
    for (const { bucket, key } of locations) {
      const keys = byBucket.get(bucket) ?? []
      keys.push(key)
      byBucket.set(bucket, keys)
    }
    for (const [bucket, keys] of byBucket) {
      const client = this.#signed(`s3://${bucket}/${keys[0]}`)
      // DeleteObjects takes at most 1000 keys per request.
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000)
        const answer = await client
          .send(
            new DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
            }),
          )
          .catch((error: unknown) => {
            throw this.#failure(error, `s3://${bucket}/${batch[0]}`)
          })
        const failed = (answer.Errors ?? []).find((e) => e.Code !== 'NoSuchKey')
        if (failed !== undefined) {
          const url = `s3://${bucket}/${failed.Key ?? ''}`
          throw new StorageError(
            codeOf(failed.Code ?? '', 0),
            url,
            `Deleting ${url} failed: ${failed.Code ?? 'error'}.`,
          )
        }
      }
    }
  }

  async #put(
    client: S3Client,
    location: ObjectLocation,
    body: Buffer,
  ): Promise<void> {
    await client.send(
      new PutObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        Body: body,
        ContentLength: body.length,
      }),
    )
  }

  async #multipart(
    client: S3Client,
    location: ObjectLocation,
    parts: Iterable<Buffer> | AsyncIterable<Buffer>,
  ): Promise<void> {
    const { bucket, key } = location
    const upload = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
    )
    const uploadId = upload.UploadId!
    try {
      const done: { ETag: string; PartNumber: number }[] = []
      for await (const part of parts) {
        const PartNumber = done.length + 1
        const answer = await client.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber,
            Body: part,
            ContentLength: part.length,
          }),
        )
        done.push({ ETag: answer.ETag!, PartNumber })
      }
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: done },
        }),
      )
    } catch (error) {
      await client
        .send(
          new AbortMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
          }),
        )
        .catch(() => {})
      throw error
    }
  }

  async #requireBucket(
    client: S3Client,
    bucket: string,
    url: string,
  ): Promise<void> {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }))
    } catch (error) {
      const failure = this.#failure(error, url)
      throw failure.code === 'NoSuchKey'
        ? new StorageError(
            'NoSuchBucket',
            url,
            `The specified bucket does not exist: ${bucket}.`,
            { cause: error },
          )
        : failure
    }
  }

  #signed(url: string): S3Client {
    if (this.#client !== undefined) return this.#client
    throw new StorageError(
      'AccessDenied',
      url,
      `No credentials to reach ${url} at ${this.endpoint}: give ACCESS_KEY_ID and SECRET_ACCESS_KEY (or CREDENTIALS) in the statement, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the emulator. The local emulator cannot assume an IAM role.`,
    )
  }

  /** An SDK or network failure in the contract's terms. */
  #failure(error: unknown, url: string): StorageError {
    if (error instanceof StorageError) return error
    const e = error as {
      name?: string
      code?: string
      message?: string
      $metadata?: { httpStatusCode?: number }
    }
    const status = e.$metadata?.httpStatusCode ?? 0
    if (status === 0 && e.code !== undefined && /^E[A-Z]+$/.test(e.code)) {
      return new StorageError(
        'Other',
        url,
        `Cannot reach the S3 endpoint ${this.endpoint} for ${url} (${e.code}).`,
        { cause: error },
      )
    }
    const code = codeOf(e.name ?? '', status)
    const reason =
      code === 'NoSuchKey'
        ? 'The specified key does not exist'
        : code === 'NoSuchBucket'
          ? 'The specified bucket does not exist'
          : code === 'AccessDenied'
            ? 'Access denied'
            : `S3 answered ${e.name ?? 'an error'}${status ? ` (HTTP ${status})` : ''}`
    return new StorageError(code, url, `${reason}: ${url}.`, { cause: error })
  }
}

/** S3's error name (or HTTP status) in the contract's codes. */
function codeOf(name: string, status: number): StorageError['code'] {
  if (name === 'NoSuchKey' || name === 'NotFound') return 'NoSuchKey'
  if (name === 'NoSuchBucket') return 'NoSuchBucket'
  if (
    name === 'AccessDenied' ||
    name === 'InvalidAccessKeyId' ||
    name === 'SignatureDoesNotMatch' ||
    name === 'ExpiredToken' ||
    name === 'InvalidToken' ||
    name === 'Forbidden'
  ) {
    return 'AccessDenied'
  }
  if (status === 404) return 'NoSuchKey'
  if (status === 403) return 'AccessDenied'
  return 'Other'
}

function* splitBuffer(body: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size)
}

/** The stream regrouped into buffers of exactly `size` bytes (the last one shorter). */
async function* partsOf(body: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = []
  let length = 0
  for await (const chunk of body) {
    let data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
    while (length + data.length >= size) {
      const take = size - length
      pending.push(data.subarray(0, take))
      yield Buffer.concat(pending)
      data = data.subarray(take)
      pending = []
      length = 0
    }
    if (data.length > 0) {
      pending.push(data)
      length += data.length
    }
  }
  if (length > 0) yield Buffer.concat(pending)
}
