import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestHeader } from './request-header.ts';

describe('requestHeader', () => {
  const app = new Hono().get('/', (c) => c.text(`${requestHeader(c, 'Accept') ?? '-'}|${requestHeader(c, 'x-missing') ?? '-'}`));

  it("reads Node's parsed headers when the server hands them over", async () => {
    const incoming = { headers: { accept: 'application/json', 'x-twice': ['a', 'b'] } };
    const response = await app.request('http://palisade.test/', { headers: { accept: 'text/html' } }, { incoming });
    expect(await response.text()).toBe('application/json|-');
  });

  it('falls back to the web request elsewhere', async () => {
    const response = await app.request('http://palisade.test/', { headers: { accept: 'text/html' } });
    expect(await response.text()).toBe('text/html|-');
  });
});
