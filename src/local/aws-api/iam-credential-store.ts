import { randomBytes } from 'node:crypto'

/** A temporary login the emulator handed out. */
export interface IssuedCredential {
  /** The name the client logs in with (`IAM:etl`, `IAMA:etl`, `IAMR:loader`). */
  readonly loginUser: string
  /** The PostgreSQL role the session runs as. */
  readonly role: string
  readonly password: string
  /** Epoch ms. */
  readonly expiresAt: number
  /** Set when the credentials were asked for one database only. */
  readonly database?: string
}

/** How the logins with issued credentials went. */
export interface IamLoginStats {
  /** Logins with a valid temporary password. */
  readonly accepted: number
  /** Logins refused for any reason (expired included). */
  readonly refused: number
  /** Logins refused because the password was right but had expired. */
  readonly expired: number
}

/** What checking a login against the issued credentials found. */
export type IamLoginCheck =
  | { readonly ok: true; readonly credential: IssuedCredential }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'database' }

/** Redshift's default lifetime of temporary credentials (DurationSeconds). */
export const DEFAULT_CREDENTIAL_SECONDS = 900

// Expired credentials are kept this long so that a late login with one is
// told apart (and counted) as expired rather than unknown.
const KEEP_EXPIRED_MS = 60 * 60 * 1000

/**
 * The temporary users and passwords the emulator's credential APIs issued,
 * checked at login as Redshift checks them: a password is good for its
 * user until it expires, and for its database when one was named.
 *
 * @example
 * ```ts
 * const store = new IamCredentialStore({ ttlSeconds: 5 })
 * const issued = store.issue({ loginUser: 'IAM:etl', role: 'etl', durationSeconds: 900 })
 * store.check('IAM:etl', 'dev', (password) => password === issued.password) // { ok: true, ... }
 * ```
 */
export class IamCredentialStore {
  readonly #ttlSeconds: number | undefined
  readonly #now: () => number
  readonly #issued = new Map<string, IssuedCredential[]>()
  #accepted = 0
  #refused = 0
  #expired = 0

  constructor(
    options: {
      /** Overrides every lifetime asked for (tests use seconds, Redshift allows 900..3600). */
      readonly ttlSeconds?: number
      readonly now?: () => number
    } = {},
  ) {
    this.#ttlSeconds = options.ttlSeconds
    this.#now = options.now ?? Date.now
  }

  /** Whether a login name is one of IAM's (`IAM:`, `IAMA:`, `IAMR:`). */
  static isIamUser(user: string): boolean {
    return /^IAM[AR]?:/.test(user)
  }

  /** Issues a new password for `loginUser`, good for the lifetime asked (or the store's TTL). */
  issue(request: {
    readonly loginUser: string
    readonly role: string
    readonly durationSeconds?: number
    readonly database?: string
  }): IssuedCredential {
    const now = this.#now()
    const seconds =
      this.#ttlSeconds ?? request.durationSeconds ?? DEFAULT_CREDENTIAL_SECONDS
    const credential: IssuedCredential = Object.freeze({
      loginUser: request.loginUser,
      role: request.role,
      // Redshift's temporary passwords are long base64 strings too.
      password: randomBytes(48).toString('base64'),
      expiresAt: now + seconds * 1000,
      ...(request.database === undefined ? {} : { database: request.database }),
    })
    const list = (this.#issued.get(request.loginUser) ?? []).filter(
      (c) => c.expiresAt > now - KEEP_EXPIRED_MS,
    )
    list.push(credential)
    this.#issued.set(request.loginUser, list)
    return credential
  }

  /**
   * Checks a login: `matches` tells whether a candidate password is the one
   * the client proved it has (the MD5 exchange never sends it in clear).
   */
  check(
    loginUser: string,
    database: string,
    matches: (password: string) => boolean,
  ): IamLoginCheck {
    const now = this.#now()
    const found = (this.#issued.get(loginUser) ?? []).find((c) =>
      matches(c.password),
    )
    const result: IamLoginCheck =
      found === undefined
        ? { ok: false, reason: 'unknown' }
        : found.expiresAt <= now
          ? { ok: false, reason: 'expired' }
          : found.database !== undefined && found.database !== database
            ? { ok: false, reason: 'database' }
            : { ok: true, credential: found }
    if (result.ok) this.#accepted++
    else {
      this.#refused++
      if (result.reason === 'expired') this.#expired++
    }
    return result
  }

  /** Ends every issued password now, as if its lifetime had run out. */
  expireAll(): void {
    const now = this.#now()
    for (const [user, list] of this.#issued) {
      this.#issued.set(
        user,
        list.map((c) =>
          c.expiresAt > now ? Object.freeze({ ...c, expiresAt: now }) : c,
        ),
      )
    }
  }

  get stats(): IamLoginStats {
    return Object.freeze({
      accepted: this.#accepted,
      refused: this.#refused,
      expired: this.#expired,
    })
  }
}
