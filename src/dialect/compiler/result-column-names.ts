import {
  AliasNode,
  ColumnNode,
  IdentifierNode,
  ReferenceNode,
  type OperationNode,
} from 'kysely'

import { unsupported } from './unsupported.js'

const UPPER_CASE = /[A-Z]/

/**
 * Throws for a selection whose result key has upper-case letters: unless
 * the cluster runs with `enable_case_sensitive_identifier`, Redshift returns
 * it lower-cased and the row no longer matches its TypeScript type.
 *
 * ```ts
 * checkResultColumnName(node.selection) // from visitSelection
 * ```
 */
export function checkResultColumnName(selection: OperationNode): void {
  const name = outputName(selection)
  if (name !== undefined && UPPER_CASE.test(name)) {
    unsupported(
      `upper-case result column names ("${name}" comes back as "${name.toLowerCase()}")`,
      "snake_case names (Kysely's CamelCasePlugin maps them to camelCase), or " +
        'enable_case_sensitive_identifier = true with { caseSensitiveIdentifiers: true } on the dialect',
    )
  }
}

/** The key a selection gets in the result row, when it can be known. */
function outputName(selection: OperationNode): string | undefined {
  if (AliasNode.is(selection)) {
    return IdentifierNode.is(selection.alias) ? selection.alias.name : undefined
  }
  if (ReferenceNode.is(selection)) {
    return ColumnNode.is(selection.column)
      ? selection.column.column.name
      : undefined
  }
  if (ColumnNode.is(selection)) {
    return selection.column.name
  }
  return undefined
}
