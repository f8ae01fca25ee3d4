import type { FunctionModule } from 'kysely'

/**
 * The `DB` of a Kysely instance, a transaction or a `RedshiftClient`. Read
 * from `fn` (a `FunctionModule<DB, keyof DB>`, which no wrapper narrows):
 * inferring `DB` from the whole instance goes wrong for the client, whose
 * write methods are narrowed to writable relations.
 *
 * ```ts
 * type DB = DatabaseOf<typeof db> // the DB interface db was created with
 * ```
 */
export type DatabaseOf<K> = K extends {
  readonly fn: FunctionModule<infer DB, any>
}
  ? DB
  : never
