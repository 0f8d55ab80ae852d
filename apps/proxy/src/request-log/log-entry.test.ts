import { DEFAULT_POLICY_SETTINGS, parsePolicySettings, type PolicySettings } from '@palisade/core';
import type { RequestRecord } from '@palisade/http';
import { MaliciousPackageIndex } from '@palisade/malicious-db';
import { describe, expect, it } from 'vitest';
import { requestDecision, requestLogEntry, type LogEntryContext } from './log-entry.ts';

const index = new MaliciousPackageIndex();
index.add({ id: 'MAL-2099-0001', summary: 'Malicious code in evil-dep (npm)', path: '', published: undefined, modified: undefined, packages: [{ ecosystem: 'npm', name: 'evil-dep', versions: ['1.2.0'], ranges: [] }] });

const record = (overrides: Partial<RequestRecord> = {}): RequestRecord => ({
  ecosystem: 'npm',
  kind: 'artifact',
  method: 'GET',
  path: '/npm/evil-dep/-/evil-dep-1.2.0.tgz',
  status: 200,
  cache: 'HIT',
  outcome: 'served',
  package: 'evil-dep',
  version: '1.2.0',
  reasons: [],
  durationSeconds: 0.004,
  clientAddress: '127.0.0.1',
  userAgent: 'npm/11.0.0',
  ...overrides,
});

function context(settings: PolicySettings = DEFAULT_POLICY_SETTINGS): LogEntryContext {
  return { settings: () => settings, modes: { npm: 'enforce', pypi: 'audit', go: 'off' }, index: () => index, now: () => 1_700_000_000_000 };
}

describe('requestDecision', () => {
  it('is blocked for refusals, audit for audited answers, allowed for the rest', () => {
    expect(['served', 'filtered', 'blocked', 'audited', 'not_found', 'refused_unready', 'upstream_error'].map((outcome) => requestDecision(outcome as RequestRecord['outcome']))).toEqual([
      'allowed', 'allowed', 'blocked', 'audit', 'allowed', 'blocked', 'allowed',
    ]);
  });
});

describe('requestLogEntry', () => {
  it('records a served request with its arrival time, duration and client', () => {
    expect(requestLogEntry(record(), context())).toEqual({
      time: 1_700_000_000_000 - 4,
      ecosystem: 'npm',
      package: 'evil-dep',
      version: '1.2.0',
      kind: 'artifact',
      decision: 'allowed',
      reasons: undefined,
      reportIds: undefined,
      mode: 'enforce',
      cache: 'HIT',
      status: 200,
      durationMs: 4,
      method: 'GET',
      path: '/npm/evil-dep/-/evil-dep-1.2.0.tgz',
      clientAddress: '127.0.0.1',
      userAgent: 'npm/11.0.0',
      identity: undefined,
    });
  });

  it('names the reports of a block with their summaries, and rule ids as they are', () => {
    const entry = requestLogEntry(record({ outcome: 'blocked', status: 403, cache: 'BYPASS', reasons: ['MAL-2099-0001', 'deny:npm:evil-*'], identity: 'ci' }), context());
    expect(entry).toMatchObject({ decision: 'blocked', reportIds: ['MAL-2099-0001', 'deny:npm:evil-*'], reasons: ['MAL-2099-0001: Malicious code in evil-dep (npm)', 'deny:npm:evil-*'], identity: 'ci' });
  });

  it('says why a request was refused while no database is usable', () => {
    expect(requestLogEntry(record({ outcome: 'refused_unready', status: 503 }), context())).toMatchObject({ decision: 'blocked', reasons: [expect.stringContaining('no usable malicious-package database')] });
  });

  it('takes the mode of the package, else of its ecosystem', () => {
    const parsed = parsePolicySettings({ modes: [{ ecosystem: 'npm', package: 'evil-*', mode: 'audit' }] });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(requestLogEntry(record({ outcome: 'audited', reasons: ['MAL-2099-0001'] }), context(parsed.value))).toMatchObject({ mode: 'audit', decision: 'audit' });
    expect(requestLogEntry(record({ package: 'left-pad' }), context(parsed.value)).mode).toBe('enforce');
    expect(requestLogEntry(record({ ecosystem: 'pypi', package: undefined }), context()).mode).toBe('audit');
  });
});
