import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS } from '@palisade/core';
import { holdsWhile, HotAnswers, type HotAnswer } from './hot-answers.ts';
import type { PolicyView } from './policy-view.ts';
import { noteClient } from './request-client.ts';
import type { RequestRecord } from './request-record.ts';

// Node's request and response reduced to what HotAnswers reads and writes.
function incoming(url: string, headers: Record<string, string> = {}, method = 'GET'): IncomingMessage {
  return { method, url, headers: { accept: 'application/json', 'accept-encoding': 'gzip', ...headers } } as unknown as IncomingMessage;
}

function outgoing() {
  const sent: { status?: number; headers?: unknown; body?: Uint8Array } = {};
  const response = {
    writeHead(status: number, headers: unknown) {
      Object.assign(sent, { status, headers });
      return response;
    },
    end(body: Uint8Array) {
      sent.body = body;
    },
  };
  return { response: response as unknown as ServerResponse, sent };
}

const contextOf = (request: IncomingMessage) => ({ env: { incoming: request } }) as unknown as Context;

function setup(maxBytes = 1 << 20) {
  const records: RequestRecord[] = [];
  const hot = new HotAnswers({ maxBytes, clock: () => 0, observe: (record) => records.push(record) });
  /** Offers a request; when it goes on to the "app", the app remembers `answer` for it. */
  const request = (req: IncomingMessage, answer?: HotAnswer) => {
    const { response, sent } = outgoing();
    const served = hot.serve(req, response);
    if (!served && answer) hot.remember(contextOf(req), answer);
    return { served, sent };
  };
  return { hot, records, request };
}

const answer = (body: string, holds = () => true, headers: Record<string, string> = {}): HotAnswer => ({
  ecosystem: 'npm',
  target: { kind: 'metadata', package: 'left-pad', filtered: true },
  headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), 'X-Cache': 'MISS', ...headers },
  body: Buffer.from(body),
  holds,
});

describe('HotAnswers', () => {
  it('repeats a remembered answer to the same request, as a HIT, and records it', () => {
    const { hot, records, request } = setup();
    expect(request(incoming('/npm/left-pad'), answer('{"a":1}', undefined, { 'X-Palisade-Reason': 'MAL-1, MAL-2' })).served).toBe(false);
    const { served, sent } = request(incoming('/npm/left-pad'));
    expect(served).toBe(true);
    expect(sent.status).toBe(200);
    expect(sent.headers).toEqual(['Content-Type', 'application/json', 'Content-Length', '7', 'X-Cache', 'HIT', 'X-Palisade-Reason', 'MAL-1, MAL-2']);
    expect(Buffer.from(sent.body ?? []).toString()).toBe('{"a":1}');
    expect(records).toEqual([{ ecosystem: 'npm', kind: 'metadata', status: 200, cache: 'HIT', outcome: 'filtered', package: 'left-pad', version: undefined, reasons: ['MAL-1', 'MAL-2'], method: 'GET', path: '/npm/left-pad', durationSeconds: 0 }]);
    expect(hot.stats()).toMatchObject({ served: 1, entries: 1 });
  });

  it('records who sent each repeat: the socket peer, the User-Agent and the identity the server noted', () => {
    const { records, request } = setup();
    request(incoming('/npm/left-pad'), answer('{}'));
    const repeat = Object.assign(incoming('/npm/left-pad', { 'user-agent': 'npm/11.1.0' }), { socket: { remoteAddress: '10.1.2.3' } });
    noteClient(repeat, { identity: 'ci-runner' });
    expect(request(repeat).served).toBe(true);
    expect(records.at(-1)).toMatchObject({ clientAddress: '10.1.2.3', userAgent: 'npm/11.1.0', identity: 'ci-runner' });
  });

  it('keys on the URL, query included, and the exact Accept and Accept-Encoding strings', () => {
    const { request } = setup();
    request(incoming('/npm/left-pad'), answer('{}'));
    expect(request(incoming('/npm/left-pad')).served).toBe(true);
    expect(request(incoming('/npm/left-pad?x=1')).served).toBe(false);
    expect(request(incoming('/npm/left-pad', { accept: 'application/vnd.npm.install-v1+json' })).served).toBe(false);
    expect(request(incoming('/npm/left-pad', { 'accept-encoding': 'gzip, deflate' })).served).toBe(false);
    expect(request(incoming('/npm/Left-Pad')).served).toBe(false);
  });

  it.each(['if-none-match', 'if-modified-since', 'range', 'authorization', 'cookie', 'via'])('neither repeats nor remembers for a request with %s', (name) => {
    const { request } = setup();
    request(incoming('/npm/left-pad'), answer('{}'));
    expect(request(incoming('/npm/left-pad', { [name]: 'x' }), answer('{"other":true}')).served).toBe(false);
    expect(request(incoming('/npm/left-pad', { [name]: 'x' })).served).toBe(false);
    expect(Buffer.from(request(incoming('/npm/left-pad')).sent.body ?? []).toString()).toBe('{}');
  });

  it('answers GET only', () => {
    const { request } = setup();
    request(incoming('/npm/left-pad', {}, 'HEAD'), answer('{}'));
    expect(request(incoming('/npm/left-pad', {}, 'HEAD')).served).toBe(false);
    expect(request(incoming('/npm/left-pad', {}, 'POST')).served).toBe(false);
  });

  it('drops an answer that no longer holds, and the request goes on to the app', () => {
    const { hot, request } = setup();
    let holds = true;
    request(incoming('/npm/left-pad'), answer('old', () => holds));
    expect(request(incoming('/npm/left-pad')).served).toBe(true);
    holds = false;
    expect(request(incoming('/npm/left-pad'), answer('new')).served).toBe(false);
    holds = true; // the old answer is gone for good; the app's new one is repeated
    expect(Buffer.from(request(incoming('/npm/left-pad')).sent.body ?? []).toString()).toBe('new');
    expect(hot.stats()).toMatchObject({ served: 2, entries: 1 });
  });

  it('remembers nothing for a request it was not offered, or a body above an eighth of its memory', () => {
    const { hot, request } = setup(8 * 1024);
    hot.remember(contextOf(incoming('/npm/left-pad')), answer('{}'));
    expect(request(incoming('/npm/left-pad')).served).toBe(false);
    request(incoming('/npm/big'), answer('x'.repeat(1025)));
    expect(request(incoming('/npm/big')).served).toBe(false);
    request(incoming('/npm/fits'), answer('x'.repeat(1024)));
    expect(request(incoming('/npm/fits')).served).toBe(true);
  });

  it('stays within its memory, forgetting the least recently used first', () => {
    const { hot, request } = setup(16 * 1024);
    for (let i = 0; i < 20; i++) request(incoming(`/npm/p${i}`), answer('x'.repeat(1500)));
    expect(hot.stats().bytes).toBeLessThanOrEqual(16 * 1024);
    expect(request(incoming('/npm/p0')).served).toBe(false);
    expect(request(incoming('/npm/p19')).served).toBe(true);
    hot.clear();
    expect(request(incoming('/npm/p19')).served).toBe(false);
  });
});

describe('holdsWhile', () => {
  let now = 1000;
  const view: PolicyView = { policy: { mode: 'enforce', rules: [] }, settings: DEFAULT_POLICY_SETTINGS, now: () => now, revision: 'r1' };

  it('holds while the entry is fresh, the view and the public URL the same, and the clock before the deadline', () => {
    let fresh = true;
    let current = view;
    let base = 'http://a/';
    const holds = holdsWhile({ view, base: 'http://a/', isFresh: () => fresh, validUntil: 2000 }, () => current, () => base);
    expect(holds()).toBe(true);
    now = 2000;
    expect(holds()).toBe(false);
    now = 1999;
    fresh = false;
    expect(holds()).toBe(false);
    fresh = true;
    current = { ...view };
    expect(holds()).toBe(false);
    current = view;
    base = 'http://b/';
    expect(holds()).toBe(false);
  });

  it('has no deadline without one', () => {
    now = Number.MAX_SAFE_INTEGER;
    expect(holdsWhile({ view, base: '', isFresh: () => true }, () => view, () => '')()).toBe(true);
  });
});
