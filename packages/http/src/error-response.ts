import { PalisadeError } from '@palisade/core';
import type { RefusalBody } from './refusal.ts';
import { reasonPhrase } from './reason-phrase.ts';

const MAX_MESSAGE = 1000;

/** A message as clients print it verbatim: one line, visible ASCII (anything else escaped as \uXXXX), bounded. */
function plainLine(message: string): string {
  const line = message.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 3)}...` : line;
}

/**
 * The one place an error becomes a response. A `PalisadeError` keeps its status, code and
 * message; anything else is a 500 whose body says only that the proxy failed (the stack
 * goes to the log, never to the client).
 */
export function errorResponse(error: unknown, render: (message: string, code: string) => RefusalBody, headers: Record<string, string> = {}): Response {
  const known = error instanceof PalisadeError;
  const status = known ? error.status : 500;
  const code = known ? error.code : 'internal-error';
  const message = known ? plainLine(error.message) : 'Palisade failed to answer this request; the error is in the proxy log';
  const { body, contentType } = render(message, code);
  return new Response(body, {
    status,
    statusText: reasonPhrase(`Palisade: ${message}`),
    headers: { ...headers, 'Content-Type': contentType, 'X-Palisade-Error': code },
  });
}
