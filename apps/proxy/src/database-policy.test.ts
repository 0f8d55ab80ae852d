import { packageRef, parsePolicySettings } from '@palisade/core';
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
    expect([policy.ready, policy.problem, view.unavailable, view.revision, policy.view('npm') === view]).toEqual([true, undefined, undefined, 'a|settings 0', true]);
    const check = checkPackage(view, ref('bad', '1.0.0'));
    expect(check.kind === 'decided' && check.decision.outcome).toBe('deny');
  });

  it('makes new views when the database is replaced, and the old view keeps the old database', () => {
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' });
    policy.use(database('a'));
    const old = policy.view('npm');
    policy.use(database('b'));
    expect([old.revision, policy.view('npm').revision, policy.view('npm') === old]).toEqual(['a|settings 0', 'b|settings 0', false]);
  });

  it('makes new views with a new revision when new settings are put in use, which decide from then on', () => {
    const now = () => 42;
    const policy = new DatabasePolicy({ npm: 'enforce', pypi: 'enforce', go: 'enforce' }, { now });
    policy.use(database('a'));
    const old = policy.view('npm');
    expect([old.now(), checkPackage(old, ref('good', '1.0.0'))]).toMatchObject([42, { decision: { outcome: 'allow' } }]);
    const settings = parsePolicySettings({ deny: [{ ecosystem: 'npm', package: 'good', reason: 'not here' }] });
    if (!settings.ok) throw new Error(settings.error);
    policy.useSettings(settings.value);
    const view = policy.view('npm');
    expect([policy.settings, view.settings, view.revision, view === old, old.revision]).toEqual([settings.value, settings.value, 'a|settings 1', false, 'a|settings 0']);
    expect(checkPackage(view, ref('good', '1.0.0'))).toMatchObject({ decision: { outcome: 'deny', reasons: [{ id: 'deny:npm:good' }] } });
    expect(checkPackage(old, ref('good', '1.0.0'))).toMatchObject({ decision: { outcome: 'allow' } });
  });

  it('is ready without a database only when no ecosystem and no package needs one', () => {
    const policy = new DatabasePolicy({ npm: 'off', pypi: 'off', go: 'off' });
    expect(policy.ready).toBe(true);
    const settings = parsePolicySettings({ modes: [{ ecosystem: 'npm', package: 'x', mode: 'enforce' }] });
    if (!settings.ok) throw new Error(settings.error);
    policy.useSettings(settings.value);
    expect(policy.ready).toBe(false);
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
