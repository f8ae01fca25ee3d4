// The cache of temporary logins, on a clock the test moves: when a login is
// reused, when it is replaced, and that an expired one is never handed out.
import { describe, expect, it } from 'vitest'

import { RefreshingLoginProvider } from '../../src/auth/refreshing-login-provider.js'
import type { TemporaryLogin } from '../../src/auth/temporary-login.js'

function setup(options: {
  lifetimeMs: number
  skewMs: number
  refreshInMs?: number
}) {
  let now = 1_000_000
  let fetches = 0
  let failNext: Error | undefined
  let release: (() => void) | undefined
  let gate: Promise<void> | undefined
  const provider = new RefreshingLoginProvider(
    async (): Promise<TemporaryLogin> => {
      fetches++
      if (gate) await gate
      if (failNext) {
        const error = failNext
        failNext = undefined
        throw error
      }
      return {
        user: 'IAM:etl',
        password: `pw-${fetches}`,
        expiresAt: now + options.lifetimeMs,
        ...(options.refreshInMs === undefined
          ? {}
          : { refreshAt: now + options.refreshInMs }),
      }
    },
    { refreshSkewMs: options.skewMs, now: () => now },
  )
  return {
    provider,
    fetches: () => fetches,
    advance: (ms: number) => (now += ms),
    failNext: (error: Error) => (failNext = error),
    hold: () => {
      gate = new Promise((resolve) => (release = resolve))
    },
    release: () => {
      gate = undefined
      release?.()
    },
  }
}

describe('RefreshingLoginProvider', () => {
  it('reuses a login until expiry minus the skew, then fetches the next', async () => {
    const t = setup({ lifetimeMs: 900_000, skewMs: 60_000 })
    expect(await t.provider.login()).toEqual({
      user: 'IAM:etl',
      password: 'pw-1',
    })
    t.advance(839_999)
    expect((await t.provider.login()).password).toBe('pw-1')
    t.advance(1)
    expect((await t.provider.login()).password).toBe('pw-2')
    expect(t.fetches()).toBe(2)
  })

  it("fetches the next login at the API's NextRefreshTime when that is earlier", async () => {
    const t = setup({
      lifetimeMs: 900_000,
      skewMs: 60_000,
      refreshInMs: 300_000,
    })
    expect((await t.provider.login()).password).toBe('pw-1')
    t.advance(299_999)
    expect((await t.provider.login()).password).toBe('pw-1')
    t.advance(1)
    expect((await t.provider.login()).password).toBe('pw-2')
    expect(t.fetches()).toBe(2)
  })

  it('caps the skew at half the lifetime, so a short-lived login is still reused', async () => {
    const t = setup({ lifetimeMs: 4_000, skewMs: 60_000 })
    await t.provider.login()
    t.advance(1_999)
    expect((await t.provider.login()).password).toBe('pw-1')
    t.advance(1)
    expect((await t.provider.login()).password).toBe('pw-2')
  })

  it('shares one fetch among concurrent callers', async () => {
    const t = setup({ lifetimeMs: 900_000, skewMs: 60_000 })
    t.hold()
    const logins = Array.from({ length: 100 }, () => t.provider.login())
    t.release()
    const passwords = new Set(
      (await Promise.all(logins)).map((l) => l.password),
    )
    expect([...passwords]).toEqual(['pw-1'])
    expect(t.fetches()).toBe(1)
  })

  it('uses the current login when a refresh ahead of time fails, never once it expired', async () => {
    const t = setup({ lifetimeMs: 900_000, skewMs: 60_000 })
    await t.provider.login()
    t.advance(850_000) // due, 50 s left
    t.failNext(new Error('throttled'))
    expect((await t.provider.login()).password).toBe('pw-1')
    t.advance(50_000) // expired
    t.failNext(new Error('throttled'))
    await expect(t.provider.login()).rejects.toThrow('throttled')
    expect((await t.provider.login()).password).toBe('pw-4')
  })

  it('drops a refused login, and only that one', async () => {
    const t = setup({ lifetimeMs: 900_000, skewMs: 60_000 })
    const first = await t.provider.login()
    t.provider.invalidate({ user: 'IAM:etl', password: 'an-older-one' })
    expect((await t.provider.login()).password).toBe('pw-1')
    t.provider.invalidate(first)
    expect((await t.provider.login()).password).toBe('pw-2')
    expect(t.fetches()).toBe(2)
  })

  it('hands out copies, so a caller cannot change the cached login', async () => {
    const t = setup({ lifetimeMs: 900_000, skewMs: 60_000 })
    const login = (await t.provider.login()) as { password: string }
    login.password = 'changed'
    expect((await t.provider.login()).password).toBe('pw-1')
  })
})
