import { describe, expect, it } from 'vitest';
import { loadSyncOptions, OPENSSF_REPOSITORY, parseDuration, parseSource } from './sync-options.ts';

describe('sync options', () => {
  it('default to the OpenSSF repository every 30 minutes into ./data', () => {
    expect(loadSyncOptions([], {}, '/srv')).toEqual({ ok: true, value: { source: { kind: 'git', url: OPENSSF_REPOSITORY }, dataDir: '/srv/data', once: false, intervalMs: 1_800_000 } });
  });

  it('take the proxy environment, the command line winning', () => {
    const env = { PALISADE_DB_SOURCE: 'feeds/osv', PALISADE_DATA_DIR: '/var/palisade' };
    expect(loadSyncOptions(['--once'], env, '/srv')).toMatchObject({ ok: true, value: { source: { kind: 'folder', path: '/srv/feeds/osv' }, dataDir: '/var/palisade', once: true } });
    expect(loadSyncOptions(['--source', 'npm-all.zip', '--data-dir', 'd', '--interval', '5m'], env, '/srv')).toMatchObject({ ok: true, value: { source: { kind: 'zip', path: '/srv/npm-all.zip' }, dataDir: '/srv/d', intervalMs: 300_000 } });
  });

  it.each([['--interval', 'soon'], ['--interval', '10ms'], ['--unknown']])('refuse %s %s with a reason', (...argv) => {
    const loaded = loadSyncOptions(argv, {}, '/srv');
    expect(loaded.ok).toBe(false);
  });

  it('read durations and sources', () => {
    expect([parseDuration('30m'), parseDuration('90'), parseDuration('1.5h')]).toEqual([{ ok: true, value: 1_800_000 }, { ok: true, value: 90_000 }, { ok: true, value: 5_400_000 }]);
    expect(parseSource('https://git.example/osv.git', '/srv')).toEqual({ kind: 'git', url: 'https://git.example/osv.git' });
    expect(parseSource('/data/all.ZIP', '/srv')).toEqual({ kind: 'zip', path: '/data/all.ZIP' });
  });
});
