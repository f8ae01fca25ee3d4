import net from 'node:net'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { RedshiftPool } from '../../src/pool/index.js'

/**
 * A server that completes the start-up (AuthenticationOk, ReadyForQuery) and
 * then never answers or closes again, like a peer that vanished from the
 * network.
 */
function silentServer(): { server: net.Server; sockets: Set<net.Socket> } {
  const sockets = new Set<net.Socket>()
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.once('data', () => {
      const ok = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0])
      const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49])
      socket.write(Buffer.concat([ok, ready]))
    })
  })
  return { server, sockets }
}

describe('RedshiftPool: close', () => {
  const { server, sockets } = silentServer()
  let port = 0

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })

  it('finishes even when the server never closes its side of a connection', async () => {
    const pool = new RedshiftPool({
      min: 1,
      max: 1,
      acquireTimeoutMs: 2_000,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 600_000,
      connect: async () => {
        const client = new pg.Client({
          host: '127.0.0.1',
          port,
          user: 'awsuser',
          database: 'dev',
        })
        client.on('error', () => {})
        await client.connect()
        return client
      },
    })
    await pool.start()
    expect(pool.stats().idle).toBe(1)
    const outcome = await Promise.race([
      pool.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 4_000, 'still closing')),
    ])
    expect(outcome).toBe('closed')
  })
})
