import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { noteClient } from '@palisade/http';
import { presentedToken, type TokenSet } from './token-set.ts';

export interface ClientGateOptions {
  /** The tokens package routes accept; undefined or empty: package routes are open. */
  readonly tokens?: TokenSet | undefined;
  /** Whether the address logged is the last `X-Forwarded-For` entry (a reverse proxy in front appended it). */
  readonly trustForwardedFor?: boolean | undefined;
}

/** Paths that stay open whatever the client tokens: probes, metrics, and the operator API (which checks its own token). */
const OPEN_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The path the app will route `url` by, as @hono/node-server builds the request's URL (dot
 * segments resolved, `%2e%2e` included; absolute-form targets read as URLs); undefined
 * when it is not one.
 */
export function routedPath(url: string): string | undefined {
  try {
    if (url.startsWith('/')) return new URL(`http://palisade.invalid${url}`).pathname;
    return url.startsWith('http://') || url.startsWith('https://') ? new URL(url).pathname : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a request may go on without client credentials: its routed path is an open one. */
export function isOpenPath(url: string): boolean {
  const path = routedPath(url);
  return path !== undefined && (OPEN_PATHS.has(path) || path === '/api' || path.startsWith('/api/'));
}

const REALM = 'Basic realm="palisade"';

/** The last address of `X-Forwarded-For` when it is one; undefined otherwise. */
export function lastForwardedFor(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.at(-1) : header;
  const last = value?.slice(value.lastIndexOf(',') + 1).trim();
  return last !== undefined && isIP(last) !== 0 ? last : undefined;
}

/** Answers 401 naming the challenge pip and go answer with their credentials (npm sends its bearer token unasked). */
function refuse(npm: boolean, outgoing: ServerResponse): void {
  const message = 'Palisade needs client credentials: a token as npm\'s _authToken (Bearer) or as the password of the index or proxy URL (Basic)';
  const body = npm ? JSON.stringify({ error: message }) : `${message}\n`;
  outgoing.statusMessage = 'Unauthorized: Palisade needs client credentials';
  outgoing.writeHead(401, { 'WWW-Authenticate': REALM, 'Content-Type': npm ? 'application/json' : 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  outgoing.end(body);
}

/**
 * What the server's request listener runs first, before any answer (repeated ones
 * included): notes the address to log (from `X-Forwarded-For` when trusted), and when client
 * tokens are configured, admits a request to any path but the open ones only with a
 * listed token, noting the token's name as the client's identity; any other request is
 * answered 401 with `WWW-Authenticate: Basic realm="palisade"`. Returns whether the request
 * goes on. Refused requests are not recorded: a flood of them cannot push the requests of
 * real clients out of the request log.
 */
export function clientGate(options: ClientGateOptions): (incoming: IncomingMessage, outgoing: ServerResponse) => boolean {
  const tokens = options.tokens !== undefined && options.tokens.size > 0 ? options.tokens : undefined;
  const trust = options.trustForwardedFor === true;
  return (incoming, outgoing) => {
    const address = trust ? lastForwardedFor(incoming.headers['x-forwarded-for']) : undefined;
    if (tokens === undefined) {
      if (address !== undefined) noteClient(incoming, { address });
      return true;
    }
    const url = incoming.url ?? '/';
    if (isOpenPath(url)) {
      if (address !== undefined) noteClient(incoming, { address });
      return true;
    }
    const identity = tokens.identify(presentedToken(incoming.headers.authorization));
    if (identity === undefined) {
      refuse(url.startsWith('/npm/'), outgoing);
      return false;
    }
    noteClient(incoming, { address, identity });
    return true;
  };
}
