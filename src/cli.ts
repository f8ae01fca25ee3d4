/**
 * The `kysely-redshift` command.
 *
 * ```sh
 * npx kysely-redshift local --port 5439
 * npx kysely-redshift codegen --out-file src/db.ts
 * ```
 *
 * @module
 */
import { runLocalCli } from './local/cli.js'

const HELP = `Usage: kysely-redshift <command> [options]

Commands:
  local    start a local Redshift emulator (kysely-redshift local --help)
  codegen  generate Kysely types from a Redshift catalog, the same as the
           codegen bin (kysely-redshift codegen --help)`

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv
  switch (command) {
    case 'local':
      await runLocalCli(rest)
      return
    case 'codegen': {
      // Loaded on demand: the emulator's command does not need codegen's
      // modules, nor codegen the emulator's.
      const { runCodegenCli } =
        await import('../codegen/cli/run-codegen-cli.js')
      process.exitCode = await runCodegenCli(rest)
      return
    }
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(`${HELP}\n`)
      return
    default:
      process.stderr.write(`unknown command: ${command}\n${HELP}\n`)
      process.exitCode = 2
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
})
