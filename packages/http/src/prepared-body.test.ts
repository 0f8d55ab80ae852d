import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { PreparedAnswers } from './prepared-answers.ts';
import { acceptsGzip, prepareBody, sendPreparedBody } from './prepared-body.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['x-gzip', true],
    ['GZIP;q=0.5', true],
    ['deflate, gzip;q=0', false],
    ['br', false],
    ['', false],
    [undefined, false],
  ])('%j: %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('sendPreparedBody', () => {
  const body = prepareBody(Buffer.from(JSON.stringify({ name: 'left-pad', padding: 'x'.repeat(2000) })));
  const completed: string[] = [];
  const app = new Hono().all('/', (c) => sendPreparedBody(c, body, { 'Content-Type': 'application/json' }, (headers) => completed.push(headers['Content-Encoding'] ?? 'identity')));

  it('sends the identity bytes with an ETag, then the gzip form once it is made, to a client that accepts it', async () => {
    completed.length = 0;
    const plain = await app.request('/');
    expect([plain.status, plain.headers.get('ETag'), plain.headers.get('Content-Length')]).toEqual([200, body.etag, String(body.identity.byteLength)]);
    await vi.waitFor(() => expect(body.gzip).toBeDefined(), { timeout: 10_000 });
    const zipped = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(Number(zipped.headers.get('Content-Length'))).toBeLessThan(body.identity.byteLength / 4);
    expect(completed).toEqual(['identity', 'gzip']);
  });

  it('answers a matching If-None-Match with 304 and HEAD without a body, and tells of neither as complete', async () => {
    completed.length = 0;
    const conditional = await app.request('/', { headers: { 'If-None-Match': body.etag } });
    const head = await app.request('/', { method: 'HEAD' });
    expect([conditional.status, head.status, head.headers.get('Content-Length'), (await head.arrayBuffer()).byteLength]).toEqual([304, 200, String(body.identity.byteLength), 0]);
    expect(completed).toEqual([]);
  });

  it('does not tell of a gzip request answered with identity bytes while the gzip form is being made', async () => {
    completed.length = 0;
    const fresh = prepareBody(Buffer.from('y'.repeat(5000)));
    const early = new Hono().all('/', (c) => sendPreparedBody(c, fresh, {}, (headers) => completed.push(headers['Content-Encoding'] ?? 'identity')));
    const response = await early.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect([response.headers.get('Content-Encoding'), completed]).toEqual([null, []]);
  });
});

describe('PreparedAnswers', () => {
  it('prepares once for concurrent callers, keeps the answer, and forgets a failed preparation', async () => {
    const answers = new PreparedAnswers<{ size: number }>(1000, (answer) => answer.size);
    let calls = 0;
    const prepare = async () => {
      calls++;
      await settle();
      return { size: 10 };
    };
    const [a, b] = await Promise.all([answers.get('k', prepare), answers.get('k', prepare)]);
    expect([a === b, calls, (await answers.get('k', prepare)) === a, calls]).toEqual([true, 1, true, 1]);
    await expect(answers.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await answers.get('bad', prepare)).toEqual({ size: 10 });
  });

  it('stays within its bytes, least recently used first', async () => {
    const answers = new PreparedAnswers<{ size: number }>(100, (answer) => answer.size);
    for (const key of ['a', 'b', 'c']) await answers.get(key, async () => ({ size: 40 }));
    let prepared = 0;
    await answers.get('a', async () => ({ size: 40, again: ++prepared }));
    expect(prepared).toBe(1);
  });
});
