export type { Login, LoginProvider } from './login-provider.js'
export { loginProviderOf } from './login-provider-of.js'
export { staticLogin } from './static-login.js'
