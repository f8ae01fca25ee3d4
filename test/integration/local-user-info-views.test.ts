import {
  describeFidelityCases,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// SVV_USER_INFO (visible to all users; a regular user sees its own row) and
// SVL_USER_INFO (superusers only), with what CREATE / ALTER USER recorded.

const USER_INFO = `${DG}r_SVV_USER_INFO.html`

const CASES: readonly FidelityCase[] = [
  {
    title: 'SVV_USER_INFO has the documented columns, filled from CREATE USER',
    doc: USER_INFO,
    steps: [
      run(
        'create user ui_alice password disable createdb connection limit 5 syslog access unrestricted session timeout 120',
      ),
      run('create user ui_bob password disable'),
      rows(
        `select user_name, createdb, superuser, catalog_update, connection_limit, syslog_access,
           last_ddl_timestamp, session_timeout, external_user_id, user_id > 0 as has_id
         from svv_user_info where user_name like 'ui_%' order by user_name`,
        [
          {
            user_name: 'ui_alice',
            createdb: true,
            superuser: false,
            catalog_update: false,
            connection_limit: '5',
            syslog_access: 'UNRESTRICTED',
            last_ddl_timestamp: null,
            session_timeout: 120,
            external_user_id: null,
            has_id: true,
          },
          {
            user_name: 'ui_bob',
            createdb: false,
            superuser: false,
            catalog_update: false,
            connection_limit: 'UNLIMITED',
            syslog_access: 'RESTRICTED',
            last_ddl_timestamp: null,
            session_timeout: 0,
            external_user_id: null,
            has_id: true,
          },
        ],
      ),
      run('alter user ui_bob syslog access unrestricted'),
      rows(
        "select syslog_access from svv_user_info where user_name = 'ui_bob'",
        [{ syslog_access: 'UNRESTRICTED' }],
      ),
    ],
  },
  {
    title:
      'a regular user sees its own row of SVV_USER_INFO and none of SVL_USER_INFO',
    doc: `${DG}r_SVL_USER_INFO.html`,
    steps: [
      run('create user ui_carol password disable'),
      rows(
        "select usename, usesuper, useconnlimit, syslogaccess, sessiontimeout from svl_user_info where usename = 'ui_carol'",
        [
          {
            usename: 'ui_carol',
            usesuper: false,
            useconnlimit: 'UNLIMITED',
            syslogaccess: 'RESTRICTED',
            sessiontimeout: 0,
          },
        ],
      ),
      run('set session authorization ui_carol'),
      rows('select user_name from svv_user_info', [{ user_name: 'ui_carol' }]),
      rows('select count(*)::int as n from svl_user_info', [{ n: 0 }]),
      run('reset session authorization'),
    ],
  },
]

describeFidelityCases(
  'local emulator: SVV_USER_INFO and SVL_USER_INFO',
  'local_user_info',
  CASES,
)
