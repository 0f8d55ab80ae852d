import { describe, expect, it } from 'vitest';
import { PalisadeError, type Decision } from '@palisade/core';
import { errorResponse } from './error-response.ts';
import { reasonPhrase } from './reason-phrase.ts';
import { auditHeaders, blockedResponse, blockMessage } from './refusal.ts';

const decision: Decision = {
  ref: { ecosystem: 'npm', name: 'evil-pkg', version: '1.2.0' },
  mode: 'enforce',
  outcome: 'deny',
  reasons: [
    { rule: 'malicious-package', id: 'MAL-2099-0001', summary: 'Malicious code in evil-pkg (npm)', url: 'https://osv.dev/vulnerability/MAL-2099-0001' },
    { rule: 'malicious-package', id: 'MAL-2099-0002', summary: 'Another report' },
  ],
};
const json = (message: string) => ({ body: JSON.stringify({ error: message }), contentType: 'application/json' });

describe('reasonPhrase', () => {
  it('keeps one line of visible ASCII', () => {
    expect(reasonPhrase('Blocked:\r\nevil\u0000 pkg \u00e9')).toBe('Blocked: evil? pkg ?');
  });
  it('cuts long phrases', () => {
    expect(reasonPhrase('x'.repeat(500))).toHaveLength(200);
  });
});

describe('blockedResponse', () => {
  it('names the package, version and reports in the phrase, headers and body', async () => {
    const response = blockedResponse(decision, json);
    expect(response.status).toBe(403);
    expect(response.statusText).toBe('Blocked by Palisade: npm package evil-pkg@1.2.0 blocked: MAL-2099-0001, MAL-2099-0002');
    expect(response.headers.get('X-Palisade-Decision')).toBe('blocked');
    expect(response.headers.get('X-Palisade-Reason')).toBe('MAL-2099-0001, MAL-2099-0002');
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain('evil-pkg@1.2.0');
    expect(body.error).toContain('MAL-2099-0001');
    expect(body.error).toContain('Malicious code in evil-pkg (npm)');
    expect(body.error).toContain('https://osv.dev/vulnerability/MAL-2099-0001');
  });
  it('escapes what came from outside', () => {
    const odd: Decision = { ...decision, ref: { ...decision.ref, version: '1.0.0\u001b[31m' } };
    expect(blockedResponse(odd, json).statusText).not.toMatch(/[^\x20-\x7e]/);
    expect(blockMessage(odd)).not.toContain('\u001b');
  });
});

describe('auditHeaders', () => {
  it('marks audit findings and nothing else', () => {
    expect(auditHeaders({ ...decision, outcome: 'audit' })).toEqual({ 'X-Palisade-Decision': 'audit', 'X-Palisade-Reason': 'MAL-2099-0001, MAL-2099-0002' });
    expect(auditHeaders({ ...decision, outcome: 'allow', reasons: [] })).toEqual({});
  });
});

describe('errorResponse', () => {
  it('keeps the status, code and message of a PalisadeError', async () => {
    const response = errorResponse(new PalisadeError(502, 'upstream-malformed', 'The registry sent malformed JSON'), json);
    expect(response.status).toBe(502);
    expect(response.headers.get('X-Palisade-Error')).toBe('upstream-malformed');
    expect(response.statusText).toBe('Palisade: The registry sent malformed JSON');
    expect(await response.json()).toEqual({ error: 'The registry sent malformed JSON' });
  });
  it('keeps quotes as they are and escapes control characters, so clients print the message verbatim', async () => {
    const response = errorResponse(new PalisadeError(502, 'x', 'The body of "pkg" changed\u0007'), json);
    expect(((await response.json()) as { error: string }).error).toBe('The body of "pkg" changed\\u0007');
  });
  it('hides the details of anything else', async () => {
    const response = errorResponse(new Error('secret at /srv/x.ts:12'), json);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret');
  });
});
