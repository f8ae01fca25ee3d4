import pg from 'pg'
import { describe, expect, it } from 'vitest'

import {
  AuthenticationFailedError,
  ColumnNotFoundError,
  ConnectionLostError,
  DataError,
  InvalidSqlError,
  LoadError,
  mapRedshiftError,
  NotAllowedInTransactionError,
  parseRedshiftCode,
  PermissionDeniedError,
  QueryCancelledError,
  RedshiftError,
  ResourceError,
  SerializationFailureError,
  StatementTimeoutError,
  TableNotFoundError,
} from '../../src/errors/index.js'

type Fields = Partial<
  Record<
    | 'severity'
    | 'code'
    | 'detail'
    | 'hint'
    | 'position'
    | 'internalPosition'
    | 'internalQuery'
    | 'where'
    | 'schema'
    | 'table'
    | 'column'
    | 'dataType'
    | 'constraint'
    | 'file'
    | 'line'
    | 'routine',
    string
  >
>

/** A server error exactly as pg-protocol's parser builds it. */
function serverError(message: string, fields: Fields): pg.DatabaseError {
  const error = new pg.DatabaseError(message, 0, 'error')
  Object.assign(error, { severity: 'ERROR', ...fields })
  return error
}

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, errno: -1, syscall: 'read' })
}

// Redshift's detail block for error 1023, in the shape documented in
// aws/aws-sdk-pandas#665 (the catalog's errors.known entry).
const SERIALIZATION_1023 = serverError('1023', {
  code: 'XX000',
  detail:
    'Serializable isolation violation on table - 142438, transactions forming the cycle are: 6532470, 6532525 (pid:31256)',
  file: '/home/ec2-user/padb/src/sys/xen_execute.cpp',
  line: '9031',
  routine: 'pg_throw',
})

describe('mapRedshiftError: classification', () => {
  const cases: {
    name: string
    error: unknown
    context?: Parameters<typeof mapRedshiftError>[1]
    type: new (...args: never[]) => RedshiftError
    retryable: boolean
    check?: (mapped: RedshiftError) => void
  }[] = [
    {
      name: 'Redshift 1023 (XX000) is a serialization failure',
      error: SERIALIZATION_1023,
      type: SerializationFailureError,
      retryable: true,
      check: (e) => {
        expect(e.redshiftCode).toBe(1023)
        expect(e.code).toBe('XX000')
        expect(e.routine).toBe('pg_throw')
        expect(e.file).toBe('/home/ec2-user/padb/src/sys/xen_execute.cpp')
        expect(e.line).toBe('9031')
        expect(e.message).toBe('1023')
      },
    },
    {
      name: 'the isolation-violation detail alone is enough',
      error: serverError('ERROR: serializable transaction failed', {
        code: 'XX000',
        detail: 'Serializable isolation violation on table - 1, ...',
      }),
      type: SerializationFailureError,
      retryable: true,
    },
    {
      name: 'a detail block with code: 1023 gives the Redshift code',
      error: serverError('error in transaction', {
        code: 'XX000',
        detail:
          '\n  -----------------------------------------------\n  error:  Serializable isolation violation\n  code:      1023\n  context:   \n  query:     0\n  location:  xen_execute.cpp:9031\n  process:   padbmaster [pid=1234]\n  -----------------------------------------------\n',
      }),
      type: SerializationFailureError,
      retryable: true,
      check: (e) => expect(e.redshiftCode).toBe(1023),
    },
    {
      name: 'SNAPSHOT isolation conflict, whatever the code',
      error: serverError(
        'could not complete because of conflict with concurrent transaction',
        { code: 'XX000' },
      ),
      type: SerializationFailureError,
      retryable: true,
    },
    {
      name: 'PostgreSQL 40001',
      error: serverError(
        'could not serialize access due to read/write dependencies among transactions',
        { code: '40001' },
      ),
      type: SerializationFailureError,
      retryable: true,
    },
    {
      name: 'PostgreSQL deadlock 40P01',
      error: serverError('deadlock detected', { code: '40P01' }),
      type: SerializationFailureError,
      retryable: true,
    },
    {
      name: 'Redshift 1018 (relation missing from snapshot)',
      error: serverError('1018', {
        code: 'XX000',
        detail: 'Relation does not exist',
      }),
      type: SerializationFailureError,
      retryable: true,
      check: (e) => expect(e.redshiftCode).toBe(1018),
    },
    {
      name: 'WLM/QMR abort (code 1020) is a resource error, not retryable',
      error: serverError('abort query', {
        code: 'XX000',
        detail:
          '\n  error:  abort query\n  code:      1020\n  context:   system requested abort\n  location:  queryabort.hpp:92\n',
      }),
      type: ResourceError,
      retryable: false,
      check: (e) => {
        expect((e as ResourceError).reason).toBe('query-aborted')
        expect(e.redshiftCode).toBe(1020)
      },
    },
    {
      name: 'Disk Full (code 1016)',
      error: serverError('Disk Full', {
        code: 'XX000',
        detail:
          '\n  error:  Disk Full\n  code:      1016\n  context:   node: 0\n  location:  fdisk_api.cpp:343\n',
      }),
      type: ResourceError,
      retryable: false,
      check: (e) => expect((e as ResourceError).reason).toBe('disk-full'),
    },
    {
      name: '57014 from Redshift without timing is a cancel',
      error: serverError("Query (8123) cancelled on user's request", {
        code: '57014',
      }),
      type: QueryCancelledError,
      retryable: false,
    },
    {
      name: '57014 after >= 90% of statement_timeout is a timeout',
      error: serverError("Query (8123) cancelled on user's request", {
        code: '57014',
      }),
      context: { statementTimeoutMs: 1000, elapsedMs: 900 },
      type: StatementTimeoutError,
      retryable: false,
      check: (e) => expect((e as StatementTimeoutError).timeoutMs).toBe(1000),
    },
    {
      name: '57014 well before the timeout is a cancel',
      error: serverError("Query (8123) cancelled on user's request", {
        code: '57014',
      }),
      context: { statementTimeoutMs: 1000, elapsedMs: 899 },
      type: QueryCancelledError,
      retryable: false,
    },
    {
      name: "PostgreSQL's statement-timeout message",
      error: serverError('canceling statement due to statement timeout', {
        code: '57014',
      }),
      type: StatementTimeoutError,
      retryable: false,
    },
    {
      name: '25001',
      error: serverError(
        'CREATE DATABASE cannot run inside a transaction block',
        { code: '25001' },
      ),
      type: NotAllowedInTransactionError,
      retryable: false,
    },
    {
      name: "Redshift's 'cannot run inside a transaction block' wording",
      error: serverError('VACUUM cannot run inside a transaction block', {
        code: 'XX000',
      }),
      type: NotAllowedInTransactionError,
      retryable: false,
    },
    {
      name: '28P01',
      error: serverError('password authentication failed for user "bob"', {
        code: '28P01',
      }),
      type: AuthenticationFailedError,
      retryable: false,
    },
    {
      name: '28000',
      error: serverError('no pg_hba.conf entry', { code: '28000' }),
      type: AuthenticationFailedError,
      retryable: false,
    },
    {
      name: '42P01',
      error: serverError('relation "sales" does not exist', {
        code: '42P01',
        position: '15',
      }),
      type: TableNotFoundError,
      retryable: false,
      check: (e) => expect(e.position).toBe(15),
    },
    {
      name: '42703',
      error: serverError('column "nope" does not exist', { code: '42703' }),
      type: ColumnNotFoundError,
      retryable: false,
    },
    {
      name: '42501',
      error: serverError('permission denied for table sales', {
        code: '42501',
      }),
      type: PermissionDeniedError,
      retryable: false,
    },
    {
      name: '42601 from a bind parameter in UNLOAD keeps the position',
      error: serverError('syntax error at or near "$1"', {
        code: '42601',
        position: '27',
      }),
      type: InvalidSqlError,
      retryable: false,
      check: (e) => expect(e.position).toBe(27),
    },
    {
      name: 'other 42xxx',
      error: serverError('function nope() does not exist', { code: '42883' }),
      type: InvalidSqlError,
      retryable: false,
    },
    {
      name: '22012',
      error: serverError('division by zero', { code: '22012' }),
      type: DataError,
      retryable: false,
    },
    {
      name: '53300 is retryable',
      error: serverError('sorry, too many clients already', {
        code: '53300',
      }),
      type: ResourceError,
      retryable: true,
      check: (e) =>
        expect((e as ResourceError).reason).toBe('too-many-connections'),
    },
    {
      name: '53200 is not',
      error: serverError('out of memory', { code: '53200' }),
      type: ResourceError,
      retryable: false,
      check: (e) => expect((e as ResourceError).reason).toBe('out-of-memory'),
    },
    {
      name: "Redshift's connection limit message",
      error: serverError(
        'connection limit "500" exceeded for non-bootstrap users',
        { code: 'XX000' },
      ),
      type: ResourceError,
      retryable: true,
    },
    {
      name: '08006',
      error: serverError('connection failure', { code: '08006' }),
      type: ConnectionLostError,
      retryable: true,
    },
    {
      name: '57P01',
      error: serverError(
        'terminating connection due to administrator command',
        { code: '57P01' },
      ),
      type: ConnectionLostError,
      retryable: true,
    },
    ...['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT'].map((code) => ({
      name: `socket ${code}`,
      error: socketError(code, `read ${code}`),
      type: ConnectionLostError,
      retryable: true,
      check: (e: RedshiftError) => expect(e.code).toBe(code),
    })),
    {
      name: "pg's 'Connection terminated unexpectedly'",
      error: new Error('Connection terminated unexpectedly'),
      type: ConnectionLostError,
      retryable: true,
    },
    {
      name: "pg's 'Connection terminated'",
      error: new Error('Connection terminated'),
      type: ConnectionLostError,
      retryable: true,
    },
    {
      name: 'AggregateError of refused addresses (happy eyeballs)',
      error: new AggregateError(
        [
          socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5439'),
          socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5439'),
        ],
        '',
      ),
      type: ConnectionLostError,
      retryable: true,
    },
    {
      name: 'COPY load failure',
      error: serverError(
        "Load into table 'sales' failed.  Check 'stl_load_errors' system table for details.",
        { code: 'XX000' },
      ),
      type: LoadError,
      retryable: false,
      check: (e) => expect((e as LoadError).tableName).toBe('sales'),
    },
    {
      name: 'anything else stays a RedshiftError with its code',
      error: serverError(
        "Invalid protocol sequence 'P' while in PortalSuspended state.",
        { code: 'XX000' },
      ),
      type: RedshiftError,
      retryable: false,
      check: (e) => expect(e.code).toBe('XX000'),
    },
  ]

  it.each(cases)('$name', ({ error, context, type, retryable, check }) => {
    const mapped = mapRedshiftError(error, context)
    expect(mapped).toBeInstanceOf(type)
    expect(mapped.constructor).toBe(type)
    expect(mapped.name).toBe(type.name)
    expect(mapped.isRetryable).toBe(retryable)
    expect(mapped.cause).toBeDefined()
    check?.(mapped)
  })
})

describe('mapRedshiftError: fields', () => {
  it('keeps every raw ErrorResponse field, position as a number', () => {
    const error = serverError('value too long for type character varying(3)', {
      code: '22001',
      detail: 'a detail',
      hint: 'a hint',
      position: '12',
      internalPosition: '3',
      internalQuery: 'select 1',
      where: 'PL/pgSQL function f() line 3',
      schema: 'public',
      table: 'sales',
      column: 'region',
      dataType: 'varchar',
      constraint: 'sales_pk',
      file: 'varchar.c',
      line: '638',
      routine: 'varchar',
    })
    const mapped = mapRedshiftError(error, { sql: 'insert into sales ...' })
    expect(mapped).toMatchObject({
      message: 'value too long for type character varying(3)',
      code: '22001',
      severity: 'ERROR',
      detail: 'a detail',
      hint: 'a hint',
      position: 12,
      internalPosition: 3,
      internalQuery: 'select 1',
      where: 'PL/pgSQL function f() line 3',
      schema: 'public',
      table: 'sales',
      column: 'region',
      dataType: 'varchar',
      constraint: 'sales_pk',
      file: 'varchar.c',
      line: '638',
      routine: 'varchar',
      sql: 'insert into sales ...',
    })
  })

  it('leaves absent fields absent', () => {
    const mapped = mapRedshiftError(serverError('x', { code: 'XX000' }))
    expect(Object.hasOwn(mapped, 'detail')).toBe(false)
    expect(Object.hasOwn(mapped, 'redshiftCode')).toBe(false)
    expect(JSON.parse(JSON.stringify(mapped))).toEqual({
      code: 'XX000',
      severity: 'ERROR',
      isRetryable: false,
    })
  })

  it('is idempotent on its own errors', () => {
    const once = mapRedshiftError(SERIALIZATION_1023)
    expect(mapRedshiftError(once)).toBe(once)
  })

  it('keeps the cause as a copy of the driver error, same class', () => {
    const mapped = mapRedshiftError(SERIALIZATION_1023)
    expect(mapped.cause).toBeInstanceOf(pg.DatabaseError)
    expect((mapped.cause as pg.DatabaseError).code).toBe('XX000')
    expect((mapped.cause as pg.DatabaseError).message).toBe('1023')
  })

  it('maps values that are not errors', () => {
    expect(mapRedshiftError('boom').message).toBe('boom')
    expect(mapRedshiftError(undefined).message).toBe('undefined')
    expect(mapRedshiftError({ code: '42P01' })).toBeInstanceOf(
      TableNotFoundError,
    )
  })
})

describe('parseRedshiftCode', () => {
  it.each([
    ['1023', undefined, 1023],
    [' 1023 ', undefined, 1023],
    ['1023: Serializable isolation violation', undefined, 1023],
    ['abort query', '  code:      1020\n', 1020],
    ['Disk Full', 'error: Disk Full\ncode: 1016\ncontext: node: 0', 1016],
    ['relation "x" does not exist', undefined, undefined],
    ['Query (123) cancelled', undefined, undefined],
    ['2024 sales were low', undefined, undefined],
  ] as const)('%j / %j -> %j', (message, detail, expected) => {
    expect(parseRedshiftCode(message, detail)).toBe(expected)
  })
})
