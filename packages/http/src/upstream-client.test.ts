import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PalisadeError } from '@palisade/core';
import { createUpstreamClient } from './upstream-client.ts';

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    if (request.url?.startsWith('/prefix/slow')) return void setTimeout(() => response.end('late'), 2_000);
    if (request.url?.startsWith('/prefix/flaky') && failuresLeft-- > 0) return void response.writeHead(503).end();
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`ok ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createUpstreamClient', () => {
  it('keeps the path prefix, sends Via and validators, and withholds credentials', async () => {
    const statuses: (number | 'error')[] = [];
    const client = createUpstreamClient({ ecosystem: 'npm', baseUrl: base, onResponse: (status) => statuses.push(status) });
    const response = await client.request({ path: '/@scope%2fname', validators: { etag: '"abc"' }, authorization: 'Bearer secret' });
    expect(await response.text()).toBe('ok /prefix/@scope%2fname');
    const last = seen.at(-1);
    expect(last?.headers['via']).toBe('1.1 palisade');
    expect(last?.headers['if-none-match']).toBe('"abc"');
    expect(last?.headers['authorization']).toBeUndefined();
    expect(statuses).toEqual([200]);
  });
  it('forwards credentials only when configured to', async () => {
    const client = createUpstreamClient({ ecosystem: 'npm', baseUrl: base, forwardAuthorization: true });
    await (await client.request({ path: 'x', authorization: 'Bearer secret' })).text();
    expect(seen.at(-1)?.headers['authorization']).toBe('Bearer secret');
  });
  it('sends credentials written into the registry URL as Basic authorization, not in the URL', async () => {
    const client = createUpstreamClient({ ecosystem: 'npm', baseUrl: base.replace('http://', 'http://reader:s%40cret@'), forwardAuthorization: true });
    expect(client.baseUrl).toBe(base);
    await (await client.request({ path: 'x', authorization: 'Bearer client' })).text();
    expect(seen.at(-1)?.headers['authorization']).toBe(`Basic ${Buffer.from('reader:s@cret').toString('base64')}`);
  });
  it('retries an idempotent request after a 503, within its bound', async () => {
    failuresLeft = 1;
    const client = createUpstreamClient({ ecosystem: 'npm', baseUrl: base, retries: 2 });
    expect((await client.request({ path: 'flaky' })).status).toBe(200);
    failuresLeft = 5;
    const bounded = createUpstreamClient({ ecosystem: 'npm', baseUrl: base, retries: 1 });
    expect((await bounded.request({ path: 'flaky' })).status).toBe(503);
    failuresLeft = 0;
  });
  it('turns a timeout into a 504 and an unreachable registry into a 502', async () => {
    const slow = createUpstreamClient({ ecosystem: 'npm', baseUrl: base, timeoutMs: 100, retries: 0 });
    await expect(slow.request({ path: 'slow' })).rejects.toMatchObject({ status: 504, code: 'upstream-timeout' });
    const closed = createUpstreamClient({ ecosystem: 'npm', baseUrl: 'http://127.0.0.1:1/', retries: 0 });
    const error = await closed.request({ path: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PalisadeError);
    expect(error).toMatchObject({ status: 502, code: 'upstream-unreachable' });
  });
  it('never resolves a path outside the registry root', () => {
    const client = createUpstreamClient({ ecosystem: 'npm', baseUrl: base });
    expect(() => client.url('../../etc/passwd')).toThrow(PalisadeError);
    expect(client.url('//evil.example/x')).toBe(`${base}evil.example/x`);
    expect(client.url('lodash')).toBe(`${base}lodash`);
  });
});
