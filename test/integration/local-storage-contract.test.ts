import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FolderStorage } from '../../src/local/storage/folder-storage.js'
import type { ObjectStorage } from '../../src/local/storage/object-storage.js'
import { S3EndpointStorage } from '../../src/local/storage/s3-endpoint-storage.js'
import { StorageError } from '../../src/local/storage/storage-error.js'
import { startS3Server, type S3TestServer } from './s3-test-server.js'

// One behaviour, two storages: COPY and UNLOAD must not be able to tell a
// local folder from an S3 endpoint.

let folder: string
let s3: S3TestServer
const storages: Record<string, () => ObjectStorage> = {}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'storage-contract-'))
  await mkdir(join(folder, 'data'))
  s3 = await startS3Server()
  s3.createBucket('data')
  const folderStorage = new FolderStorage(folder)
  const s3Storage = new S3EndpointStorage({
    endpoint: s3.endpoint,
    credentials: {
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
  })
  storages.folder = () => folderStorage
  storages['S3 endpoint'] = () => s3Storage
})

afterAll(async () => {
  await s3?.stop()
  await rm(folder, { recursive: true, force: true })
})

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError)
    return (error as StorageError).code
  }
  return 'no error'
}

describe.each(['folder', 'S3 endpoint'])('%s storage', (name) => {
  const storage = () => storages[name]!()
  const base = name === 'folder' ? 'f' : 's'
  const at = (key: string) => ({ bucket: 'data', key: `${base}/${key}` })

  it('lists files and folders whose key starts with the prefix, recursively, in byte order', async () => {
    const keys = [
      'venue_1.txt',
      'venue_2.txt',
      'venue/part_a',
      'venue/deep/part_b',
      'venue_dir/x',
      'venuez',
      'venue\u{1f600}', // UTF-8 F0..: after U+FF5A (EF..), though UTF-16 puts it before
      'venue\uff5a',
      'other/venue_3',
      'ven',
    ]
    for (const key of keys) {
      await storage().write(at(key), Buffer.from(`body of ${key}`))
    }
    const listed = await storage().list('data', `${base}/venue`)
    expect(listed.map((o) => o.key)).toEqual(
      [
        'venue/deep/part_b',
        'venue/part_a',
        'venue_1.txt',
        'venue_2.txt',
        'venue_dir/x',
        'venuez',
        'venue\uff5a',
        'venue\u{1f600}',
      ].map((k) => `${base}/${k}`),
    )
    expect(listed.every((o) => o.bucket === 'data')).toBe(true)
    expect(listed.find((o) => o.key === `${base}/venue_1.txt`)?.size).toBe(
      Buffer.byteLength('body of venue_1.txt'),
    )
    // A prefix ending in a slash is a folder's content only.
    expect(
      (await storage().list('data', `${base}/venue/`)).map((o) => o.key),
    ).toEqual([`${base}/venue/deep/part_b`, `${base}/venue/part_a`])
    expect(await storage().list('data', `${base}/nothing`)).toEqual([])
  })

  it('reads whole and streamed, and stats', async () => {
    const body = Buffer.from('1|a\n2|\\|b\n3|ü\n')
    await storage().write(at('read/one'), body)
    expect(await storage().read(at('read/one'))).toEqual(body)
    expect(await collect(await storage().openRead(at('read/one')))).toEqual(
      body,
    )
    expect(await storage().stat(at('read/one'))).toEqual({
      bucket: 'data',
      key: `${base}/read/one`,
      size: body.length,
    })
    expect(await storage().stat(at('read/none'))).toBeUndefined()
  })

  it('writes a stream, replaces an object, and writes an empty one', async () => {
    await storage().write(
      at('w/streamed'),
      Readable.from([Buffer.from('ab'), Buffer.from('cd')]),
    )
    expect((await storage().read(at('w/streamed'))).toString()).toBe('abcd')
    await storage().write(at('w/streamed'), Buffer.from('new'))
    expect((await storage().read(at('w/streamed'))).toString()).toBe('new')
    await storage().write(at('w/empty'), Readable.from([]))
    expect(await storage().read(at('w/empty'))).toEqual(Buffer.alloc(0))
  })

  it('writes and reads back objects larger than one upload part', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 17)
    for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) & 0xff
    await storage().write(at('big/buffer'), big)
    const pieces = (function* () {
      for (let i = 0; i < big.length; i += 1_000_003) {
        yield big.subarray(i, i + 1_000_003)
      }
    })()
    await storage().write(at('big/stream'), Readable.from(pieces))
    expect((await storage().read(at('big/buffer'))).equals(big)).toBe(true)
    const streamed = await collect(await storage().openRead(at('big/stream')))
    expect(streamed.equals(big)).toBe(true)
  })

  it('deletes objects, ignoring missing ones', async () => {
    await storage().write(at('del/a'), Buffer.from('a'))
    await storage().write(at('del/b'), Buffer.from('b'))
    await storage().delete([at('del/a'), at('del/missing')])
    expect(
      (await storage().list('data', `${base}/del/`)).map((o) => o.key),
    ).toEqual([`${base}/del/b`])
  })

  it('answers NoSuchKey and NoSuchBucket as S3 does', async () => {
    expect(await codeOf(storage().read(at('missing')))).toBe('NoSuchKey')
    expect(await codeOf(storage().openRead(at('missing')))).toBe('NoSuchKey')
    const absent = { bucket: 'absent-bucket', key: 'k' }
    expect(await codeOf(storage().read(absent))).toBe('NoSuchBucket')
    expect(await codeOf(storage().list('absent-bucket', ''))).toBe(
      'NoSuchBucket',
    )
    expect(await codeOf(storage().stat(absent))).toBe('NoSuchBucket')
    expect(await codeOf(storage().write(absent, Buffer.from('x')))).toBe(
      'NoSuchBucket',
    )
    try {
      await storage().read(at('missing'))
    } catch (error) {
      expect((error as StorageError).url).toBe(`s3://data/${base}/missing`)
    }
  })

  it('lists past one page of results', async () => {
    const keys = Array.from(
      { length: 1010 },
      (_, i) => `page/${String(i).padStart(4, '0')}`,
    )
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys
          .slice(i, i + 50)
          .map((key) => storage().write(at(key), Buffer.from('x'))),
      )
    }
    const listed = await storage().list('data', `${base}/page/`)
    expect(listed.map((o) => o.key)).toEqual(keys.map((k) => `${base}/${k}`))
  })
})
