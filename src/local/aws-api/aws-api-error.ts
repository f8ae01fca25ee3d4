/**
 * An error the emulated AWS APIs answer with, in AWS's terms: the code the
 * SDK turns into an exception class (`ClusterNotFound` ->
 * ClusterNotFoundFault, `ResourceNotFoundException`), its HTTP status, and
 * whether the caller (`Sender`) or the service (`Receiver`) is at fault.
 *
 * @example
 * ```ts
 * throw new AwsApiError('ClusterNotFound', 404, 'Cluster analytics not found.')
 * ```
 */
export class AwsApiError extends Error {
  readonly code: string
  readonly status: number
  readonly fault: 'Sender' | 'Receiver'

  constructor(code: string, status: number, message: string) {
    super(message)
    this.name = 'AwsApiError'
    this.code = code
    this.status = status
    this.fault = status >= 500 ? 'Receiver' : 'Sender'
  }
}
