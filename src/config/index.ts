export { configFromEnv } from './config-from-env.js'
export { isLoopbackHost } from './is-loopback-host.js'
export { parseConnectionUrl } from './parse-connection-url.js'
export { parseRedshiftConfig } from './parse-redshift-config.js'
export type {
  AwsCredentialsInput,
  PasswordProvider,
  RedshiftCircuitBreakerConfig,
  RedshiftConfig,
  RedshiftIamConfig,
  RedshiftPoolConfig,
  RedshiftRetryConfig,
  RedshiftSessionConfig,
  RedshiftTelemetryConfig,
  RedshiftTlsConfig,
  TlsMode,
} from './redshift-config.js'
export type {
  RedshiftConfigInput,
  RedshiftTlsInput,
} from './redshift-config-input.js'
export { tlsModeFromSslMode } from './ssl-modes.js'
export { toPgClientConfig } from './to-pg-client-config.js'
