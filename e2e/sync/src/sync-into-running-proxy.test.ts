import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeResult } from '@palisade/e2e-support';
import { snapshotFileIn, type SyncResult } from '@palisade/malicious-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNpm } from './fixtures/npm-client.ts';
import { npmTarball } from './fixtures/npm-tarball.ts';
import { osvJson } from './fixtures/osv-report.ts';
import { POLL_SECONDS, startSyncScenario, type SyncScenario } from './fixtures/sync-scenario.ts';

// The OpenSSF feed as operators run it: a git repository of reports, `palisade sync`
// (runSync) writing the snapshot into the data folder of a running proxy, and the proxy
// taking each new snapshot in without a restart.

const NAME = 'palisade-sync-dep';
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0'].map((version) => npmTarball(NAME, version));
const FLAGGED = VERSIONS[1]!;
const REPORT_ID = 'MAL-2099-7001';
const REPORT = `osv/malicious/npm/${NAME}/${REPORT_ID}.json`;
const LATEST_REPORT = `osv/malicious/npm/${NAME}/MAL-2099-7002.json`;
const OTHER_REPORT = 'osv/malicious/npm/@solana/web3.js/MAL-2024-11183.json';
const tarballPath = (version: string) => `/npm/${NAME}/-/${NAME}-${version}.tgz`;

let scenario: SyncScenario;
let project: string;

async function get(path: string) {
  const response = await fetch(`${scenario.proxy.url}${path}`, { headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' } });
  return { status: response.status, statusText: response.statusText, cache: response.headers.get('X-Cache'), body: Buffer.from(await response.arrayBuffer()) };
}

const listedVersions = async () => Object.keys((JSON.parse((await get(`/npm/${NAME}`)).body.toString('utf8')) as { versions: object }).versions);
const databaseCommit = async () => ((await (await fetch(`${scenario.proxy.url}/readyz`)).json()) as { database?: { commit?: string } }).database?.commit;
const swaps = () => scenario.proxy.logLines().filter((line) => line.includes('"event":"database-swapped"'));

async function synced(expected: Partial<SyncResult>): Promise<SyncResult> {
  const result = await scenario.sync();
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toMatchObject({ fullRebuild: false, ...expected });
  return result.value;
}

/** Polls `probe` until it gives true, for at most `ms`; returns how long it took. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await probe())) {
    if (performance.now() - started > ms) throw new Error(`not so within ${ms} ms: ${probe.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

const flagging = (versions: string[]) => osvJson({ id: REPORT_ID, summary: `Malicious code in ${NAME} (npm)`, affected: [{ package: { ecosystem: 'npm', name: NAME }, versions }] });

beforeAll(async () => {
  scenario = await startSyncScenario('sync', VERSIONS);
  project = await scenario.temp.subfolder('project');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'sync-project', version: '1.0.0', private: true }));
}, 120_000);
afterAll(() => scenario?.close(), 60_000);

const npm = (args: string[]) => runNpm(args, { project, registry: `${scenario.proxy.url}/npm/`, homes: join(scenario.temp.path, 'homes') });

describe('syncing the reports repository into a running proxy', { timeout: 60_000 }, () => {
  it('starts on the first sync, serving and caching a version no report names', async () => {
    expect(scenario.first).toMatchObject({ fullRebuild: true, rebuildReason: 'no previous snapshot', changed: 0, withdrawn: 0 });
    expect(await databaseCommit()).toBe(scenario.first.commit);
    const install = await npm(['install', `${NAME}@1.1.0`]);
    expect(install.exitCode, describeResult('npm install', install)).toBe(0);
    const again = await get(tarballPath('1.1.0'));
    expect([again.status, again.cache, again.body.equals(FLAGGED.bytes)]).toEqual([200, 'HIT', true]);
  });

  it('blocks the version within the poll interval once a report for it is committed, and purges its cached tarball', async () => {
    await scenario.repo.write(REPORT, flagging(['1.1.0']));
    await scenario.repo.commit('a report for the fixture package');
    const result = await synced({ added: 1, changed: 0, withdrawn: 0 });
    const answers: { status: number; statusText: string; cache: string | null; served: boolean; bytes: number }[] = [];
    const took = await within(2000, async () => {
      const answer = await get(tarballPath('1.1.0'));
      answers.push({ status: answer.status, statusText: answer.statusText, cache: answer.cache, served: answer.body.equals(FLAGGED.bytes), bytes: answer.body.length });
      return answer.status === 403;
    });
    expect(took).toBeLessThan(POLL_SECONDS * 1000 * 10);
    // Until the new database is in force the tarball is served whole; from then on it is refused.
    expect(answers.filter((answer) => answer.status !== 403 && !(answer.status === 200 && answer.served))).toEqual([]);
    const refused = await get(tarballPath('1.1.0'));
    expect([refused.status, refused.statusText, refused.body.toString('utf8')]).toEqual([403, `Blocked by Palisade: npm package ${NAME}@1.1.0 blocked: ${REPORT_ID}`, expect.stringContaining(REPORT_ID)]);
    expect(await databaseCommit()).toBe(result.commit);
    expect(await listedVersions()).toEqual(['1.0.0', '1.2.0']);
    expect(JSON.parse(swaps().at(-1) ?? '{}')).toMatchObject({ commit: result.commit, newlyFlagged: 1, packages: [`npm/${NAME}`], purgedEntries: expect.any(Number) });
    expect(JSON.parse(swaps().at(-1) ?? '{}').purgedEntries).toBeGreaterThanOrEqual(1);

    const locked = await npm(['ci']);
    expect(locked.exitCode, describeResult('npm ci', locked)).not.toBe(0);
    expect(locked.output).toMatch(new RegExp(`403.*${REPORT_ID}`));
  });

  it('keeps blocking after a commit that changes another report', async () => {
    const other = JSON.parse(await readFile(join(scenario.repo.worktree, OTHER_REPORT), 'utf8')) as { affected: { versions?: string[] }[] };
    other.affected[0]!.versions = [...(other.affected[0]!.versions ?? []), '9.9.9'];
    await scenario.repo.write(OTHER_REPORT, JSON.stringify(other, null, 2));
    await scenario.repo.commit('change another report');
    const result = await synced({ added: 0, changed: 1, withdrawn: 0 });
    await within(2000, async () => (await databaseCommit()) === result.commit);
    expect((await get(tarballPath('1.1.0'))).status).toBe(403);
    expect(await listedVersions()).toEqual(['1.0.0', '1.2.0']);
  });

  it('allows the version again once its report is withdrawn, fetching it anew from upstream', async () => {
    await scenario.repo.move(REPORT, REPORT.replace('osv/malicious/', 'osv/withdrawn/'));
    await scenario.repo.commit('withdraw the report');
    const askedBefore = scenario.upstream.requests().filter((path) => path.endsWith(`${NAME}-1.1.0.tgz`)).length;
    await synced({ added: 0, changed: 0, withdrawn: 1 });
    await within(2000, async () => (await get(tarballPath('1.0.0'))).status === 200 && (await listedVersions()).includes('1.1.0'));
    const allowed = await get(tarballPath('1.1.0'));
    expect([allowed.status, allowed.cache, allowed.body.equals(FLAGGED.bytes)]).toEqual([200, 'MISS', true]);
    expect(scenario.upstream.requests().filter((path) => path.endsWith(`${NAME}-1.1.0.tgz`)).length).toBe(askedBefore + 1);
    const locked = await npm(['ci']);
    expect(locked.exitCode, describeResult('npm ci', locked)).toBe(0);
  });

  it('keeps the last good database in force when the source sends a damaged pack, holds a malformed report, or is unreachable', async () => {
    await scenario.repo.write(LATEST_REPORT, osvJson({ id: 'MAL-2099-7002', affected: [{ package: { ecosystem: 'npm', name: NAME }, versions: ['1.2.0'] }] }));
    await scenario.repo.commit('flag the latest version');
    const good = await synced({ added: 1 });
    await within(2000, async () => (await get(tarballPath('1.2.0'))).status === 403);
    const snapshot = await readFile(snapshotFileIn(scenario.dataDir));

    await scenario.repo.delete(LATEST_REPORT);
    await scenario.repo.commit('remove the report on the latest version');
    scenario.git.mode = 'corrupt-pack';
    const damaged = await scenario.sync().finally(() => (scenario.git.mode = 'git'));
    // Which inflate error a damaged pack gives depends on where the flipped bytes fall.
    expect(damaged.ok ? 'synced' : damaged.error).toMatch(/failed: .*(incorrect data check|invalid distance)/);
    await scenario.repo.write('osv/malicious/npm/broken/MAL-2099-7003.json', '{ "id": "MAL-2099-7003", "affected": [');
    await scenario.repo.commit('a truncated report');
    const malformed = await scenario.sync();
    expect(malformed.ok ? 'synced' : malformed.error).toMatch(/MAL-2099-7003\.json: not valid JSON/);
    await scenario.git.close();
    const unreachable = await scenario.sync();
    expect(unreachable.ok ? 'synced' : unreachable.error).toMatch(/failed: connect ECONNREFUSED/);

    expect((await readFile(snapshotFileIn(scenario.dataDir))).equals(snapshot)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000 * 3));
    expect(await databaseCommit()).toBe(good.commit);
    const refused = await get(tarballPath('1.2.0'));
    expect([refused.status, refused.statusText]).toEqual([403, `Blocked by Palisade: npm package ${NAME}@1.2.0 blocked: MAL-2099-7002`]);
    expect((await get(tarballPath('1.1.0'))).status).toBe(200);
  });
});
