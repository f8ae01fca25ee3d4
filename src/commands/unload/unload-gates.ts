import type { UnloadRule } from './unload-rules.js'

// A row's `option` and `other` may be unions (one row type stands for the
// rows excludesEach builds from lists), so rows are matched by `extends`,
// distributing over the table, rather than by Extract.
type OthersOf<R, K extends string> = R extends {
  readonly kind: 'excludes'
  readonly option: infer O
  readonly other: infer X
}
  ? (K extends O ? X : never) | (K extends X ? O : never)
  : never

type NeedsOf<R, K extends string> = R extends {
  readonly kind: 'requires'
  readonly option: infer O
  readonly other: infer X
}
  ? K extends O
    ? X
    : never
  : never

/**
 * The keywords that cannot be used together with `K`, read from the rule
 * table (both directions of each `excludes` row).
 *
 * ```ts
 * type T = ExcludedBy<'HEADER'> // 'PARQUET' | 'JSON' | 'FIXEDWIDTH'
 * ```
 */
export type ExcludedBy<K extends string> = Exclude<OthersOf<UnloadRule, K>, K>

/**
 * The keywords `K` needs, read from the rule table's `requires` rows.
 *
 * ```ts
 * type T = RequiredBy<'ROWGROUPSIZE'> // 'PARQUET'
 * ```
 */
export type RequiredBy<K extends string> = NeedsOf<UnloadRule, K>

/**
 * What a blocked method of the builder is instead of a function: an object
 * type named after the rule, so that calling it fails to compile with the
 * rule in the error ("Type 'Blocked<"HEADER cannot be used with PARQUET">'
 * has no call signatures").
 *
 * ```ts
 * const b: UnloadBuilder<Row, 'PARQUET'> = ...
 * b.header() // does not compile
 * ```
 */
export type Blocked<Message extends string> = {
  readonly [P in Message]: 'blocked by this rule of UNLOAD'
}

type IsNever<T> = [T] extends [never] ? true : false

/**
 * Why keyword `M` cannot be added to a builder that holds `Held`, or `never`
 * when it can: it is already there, a held keyword excludes it, or a keyword
 * it needs is missing.
 *
 * ```ts
 * type W = GateReason<'HEADER', 'PARQUET'> // 'HEADER cannot be used with PARQUET'
 * ```
 */
export type GateReason<M extends string, Held extends string> =
  IsNever<M & Held> extends false
    ? `${M} is already set`
    : IsNever<ExcludedBy<M> & Held> extends false
      ? `${M} cannot be used with ${ExcludedBy<M> & Held}`
      : IsNever<Exclude<RequiredBy<M>, Held>> extends false
        ? `${M} needs ${Exclude<RequiredBy<M>, Held>} first`
        : never

/**
 * `Method` when keyword `M` may be added to a builder holding `Held`,
 * otherwise a {@link Blocked} message.
 *
 * ```ts
 * header: Gate<'HEADER', K, () => UnloadBuilder<O, K | 'HEADER'>>
 * ```
 */
export type Gate<M extends string, Held extends string, Method> =
  IsNever<GateReason<M, Held>> extends true
    ? Method
    : Blocked<GateReason<M, Held>>

/**
 * The members of `Choices` (keywords) that may still be added to a builder
 * holding `Held`.
 *
 * ```ts
 * type F = Allowed<'CSV' | 'PARQUET' | 'JSON', 'HEADER'> // 'CSV'
 * ```
 */
export type Allowed<Choices extends string, Held extends string> = {
  [C in Choices]: IsNever<GateReason<C, Held>> extends true ? C : never
}[Choices]
