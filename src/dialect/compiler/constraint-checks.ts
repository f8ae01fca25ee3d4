import type { DropConstraintNode, ReferencesNode } from 'kysely'

import { unsupported } from './unsupported.js'

/**
 * Throws for ON DELETE / ON UPDATE actions on a foreign key, written inline
 * on a column (`REFERENCES`) or as a table constraint (`FOREIGN KEY`):
 * Redshift keeps foreign keys as information only, so an action would never
 * run.
 *
 * ```ts
 * checkReferentialActions(node, 'REFERENCES') // from visitReferences
 * ```
 */
export function checkReferentialActions(
  // ForeignKeyConstraintNode carries the same two fields.
  node: Pick<ReferencesNode, 'onDelete' | 'onUpdate'>,
  clause: 'REFERENCES' | 'FOREIGN KEY',
): void {
  if (node.onDelete || node.onUpdate) {
    unsupported(
      'ON DELETE / ON UPDATE actions on foreign keys',
      `a plain ${clause} (informational only on Redshift) and explicit deletes`,
    )
  }
}

/**
 * Throws for DEFERRABLE / INITIALLY DEFERRED: Redshift does not enforce the
 * constraints, so there is nothing to defer.
 *
 * ```ts
 * checkDeferrable(node) // from buildDeferrable
 * ```
 */
export function checkDeferrable(node: {
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}): void {
  if (node.deferrable !== undefined || node.initiallyDeferred !== undefined) {
    unsupported(
      'DEFERRABLE / INITIALLY DEFERRED constraints',
      'a plain constraint (Redshift does not enforce PK, FK or UNIQUE)',
    )
  }
}

/**
 * Throws for DROP CONSTRAINT IF EXISTS.
 *
 * ```ts
 * checkDropConstraint(node) // from visitDropConstraint
 * ```
 */
export function checkDropConstraint(node: DropConstraintNode): void {
  if (node.ifExists) {
    unsupported(
      'DROP CONSTRAINT IF EXISTS',
      'look the constraint up in information_schema.table_constraints first',
    )
  }
}
