import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { noteClient, requestClient } from './request-client.ts';
import { noteTarget, observeRequests, type RequestRecord } from './request-record.ts';

const fakeRequest = (headers: Record<string, string>, remoteAddress?: string) => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('requestClient', () => {
  it('is the socket peer and the User-Agent header, without identity until one is noted', () => {
    expect(requestClient(fakeRequest({ 'user-agent': 'npm/11.0.0' }, '10.0.0.7'))).toEqual({ clientAddress: '10.0.0.7', userAgent: 'npm/11.0.0', identity: undefined });
  });

  it('takes the noted address and identity over the socket peer', () => {
    const request = fakeRequest({}, '127.0.0.1');
    noteClient(request, { address: '192.0.2.4', identity: 'ci-runner' });
    expect(requestClient(request)).toEqual({ clientAddress: '192.0.2.4', userAgent: undefined, identity: 'ci-runner' });
  });

  it('knows nothing of a request it is not given (an app used without a Node server)', () => {
    expect(requestClient(undefined)).toEqual({});
  });
});

describe('observeRequests', () => {
  it('records who sent a request, from the Node request @hono/node-server hands the app', async () => {
    const records: RequestRecord[] = [];
    const app = new Hono();
    app.use(observeRequests({ ecosystem: 'npm', clock: () => 0, observe: (record) => records.push(record) }));
    app.get('*', (c) => {
      noteTarget(c, { kind: 'metadata', package: 'left-pad' });
      return c.text('ok');
    });
    const incoming = fakeRequest({ 'user-agent': 'pnpm/10.0.0' }, '127.0.0.1');
    noteClient(incoming, { identity: 'build-7' });
    expect((await app.request('/left-pad', {}, { incoming })).status).toBe(200);
    expect(records).toMatchObject([{ ecosystem: 'npm', package: 'left-pad', clientAddress: '127.0.0.1', userAgent: 'pnpm/10.0.0', identity: 'build-7' }]);
  });
});
