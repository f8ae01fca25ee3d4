export {
  detectServer,
  type DetectServerOptions,
  type ServerInfo,
  type ServerKind,
} from './detect-server.js'
export { introspect, type IntrospectOptions } from './introspect.js'
export { parseIdentityDefault, type IdentityModel } from './parse-identity.js'
export { isSystemSchema } from './system-schemas.js'
