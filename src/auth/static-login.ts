import type { RedshiftConfig } from '../config/index.js'
import type { LoginProvider } from './login-provider.js'

/**
 * The login of a config without IAM: its user, and the password its
 * provider answers for each new connection.
 *
 * ```ts
 * const { user, password } = await staticLogin(config).login()
 * ```
 */
export function staticLogin(config: RedshiftConfig): LoginProvider {
  return {
    login: async () => ({
      user: config.user,
      password: await config.password(),
    }),
  }
}
