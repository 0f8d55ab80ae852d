import type { SnapshotHeader } from '@palisade/malicious-db';
import { describe, expect, it } from 'vitest';
import { databaseAgeSeconds, databaseCommit, describeDuration, staleReason } from './database-freshness.ts';

const NOW = Date.parse('2030-01-10T00:00:00Z');
const DAY = 86_400;

function header(fields: Record<string, unknown> = {}): SnapshotHeader {
  const counts = { reports: 0, packages: 0, whollyMaliciousPackages: 0 };
  return { format: 'palisade-malicious-db-snapshot', version: 1, source: { location: '/feeds' }, builtAt: '2030-01-09T00:00:00.000Z', reports: 0, counts: { reports: 0, npm: counts, pypi: counts, go: counts }, excluded: { withdrawn: 0, skipped: 0, rejected: 0 }, bodySha256: '', ...fields } as SnapshotHeader;
}

describe('databaseCommit', () => {
  it('reads the source commit, or a top-level one, and nothing else', () => {
    expect(databaseCommit(header({ source: { location: 'git', commit: 'abc123' } }))).toBe('abc123');
    expect(databaseCommit(header({ commit: 'def456' }))).toBe('def456');
    expect(databaseCommit(header())).toBeUndefined();
    expect(databaseCommit(header({ commit: 42, source: { location: 'x', commit: '' } }))).toBeUndefined();
    expect(databaseCommit(header({ source: undefined }))).toBeUndefined();
  });
});

describe('staleness', () => {
  it('measures the age in whole seconds, never below zero', () => {
    expect(databaseAgeSeconds(header(), NOW)).toBe(DAY);
    expect(databaseAgeSeconds(header({ builtAt: '2031-01-01T00:00:00Z' }), NOW)).toBe(0);
    expect(databaseAgeSeconds(header({ builtAt: 'yesterday' }), NOW)).toBeUndefined();
  });

  it('says why a database past its maximum age, or of unknown age, is stale', () => {
    expect(staleReason(header(), NOW, DAY)).toBeUndefined();
    expect(staleReason(header(), NOW, DAY - 1)).toBe('the malicious-package database was built at 2030-01-09T00:00:00.000Z, 1 day ago, longer than the 23 hours 59 minutes allowed (dbMaxAgeSeconds); newer reports are missing from it');
    expect(staleReason(header({ builtAt: 42 }), NOW, DAY)).toMatch(/does not say when it was built/);
  });

  it('describes durations by their two largest units', () => {
    expect([0, 1, 59, 61, 3600, 3 * DAY + 7200 + 5, 2 * DAY + 5].map(describeDuration)).toEqual(['0 seconds', '1 second', '59 seconds', '1 minute 1 second', '1 hour', '3 days 2 hours', '2 days']);
  });
});
