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

process.exitCode = await runCodegenCli(process.argv.slice(2))
