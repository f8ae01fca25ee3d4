import type pg from 'pg'

interface PgConnection {
  readonly stream: NodeJS.WritableStream
  sendCopyFromChunk(chunk: Buffer): void
  endCopyFrom(): void
  sendCopyFail(message: string): void
}

/**
 * Runs `COPY ... FROM STDIN` on a pg client and streams `chunks` into it,
 * as a pg "submittable" (the protocol messages pg-copy-streams sends),
 * waiting for the socket to drain between chunks. Resolves with the row
 * count of the CommandComplete; rejects with the chunks' own error (after
 * sending CopyFail), or with PostgreSQL's.
 */
export function copyFromStdin(
  client: pg.Client,
  text: string,
  chunks: AsyncIterable<Buffer>,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let rows = 0
    let sourceError: unknown
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(text)
      },
      handleCopyInResponse(connection: PgConnection) {
        void (async () => {
          try {
            for await (const chunk of chunks) {
              const before = (
                connection.stream as unknown as { writableLength: number }
              ).writableLength
              connection.sendCopyFromChunk(chunk)
              if (before + chunk.length > 1 << 20)
                await new Promise((r) => connection.stream.once('drain', r))
            }
            connection.endCopyFrom()
          } catch (error) {
            sourceError = error
            connection.sendCopyFail(
              error instanceof Error ? error.message : String(error),
            )
          }
        })()
      },
      handleCommandComplete(message: { text: string }) {
        rows = Number(/(\d+)$/.exec(message.text)?.[1] ?? 0)
      },
      // pg drops the query on an ErrorResponse (its ReadyForQuery reaches no
      // handler), so an error settles here.
      handleError(error: unknown) {
        reject(sourceError ?? error)
      },
      handleReadyForQuery() {
        resolve(rows)
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    }
    void client.query(submittable as unknown as pg.QueryConfig)
  })
}
