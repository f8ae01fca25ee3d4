export {
  toReadable,
  type StreamableQuery,
  type ToReadableOptions,
} from './to-readable.js'
