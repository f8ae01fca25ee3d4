/**
 * Redshift's largest CHAR and VARCHAR lengths in bytes, which `CHAR(MAX)` and
 * `VARCHAR(MAX)` stand for (r_Character_types.html).
 */
export const MAX_CHAR = 4096

/** @see {@link MAX_CHAR} */
export const MAX_VARCHAR = 65535
