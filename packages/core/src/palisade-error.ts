/**
 * The one error type that crosses package boundaries: it carries the HTTP status and a
 * stable code, and the proxy turns it into a response in one place. The message is one
 * line meant for the client and the log.
 */
export class PalisadeError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PalisadeError';
    this.status = status;
    this.code = code;
  }
}
