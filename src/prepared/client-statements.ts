import type pg from 'pg'

import { quoteIdentifier } from '../sql/literal.js'
import { deallocationCount, type StatementHandle } from './named-statement.js'
import { PreparedStatementError } from './prepared-statement-error.js'

/**
 * pg's own record of the named statements parsed on a client (name -> text):
 * it sends Parse only for a name it has not parsed yet. Kept in step when a
 * statement is deallocated, so the next use parses it again.
 */
interface ConnectionInternals {
  readonly parsedStatements: Record<string, string | undefined>
}

/** What one client has prepared for us, and which deallocations it has seen. */
interface ClientStatements {
  readonly owners: Map<string, StatementHandle>
  sweptAt: number
}

const byClient = new WeakMap<pg.Client, ClientStatements>()

// "prepared statement ... does not exist": someone (DISCARD ALL, DEALLOCATE
// ALL) dropped it already; that is what we wanted.
const UNDEFINED_PSTATEMENT = '26000'

/**
 * Whether a connection must do some bookkeeping of named statements before
 * its next statement: it prepared a statement that was deallocated since.
 * One comparison when nothing was ever deallocated.
 *
 * ```ts
 * if (needsStatementSync(client)) await syncNamedStatements(client)
 * ```
 */
export function needsStatementSync(client: pg.Client): boolean {
  const count = deallocationCount()
  if (count === 0) return false
  const statements = byClient.get(client)
  return statements !== undefined && statements.sweptAt !== count
}

/**
 * Brings a client's named statements up to date before it runs a statement:
 * deallocates on the server those that were deallocated (only outside a
 * transaction, so a failing DEALLOCATE can never abort the caller's
 * transaction), and, for a statement about to run as `handle`, checks that
 * it is still alive and that the name is not taken on this client by a
 * different text. pg then parses the statement on this client the first
 * time only; a new client (after a reconnect) has parsed nothing, so it is
 * prepared again there.
 *
 * ```ts
 * await syncNamedStatements(client, handle, compiledQuery.sql)
 * await client.query({ name: handle.name, text: compiledQuery.sql, values })
 * ```
 */
export async function syncNamedStatements(
  client: pg.Client,
  handle?: StatementHandle,
  text?: string,
): Promise<void> {
  let statements = byClient.get(client)
  if (statements === undefined) {
    if (handle === undefined) return
    // Nothing was prepared here before: no past deallocation concerns it.
    statements = { owners: new Map(), sweptAt: deallocationCount() }
    byClient.set(client, statements)
  }
  if (
    statements.sweptAt !== deallocationCount() &&
    client.getTransactionStatus() === 'I'
  ) {
    await sweep(client, statements)
  }
  if (handle === undefined) return
  const name = handle.name
  if (handle.deallocated) {
    throw deallocatedError(name)
  }
  const parsed = parsedStatementsOf(client)[name]
  if (parsed !== undefined && parsed !== text) {
    const owner = statements.owners.get(name)
    if (owner === undefined || owner === handle || !owner.deallocated) {
      throw new PreparedStatementError({
        statement: name,
        problem: 'name-conflict',
        message:
          'another statement with this name is prepared on the connection; give each prepared statement its own name',
      })
    }
    // The name's previous statement was deallocated and not yet swept
    // (inside a transaction): it must go before the new one can be parsed.
    await drop(client, statements, name)
  }
  statements.owners.set(name, handle)
}

async function sweep(
  client: pg.Client,
  statements: ClientStatements,
): Promise<void> {
  // Deallocations that happen during the sweep are seen by the next one.
  const count = deallocationCount()
  for (const [name, owner] of statements.owners) {
    if (owner.deallocated) {
      await drop(client, statements, name)
    }
  }
  statements.sweptAt = count
}

async function drop(
  client: pg.Client,
  statements: ClientStatements,
  name: string,
): Promise<void> {
  const parsed = parsedStatementsOf(client)
  if (parsed[name] !== undefined) {
    try {
      await client.query(`deallocate ${quoteIdentifier(name)}`)
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNDEFINED_PSTATEMENT) {
        throw error
      }
    }
    delete parsed[name]
  }
  statements.owners.delete(name)
}

function parsedStatementsOf(
  client: pg.Client,
): Record<string, string | undefined> {
  return (client.connection as unknown as ConnectionInternals).parsedStatements
}

/**
 * The error of an execute after `deallocate()`.
 * @internal
 */
export function deallocatedError(name: string): PreparedStatementError {
  return new PreparedStatementError({
    statement: name,
    problem: 'deallocated',
    message: 'it was deallocated; prepare it again to run it',
  })
}
