import { PalisadeError, printable } from '@palisade/core';
import type { RefusalBody } from './refusal.ts';
import { reasonPhrase } from './reason-phrase.ts';

/**
 * The one place an error becomes a response. A `PalisadeError` keeps its status, code and
 * message; anything else is a 500 whose body says only that the proxy failed (the stack
 * goes to the log, never to the client).
 */
export function errorResponse(error: unknown, render: (message: string, code: string) => RefusalBody, headers: Record<string, string> = {}): Response {
  const known = error instanceof PalisadeError;
  const status = known ? error.status : 500;
  const code = known ? error.code : 'internal-error';
  const message = known ? printable(error.message, 1000) : 'Palisade failed to answer this request; the error is in the proxy log';
  const { body, contentType } = render(message, code);
  return new Response(body, {
    status,
    statusText: reasonPhrase(`Palisade: ${message}`),
    headers: { ...headers, 'Content-Type': contentType, 'X-Palisade-Error': code },
  });
}
