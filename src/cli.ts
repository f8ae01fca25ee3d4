/**
 * The `kysely-redshift` command.
 *
 * ```sh
 * npx kysely-redshift local --port 5439
 * ```
 *
 * @module
 */
import { runLocalCli } from './local/cli.js'

const HELP = `Usage: kysely-redshift <command> [options]

Commands:
  local    start a local Redshift emulator (kysely-redshift local --help)`

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv
  switch (command) {
    case 'local':
      await runLocalCli(rest)
      return
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
