/**
 * Builders for the few backend messages the emulator writes itself (during
 * start-up; everything later is the backend's own bytes, passed through or
 * substituted). Each returns a complete message ready for `socket.write`.
 */

function message(type: string, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + body.length)
  out[0] = type.charCodeAt(0)
  out.writeInt32BE(4 + body.length, 1)
  body.copy(out, 5)
  return out
}

function int32(value: number): Buffer {
  const b = Buffer.allocUnsafe(4)
  b.writeInt32BE(value | 0, 0)
  return b
}

function cstring(value: string): Buffer {
  return Buffer.from(`${value}\0`, 'utf8')
}

/**
 * `AuthenticationOk`.
 *
 * @example
 * ```ts
 * socket.write(authenticationOk())
 * ```
 */
export function authenticationOk(): Buffer {
  return message('R', int32(0))
}

/** `AuthenticationMD5Password` with the 4-byte salt the client must use. */
export function authenticationMd5(salt: Buffer): Buffer {
  return message('R', Buffer.concat([int32(5), salt]))
}

/** `AuthenticationCleartextPassword`. */
export function authenticationCleartext(): Buffer {
  return message('R', int32(3))
}

/** `ParameterStatus name=value`. */
export function parameterStatus(name: string, value: string): Buffer {
  return message('S', Buffer.concat([cstring(name), cstring(value)]))
}

/** `BackendKeyData`: the pid and secret a client later puts in a CancelRequest. */
export function backendKeyData(pid: number, secret: number): Buffer {
  return message('K', Buffer.concat([int32(pid), int32(secret)]))
}

/** `ReadyForQuery` with transaction status 'I', 'T' or 'E'. */
export function readyForQuery(status: 'I' | 'T' | 'E'): Buffer {
  return message('Z', Buffer.from(status, 'latin1'))
}

/** `CommandComplete` with a command tag such as `SET`. */
export function commandComplete(tag: string): Buffer {
  return message('C', cstring(tag))
}

/**
 * `NegotiateProtocolVersion`: the newest minor version we speak (3.0) and the
 * `_pq_.` options we did not recognise.
 */
export function negotiateProtocolVersion(
  minor: number,
  unrecognized: readonly string[],
): Buffer {
  return message(
    'v',
    Buffer.concat([
      int32(minor),
      int32(unrecognized.length),
      ...unrecognized.map(cstring),
    ]),
  )
}
