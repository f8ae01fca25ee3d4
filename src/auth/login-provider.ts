/**
 * The user name and password one new connection logs in with.
 *
 * ```ts
 * const login: Login = { user: 'IAM:etl', password: 'temporary' }
 * ```
 */
export interface Login {
  readonly user: string
  readonly password: string | undefined
}

/**
 * Supplies the login of each new connection. Providers backed by temporary
 * credentials cache them and share one refresh between concurrent connects;
 * `invalidate` drops a login the server refused (an expired IAM password),
 * so the next `login()` fetches a fresh one.
 *
 * ```ts
 * const provider = loginProviderOf(config)
 * const { user, password } = await provider.login()
 * ```
 */
export interface LoginProvider {
  login(): Promise<Login>
  /** Forgets a login the server refused; the next call fetches a new one. */
  invalidate?(refused: Login): void
}
