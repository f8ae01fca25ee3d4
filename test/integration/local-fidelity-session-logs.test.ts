import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { viewColumns } from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  errorOf,
  eventually,
  openEmulatorDatabase,
  startOwnEmulator,
  type EmulatorDatabase,
  type OwnEmulator,
} from './local-test-helpers.js'

// Connection, session and transaction history (r_STL_CONNECTION_LOG.html,
// SYS_CONNECTION_LOG.html, r_STL_SESSIONS.html, SYS_SESSION_HISTORY.html,
// SYS_TRANSACTION_HISTORY.html, r_STL_TR_CONFLICT.html): each page's columns
// and example query, and who sees which rows.

const page = (name: string) => `${DG}${name}`

const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  stl_connection_log: [
    'event character(50)',
    'recordtime timestamp without time zone',
    'remotehost character(45)',
    'remoteport character(32)',
    'pid integer',
    'dbname character(50)',
    'username character(50)',
    'authmethod character(32)',
    'duration integer',
    'sslversion character(50)',
    'sslcipher character(128)',
    'mtu integer',
    'sslcompression character(64)',
    'sslexpansion character(64)',
    'iamauthguid character(36)',
    'application_name character(250)',
    'os_version character(64)',
    'driver_version character(64)',
    'plugin_name character(32)',
    'protocol_version integer',
  ],
  sys_connection_log: [
    'event character(50)',
    'record_time timestamp without time zone',
    'remote_host character(45)',
    'remote_port character(32)',
    'session_id integer',
    'database_name character(50)',
    'user_name character(50)',
    'auth_method character(32)',
    'duration integer',
    'ssl_version character(50)',
    'ssl_cipher character(128)',
    'mtu integer',
    'ssl_compression character(64)',
    'ssl_expansion character(64)',
    'iam_auth_guid character(36)',
    'application_name character(250)',
    'driver_version character(64)',
    'os_version character(64)',
    'plugin_name character(32)',
    'protocol_version integer',
  ],
  stl_sessions: [
    'userid integer',
    'starttime timestamp without time zone',
    'endtime timestamp without time zone',
    'process integer',
    'user_name character(50)',
    'db_name character(50)',
    'timeout_sec integer',
    'timed_out integer',
  ],
  sys_session_history: [
    'user_id character(50)',
    'session_id integer',
    'database_name character(50)',
    'status character(10)',
    'session_timeout integer',
    'start_time timestamp without time zone',
    'end_time timestamp without time zone',
  ],
  sys_transaction_history: [
    'user_id integer',
    'transaction_id bigint',
    'isolation_level text',
    'status text',
    'transaction_start_time timestamp without time zone',
    'commit_start_time timestamp without time zone',
    'commit_end_time timestamp without time zone',
    'blocks_committed bigint',
    'undo_transaction_id bigint',
  ],
  stl_tr_conflict: [
    'xact_id bigint',
    'process_id bigint',
    'xact_start_ts timestamp without time zone',
    'abort_time timestamp without time zone',
    'table_id bigint',
  ],
}

const DOC: Readonly<Record<string, string>> = {
  stl_connection_log: 'r_STL_CONNECTION_LOG.html',
  sys_connection_log: 'SYS_CONNECTION_LOG.html',
  stl_sessions: 'r_STL_SESSIONS.html',
  sys_session_history: 'SYS_SESSION_HISTORY.html',
  sys_transaction_history: 'SYS_TRANSACTION_HISTORY.html',
  stl_tr_conflict: 'r_STL_TR_CONFLICT.html',
}

describe('local emulator: connection, session and transaction history', () => {
  let open: EmulatorDatabase
  let admin: pg.Client
  let ended: { pid: number; at: Date }

  const as = (user: string, application?: string): Promise<pg.Client> => {
    const url = new URL(open.url)
    url.username = user
    return connect(
      url.toString(),
      application ? { application_name: application } : {},
    )
  }

  beforeAll(async () => {
    open = await openEmulatorDatabase('local_session_logs', [
      'create table sl_t (id int, v int)',
      'insert into sl_t values (1, 0), (2, 0)',
      "create user sl_plain password 'Abcdefg1'",
      "create user sl_other password 'Abcdefg1'",
    ])
    admin = open.client
    const before = new Date()
    const short = await as('sl_plain', 'sl-app')
    const { rows } = await short.query<{ pid: number }>(
      'select pg_backend_pid() as pid',
    )
    await short.end()
    ended = { pid: rows[0]!.pid, at: before }
    const other = await as('sl_other')
    await other.end()
  })
  afterAll(() => open.close())

  /** Rows once the session's disconnection is in the log (written in the background). */
  const logged = async (
    sql: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult> => {
    let result: pg.QueryResult | undefined
    await eventually(async () => {
      result = await admin.query(sql, values)
      return result.rows.length > 0
    })
    return result!
  }

  for (const [view, columns] of Object.entries(COLUMNS)) {
    it(`${view.toUpperCase()} has the page's columns`, async () => {
      expect(await viewColumns(admin, view), page(DOC[view]!)).toEqual(columns)
    })
  }

  it("STL_CONNECTION_LOG: the page's example shows a login and its disconnection", async () => {
    await logged(
      "select 1 from stl_connection_log where pid = $1 and event = 'disconnecting session'",
      [ended.pid],
    )
    const { rows } = await admin.query(
      `select rtrim(event) as event, rtrim(username) as username, rtrim(authmethod) as authmethod,
         rtrim(application_name) as app, duration, rtrim(remotehost) as host, rtrim(sslversion) as ssl
       from stl_connection_log where pid = $1 order by recordtime, event`,
      [ended.pid],
    )
    const doc = page('r_STL_CONNECTION_LOG.html')
    expect(
      rows.map((r) => r.event),
      doc,
    ).toEqual(['authenticated', 'initiating session', 'disconnecting session'])
    for (const row of rows) {
      expect(row.username, doc).toBe('sl_plain')
      expect(row.authmethod, doc).toBe('trust')
      expect(row.app, doc).toBe('sl-app')
      expect(row.host, doc).toBe('127.0.0.1')
      expect(row.ssl, doc).toBe('')
    }
    expect(rows[2]!.duration, doc).toBeGreaterThan(0)
    // The page's first example: sessions still open (this one, the admin's).
    const open_ = await admin.query(
      `select recordtime, username, dbname, remotehost, remoteport
       from stl_connection_log
       where event = 'initiating session'
       and pid not in
       (select pid from stl_connection_log
       where event = 'disconnecting session')
       order by 1 desc`,
    )
    expect(
      open_.rows.every((r) => r.remoteport.trim() !== ''),
      doc,
    ).toBe(true)
    await admin.query(
      'select event, recordtime, remotehost, username from stl_connection_log order by recordtime',
    )
    await admin.query(
      'select driver_version, os_version, plugin_name from stl_connection_log',
    )
    await admin.query(
      'select os_version, driver_version, protocol_version from stl_connection_log',
    )
  })

  it("SYS_CONNECTION_LOG: the page's examples run", async () => {
    const doc = page('SYS_CONNECTION_LOG.html')
    const { rows } = await logged(
      `select rtrim(event) as event, rtrim(user_name) as user_name from sys_connection_log
       where session_id = $1 and event = 'disconnecting session'`,
      [ended.pid],
    )
    expect(rows, doc).toEqual([
      { event: 'disconnecting session', user_name: 'sl_plain' },
    ])
    await admin.query(
      `select record_time, user_name, database_name, remote_host, remote_port
       from sys_connection_log
       where event = 'initiating session'
       and session_id not in
       (select session_id from sys_connection_log
       where event = 'disconnecting session')
       order by 1 desc`,
    )
    await admin.query(
      'select event, record_time, remote_host, user_name from sys_connection_log order by record_time',
    )
    await admin.query(
      'select driver_version, os_version, plugin_name from sys_connection_log',
    )
    await admin.query(
      'select os_version, driver_version, protocol_version from sys_connection_log',
    )
  })

  it("STL_SESSIONS: the page's example lists the ended session, the client having ended it", async () => {
    const doc = page('r_STL_SESSIONS.html')
    const { rows } = await logged(
      `select starttime, process, user_name, timeout_sec, timed_out
       from stl_sessions
       where db_name='${open.db.name}' and process = $1 order by starttime`,
      [ended.pid],
    )
    expect(rows.length, doc).toBe(1)
    expect(rows[0]!.user_name.trim(), doc).toBe('sl_plain')
    expect(rows[0]!.timeout_sec, doc).toBe(0)
    expect(rows[0]!.timed_out, doc).toBe(2)
  })

  it('SYS_SESSION_HISTORY: ended sessions are closed, live ones active', async () => {
    const doc = page('SYS_SESSION_HISTORY.html')
    await logged(
      "select 1 from sys_session_history where session_id = $1 and status = 'closed'",
      [ended.pid],
    )
    const { rows } = await admin.query(
      `select session_id, rtrim(status) as status, end_time is null as live from sys_session_history
       where session_id in ($1, pg_backend_pid()) order by live`,
      [ended.pid],
    )
    expect(
      rows.map((r) => [r.status, r.live]),
      doc,
    ).toEqual([
      ['closed', false],
      ['active', true],
    ])
    await admin.query('select * from sys_session_history')
  })

  it('a regular user sees only its own sessions; the connection log is for superusers', async () => {
    await logged(
      "select 1 from stl_sessions where trim(user_name) = 'sl_other'",
    )
    const plain = await as('sl_plain')
    try {
      const users = await plain.query<{ u: string }>(
        'select distinct trim(user_name) as u from stl_sessions',
      )
      expect(users.rows, page('r_STL_SESSIONS.html')).toEqual([
        { u: 'sl_plain' },
      ])
      const history = await plain.query<{ n: string }>(
        "select count(*) as n from sys_session_history where trim(user_id) <> (select usesysid::text from pg_user where usename = 'sl_plain')",
      )
      expect(history.rows[0]!.n, page('SYS_SESSION_HISTORY.html')).toBe('0')
      for (const view of [
        'stl_connection_log',
        'sys_connection_log',
        'sys_transaction_history',
        'stl_tr_conflict',
      ]) {
        const { rows } = await plain.query(`select count(*) as n from ${view}`)
        expect(rows[0]!.n, page(DOC[view]!)).toBe('0')
      }
    } finally {
      await plain.end()
    }
  })

  it("SYS_TRANSACTION_HISTORY: the page's example lists committed and rolled-back writes", async () => {
    const doc = page('SYS_TRANSACTION_HISTORY.html')
    await admin.query('begin')
    await admin.query('update sl_t set v = v + 1')
    await admin.query('commit')
    await admin.query('begin')
    await admin.query('insert into sl_t values (3, 0)')
    await admin.query('rollback')
    await admin.query('begin')
    await admin.query('select * from sl_t')
    await admin.query('commit')
    const { rows } = await admin.query(
      `select transaction_id, rtrim(isolation_level) as isolation_level, status,
         commit_start_time is not null as has_commit, blocks_committed, undo_transaction_id
       from sys_transaction_history order by transaction_start_time desc limit 2`,
    )
    expect(
      rows.map((r) => [
        r.status,
        r.isolation_level,
        r.has_commit,
        r.blocks_committed,
        r.undo_transaction_id,
      ]),
      doc,
    ).toEqual([
      ['rolledback', 'Serializable', false, null, '-1'],
      ['committed', 'Serializable', true, null, '-1'],
    ])
    await admin.query(
      'select * from sys_transaction_history order by transaction_start_time desc',
    )
  })

  it("STL_TR_CONFLICT: a 1023 conflict is listed with its table's id (the page's example)", async () => {
    const doc = page('r_STL_TR_CONFLICT.html')
    const a = await connect(open.url)
    const b = await connect(open.url)
    try {
      await a.query('begin')
      await b.query('begin')
      await a.query('select * from sl_t')
      await b.query('select * from sl_t')
      await a.query('update sl_t set v = v + 1 where id = 1')
      const second = b.query('update sl_t set v = v + 1 where id = 2')
      await a.query('commit')
      const error = await errorOf(second.then(() => b.query('commit')))
      expect(error.message, doc).toBe('1023')
      await b.query('rollback').catch(() => {})
      const { rows: ids } = await admin.query<{ id: string }>(
        "select 'sl_t'::regclass::oid::bigint as id",
      )
      const { rows } = await logged(
        `select * from stl_tr_conflict where table_id=${ids[0]!.id} order by xact_start_ts`,
      )
      expect(rows.length, doc).toBe(1)
      expect(rows[0]!.abort_time >= rows[0]!.xact_start_ts, doc).toBe(true)
    } finally {
      await a.end()
      await b.end()
    }
  })
})

describe('local emulator: failed logins in STL_CONNECTION_LOG', () => {
  let own: OwnEmulator

  beforeAll(async () => {
    own = await startOwnEmulator('local_session_auth', {
      password: 'Secret1x',
      tls: true,
    })
  })
  afterAll(() => own.stop())

  it('a wrong password is an authentication failure, a right one a password login', async () => {
    const doc = page('r_STL_CONNECTION_LOG.html')
    const wrong = new URL(own.local.url)
    wrong.password = 'nope'
    await errorOf(connect(wrong.toString()))
    const admin = await connect(own.local.url)
    try {
      await own.local.flushQueryLog()
      const { rows } = await admin.query(
        `select rtrim(event) as event, rtrim(authmethod) as authmethod
         from stl_connection_log order by recordtime, event`,
      )
      expect(rows.slice(0, 3), doc).toEqual([
        { event: 'authentication failure', authmethod: 'password' },
        { event: 'authenticated', authmethod: 'password' },
        { event: 'initiating session', authmethod: 'password' },
      ])
    } finally {
      await admin.end()
    }
  })

  it('a TLS connection shows its protocol and cipher; a plain one leaves them empty', async () => {
    const doc = page('SYS_CONNECTION_LOG.html')
    const secure = await connect(own.local.url, {
      ssl: { ca: own.local.tls!.ca, servername: 'localhost' },
      application_name: 'sl-tls',
    })
    try {
      await own.local.flushQueryLog()
      const { rows } = await secure.query(
        `select rtrim(ssl_version) as v, rtrim(ssl_cipher) as c from sys_connection_log
         where session_id = pg_backend_pid() and event = 'initiating session'`,
      )
      expect(rows.length, doc).toBe(1)
      expect(rows[0]!.v, doc).toMatch(/^TLSv1/)
      expect(rows[0]!.c, doc).not.toBe('')
      const plain = await secure.query(
        `select count(*) as n from sys_connection_log
         where rtrim(application_name) <> 'sl-tls' and event = 'initiating session' and rtrim(ssl_version) <> ''`,
      )
      expect(plain.rows[0]!.n, doc).toBe('0')
    } finally {
      await secure.end()
    }
  })
})
