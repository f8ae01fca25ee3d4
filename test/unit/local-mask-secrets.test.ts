import { describe, expect, it } from 'vitest'

import { maskErrorSecrets } from '../../src/local/sql/mask-secrets.js'

const copy = (token: string) =>
  `copy t from 's3://b/k' access_key_id 'AKIAEXAMPLE' secret_access_key 'wJalrXUtnFEMI' session_token '${token}'`

describe('maskErrorSecrets', () => {
  it('masks secret values wherever an error quotes them', () => {
    const fields = maskErrorSecrets(
      {
        severity: 'ERROR',
        code: 'XX000',
        message: 'S3 refused key wJalrXUtnFEMI for AKIAEXAMPLE',
        detail: "near 'wJalrXUtnFEMI'",
      },
      copy('FQoGZXIvYXdzEXAMPLE'),
    )
    expect(fields.message).toBe("S3 refused key '***' for '***'")
    expect(fields.detail).toBe("near '***'")
  })

  it('leaves the words of a message alone when a secret is only a letter or two', () => {
    const message = "The specified S3 prefix 'k' does not exist"
    const fields = maskErrorSecrets(
      { severity: 'ERROR', code: 'XX000', message },
      copy('T'),
    )
    expect(fields.message).toBe(message)
    // The literal itself, quotes and all, is still masked.
    expect(
      maskErrorSecrets(
        {
          severity: 'ERROR',
          code: '42601',
          message: "syntax error at or near 'T'",
        },
        copy('T'),
      ).message,
    ).toBe("syntax error at or near '***'")
  })
})
