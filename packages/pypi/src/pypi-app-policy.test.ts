import { describe, expect, it } from 'vitest';
import { parsePolicySettings, type PolicyDecision, type Rule } from '@palisade/core';
import { createCache, MemoryStore } from '@palisade/cache';
import { createUpstreamClient, type PolicyView } from '@palisade/http';
import { createPypiApp } from './pypi-app.ts';
import { FakeIndex } from './testing/fake-index.ts';

// The operator's policy settings through the PyPI app: cooldown (PEP 700 upload times, or
// the JSON API's for an HTML-only index), allow, deny, internal names, per-package modes.

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
const JSON_ACCEPT = 'application/vnd.pypi.simple.v1+json';
const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const rule: Rule = {
  name: 'malicious-package',
  evaluate: (ref) => (ref.name === 'flagged' && ref.version === '1.1' ? [{ rule: 'malicious-package', id: 'MAL-2099-0003', summary: 'Malicious code in flagged (PyPI)' }] : []),
};

function setup(settings: unknown, options: { htmlOnly?: boolean; mode?: 'enforce' | 'audit' } = {}) {
  const parsed = parsePolicySettings(settings);
  if (!parsed.ok) throw new Error(parsed.error);
  const index = new FakeIndex();
  index.htmlOnly = options.htmlOnly ?? false;
  index.add('fresh', [
    { filename: 'fresh-1.0.tar.gz', bytes: bytes('old'), uploadedAt: NOW - 30 * 24 * HOUR },
    { filename: 'fresh-1.0-py3-none-any.whl', bytes: bytes('old wheel'), uploadedAt: NOW - 29 * 24 * HOUR },
    { filename: 'fresh-1.1.tar.gz', bytes: bytes('newer'), uploadedAt: NOW - 10 * HOUR },
    { filename: 'fresh-1.2.tar.gz', bytes: bytes('newest'), uploadedAt: NOW - HOUR },
  ]);
  index.add('flagged', [{ filename: 'flagged-1.0.tar.gz', bytes: bytes('ok') }, { filename: 'flagged-1.1.tar.gz', bytes: bytes('bad') }]);
  index.add('timeless', [{ filename: 'timeless-1.0.tar.gz', bytes: bytes('no time') }]);
  index.add('corp-tools', [{ filename: 'corp_tools-1.0.tar.gz', bytes: bytes('public squatter') }]);
  const clock = { now: NOW };
  const reported: PolicyDecision[] = [];
  const view: PolicyView = { policy: { mode: options.mode ?? 'enforce', rules: [rule] }, settings: parsed.value, now: () => clock.now, revision: 'r1', report: (decision) => void reported.push(decision) };
  const client = (baseUrl: string) => createUpstreamClient({ ecosystem: 'pypi', baseUrl, fetch: index.fetch, retries: 0 });
  const app = createPypiApp({
    index: client(index.index),
    jsonApi: client(index.jsonApi),
    files: [client(index.filesOrigin)],
    cache: createCache({ store: new MemoryStore({ maxBytes: 1 << 24 }), now: () => clock.now }),
    policy: () => view,
    publicUrl: 'https://palisade.test/pypi/',
    clock: () => 0,
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`https://palisade.test${path}`, { headers });
  const filesOf = async (project: string, accept = JSON_ACCEPT) => {
    const response = await get(`/simple/${project}/`, { accept });
    const text = await response.text();
    const names = response.status !== 200 ? [] : accept.includes('json') ? (JSON.parse(text) as { files: { filename: string }[] }).files.map((file) => file.filename) : [...text.matchAll(/>([^<>]+)<\/a>/g)].map((match) => match[1]);
    return { status: response.status, names, decision: response.headers.get('X-Palisade-Decision') };
  };
  return { index, get, filesOf, clock, reported };
}

describe('createPypiApp: the release-age cooldown', () => {
  it('leaves the files of versions younger than the cooldown out of the page, by their upload times', async () => {
    const { filesOf } = setup({ cooldown: { pypi: 48 } });
    expect((await filesOf('fresh')).names).toEqual(['fresh-1.0.tar.gz', 'fresh-1.0-py3-none-any.whl']);
    expect((await filesOf('fresh', 'text/html')).names).toEqual(['fresh-1.0.tar.gz', 'fresh-1.0-py3-none-any.whl']);
  });

  it('reads the times from the JSON API when the index sends only HTML', async () => {
    const { filesOf, index } = setup({ cooldown: { pypi: 48 } }, { htmlOnly: true });
    expect((await filesOf('fresh')).names).toEqual(['fresh-1.0.tar.gz', 'fresh-1.0-py3-none-any.whl']);
    await filesOf('fresh');
    expect(index.requests.filter((request) => request.url.endsWith('/pypi/fresh/json'))).toHaveLength(1);
  });

  it('lets each version in once it comes of age, by the clock', async () => {
    const { filesOf, clock } = setup({ cooldown: { pypi: 24 } });
    expect((await filesOf('fresh')).names).not.toContain('fresh-1.1.tar.gz');
    clock.now += 14 * HOUR - 1;
    expect((await filesOf('fresh')).names).not.toContain('fresh-1.1.tar.gz');
    clock.now += 1;
    expect((await filesOf('fresh')).names).toEqual(['fresh-1.0.tar.gz', 'fresh-1.0-py3-none-any.whl', 'fresh-1.1.tar.gz']);
  });

  it('refuses the file of a young version, naming the cooldown, so a pinned hash cannot fetch it', async () => {
    const { get, filesOf } = setup({ cooldown: { pypi: 48 } });
    await filesOf('fresh');
    const file = await get('/files/fresh/files.test/packages/fresh-1.2.tar.gz');
    expect([file.status, file.headers.get('X-Palisade-Decision'), file.headers.get('X-Palisade-Reason')]).toEqual([403, 'blocked', 'release-age:48h']);
    expect(await file.text()).toMatch(/fresh@1\.2.*published 1 h ago, less than the 48 h cooldown/);
    expect((await get('/files/fresh/files.test/packages/fresh-1.0.tar.gz')).status).toBe(200);
  });

  it('filters the JSON API the same way, info.version re-pointed', async () => {
    const { get } = setup({ cooldown: { pypi: 48 } });
    const document = (await (await get('/pypi/fresh/json')).json()) as { info: { version: string }; releases: Record<string, unknown> };
    expect([Object.keys(document.releases), document.info.version]).toEqual([['1.0'], '1.0']);
    expect((await get('/pypi/fresh/1.2/json')).status).toBe(403);
  });

  it('follows the configured choice for a version whose upload time is unknown, and tells of it', async () => {
    const allowing = setup({ cooldown: { pypi: 48 } });
    expect((await allowing.filesOf('timeless')).names).toEqual(['timeless-1.0.tar.gz']);
    expect(allowing.reported.map((decision) => decision.releaseAge?.kind)).toContain('unknown-time');
    const refusing = setup({ cooldown: { pypi: 48, unknownPublishTime: 'deny' } });
    expect((await refusing.filesOf('timeless')).status).toBe(403);
  });
});

describe('createPypiApp: allow, deny and internal entries, per-package modes', () => {
  it('lets a flagged version through an allow entry, and blocks one a deny entry names', async () => {
    const allowed = setup({ allow: [{ ecosystem: 'pypi', package: 'flagged', versions: '==1.1', reason: 'a false positive' }] });
    expect((await allowed.filesOf('flagged')).names).toEqual(['flagged-1.0.tar.gz', 'flagged-1.1.tar.gz']);
    expect((await allowed.get('/files/flagged/files.test/packages/flagged-1.1.tar.gz')).status).toBe(200);
    const denied = setup({ deny: [{ ecosystem: 'pypi', package: 'fresh', versions: '>=1.1', reason: 'not reviewed yet' }] });
    expect((await denied.filesOf('fresh')).names).toEqual(['fresh-1.0.tar.gz', 'fresh-1.0-py3-none-any.whl']);
  });

  it('refuses an internal name without asking the index', async () => {
    const { get, index } = setup({ internal: [{ ecosystem: 'pypi', package: 'corp-*' }] });
    const response = await get('/simple/corp-tools/', { accept: JSON_ACCEPT });
    expect([response.status, response.headers.get('X-Palisade-Decision')]).toEqual([403, 'blocked']);
    expect(await response.text()).toMatch(/internal/);
    expect((await get('/files/corp-tools/files.test/packages/corp_tools-1.0.tar.gz')).status).toBe(403);
    expect(index.requests).toEqual([]);
  });

  it('serves what a per-package audit mode would refuse, marked', async () => {
    const { filesOf } = setup({ modes: [{ ecosystem: 'pypi', package: 'flagged', mode: 'audit' }] });
    expect(await filesOf('flagged')).toEqual({ status: 200, names: ['flagged-1.0.tar.gz', 'flagged-1.1.tar.gz'], decision: 'audit' });
  });
});
