import type { Ecosystem } from '@palisade/core';
import { MaliciousPackageIndex, type AffectedPackage } from '@palisade/malicious-db';
import { openRequestLog, type RequestLog, type RequestLogEntry } from '@palisade/request-log';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseRetroactiveAlerts } from './retroactive-alerts.ts';

const NAME = 'served-dep';

function indexOf(reports: Record<string, Partial<AffectedPackage>>): MaliciousPackageIndex {
  const index = new MaliciousPackageIndex();
  for (const [id, affected] of Object.entries(reports)) {
    index.add({ id, summary: `Malicious code in ${NAME}`, path: '', published: undefined, modified: undefined, packages: [{ ecosystem: 'npm', name: NAME, versions: [], ranges: [], ...affected }] });
  }
  return index;
}

const fetch = (version: string, overrides: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  time: Date.parse('2030-01-01T00:00:00Z'),
  ecosystem: 'npm',
  package: NAME,
  version,
  kind: 'artifact',
  decision: 'allowed',
  mode: 'enforce',
  cache: 'MISS',
  status: 200,
  durationMs: 3,
  method: 'GET',
  path: `/npm/${NAME}/-/${NAME}-${version}.tgz`,
  clientAddress: '10.0.0.5',
  userAgent: 'npm/11.0.0',
  ...overrides,
});

let requestLog: RequestLog;
let lines: { event: string; fields: Record<string, unknown> }[];
let counted: Ecosystem[];
const wiring = () => ({ requestLog, log: (event: string, fields: Record<string, unknown>) => void lines.push({ event, fields }), count: (ecosystem: Ecosystem) => void counted.push(ecosystem) });

beforeEach(() => {
  requestLog = openRequestLog({ path: ':memory:' });
  lines = [];
  counted = [];
});
afterEach(() => requestLog.close());

describe('raiseRetroactiveAlerts', () => {
  it('alerts on a served version a new report flags, naming every client that fetched it', async () => {
    requestLog.record(fetch('1.1.0'));
    requestLog.record(fetch('1.1.0', { clientAddress: '10.0.0.6', identity: 'ci', time: Date.parse('2030-01-02T00:00:00Z') }));
    requestLog.record(fetch('1.0.0'));
    requestLog.record(fetch('1.1.0', { kind: 'metadata', path: `/npm/${NAME}` }));
    const alerts = await raiseRetroactiveAlerts(wiring(), { before: indexOf({}), after: indexOf({ 'MAL-1': { versions: ['1.1.0'] } }), newlyFlagged: [{ ecosystem: 'npm', name: NAME }] });
    expect(alerts).toEqual([expect.objectContaining({ ecosystem: 'npm', package: NAME, versions: ['1.1.0'], reportIds: ['MAL-1'] })]);
    expect(alerts[0]?.fetches.map((each) => [each.clientAddress, each.identity])).toEqual([['10.0.0.5', null], ['10.0.0.6', 'ci']]);
    expect(requestLog.listAlerts()).toMatchObject({ ok: true, value: { alerts: [{ id: alerts[0]?.id }] } });
    expect(lines).toEqual([{ event: 'retroactive-alert', fields: expect.objectContaining({ package: NAME, versions: ['1.1.0'], reportIds: ['MAL-1'], fetches: 2, clients: [
      { clientAddress: '10.0.0.5', identity: null, fetches: 1, lastFetch: '2030-01-01T00:00:00.000Z' },
      { clientAddress: '10.0.0.6', identity: 'ci', fetches: 1, lastFetch: '2030-01-02T00:00:00.000Z' },
    ] }) }]);
    expect(counted).toEqual(['npm']);
  });

  it('counts every fetched version under a whole-package report', async () => {
    for (const version of ['1.0.0', '2.0.0']) requestLog.record(fetch(version));
    const after = indexOf({ 'MAL-2': { ranges: [{ type: 'SEMVER', events: [{ kind: 'introduced', version: '0' }] }] } });
    const [alert] = await raiseRetroactiveAlerts(wiring(), { before: undefined, after, newlyFlagged: [{ ecosystem: 'npm', name: NAME }] });
    expect(alert?.versions.toSorted()).toEqual(['1.0.0', '2.0.0']);
  });

  it('raises nothing for versions never served, refused, flagged before by the same report, or not flagged', async () => {
    requestLog.record(fetch('1.1.0', { decision: 'blocked', status: 403 }));
    requestLog.record(fetch('1.2.0', { decision: 'audit', reportIds: ['MAL-1'] }));
    requestLog.record(fetch('1.3.0', { status: 404 }));
    requestLog.record(fetch('1.4.0'));
    const before = indexOf({ 'MAL-1': { versions: ['1.2.0'] } });
    const after = indexOf({ 'MAL-1': { versions: ['1.1.0', '1.2.0', '1.3.0', '9.9.9'] } });
    expect(await raiseRetroactiveAlerts(wiring(), { before, after, newlyFlagged: [{ ecosystem: 'npm', name: NAME }] })).toEqual([]);
    expect([lines, counted]).toEqual([[], []]);
  });

  it('alerts again on a version a further report flags', async () => {
    requestLog.record(fetch('1.2.0', { decision: 'audit', reportIds: ['MAL-1'] }));
    const before = indexOf({ 'MAL-1': { versions: ['1.2.0'] } });
    const after = indexOf({ 'MAL-1': { versions: ['1.2.0'] }, 'MAL-3': { versions: ['1.2.0'] } });
    const [alert] = await raiseRetroactiveAlerts(wiring(), { before, after, newlyFlagged: [{ ecosystem: 'npm', name: NAME }] });
    expect(alert?.reportIds).toEqual(['MAL-3']);
  });

  it('reads every page of a package with many requests', async () => {
    for (let i = 0; i < 2500; i++) requestLog.record(fetch('1.0.0', { kind: 'metadata', path: `/npm/${NAME}`, time: Date.parse('2030-01-01T00:00:00Z') + i }));
    requestLog.record(fetch('0.9.0', { time: Date.parse('2029-12-31T00:00:00Z') }));
    const [alert] = await raiseRetroactiveAlerts(wiring(), { before: undefined, after: indexOf({ 'MAL-4': { versions: ['0.9.0'] } }), newlyFlagged: [{ ecosystem: 'npm', name: NAME }] });
    expect(alert?.versions).toEqual(['0.9.0']);
  });
});
