import net from 'node:net'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { extendedRowDescription } from '../../src/local/session/extended-row-description.js'
import type { TestDatabase } from '../setup/test-database.js'
import { connect, openEmulatorDatabase } from './local-test-helpers.js'

/**
 * A field of a RowDescription as the AWS drivers read it: the base
 * protocol's six values, then, from server protocol version 1, the four
 * names and the flags word (JDBC `QueryExecutorImpl.receiveFields`,
 * redshift_connector `core.py` `Connection.handle_ROW_DESCRIPTION`, the
 * ODBC driver's libpq `getRowDescriptions`).
 */
interface DriverField {
  readonly label: string
  readonly tableOid: number
  readonly attnum: number
  readonly typeOid: number
  readonly schemaName?: string
  readonly tableName?: string
  readonly columnName?: string
  readonly catalogName?: string
  /** JDBC: `nullable == 1 ? columnNoNulls : columnNullable`; ODBC: 1 is NOT_NULL. */
  readonly notNull?: boolean
  readonly autoIncrement?: boolean
  readonly readOnly?: boolean
  readonly searchable?: boolean
}

/** A C string at `at`: its text and the offset after its NUL. */
function cString(body: Buffer, at: number): [string, number] {
  const end = body.indexOf(0, at)
  if (end < 0) throw new Error(`unterminated string at ${at}`)
  return [body.toString('utf8', at, end), end + 1]
}

/**
 * RowDescription's body read field by field in the drivers' order; the
 * whole body must be consumed (pg8000's `handle_row_description` raises
 * on leftover bytes, and the JDBC driver reading a stream would misread
 * the next message).
 */
function parseRowDescription(body: Buffer, version: number): DriverField[] {
  const count = body.readInt16BE(0)
  let at = 2
  const fields: DriverField[] = []
  for (let i = 0; i < count; i++) {
    let label: string
    ;[label, at] = cString(body, at)
    const base = {
      label,
      tableOid: body.readUInt32BE(at),
      attnum: body.readInt16BE(at + 4),
      typeOid: body.readInt32BE(at + 6),
    }
    at += 18
    if (version < 1) {
      fields.push(base)
      continue
    }
    let schemaName: string, tableName: string, columnName: string
    let catalogName: string
    ;[schemaName, at] = cString(body, at)
    ;[tableName, at] = cString(body, at)
    ;[columnName, at] = cString(body, at)
    ;[catalogName, at] = cString(body, at)
    const temp = body.readUInt16BE(at)
    at += 2
    fields.push({
      ...base,
      schemaName,
      tableName,
      columnName,
      catalogName,
      notNull: (temp & 0x1) === 1,
      autoIncrement: ((temp >> 4) & 0x1) !== 0,
      readOnly: ((temp >> 8) & 0x1) !== 0,
      searchable: ((temp >> 12) & 0x1) !== 0,
    })
  }
  if (at !== body.length)
    throw new Error(`RowDescription has ${body.length - at} bytes left over`)
  return fields
}

interface Message {
  readonly type: string
  readonly body: Buffer
}

/** A client speaking the wire protocol as the AWS drivers do, on a raw socket. */
class DriverSocket {
  /** The version the session speaks, settled as redshift_connector does. */
  version = 0
  readonly statuses: [string, string][] = []
  readonly #socket: net.Socket
  #buffered = Buffer.alloc(0)
  #waiting: (() => void) | null = null

  private constructor(socket: net.Socket) {
    this.#socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#buffered = Buffer.concat([this.#buffered, chunk])
      const wake = this.#waiting
      this.#waiting = null
      wake?.()
    })
  }

  /** Connects with `client_protocol_version` (undefined sends none, as node-postgres). */
  static async open(
    url: string,
    clientProtocolVersion: string | undefined,
  ): Promise<DriverSocket> {
    const target = new URL(url)
    const socket = net.connect(Number(target.port), target.hostname)
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    const client = new DriverSocket(socket)
    const parameters: Record<string, string> = {
      user: decodeURIComponent(target.username),
      database: target.pathname.slice(1),
      client_encoding: 'UTF8',
      driver_version: 'kysely-redshift protocol test',
    }
    if (clientProtocolVersion !== undefined)
      parameters['client_protocol_version'] = clientProtocolVersion
    const body = Buffer.concat([
      ...Object.entries(parameters).map(([k, v]) =>
        Buffer.from(`${k}\0${v}\0`),
      ),
      Buffer.from([0]),
    ])
    const head = Buffer.alloc(8)
    head.writeInt32BE(8 + body.length, 0)
    head.writeInt32BE(196608, 4)
    socket.write(Buffer.concat([head, body]))
    // redshift_connector `Connection.__init__`: start from the version asked
    // for, follow each server_protocol_version (`handle_PARAMETER_STATUS`),
    // and fall back to the base protocol when the server sent none that
    // matches.
    const asked = Number(clientProtocolVersion ?? 0)
    client.version = Number.isInteger(asked) ? asked : 0
    for (const message of await client.untilReady()) {
      if (message.type === 'E') throw new Error(message.body.toString())
      if (message.type !== 'S') continue
      const [name, value] = message.body.toString('utf8').split('\0')
      client.statuses.push([name!, value!])
      if (name === 'server_protocol_version') client.version = Number(value)
    }
    const answered = client.statuses.some(
      ([n, v]) =>
        n === 'server_protocol_version' && v === String(client.version),
    )
    if (client.version > 0 && !answered) client.version = 0
    return client
  }

  /** A simple Query: the fields of each result and its text rows. */
  async query(
    sql: string,
  ): Promise<{ fields: DriverField[]; rows: string[][] }[]> {
    this.#socket.write(message('Q', Buffer.from(`${sql}\0`)))
    return this.#results(await this.untilReady())
  }

  /**
   * redshift_connector's `Connection.execute`: Parse and Describe the
   * statement (its RowDescription is the one the driver reads), Sync; then
   * Bind, Execute, Sync.
   */
  async execute(
    sql: string,
  ): Promise<{ fields: DriverField[]; rows: string[][] }> {
    const described = await this.describe(sql)
    this.#socket.write(
      Buffer.concat([
        message('B', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])),
        message('E', Buffer.from([0, 0, 0, 0, 0])),
        message('S', Buffer.alloc(0)),
      ]),
    )
    const [result] = this.#results(await this.untilReady(), described)
    return { fields: described, rows: result?.rows ?? [] }
  }

  /** Parse + Describe statement + Sync: the statement's fields. */
  async describe(sql: string): Promise<DriverField[]> {
    this.#socket.write(
      Buffer.concat([
        message(
          'P',
          Buffer.concat([Buffer.from(`\0${sql}\0`), Buffer.from([0, 0])]),
        ),
        message('D', Buffer.from('S\0')),
        message('S', Buffer.alloc(0)),
      ]),
    )
    const replies = await this.untilReady()
    const error = replies.find((m) => m.type === 'E')
    if (error !== undefined) throw new Error(error.body.toString())
    const description = replies.find((m) => m.type === 'T')
    return description === undefined
      ? []
      : parseRowDescription(description.body, this.version)
  }

  /**
   * The JDBC driver's pipeline (`QueryExecutorImpl.sendQuery`): Parse,
   * Bind, Describe portal, Execute and Sync in one write.
   */
  async pipeline(
    sql: string,
  ): Promise<{ fields: DriverField[]; rows: string[][] }> {
    this.#socket.write(
      Buffer.concat([
        message(
          'P',
          Buffer.concat([Buffer.from(`\0${sql}\0`), Buffer.from([0, 0])]),
        ),
        message('B', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])),
        message('D', Buffer.from('P\0')),
        message('E', Buffer.from([0, 0, 0, 0, 0])),
        message('S', Buffer.alloc(0)),
      ]),
    )
    const [result] = this.#results(await this.untilReady())
    return result ?? { fields: [], rows: [] }
  }

  close(): void {
    this.#socket.end(message('X', Buffer.alloc(0)))
  }

  #results(
    replies: readonly Message[],
    described?: DriverField[],
  ): { fields: DriverField[]; rows: string[][] }[] {
    const out: { fields: DriverField[]; rows: string[][] }[] = []
    for (const m of replies) {
      if (m.type === 'E') throw new Error(m.body.toString())
      if (m.type === 'T')
        out.push({
          fields: parseRowDescription(m.body, this.version),
          rows: [],
        })
      if (m.type === 'D') {
        if (out.length === 0) out.push({ fields: described ?? [], rows: [] })
        out.at(-1)!.rows.push(dataRow(m.body))
      }
    }
    return out
  }

  /** Messages up to and including the next ReadyForQuery. */
  async untilReady(): Promise<Message[]> {
    const out: Message[] = []
    for (;;) {
      while (this.#buffered.length >= 5) {
        const length = this.#buffered.readInt32BE(1)
        if (this.#buffered.length < length + 1) break
        const type = String.fromCharCode(this.#buffered[0]!)
        out.push({ type, body: this.#buffered.subarray(5, length + 1) })
        this.#buffered = this.#buffered.subarray(length + 1)
        if (type === 'Z') return out
      }
      await new Promise<void>((resolve) => (this.#waiting = resolve))
    }
  }
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head.write(type, 0)
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

function dataRow(body: Buffer): string[] {
  const count = body.readInt16BE(0)
  const values: string[] = []
  let at = 2
  for (let i = 0; i < count; i++) {
    const length = body.readInt32BE(at)
    at += 4
    values.push(length < 0 ? 'NULL' : body.toString('utf8', at, at + length))
    if (length > 0) at += length
  }
  return values
}

/** Names and flags of a field read from `table.column` of `schema`. */
const from = (
  db: string,
  schema: string,
  table: string,
  column: string,
  flags: { notNull?: boolean; autoIncrement?: boolean } = {},
) => ({
  schemaName: schema,
  tableName: table,
  columnName: column,
  catalogName: db,
  notNull: flags.notNull ?? false,
  autoIncrement: flags.autoIncrement ?? false,
  readOnly: false,
  searchable: true,
})

/** A field computed by an expression: four empty names. */
const computed = {
  schemaName: '',
  tableName: '',
  columnName: '',
  catalogName: '',
  notNull: false,
  autoIncrement: false,
  readOnly: false,
  searchable: true,
}

const LONG_TABLE = `dp_${'t'.repeat(80)}`
const LONG_COLUMN = `c_${'x'.repeat(70)}`

describe('local emulator: Redshift client protocol versions (extended result metadata)', () => {
  let db: TestDatabase
  let url: string
  let client: pg.Client
  let close: () => Promise<void>
  const sockets: DriverSocket[] = []
  const open = async (version: string | undefined) => {
    const socket = await DriverSocket.open(url, version)
    sockets.push(socket)
    return socket
  }

  beforeAll(async () => {
    ;({ db, url, client, close } = await openEmulatorDatabase(
      'local_driver_proto',
      [
        'create table dp_items (id int identity(1, 1), name varchar(20) not null, note varchar(40))',
        "insert into dp_items (name, note) values ('pen', null), ('ink', 'blue')",
        'create schema dp_etl',
        'create table dp_etl.staging (code char(3) not null)',
        "insert into dp_etl.staging values ('abc')",
        `create table ${LONG_TABLE} (${LONG_COLUMN} int)`,
        `insert into ${LONG_TABLE} values (7)`,
      ],
    ))
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await close()
  })

  it("writes redshift_connector's own sample byte for byte (test_core.py, pg_proc.proname)", () => {
    // PostgreSQL's RowDescription of pg_catalog.pg_proc.proname, with
    // Redshift's 128-byte NAME, as in the driver's test of
    // handle_ROW_DESCRIPTION at EXTENDED_RESULT_METADATA.
    const body = Buffer.from(
      '0001' +
        Buffer.from('proname\0').toString('hex') +
        '000004e7' +
        '0001' +
        '00000013' +
        '0080' +
        'ffffffff' +
        '0000',
      'hex',
    )
    const head = Buffer.alloc(5)
    head.write('T', 0)
    head.writeInt32BE(body.length + 4, 1)
    const out = extendedRowDescription(
      Buffer.concat([head, body]),
      0,
      head.length + body.length,
      'dev',
      (oid) =>
        oid === 1255
          ? {
              schema: 'pg_catalog',
              table: 'pg_proc',
              columns: new Map([
                [1, { name: 'proname', notNull: true, autoIncrement: false }],
              ]),
            }
          : undefined,
      (name) => name,
    )
    const sample = Buffer.concat([
      body,
      Buffer.from('pg_catalog\0pg_proc\0proname\0dev\0'),
      Buffer.from([0x10, 0x01]),
    ])
    expect(out.subarray(5).toString('hex')).toBe(sample.toString('hex'))
    expect(out.readInt32BE(1)).toBe(sample.length + 4)
  })

  it.each([
    ['3', '1'], // the JDBC driver's default (EXTENDED2)
    ['2', '1'], // redshift_connector's default (BINARY)
    ['1', '1'],
    ['0', '0'],
    ['x', '0'],
  ])(
    'answers client_protocol_version %s with server_protocol_version %s',
    async (asked, answered) => {
      const socket = await open(asked)
      expect(
        socket.statuses.filter(([name]) => name === 'server_protocol_version'),
      ).toEqual([['server_protocol_version', answered]])
      expect(socket.version).toBe(Number(answered))
    },
  )

  it('sends schema, table, column and catalog names and flags in simple-query results', async () => {
    const socket = await open('3')
    const [result] = await socket.query(
      "select id, name as label, note, id + 1 as next, 'x' as lit from dp_items order by id",
    )
    expect(result!.fields).toMatchObject([
      {
        label: 'id',
        ...from(db.name, 'public', 'dp_items', 'id', {
          notNull: true,
          autoIncrement: true,
        }),
      },
      {
        label: 'label',
        ...from(db.name, 'public', 'dp_items', 'name', { notNull: true }),
      },
      { label: 'note', ...from(db.name, 'public', 'dp_items', 'note') },
      { label: 'next', tableOid: 0, ...computed },
      { label: 'lit', tableOid: 0, ...computed },
    ])
    expect(result!.rows).toEqual([
      ['1', 'pen', 'NULL', '2', 'x'],
      ['2', 'ink', 'blue', '3', 'x'],
    ])
  })

  it('extends the RowDescription of Parse / Describe as redshift_connector reads it', async () => {
    const socket = await open('2')
    const { fields, rows } = await socket.execute(
      'select s.code, i.name, count(*) as n from dp_etl.staging s cross join dp_items i group by 1, 2 order by 2',
    )
    expect(fields).toMatchObject([
      {
        label: 'code',
        ...from(db.name, 'dp_etl', 'staging', 'code', { notNull: true }),
      },
      {
        label: 'name',
        ...from(db.name, 'public', 'dp_items', 'name', { notNull: true }),
      },
      { label: 'n', ...computed },
    ])
    expect(rows).toEqual([
      ['abc', 'ink', '1'],
      ['abc', 'pen', '1'],
    ])
  })

  it('names catalog tables and system views, and leaves expressions without names', async () => {
    const socket = await open('1')
    const [catalog, view, constant] = await socket.query(
      "select relname from pg_class where relname = 'pg_class'; select tablename from pg_table_def where tablename = 'dp_items' limit 1; select 1 as one, dateadd(day, 1, '2008-01-01'::date)",
    )
    // The shape of redshift_connector's own sample: pg_catalog.pg_proc.proname, flags 0x1001.
    expect(catalog!.fields).toMatchObject([
      {
        label: 'relname',
        ...from(db.name, 'pg_catalog', 'pg_class', 'relname', {
          notNull: true,
        }),
      },
    ])
    expect(view!.fields).toMatchObject([
      {
        label: 'tablename',
        schemaName: 'pg_catalog',
        tableName: 'pg_table_def',
        columnName: 'tablename',
        catalogName: db.name,
      },
    ])
    expect(view!.rows).toEqual([['dp_items']])
    // Renamed as Redshift names it (date_add), then extended.
    expect(constant!.fields).toMatchObject([
      { label: 'one', ...computed },
      { label: 'date_add', ...computed },
    ])
    expect(constant!.rows).toEqual([['1', '2008-01-02 00:00:00']])
  })

  it('holds the rows of a pipelined Execute behind the extended RowDescription (JDBC)', async () => {
    const socket = await open('3')
    await client.query('create table dp_piped (k int not null, v varchar(5))')
    await client.query("insert into dp_piped values (1, 'a'), (2, null)")
    const { fields, rows } = await socket.pipeline(
      'select k, v, k * 2 as twice from dp_piped order by k',
    )
    expect(fields).toMatchObject([
      {
        label: 'k',
        ...from(db.name, 'public', 'dp_piped', 'k', { notNull: true }),
      },
      { label: 'v', ...from(db.name, 'public', 'dp_piped', 'v') },
      { label: 'twice', ...computed },
    ])
    expect(rows).toEqual([
      ['1', 'a', '2'],
      ['2', 'NULL', '4'],
    ])
  })

  it('gives the long names the client wrote, not PostgreSQL short ones', async () => {
    const socket = await open('1')
    const { fields, rows } = await socket.execute(
      `select ${LONG_COLUMN} from ${LONG_TABLE}`,
    )
    expect(fields).toMatchObject([
      {
        label: LONG_COLUMN,
        ...from(db.name, 'public', LONG_TABLE, LONG_COLUMN),
      },
    ])
    expect(rows).toEqual([['7']])
  })

  it('looks columns up again after a rename', async () => {
    const socket = await open('1')
    await client.query('create table dp_renamed (before_name int)')
    const [first] = await socket.query('select before_name from dp_renamed')
    expect(first!.fields[0]).toMatchObject({ columnName: 'before_name' })
    await socket.query(
      'alter table dp_renamed rename column before_name to after_name',
    )
    const [second] = await socket.query('select after_name from dp_renamed')
    expect(second!.fields[0]).toMatchObject({
      label: 'after_name',
      columnName: 'after_name',
    })
  })

  it('sends base-protocol RowDescriptions to clients that ask for no version', async () => {
    for (const socket of [await open(undefined), await open('0')]) {
      const [result] = await socket.query(
        'select id, name from dp_items order by id',
      )
      // Parsed with the base layout, which consumes every byte.
      expect(result!.fields.map((f) => f.label)).toEqual(['id', 'name'])
      expect(result!.fields[0]).not.toHaveProperty('schemaName')
      expect(result!.rows).toEqual([
        ['1', 'pen'],
        ['2', 'ink'],
      ])
    }
  })

  it('leaves node-postgres sessions as they are beside version-1 sessions', async () => {
    // node-postgres cannot send client_protocol_version (its start-up
    // message has fixed keys) and could not read the extended layout; its
    // sessions keep the base protocol whatever other sessions speak.
    const socket = await open('3')
    const other = await connect(url)
    try {
      const [driver, plain] = await Promise.all([
        socket.query('select name from dp_items order by id'),
        other.query('select name, id + 1 as next from dp_items order by id'),
      ])
      expect(driver[0]!.fields[0]).toMatchObject({ tableName: 'dp_items' })
      expect(plain.rows).toEqual([
        { name: 'pen', next: 2 },
        { name: 'ink', next: 3 },
      ])
      expect(plain.fields.map((f) => [f.name, f.columnID])).toEqual([
        ['name', 2],
        ['next', 0],
      ])
    } finally {
      await other.end()
    }
  })
})
