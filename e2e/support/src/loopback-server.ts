import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a fixture upstream misbehaves: not at all, with 503 to everything (its handler's part), or by refusing connections. */
export type ServerFailure = 'none' | 'unavailable' | 'refused';

/** A fixture server on 127.0.0.1 that a test can make fail and recover, keeping its port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The failure in effect, for the handler to answer 503 while `unavailable`. */
  failure(): ServerFailure;
  /** Makes the server fail (or recover); resolves once the change is in effect. */
  setFailure(next: ServerFailure): Promise<void>;
  close(): Promise<void>;
}

/** Starts `listener` on a free port of 127.0.0.1. */
export async function startLoopbackServer(listener: RequestListener): Promise<LoopbackServer> {
  const server: Server = createServer(listener);
  let failure: ServerFailure = 'none';
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    failure: () => failure,
    async setFailure(next) {
      if (failure === 'refused' && next !== 'refused') await listen(port);
      if (next === 'refused' && failure !== 'refused') await stop();
      failure = next;
    },
    close: () => (failure === 'refused' ? Promise.resolve() : stop()),
  };
}
