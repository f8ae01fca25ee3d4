/** The expected form of a port, for error messages. */
export const PORT_EXPECTED = 'integer 1..65535'

/**
 * Reads a port written as text (in a URL, a URL parameter or an environment
 * variable): the number, or what is wrong with it. The problem never quotes
 * the text, which in a URL with an unencoded `/` or `@` may be part of a
 * password.
 *
 * ```ts
 * readPortNumber('5439') // { port: 5439 }
 * readPortNumber('99999') // { problem: 'is out of range' }
 * readPortNumber('abc') // { problem: 'is not a port number' }
 * ```
 */
export function readPortNumber(
  text: string,
): { readonly port: number } | { readonly problem: string } {
  if (!/^\d+$/.test(text)) return { problem: 'is not a port number' }
  const port = Number(text)
  // Port 0 means "any free port" to a listener; a client cannot connect to it.
  if (port < 1 || port > 65535) return { problem: 'is out of range' }
  return { port }
}
