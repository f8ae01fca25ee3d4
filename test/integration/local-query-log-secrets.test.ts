import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openEmulatorDatabase } from './local-test-helpers.js'

// Every secret below is distinct so a leak names the statement it came from.
const statements: readonly (readonly [string, string])[] = [
  ['create user qlog_secret_user password ', "'Pw1-create-SECRET'"],
  ['alter user qlog_secret_user password ', "'Pw2-alter-SECRET'"],
  [
    "copy secrets_t from 's3://bucket/key' secret_access_key 'SAK-SECRET' session_token 'ST-SECRET' access_key_id ",
    "'AKID-SECRET'",
  ],
  [
    "copy secrets_t from 's3://bucket/key' credentials as ",
    "'aws_access_key_id=AKID2;aws_secret_access_key=CRED-SECRET'",
  ],
  [
    "unload ('select 1') to 's3://bucket/p' encrypted master_symmetric_key ",
    "E'MSK-SECRET'",
  ],
]
const secrets = [
  'Pw1-create-SECRET',
  'Pw2-alter-SECRET',
  'SAK-SECRET',
  'ST-SECRET',
  'AKID-SECRET',
  'CRED-SECRET',
  'MSK-SECRET',
]

describe('local emulator: secrets stay out of the query log', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_qlog_secrets', [
      'create table secrets_t (id int)',
    ]))
  })
  afterAll(async () => {
    await client?.query('drop user if exists qlog_secret_user').catch(() => {})
    await close()
  })

  it('masks passwords, keys and tokens in STL_QUERY, SVL_QLOG and SYS_QUERY_HISTORY, and never echoes them in errors', async () => {
    const errors: string[] = []
    for (const [head, secret] of statements) {
      await client.query(head + secret).catch((error: pg.DatabaseError) => {
        errors.push(JSON.stringify({ ...error, message: error.message }))
      })
    }
    const { rows } = await client.query(
      "select trim(query_text) as text from sys_query_history where session_id = pg_backend_pid() and query_text similar to '(create user|alter user|copy|unload)%' order by query_id",
    )
    const logged = rows.map((r: { text: string }) => r.text)
    expect(logged).toEqual(
      statements.map(([head]) =>
        `${head}'***'`.replace(/'[A-Z]+-SECRET'/g, "'***'"),
      ),
    )
    const others = await client.query(
      // STL_QUERY holds the COPY and UNLOAD, STL_UTILITYTEXT the CREATE / ALTER USER.
      'select substring from svl_qlog where pid = pg_backend_pid() union all select querytxt from stl_query where pid = pg_backend_pid() union all select text from stl_utilitytext where pid = pg_backend_pid()',
    )
    const everything = [...logged, ...errors, JSON.stringify(others.rows)]
    for (const secret of secrets) {
      expect(everything.filter((t) => t.includes(secret))).toEqual([])
    }
  })

  it('keeps a secret PostgreSQL would quote in a syntax error out of the error and the log', async () => {
    const secret = 'Pw3-unterminated-SECRET'
    const error: pg.DatabaseError = await client
      .query(`create user qlog_secret_user2 password '${secret}`)
      .then(
        () => expect.fail('an unterminated literal must fail'),
        (e: pg.DatabaseError) => e,
      )
    expect(error.message).toBe(`unterminated quoted string at or near "'***'"`)
    const { rows } = await client.query(
      "select trim(query_text) as text, trim(error_message) as error from sys_query_history where session_id = pg_backend_pid() and query_text like 'create user qlog_secret_user2%'",
    )
    expect(rows).toEqual([
      {
        text: "create user qlog_secret_user2 password '***'",
        error: `unterminated quoted string at or near "'***'"`,
      },
    ])
  })
})
