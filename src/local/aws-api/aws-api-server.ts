import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type net from 'node:net'

import { AwsApiError } from './aws-api-error.js'
import { callerIdentity } from './caller-identity.js'
import type { CredentialsApi, IssuedAnswer } from './credentials-api.js'

const REDSHIFT_XMLNS = 'http://redshift.amazonaws.com/doc/2012-12-01/'
const MAX_BODY = 1 << 20

/**
 * The emulator's AWS endpoint: Redshift's credential actions in the
 * awsQuery protocol (form-encoded `Action=GetClusterCredentials&...`, XML
 * answers) and Redshift Serverless' GetCredentials in awsJson 1.1
 * (`X-Amz-Target: RedshiftServerless.GetCredentials`), on one HTTP port, so
 * the real AWS SDK clients work against it with an endpoint override. Any
 * SigV4 signature is accepted. Every call is counted by action.
 *
 * @example
 * ```ts
 * const server = new AwsApiServer(api)
 * const url = await server.listen(0, '127.0.0.1')
 * new RedshiftClient({ endpoint: url, region: 'us-east-1', credentials })
 * ```
 */
export class AwsApiServer {
  readonly #api: CredentialsApi
  readonly #server: http.Server
  readonly #calls = new Map<string, number>()

  constructor(api: CredentialsApi) {
    this.#api = api
    this.#server = http.createServer((request, response) => {
      void this.#handle(request, response)
    })
    // Keep-alive sockets of SDK clients must not hold close() up.
    this.#server.keepAliveTimeout = 1000
  }

  /** Listens; resolves to the endpoint URL (useful with port 0). */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(port, host, () => {
        this.#server.removeListener('error', reject)
        const address = this.#server.address() as net.AddressInfo
        const shown = host === '0.0.0.0' ? '127.0.0.1' : host
        resolve(
          `http://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}`,
        )
      })
    })
  }

  /** Calls received for `action` (e.g. `GetClusterCredentials`), or in all. */
  calls(action?: string): number {
    if (action !== undefined) return this.#calls.get(action) ?? 0
    let total = 0
    for (const count of this.#calls.values()) total += count
    return total
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.#server.close(() => resolve()),
    )
    this.#server.closeAllConnections()
    await closed
  }

  async #handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const requestId = randomUUID()
    const target = request.headers['x-amz-target']
    const json = typeof target === 'string'
    try {
      const body = await readBody(request)
      if (json) {
        await this.#json(request, response, target, body, requestId)
      } else {
        await this.#query(request, response, body, requestId)
      }
    } catch (error) {
      const failure =
        error instanceof AwsApiError
          ? error
          : new AwsApiError(
              json ? 'InternalServerException' : 'InternalFailure',
              500,
              (error as Error).message,
            )
      if (json) sendJsonError(response, failure, requestId)
      else sendXmlError(response, failure, requestId)
    }
  }

  async #query(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: string,
    requestId: string,
  ): Promise<void> {
    const form = new URLSearchParams(body)
    const action = form.get('Action') ?? ''
    this.#count(action)
    const caller = callerIdentity(request.headers)
    const params: Record<string, string> = {}
    const groups: [number, string][] = []
    for (const [key, value] of form) {
      // Lists arrive as DbGroups.DbGroup.1, DbGroups.DbGroup.2 ...
      const member = /^DbGroups\.(?:[A-Za-z]+\.)?(\d+)$/.exec(key)
      if (member !== null) groups.push([Number(member[1]), value])
      else params[key] = value
    }
    groups.sort((a, b) => a[0] - b[0])
    let answer: IssuedAnswer
    switch (action) {
      case 'GetClusterCredentials':
        answer = await this.#api.getClusterCredentials(
          params,
          groups.map(([, g]) => g),
        )
        break
      case 'GetClusterCredentialsWithIAM':
        answer = await this.#api.getClusterCredentialsWithIam(params, caller)
        break
      default:
        throw new AwsApiError(
          'InvalidAction',
          400,
          `The action ${action || '(none)'} is not valid for this web service.`,
        )
    }
    const fields = [
      element('DbUser', answer.dbUser),
      element('DbPassword', answer.dbPassword),
      element('Expiration', answer.expiration.toISOString()),
      ...(answer.nextRefreshTime === undefined
        ? []
        : [element('NextRefreshTime', answer.nextRefreshTime.toISOString())]),
    ]
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<${action}Response xmlns="${REDSHIFT_XMLNS}">` +
      `<${action}Result>${fields.join('')}</${action}Result>` +
      `<ResponseMetadata>${element('RequestId', requestId)}</ResponseMetadata>` +
      `</${action}Response>`
    response.writeHead(200, {
      'content-type': 'text/xml',
      'x-amzn-requestid': requestId,
    })
    response.end(xml)
  }

  async #json(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    target: string,
    body: string,
    requestId: string,
  ): Promise<void> {
    const operation = target.replace(/^RedshiftServerless\./, '')
    this.#count(operation)
    const caller = callerIdentity(request.headers)
    if (target !== 'RedshiftServerless.GetCredentials') {
      throw new AwsApiError(
        'UnknownOperationException',
        400,
        `Operation ${target} is not supported by this emulator.`,
      )
    }
    let params: unknown
    try {
      params = body === '' ? {} : JSON.parse(body)
    } catch {
      throw new AwsApiError(
        'SerializationException',
        400,
        'Malformed JSON body.',
      )
    }
    const answer = await this.#api.getServerlessCredentials(
      (params ?? {}) as Record<string, unknown>,
      caller,
    )
    response.writeHead(200, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': requestId,
    })
    response.end(
      JSON.stringify({
        dbUser: answer.dbUser,
        dbPassword: answer.dbPassword,
        // awsJson timestamps are epoch seconds.
        expiration: answer.expiration.getTime() / 1000,
        ...(answer.nextRefreshTime === undefined
          ? {}
          : { nextRefreshTime: answer.nextRefreshTime.getTime() / 1000 }),
      }),
    )
  }

  #count(action: string): void {
    this.#calls.set(action, (this.#calls.get(action) ?? 0) + 1)
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(
          new AwsApiError(
            'RequestEntityTooLarge',
            413,
            'Request body too large.',
          ),
        )
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function sendXmlError(
  response: http.ServerResponse,
  error: AwsApiError,
  requestId: string,
): void {
  response.writeHead(error.status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
  })
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<ErrorResponse xmlns="${REDSHIFT_XMLNS}"><Error>` +
      element('Type', error.fault) +
      element('Code', error.code) +
      element('Message', error.message) +
      `</Error>${element('RequestId', requestId)}</ErrorResponse>`,
  )
}

function sendJsonError(
  response: http.ServerResponse,
  error: AwsApiError,
  requestId: string,
): void {
  response.writeHead(error.status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.code,
  })
  response.end(JSON.stringify({ __type: error.code, message: error.message }))
}

function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) =>
    c === '<'
      ? '&lt;'
      : c === '>'
        ? '&gt;'
        : c === '&'
          ? '&amp;'
          : c === '"'
            ? '&quot;'
            : '&apos;',
  )
}
