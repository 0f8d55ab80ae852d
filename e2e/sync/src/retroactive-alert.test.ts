import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeResult } from '@palisade/e2e-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNpm } from './fixtures/npm-client.ts';
import { npmTarball } from './fixtures/npm-tarball.ts';
import { osvJson } from './fixtures/osv-report.ts';
import { startSyncScenario, type SyncScenario } from './fixtures/sync-scenario.ts';

// A retroactive alert as an operator meets it: npm installs a version through a proxy that
// requires client tokens, a later sync brings a report flagging that very version, and the
// operator API lists an alert naming the client that fetched it.

const NAME = 'palisade-alert-dep';
const VERSIONS = ['1.0.0', '1.1.0'].map((version) => npmTarball(NAME, version));
const REPORT_ID = 'MAL-2099-7101';
const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const CLIENT_TOKEN = 'e2e-client-token-0123456789';

interface Alert {
  readonly package: string;
  readonly versions: string[];
  readonly reportIds: string[];
  readonly fetches: { clientAddress: string | null; identity: string | null; userAgent: string | null; version: string; time: string }[];
}

let scenario: SyncScenario;
let project: string;

const alerts = async () => ((await (await fetch(`${scenario.proxy.url}/api/alerts`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { alerts: Alert[] }).alerts;

beforeAll(async () => {
  scenario = await startSyncScenario('alert', VERSIONS, { PALISADE_ADMIN_TOKEN: ADMIN_TOKEN, PALISADE_CLIENT_TOKENS: `ci-runner:${CLIENT_TOKEN}` });
  project = await scenario.temp.subfolder('project');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'alert-project', version: '1.0.0', private: true }));
}, 120_000);
afterAll(() => scenario?.close(), 60_000);

describe('a sync flagging a version already served', { timeout: 60_000 }, () => {
  it('produces an alert naming the client that fetched it', async () => {
    const registry = `${scenario.proxy.url}/npm/`;
    const homes = join(scenario.temp.path, 'homes');
    const refused = await runNpm(['install', `${NAME}@1.1.0`], { project, registry, homes });
    expect(refused.exitCode, describeResult('npm install without a token', refused)).not.toBe(0);
    expect(refused.output).toMatch(/E401|401/);
    const install = await runNpm(['install', `${NAME}@1.1.0`], { project, registry, homes, authToken: CLIENT_TOKEN });
    expect(install.exitCode, describeResult('npm install', install)).toBe(0);
    expect(await alerts()).toEqual([]);

    await scenario.repo.write(`osv/malicious/npm/${NAME}/${REPORT_ID}.json`, osvJson({ id: REPORT_ID, summary: `Malicious code in ${NAME} (npm)`, affected: [{ package: { ecosystem: 'npm', name: NAME }, versions: ['1.1.0'] }] }));
    await scenario.repo.commit('a report for a version already installed');
    const synced = await scenario.sync();
    expect(synced.ok, synced.ok ? '' : synced.error).toBe(true);

    const deadline = Date.now() + 10_000;
    let listed = await alerts();
    while (listed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      listed = await alerts();
    }
    expect(listed).toEqual([expect.objectContaining({ package: NAME, versions: ['1.1.0'], reportIds: [REPORT_ID] })]);
    expect(listed[0]?.fetches).toEqual([expect.objectContaining({ clientAddress: '127.0.0.1', identity: 'ci-runner', userAgent: expect.stringMatching(/^npm\//), version: '1.1.0' })]);
    const line = scenario.proxy.logLines().find((logged) => logged.includes('"event":"retroactive-alert"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ package: NAME, reportIds: [REPORT_ID], clients: [{ clientAddress: '127.0.0.1', identity: 'ci-runner' }] });
  });
});
