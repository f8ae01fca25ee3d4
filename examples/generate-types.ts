/**
 * `npm run generate:examples`: writes `generated/db.ts` from the examples'
 * schema, created in a local Redshift emulator of its own.
 */
import pg from 'pg'

import { startLocalRedshift } from '../src/local/index.js'
import { generateExampleTypes } from './example-types.js'
import { EXAMPLE_SCHEMA } from './schema.js'

const local = await startLocalRedshift({ port: 0 })
try {
  const client = new pg.Client(local.url)
  await client.connect()
  try {
    for (const statement of EXAMPLE_SCHEMA) await client.query(statement)
  } finally {
    await client.end()
  }
  const result = await generateExampleTypes(local.url)
  console.log(
    `${result.action} ${result.outFile} (${result.relations} relations)`,
  )
} finally {
  await local.stop()
}
