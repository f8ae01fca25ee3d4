export { CODEGEN_HELP } from './codegen-help.js'
export {
  runCodegenCli,
  UNEXPECTED_EXIT_CODE,
  type CodegenCliIo,
} from './run-codegen-cli.js'
