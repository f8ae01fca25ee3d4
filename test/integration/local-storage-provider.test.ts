import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { runLocalCli } from '../../src/local/cli.js'
import { LocalRedshiftStartError } from '../../src/local/errors/local-start-error.js'
import { startLocalRedshift } from '../../src/local/start-local-redshift.js'
import { FolderStorage } from '../../src/local/storage/folder-storage.js'
import { S3EndpointStorage } from '../../src/local/storage/s3-endpoint-storage.js'
import { StorageError } from '../../src/local/storage/storage-error.js'
import { createStorageProvider } from '../../src/local/storage/storage-provider.js'
import { startS3Server, type S3TestServer } from './s3-test-server.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const TOKEN = 'FwoGZXIvYXdzEXAMPLETOKEN'
const ENV_KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const

let s3: S3TestServer
let dir: string
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))

beforeAll(async () => {
  s3 = await startS3Server()
  s3.createBucket('bucket')
  dir = await mkdtemp(join(tmpdir(), 'storage-provider-'))
  await mkdir(join(dir, 'bucket'))
})

afterAll(async () => {
  await s3?.stop()
  await rm(dir, { recursive: true, force: true })
})

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
})

function clearEnvKeys(): void {
  for (const key of ENV_KEYS) delete process.env[key]
}

async function failure(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StorageError)
  return error as StorageError
}

describe('createStorageProvider', () => {
  it('is undefined without s3Dir or s3Endpoint', () => {
    expect(createStorageProvider({})).toBeUndefined()
  })

  it('serves every statement from one folder, whatever its keys', async () => {
    const provider = createStorageProvider({ s3Dir: dir })!
    const one = provider.forStatement({})
    const two = provider.forStatement({
      accessKeyId: 'AKIA',
      secretAccessKey: SECRET,
    })
    expect(one).toBeInstanceOf(FolderStorage)
    expect(two).toBe(one)
    await one.write({ bucket: 'bucket', key: 'k' }, Buffer.from('v'))
    expect((await two.read({ bucket: 'bucket', key: 'k' })).toString()).toBe(
      'v',
    )
  })

  it('refuses s3Dir with s3Endpoint, a non-HTTP endpoint and keys in the URL, naming the option and no secret', () => {
    expect(() =>
      createStorageProvider({ s3Dir: dir, s3Endpoint: s3.endpoint }),
    ).toThrow(/s3Dir and s3Endpoint/)
    expect(() => createStorageProvider({ s3Endpoint: 'not a url' })).toThrow(
      LocalRedshiftStartError,
    )
    expect(() =>
      createStorageProvider({ s3Endpoint: 'ftp://127.0.0.1/' }),
    ).toThrow(/s3Endpoint must be an http/)
    let message = ''
    try {
      createStorageProvider({
        s3Endpoint: `ftp://user:${encodeURIComponent(SECRET)}@127.0.0.1/`,
      })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/s3Endpoint must not carry credentials/)
    expect(message).not.toContain(encodeURIComponent(SECRET))
  })

  it('signs with the statement keys, else with the environment, else refuses with what to do', async () => {
    const provider = createStorageProvider({ s3Endpoint: s3.endpoint })!
    clearEnvKeys()
    const location = { bucket: 'bucket', key: 'signed/a' }

    const unsigned = provider.forStatement({})
    expect(unsigned).toBeInstanceOf(S3EndpointStorage)
    const refused = await failure(unsigned.write(location, Buffer.from('x')))
    expect(refused.code).toBe('AccessDenied')
    expect(refused.message).toMatch(/ACCESS_KEY_ID.*AWS_ACCESS_KEY_ID/)
    // Only one key of the pair is not a set of keys either.
    const half = await failure(
      provider.forStatement({ accessKeyId: 'AKIA' }).read(location),
    )
    expect(half.code).toBe('AccessDenied')

    const byStatement = provider.forStatement({
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    })
    await byStatement.write(location, Buffer.from('from the statement'))

    process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey
    const byEnvironment = provider.forStatement({})
    expect(byEnvironment).not.toBe(unsigned)
    expect((await byEnvironment.read(location)).toString()).toBe(
      'from the statement',
    )
    // The same keys get the same client back.
    expect(
      provider.forStatement({
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
      }),
    ).toBe(byStatement)
  })

  it('never puts a secret key or token in an error', async () => {
    const provider = createStorageProvider({
      s3Endpoint: 'http://127.0.0.1:9',
      s3Region: 'eu-west-1',
    })!
    const storage = provider.forStatement({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
    })
    const error = await failure(storage.read({ bucket: 'bucket', key: 'k' }))
    expect(error.code).toBe('Other')
    expect(error.message).toContain('http://127.0.0.1:9')
    const text = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(TOKEN)
  })
})

describe('the emulator options', () => {
  it('startLocalRedshift refuses bad storage options before it starts anything', async () => {
    await expect(
      startLocalRedshift({ port: 0, s3Dir: dir, s3Endpoint: s3.endpoint }),
    ).rejects.toThrow(LocalRedshiftStartError)
    await expect(
      runLocalCli(['--s3-endpoint', 'not a url', '--port', '0']),
    ).rejects.toThrow(/s3Endpoint/)
  })
})
