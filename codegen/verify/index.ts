export { diffOutput } from './diff-output.js'
