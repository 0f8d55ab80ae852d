import type { IncomingMessage } from 'node:http';

/** Who sent a request, as the request log records it. */
export interface RequestClient {
  /** The client's address: the socket's peer, unless the server noted another one (see `noteClient`). */
  readonly clientAddress?: string | undefined;
  readonly userAgent?: string | undefined;
  /** Who the client authenticated as, when the server checked credentials. */
  readonly identity?: string | undefined;
}

/** What the server in front learnt about a request before handing it on. */
export interface NotedClient {
  /** The address to log instead of the socket's peer (from a trusted `X-Forwarded-For`). */
  readonly address?: string | undefined;
  readonly identity?: string | undefined;
}

const noted = new WeakMap<IncomingMessage, NotedClient>();

/** Notes who sent `incoming` (its identity, the address to log), for the records made of it later. */
export function noteClient(incoming: IncomingMessage, client: NotedClient): void {
  noted.set(incoming, client);
}

/** Who sent `incoming`: the noted address or the socket's peer, the `User-Agent` header, the noted identity. */
export function requestClient(incoming: IncomingMessage | undefined): RequestClient {
  if (incoming === undefined) return {};
  const known = noted.get(incoming);
  const userAgent = incoming.headers?.['user-agent'];
  return {
    clientAddress: known?.address ?? incoming.socket?.remoteAddress,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
    identity: known?.identity,
  };
}
