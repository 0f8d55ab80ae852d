/** A value that was produced successfully. */
export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

/** Why an input was refused: a short sentence meant for logs and error responses. */
export interface Failure {
  readonly ok: false;
  readonly error: string;
}

/**
 * What parsers and checks return instead of throwing: bad input (a crafted name, a
 * version that is not one) is an expected outcome for a proxy, not an exception.
 */
export type Result<T> = Success<T> | Failure;

export function success<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function failure(error: string): Failure {
  return { ok: false, error };
}
