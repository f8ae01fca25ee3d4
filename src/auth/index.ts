export type { AwsCredentialsProvider } from './aws-credentials-of.js'
export {
  createIamLoginProvider,
  type IamLoginProviderOptions,
} from './iam-login-provider.js'
export {
  IamCredentialsError,
  type IamCredentialsErrorOptions,
  type IamCredentialsFailure,
} from './iam-credentials-error.js'
export {
  resolveIamTarget,
  type IamTarget,
  type ProvisionedIamTarget,
  type RegionEnvironment,
  type ServerlessIamTarget,
} from './iam-target.js'
export type { Login, LoginProvider } from './login-provider.js'
export { loginProviderOf } from './login-provider-of.js'
export {
  parseRedshiftHost,
  type RedshiftHostInfo,
} from './parse-redshift-host.js'
export {
  RefreshingLoginProvider,
  type RefreshingLoginOptions,
} from './refreshing-login-provider.js'
export {
  DEFAULT_THROTTLE_RETRY,
  isRetryableAwsError,
  type ThrottleRetryOptions,
} from './retry-throttled.js'
export { staticLogin } from './static-login.js'
export type { TemporaryLogin } from './temporary-login.js'
