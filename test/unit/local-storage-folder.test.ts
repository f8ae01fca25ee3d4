import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { FolderStorage } from '../../src/local/storage/folder-storage.js'
import { StorageError } from '../../src/local/storage/storage-error.js'

let dir: string
let storage: FolderStorage

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'folder-storage-'))
  await mkdir(join(dir, 'bucket'))
  storage = new FolderStorage(dir)
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function failure(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StorageError)
  return error as StorageError
}

describe('FolderStorage', () => {
  it('maps s3://bucket/key to <dir>/bucket/key, creating the folders of the key', async () => {
    await storage.write(
      { bucket: 'bucket', key: 'a/b/c.txt' },
      Buffer.from('hello'),
    )
    expect(await readFile(join(dir, 'bucket', 'a', 'b', 'c.txt'), 'utf8')).toBe(
      'hello',
    )
  })

  it('refuses keys that would leave the bucket or that no folder can hold', async () => {
    for (const key of [
      '../escape',
      'a/../../escape',
      'a/./b',
      'a//b',
      'a\\..\\b',
      'nul\0byte',
    ]) {
      const error = await failure(
        storage.write({ bucket: 'bucket', key }, Buffer.from('x')),
      )
      expect(error.code).toBe('AccessDenied')
      expect(
        (await failure(storage.read({ bucket: 'bucket', key }))).code,
      ).toBe('AccessDenied')
    }
    for (const bucket of ['..', '.', 'a/b', '.hidden']) {
      const error = await failure(storage.list(bucket, ''))
      expect(error.code).toBe('NoSuchBucket')
    }
    expect(existsSync(join(dir, 'escape'))).toBe(false)
    expect(existsSync(join(dir, '..', 'escape'))).toBe(false)
  })

  it('lists nothing for a prefix with a dot-dot segment', async () => {
    await storage.write({ bucket: 'bucket', key: 'x/y' }, Buffer.from('1'))
    expect(await storage.list('bucket', 'x/../')).toEqual([])
  })

  it('leaves no object, no partial file and no staging file when a streamed write fails', async () => {
    await storage.write({ bucket: 'bucket', key: 'keep' }, Buffer.from('old'))
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1))
        this.destroy(new Error('source broke'))
      },
    })
    await expect(
      storage.write({ bucket: 'bucket', key: 'keep' }, failing),
    ).rejects.toThrow('source broke')
    expect(
      (await storage.read({ bucket: 'bucket', key: 'keep' })).toString(),
    ).toBe('old')
    const failingNew = new Readable({
      read() {
        this.destroy(new Error('source broke'))
      },
    })
    await expect(
      storage.write({ bucket: 'bucket', key: 'new/obj' }, failingNew),
    ).rejects.toThrow()
    expect(
      await storage.stat({ bucket: 'bucket', key: 'new/obj' }),
    ).toBeUndefined()
    const staging = join(dir, '.kysely-redshift-staging')
    expect(existsSync(staging) ? await readdir(staging) : []).toEqual([])
  })

  it('removes folders a delete leaves empty, as S3 has no empty folders', async () => {
    await storage.write(
      { bucket: 'bucket', key: 'p/q/r/one' },
      Buffer.from('1'),
    )
    await storage.write({ bucket: 'bucket', key: 'p/two' }, Buffer.from('2'))
    await storage.delete([{ bucket: 'bucket', key: 'p/q/r/one' }])
    expect(existsSync(join(dir, 'bucket', 'p', 'q'))).toBe(false)
    expect(existsSync(join(dir, 'bucket', 'p', 'two'))).toBe(true)
    await storage.delete([{ bucket: 'bucket', key: 'p/two' }])
    expect(existsSync(join(dir, 'bucket', 'p'))).toBe(false)
    expect(existsSync(join(dir, 'bucket'))).toBe(true)
  })

  it('does not list empty folders or the staging folder, and a folder is not an object', async () => {
    await mkdir(join(dir, 'bucket', 'empty', 'deeper'), { recursive: true })
    await storage.write({ bucket: 'bucket', key: 'empty2/x' }, Buffer.from('x'))
    expect((await storage.list('bucket', '')).map((o) => o.key)).toEqual([
      'empty2/x',
    ])
    expect(
      await storage.stat({ bucket: 'bucket', key: 'empty2' }),
    ).toBeUndefined()
    expect(
      (await failure(storage.read({ bucket: 'bucket', key: 'empty2' }))).code,
    ).toBe('NoSuchKey')
  })

  it('says when a key and a folder of the same name collide', async () => {
    await storage.write({ bucket: 'bucket', key: 'a' }, Buffer.from('file'))
    const error = await failure(
      storage.write({ bucket: 'bucket', key: 'a/b' }, Buffer.from('x')),
    )
    expect(error.code).toBe('Other')
    expect(error.message).toContain('s3://bucket/a/b')
    expect(
      (
        await failure(
          storage.write({ bucket: 'bucket', key: 'dir/' }, Buffer.from('x')),
        )
      ).code,
    ).toBe('Other')
  })

  it('needs the bucket folder to exist, as S3 needs the bucket', async () => {
    const error = await failure(
      storage.write({ bucket: 'nobucket', key: 'k' }, Buffer.from('x')),
    )
    expect(error.code).toBe('NoSuchBucket')
    expect(error.url).toBe('s3://nobucket/k')
    expect(existsSync(join(dir, 'nobucket'))).toBe(false)
  })
})
