/**
 * When each table of a database was created, counted in commits that
 * created tables: a transaction whose snapshot was taken at era E cannot
 * read a table created at an era after E. Redshift's catalog is not
 * snapshot-isolated, so such a table is visible to the transaction yet its
 * reading fails with `1018 Relation does not exist`
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html);
 * PostgreSQL would read it as empty. Names are kept lower case without
 * `public.`, as the planner's facts name them.
 *
 * @example
 * ```ts
 * const eras = snapshotErasOf(runtime, 'dev')
 * const snapshot = eras.era
 * eras.created(['sales'])
 * eras.createdAfter(['sales'], snapshot) // 'sales'
 * ```
 */
export class SnapshotEras {
  #era = 0
  readonly #created = new Map<string, number>()

  /** The current era: a snapshot taken now sees every table created so far. */
  get era(): number {
    return this.#era
  }

  /** Tables a commit (or an autocommitted statement) created. */
  created(tables: readonly string[]): void {
    if (tables.length === 0) return
    this.#era++
    for (const table of tables) this.#created.set(key(table), this.#era)
  }

  /** The first of `tables` created after the snapshot of era `era`, if any. */
  createdAfter(tables: readonly string[], era: number): string | undefined {
    if (this.#created.size === 0) return undefined
    return tables.find((t) => (this.#created.get(key(t)) ?? 0) > era)
  }
}

const ERAS = new WeakMap<object, Map<string, SnapshotEras>>()

/** The eras of `database` in the emulator `runtime` (shared by its sessions). */
export function snapshotErasOf(
  runtime: object,
  database: string,
): SnapshotEras {
  let byDatabase = ERAS.get(runtime)
  if (byDatabase === undefined) {
    byDatabase = new Map()
    ERAS.set(runtime, byDatabase)
  }
  let eras = byDatabase.get(database)
  if (eras === undefined) {
    eras = new SnapshotEras()
    byDatabase.set(database, eras)
  }
  return eras
}

function key(table: string): string {
  const lower = table.toLowerCase()
  return lower.startsWith('public.') ? lower.slice('public.'.length) : lower
}
