/**
 * `codegen --help`: every option, with its default.
 *
 * ```ts
 * console.log(CODEGEN_HELP)
 * ```
 */
export const CODEGEN_HELP = `Usage: codegen [options]
       kysely-redshift codegen [options]

Generates Kysely types (a DB interface) from an Amazon Redshift catalog, or
from a model saved with --snapshot. Options can also be set in
codegen.config.json or under a "codegen" key in package.json (camelCase
keys: outFile, includePattern, int8, ...); options given here win.

Connection:
  --url <url>                 redshift:// or postgres:// URL of the cluster or
                              the local emulator
                              (default: env REDSHIFT_URL, then env DATABASE_URL)
  --from-snapshot <file>      render from a saved model, with no database

Output:
  --out-file <file>           file to write (default: generated/db.ts)
  --print                     print the types to stdout instead of writing them
  --verify                    compare with --out-file instead of writing: exit 1
                              and print a diff when it is stale, 0 when fresh
  --snapshot <file>           also save the schema model as JSON to <file>

Relations:
  --include-pattern <glob>    only relations whose "schema.table" matches
                              (repeatable; default: all)
  --exclude-pattern <glob>    leave out relations whose "schema.table" matches
                              (repeatable; default: none)
  --default-schema <name>     schema whose relations are keyed by bare name in
                              DB (repeatable; default: public)

Types:
  --camel-case                camelCase property names, for Kysely's
                              CamelCasePlugin (default: off; --no-camel-case)
  --type-only-imports         import type for the file's imports
                              (default: on; --no-type-only-imports)
  --int8 <bigint|string>      type of int8 columns; match the client's
                              types.int8 (default: bigint)
  --numeric <string|number>   type of numeric columns; match the client's
                              types.numeric (default: string)
  --import-from <module>      module the helper types are imported from
                              (default: kysely-redshift)

General:
  --config <file>             config file to read (default: codegen.config.json,
                              else the "codegen" key of package.json)
  --log-level <level>         silent, error, warn, info or debug, on stderr
                              (default: info)
  -h, --help                  show this help

Exit codes: 0 done, 1 stale (--verify), 2 bad usage, 3 bad config,
4 unreachable host, 5 bad credentials, 6 not Redshift, 7 pattern matches
nothing, 8 bad snapshot, 9 unwritable file, 10 introspection failed.`
