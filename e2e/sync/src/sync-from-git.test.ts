import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot, readReportDirectory, syncFromGit, type GitSyncOptions, type MaliciousPackageIndex, type SyncProgress, type SyncResult } from '@palisade/malicious-db';
import { FixtureGitRepo } from './fixtures/fixture-git-repo.ts';
import { startGitHttpServer, type GitHttpServer } from './fixtures/git-http-server.ts';
import { osvJson } from './fixtures/osv-report.ts';

let root: string;
let repo: FixtureGitRepo;
let server: GitHttpServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-git-sync-'));
  repo = await FixtureGitRepo.create(join(root, 'remote'));
  server = await startGitHttpServer(join(root, 'remote'));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true, maxRetries: 3 });
}, 60_000);

const ADDED = 'osv/malicious/npm/palisade-sync-test/MAL-2099-1.json';
const CHANGED = 'osv/malicious/npm/@solana/web3.js/MAL-2024-11183.json';
const WITHDRAWN = 'osv/malicious/npm/ai-aws-manager/MAL-2022-898.json';
let last: SyncResult;
let cloneBytes = 0;

/** isomorphic-git's HTTP client, counting the bytes of response bodies into `received.bytes`. */
function counting(received: { bytes: number }): typeof http {
  return {
    async request(request) {
      const response = await http.request(request);
      const body = response.body;
      if (body === undefined) return response;
      return {
        ...response,
        body: (async function* () {
          for await (const chunk of body) {
            received.bytes += chunk.byteLength;
            yield chunk;
          }
        })(),
      };
    },
  };
}

const ids = (index: MaliciousPackageIndex) => [...index.reports()].map((report) => report.id).sort();

/** The index a fresh read of the repository's working folder gives: what every sync must match. */
async function expected(): Promise<MaliciousPackageIndex> {
  const read = await readReportDirectory(repo.worktree);
  if (!read.ok) throw new Error(read.error);
  return read.value.index;
}

async function loaded(file: string): Promise<MaliciousPackageIndex> {
  const snapshot = await loadSnapshot(file);
  if (!snapshot.ok) throw new Error(snapshot.error);
  return snapshot.value.index;
}

function options(name: string, previous?: SyncResult, extra: Partial<GitSyncOptions> = {}): GitSyncOptions {
  const snapshotFile = join(root, `${name}.snapshot`);
  return {
    url: `${server.url}/reports.git`,
    dir: join(root, `${name}-clone`),
    snapshotFile,
    http,
    ...(previous?.commit ? { previous: { commit: previous.commit, snapshotFile } } : {}),
    ...extra,
  };
}

async function sync(opts: GitSyncOptions): Promise<SyncResult> {
  const result = await syncFromGit(opts);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('syncFromGit', { timeout: 60_000 }, () => {
  it('builds the index from a shallow clone on first run, as reading the same files does', async () => {
    const events: SyncProgress[] = [];
    const received = { bytes: 0 };
    const first = await sync(options('first', undefined, { onProgress: (event) => events.push(event), http: counting(received) }));
    cloneBytes = received.bytes;
    const want = await expected();
    expect(first).toMatchObject({ fullRebuild: true, rebuildReason: 'no previous snapshot', added: want.size, changed: 0, withdrawn: 0, recloned: false });
    expect(first.snapshot.counts).toEqual(want.counts());
    expect(first.snapshot.source).toEqual({ location: `${server.url}/reports.git`, commit: first.commit });
    expect(ids(await loaded(join(root, 'first.snapshot')))).toEqual(ids(want));
    expect(events.map((event) => event.phase)).toEqual(expect.arrayContaining(['clone', 'diff', 'read', 'save']));
    expect(events.some((event) => event.phase === 'clone' && event.message === 'Receiving objects' && (event.done ?? 0) > 0)).toBe(true);
    last = first;
  });

  it('applies a commit that adds a report, one that changes one and one that withdraws one, without a rebuild', async () => {
    await repo.write(ADDED, osvJson({ id: 'MAL-2099-1', affected: [{ package: { ecosystem: 'npm', name: 'palisade-sync-test' }, versions: ['1.0.0'] }] }));
    await repo.commit('add a report');
    const changed = JSON.parse(await readFile(join(repo.worktree, CHANGED), 'utf8')) as { affected: Array<{ versions?: string[] }> };
    changed.affected[0]!.versions = [...(changed.affected[0]!.versions ?? []), '9.9.9'];
    await repo.write(CHANGED, JSON.stringify(changed, null, 2));
    await repo.commit('change a report');
    await repo.move(WITHDRAWN, WITHDRAWN.replace('osv/malicious/', 'osv/withdrawn/'));
    await repo.commit('withdraw a report');
    const before = await loaded(join(root, 'first.snapshot'));
    expect(before.findings('npm', '@solana/web3.js', '9.9.9')).toEqual([]);
    expect(before.isWhollyMalicious('npm', 'ai-aws-manager')).toBe(true);

    const events: SyncProgress[] = [];
    const received = { bytes: 0 };
    const next = await sync(options('first', last, { onProgress: (event) => events.push(event), http: counting(received) }));
    expect(next).toMatchObject({ added: 1, changed: 1, withdrawn: 1, fullRebuild: false, recloned: false });
    // Only what the three commits changed is fetched (a thin pack), not the whole tree again.
    expect(received.bytes).toBeGreaterThan(0);
    expect(received.bytes).toBeLessThan(cloneBytes / 10);
    expect(next.commit).not.toBe(last.commit);
    expect(next.rebuildReason).toBeUndefined();
    expect(events.map((event) => event.phase)).toEqual(expect.arrayContaining(['fetch', 'diff', 'save']));
    const index = await loaded(join(root, 'first.snapshot'));
    expect(index.findings('npm', 'palisade-sync-test', '1.0.0').map((report) => report.id)).toEqual(['MAL-2099-1']);
    expect(index.findings('npm', '@solana/web3.js', '9.9.9').map((report) => report.id)).toEqual(['MAL-2024-11183']);
    expect(index.get('MAL-2022-898')).toBeUndefined();
    expect(index.names('npm', 'ai-aws-manager')).toBe(false);
    expect(ids(index)).toEqual(ids(await expected()));
    expect(next.snapshot.counts).toEqual((await expected()).counts());
    last = next;
  });

  it('keeps the last good snapshot when the source is unreachable, sends garbage or a damaged pack, or holds an unreadable report', async () => {
    await repo.write(ADDED, osvJson({ id: 'MAL-2099-1', affected: [{ package: { ecosystem: 'npm', name: 'palisade-sync-test' }, versions: ['2.0.0'] }] }));
    await repo.commit('change the added report');
    const file = join(root, 'first.snapshot');
    const good = await readFile(file);
    const down = await startGitHttpServer(join(root, 'remote'));
    await down.close();
    const unreachable = await syncFromGit({ ...options('first', last), url: `${down.url}/reports.git` });
    expect(unreachable.ok ? 'synced' : unreachable.error).toMatch(/failed: connect ECONNREFUSED/);
    for (const mode of ['garbage', 'corrupt-pack'] as const) {
      server.mode = mode;
      const broken = await syncFromGit(options('first', last)).finally(() => (server.mode = 'git'));
      const packs = await readdir(join(root, 'first-clone/.git/objects/pack'));
      expect(packs.filter((name) => name.endsWith('.pack')).length, mode).toBe(packs.filter((name) => name.endsWith('.idx')).length);
      expect(broken.ok ? 'synced' : broken.error, mode).toMatch(mode === 'garbage' ? /failed: Expected "four hexadecimal digits"/ : /failed: .*incorrect data check/);
      expect(await readFile(file)).toEqual(good);
    }
    await repo.write('osv/malicious/npm/broken/MAL-2099-2.json', '{ "id": "MAL-2099-2", "affected": [');
    await repo.commit('a truncated report');
    const malformed = await syncFromGit(options('first', last));
    expect(malformed.ok ? 'synced' : malformed.error).toMatch(/MAL-2099-2\.json: not valid JSON/);
    expect(await readFile(file)).toEqual(good);

    await repo.delete('osv/malicious/npm/broken/MAL-2099-2.json');
    await repo.commit('remove the truncated report');
    const recovered = await sync(options('first', last));
    expect(recovered).toMatchObject({ added: 0, changed: 1, withdrawn: 0, fullRebuild: false });
    expect((await loaded(file)).findings('npm', 'palisade-sync-test', '2.0.0')).toHaveLength(1);
    last = recovered;
  });

  it('makes the clone anew once its object store outgrows the bound, still updating incrementally', async () => {
    await repo.delete(ADDED);
    await repo.commit('remove the added report');
    const result = await sync(options('first', last, { maxStoreBytes: 1 }));
    expect(result).toMatchObject({ recloned: true, fullRebuild: false, added: 0, changed: 0, withdrawn: 1 });
    expect(result.storeBytes).toBeGreaterThan(0);
    expect(ids(await loaded(join(root, 'first.snapshot')))).toEqual(ids(await expected()));
    const again = await sync(options('first', result));
    expect(again).toMatchObject({ recloned: false, fullRebuild: false, added: 0, changed: 0, withdrawn: 0, commit: result.commit });
    last = again;
  });

  it('rebuilds from every report, saying why, when the clone lacks the previous commit', async () => {
    await repo.write(ADDED, osvJson({ id: 'MAL-2099-3', affected: [{ package: { ecosystem: 'pypi', name: 'late' }, versions: ['1'] }] }));
    await repo.commit('another report');
    // Two commits past the previous one: a fetch deepens the clone by one commit, not two.
    await repo.write(ADDED, osvJson({ id: 'MAL-2099-3', affected: [{ package: { ecosystem: 'pypi', name: 'late' }, versions: ['1', '2'] }] }));
    await repo.commit('the report again');
    await sync(options('late'));
    const file = join(root, 'first.snapshot');
    const result = await sync({ ...options('late'), previous: { commit: last.commit as string, snapshotFile: file } });
    expect(result.fullRebuild).toBe(true);
    expect(result.rebuildReason).toMatch(/is not in the clone \(shallow history\)/);
    expect(ids(await loaded(join(root, 'late.snapshot')))).toEqual(ids(await expected()));
    const stale = await sync({ ...options('late'), previous: { commit: 'f'.repeat(40), snapshotFile: file } });
    expect(stale.rebuildReason).toMatch(/does not reflect commit/);
  });
});
