import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyAnswer } from './proxy-answer.ts';
import { startProxyScenario } from './proxy-scenario.ts';
import type { ProxyScenario } from './proxy-scenario.ts';
import { describeResult } from '@palisade/e2e-support';
import { installedVersion } from './test-project.ts';

const CACHED_PATHS = ['/cached-pkg', '/cached-dep', '/cached-pkg/-/cached-pkg-1.0.0.tgz', '/cached-dep/-/cached-dep-1.0.0.tgz'];
const TAMPERED_TARBALL = '/tampered-pkg/-/tampered-pkg-1.0.0.tgz';

// What the proxy keeps: a second install comes from its cache; a tarball that fails its
// integrity check is refused and never kept.
describe('the proxy cache', { timeout: 90_000 }, () => {
  let scenario: ProxyScenario;

  beforeAll(async () => {
    scenario = await startProxyScenario('cache', {
      fixtures: [
        { name: 'cached-dep', version: '1.0.0' },
        { name: 'cached-pkg', version: '1.0.0', dependencies: { 'cached-dep': '^1.0.0' } },
        { name: 'tampered-pkg', version: '1.0.0' },
      ],
      reports: [],
    });
    scenario.registry.tamperTarball('tampered-pkg', '1.0.0');
  }, 60_000);

  afterAll(async () => {
    await scenario?.close();
  }, 60_000);

  const upstreamRequestsSince = (mark: number) => scenario.registry.requests().slice(mark).map((r) => `${r.method} ${r.url}`);

  it('serves a second npm install (fresh npm cache) without asking the upstream again', async () => {
    const first = await (await scenario.npm()).run(['install', 'cached-pkg'], await scenario.project());
    expect(first.exitCode, describeResult('first npm install', first)).toBe(0);
    const afterFirst = upstreamRequestsSince(0);
    for (const path of CACHED_PATHS) expect(afterFirst).toContain(`GET ${path}`);

    const mark = scenario.registry.requests().length;
    const project = await scenario.project();
    const second = await (await scenario.npm()).run(['install', 'cached-pkg'], project);
    expect(second.exitCode, describeResult('second npm install', second)).toBe(0);
    expect(await installedVersion(project, 'cached-dep')).toBe('1.0.0');
    const duringSecond = upstreamRequestsSince(mark);
    for (const path of CACHED_PATHS) expect(duringSecond).not.toContain(`GET ${path}`);

    for (const path of ['/cached-pkg', '/cached-dep']) {
      expect(await proxyAnswer(await scenario.fetchFromProxy(path, { accept: 'application/json' }))).toMatchObject({ status: 200, cache: 'HIT' });
    }
    for (const path of CACHED_PATHS.slice(2)) {
      expect(await proxyAnswer(await scenario.fetchFromProxy(path))).toMatchObject({ status: 200, cache: 'HIT' });
    }
    expect(upstreamRequestsSince(mark)).toEqual(duringSecond);
  });

  it('refuses a tarball whose bytes do not match the published integrity with 502, and npm install fails', async () => {
    const project = await scenario.project();
    const result = await (await scenario.npm()).run(['install', 'tampered-pkg'], project);
    expect(result.exitCode, describeResult('npm install tampered-pkg', result)).not.toBe(0);
    expect(result.output).toContain('E502');
    expect(result.output).toContain(`GET ${scenario.proxy.url}/npm${TAMPERED_TARBALL}`);
    expect(await installedVersion(project, 'tampered-pkg')).toBeUndefined();
    const answer = await proxyAnswer(await scenario.fetchFromProxy(TAMPERED_TARBALL));
    expect(answer).toMatchObject({ status: 502, proxyType: 'npm' });
  });

  it('does not cache the tampered tarball: the next request goes upstream again and is refused again', async () => {
    const mark = scenario.registry.requests().length;
    const answer = await proxyAnswer(await scenario.fetchFromProxy(TAMPERED_TARBALL));
    expect(answer).toMatchObject({ status: 502, proxyType: 'npm' });
    expect(answer.cache).not.toBe('HIT');
    expect(upstreamRequestsSince(mark)).toContain(`GET ${TAMPERED_TARBALL}`);
  });

  it('explains the integrity refusal in plain text, as npm prints it verbatim (no JSON escapes in the message)', async () => {
    const answer = await proxyAnswer(await scenario.fetchFromProxy(TAMPERED_TARBALL));
    expect(answer.status).toBe(502);
    expect(answer.error).toContain('tampered-pkg');
    expect(answer.error).not.toContain('\\');
    expect(answer.reasonPhrase).not.toContain('\\');
  });
});
