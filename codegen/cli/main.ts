/**
 * The `codegen` bin's entry point.
 *
 * ```sh
 * npx codegen --out-file src/db.ts
 * ```
 *
 * @module
 */
import { runCodegenCli } from './run-codegen-cli.js'

// No top-level await: no module of the package uses it, so that require()
// of any of them works where Node can require ES modules.
void runCodegenCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
