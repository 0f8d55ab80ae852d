import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestClient } from '@palisade/http';
import { describe, expect, it } from 'vitest';
import { clientGate, isOpenPath, lastForwardedFor } from './client-gate.ts';
import { TokenSet } from './token-set.ts';

const TOKEN = 'ci-token-0123456789';

function request(url: string, headers: Record<string, string> = {}) {
  const incoming = { url, headers, socket: { remoteAddress: '10.0.0.9' } } as unknown as IncomingMessage;
  const sent: { status?: number; message?: string; headers?: Record<string, unknown>; body?: string } = {};
  const outgoing = {
    set statusMessage(message: string) {
      sent.message = message;
    },
    writeHead(status: number, headers: Record<string, unknown>) {
      Object.assign(sent, { status, headers });
    },
    end(body: string) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  return { incoming, outgoing, sent };
}

describe('clientGate with client tokens', () => {
  const admit = clientGate({ tokens: new TokenSet([{ name: 'ci', token: TOKEN }]) });

  it('admits a listed token as a bearer token or a Basic password, noting its name as the identity', () => {
    for (const authorization of [`Bearer ${TOKEN}`, `Basic ${Buffer.from(`pip:${TOKEN}`).toString('base64')}`]) {
      const { incoming, outgoing, sent } = request('/npm/left-pad', { authorization });
      expect(admit(incoming, outgoing)).toBe(true);
      expect(sent.status).toBeUndefined();
      expect(requestClient(incoming)).toMatchObject({ clientAddress: '10.0.0.9', identity: 'ci' });
    }
  });

  it.each([[{}], [{ authorization: 'Bearer wrong-token-012345678' }], [{ authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}` }]])('answers 401 with a Basic challenge to %j', (headers) => {
    const { incoming, outgoing, sent } = request('/pypi/simple/requests/', headers);
    expect(admit(incoming, outgoing)).toBe(false);
    expect(sent).toMatchObject({ status: 401, message: 'Unauthorized: Palisade needs client credentials', headers: { 'WWW-Authenticate': 'Basic realm="palisade"' } });
    expect(sent.body).toContain('client credentials');
  });

  it('answers npm with a JSON error it prints', () => {
    const { incoming, outgoing, sent } = request('/npm/left-pad');
    admit(incoming, outgoing);
    expect(JSON.parse(sent.body ?? '')).toEqual({ error: expect.stringContaining('_authToken') });
  });

  it('leaves probes, metrics and the operator API open', () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/metrics?x=1', '/api/status', '/api']) {
      const { incoming, outgoing } = request(url);
      expect(admit(incoming, outgoing), url).toBe(true);
    }
  });

  it('judges the path the app routes by: dot segments and absolute targets cannot reach a package route unchecked', () => {
    for (const url of ['/api/../npm/left-pad', '/api/%2e%2e/npm/left-pad', '/healthz/../go/x/@v/list', 'http://host/npm/left-pad', '//api/../npm/x', 'npm/left-pad', '/unknown']) {
      const { incoming, outgoing } = request(url);
      expect(admit(incoming, outgoing), url).toBe(false);
    }
    expect(isOpenPath('http://host/api/status')).toBe(true);
    expect(isOpenPath('/npm/../api/status')).toBe(true);
  });
});

describe('clientGate without client tokens', () => {
  it('admits everything and notes no identity', () => {
    const { incoming, outgoing } = request('/npm/left-pad');
    expect(clientGate({})(incoming, outgoing)).toBe(true);
    expect(requestClient(incoming).identity).toBeUndefined();
  });

  it('logs the last X-Forwarded-For address only when trusted', () => {
    const trusted = request('/npm/left-pad', { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
    clientGate({ trustForwardedFor: true })(trusted.incoming, trusted.outgoing);
    expect(requestClient(trusted.incoming).clientAddress).toBe('198.51.100.7');
    const untrusted = request('/npm/left-pad', { 'x-forwarded-for': '203.0.113.9' });
    clientGate({})(untrusted.incoming, untrusted.outgoing);
    expect(requestClient(untrusted.incoming).clientAddress).toBe('10.0.0.9');
  });
});

describe('lastForwardedFor', () => {
  it('is the last entry when it is an address', () => {
    expect(lastForwardedFor('1.2.3.4, ::1')).toBe('::1');
    expect(lastForwardedFor(['1.2.3.4', '5.6.7.8'])).toBe('5.6.7.8');
    for (const header of [undefined, '', 'unknown', '1.2.3.4, not-an-ip', 'x'.repeat(10_000)]) expect(lastForwardedFor(header)).toBeUndefined();
  });
});
