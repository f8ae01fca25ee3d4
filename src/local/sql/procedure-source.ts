/**
 * What ends a rewritten body so that the text the user wrote can be given
 * back (SHOW PROCEDURE, see `catalog/show-ddl.ts`): a line comment, which
 * PL/pgSQL ignores after the final END.
 */
export const SOURCE_MARKER = '-- redshift_local source '

/**
 * The comment that keeps `body` inside its rewritten form, Base64 so that no
 * text of the user's can end the comment or the dollar quote.
 *
 * @example
 * ```ts
 * keptSource('begin null; end') // '\n-- redshift_local source YmVnaW4gbnVsbDsgZW5k\n'
 * ```
 */
export function keptSource(body: string): string {
  return `\n${SOURCE_MARKER}${Buffer.from(body, 'utf8').toString('base64')}\n`
}
