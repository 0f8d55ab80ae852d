import { packageRef } from '@palisade/core';
import { checkPackage } from '@palisade/http';
import { MaliciousPackageIndex, type SnapshotHeader } from '@palisade/malicious-db';
import { describe, expect, it } from 'vitest';
import type { LoadedDatabase } from './database.ts';
import { DatabasePolicy } from './database-policy.ts';

function database(sha: string): LoadedDatabase {
  const index = new MaliciousPackageIndex();
  index.add({ id: 'MAL-1', summary: 'bad', path: '', published: undefined, modified: undefined, packages: [{ ecosystem: 'npm', name: 'bad', versions: ['1.0.0'], ranges: [] }] });
  return { index, header: { bodySha256: sha } as SnapshotHeader };
}

const ref = (name: string, version: string) => {
  const made = packageRef('npm', name, version);
  if (!made.ok) throw new Error(made.error);
  return made.value;
};

describe('DatabasePolicy', () => {
  it('refuses in enforce mode until a database is in use, then decides with it', () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'audit', go: 'off' });
    expect([policy.ready, policy.problem, policy.view('npm').unavailable]).toEqual([false, 'the malicious-package database is loading', 'the malicious-package database is loading']);
    policy.use(database('a'));
    const view = policy.view('npm');
    expect([policy.ready, policy.problem, view.unavailable, view.revision, policy.view('npm') === view]).toEqual([true, undefined, undefined, 'a', true]);
    const check = checkPackage(view, ref('bad', '1.0.0'));
    expect(check.kind === 'decided' && check.decision.outcome).toBe('deny');
  });

  it('makes new views when the database is replaced, and the old view keeps the old database', () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' });
    policy.use(database('a'));
    const old = policy.view('npm');
    policy.use(database('b'));
    expect([old.revision, policy.view('npm').revision, policy.view('npm') === old]).toEqual(['a', 'b', false]);
  });

  it('while stale and refusing, refuses only in enforce mode, says why, and is not ready', () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'audit', go: 'off' }, { refuseWhenStale: true });
    policy.use(database('a'));
    const fresh = policy.view('npm');
    policy.markStale('too old');
    expect([policy.ready, policy.problem, policy.staleness]).toEqual([false, 'too old', 'too old']);
    expect([policy.view('npm').unavailable, policy.view('pypi').unavailable, policy.view('go').unavailable]).toEqual(['too old', undefined, undefined]);
    expect(policy.view('npm') === fresh).toBe(false);
    const check = checkPackage(policy.view('npm'), ref('good', '1.0.0'));
    expect(check).toEqual({ kind: 'unavailable', reason: 'too old', refuse: true });
    // The audit view still decides with the stale database.
    const audited = checkPackage(policy.view('pypi'), ref('bad', '1.0.0'));
    expect(audited.kind).toBe('decided');

    const stale = policy.view('npm');
    policy.markStale('too old');
    expect(policy.view('npm')).toBe(stale);
    policy.use(database('b'));
    expect([policy.ready, policy.problem, policy.staleness, policy.view('npm').unavailable]).toEqual([true, undefined, undefined, undefined]);
  });

  it('reports staleness but keeps deciding when stale databases are not refused', () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' });
    policy.use(database('a'), 'too old');
    expect([policy.ready, policy.problem, policy.staleness, policy.view('npm').unavailable]).toEqual([true, undefined, 'too old', undefined]);
  });
});
