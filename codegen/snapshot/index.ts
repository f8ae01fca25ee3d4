export { readSnapshot } from './read-snapshot.js'
export { stableJson } from './stable-json.js'
export { writeSnapshot } from './write-snapshot.js'
