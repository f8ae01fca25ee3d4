import type { RedshiftConfig } from '../config/index.js'
import { createIamLoginProvider } from './iam-login-provider.js'
import type { LoginProvider } from './login-provider.js'
import { staticLogin } from './static-login.js'

/**
 * The login provider a config asks for: IAM temporary credentials when
 * `iam` is set (see {@link createIamLoginProvider}), else the static user
 * and password. Throws a {@link RedshiftConfigError} when an IAM config
 * cannot say which cluster, region or user it means.
 *
 * ```ts
 * const provider = loginProviderOf(parseRedshiftConfig(url))
 * const { user, password } = await provider.login()
 * ```
 */
export function loginProviderOf(config: RedshiftConfig): LoginProvider {
  if (config.iam !== undefined) return createIamLoginProvider(config)
  return staticLogin(config)
}
