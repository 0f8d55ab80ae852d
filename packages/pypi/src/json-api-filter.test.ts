import { describe, expect, it } from 'vitest';
import { filterJsonApi } from './json-api-filter.ts';

const file = (name: string, host = 'files.pythonhosted.org') => ({ filename: name, url: `https://${host}/packages/aa/${name}`, digests: { sha256: 'ab'.repeat(32) }, yanked: false });
const document = () => ({
  info: { name: 'demo', version: '2.0.0', summary: 'Demo' },
  last_serial: 42,
  releases: {
    '1.0.0': [file('demo-1.0.0.tar.gz')],
    '1.5.0': [file('demo-1.5.0-py3-none-any.whl'), file('demo-1.5.0.tar.gz', 'evil.example')],
    '2.0.0': [file('demo-2.0.0.tar.gz')],
    '2.1.0rc1': [file('demo-2.1.0rc1.tar.gz')],
  },
  urls: [file('demo-2.0.0.tar.gz')],
  vulnerabilities: [],
});
const fileUrl = (url: string) => (url.startsWith('https://files.pythonhosted.org/') ? `http://palisade/pypi/files/demo/${url.slice(8)}` : undefined);

describe('filterJsonApi', () => {
  it('passes a document with nothing denied through, its file URLs pointed at Palisade and foreign hosts dropped', () => {
    const filtered = filterJsonApi(document(), { isDenied: () => false, fileUrl });
    expect(filtered.ok).toBe(true);
    if (!filtered.ok) return;
    const out = filtered.value.document as ReturnType<typeof document>;
    expect(out.info).toEqual({ name: 'demo', version: '2.0.0', summary: 'Demo' });
    expect(out.releases['1.5.0'].map((f) => f.url)).toEqual(['http://palisade/pypi/files/demo/files.pythonhosted.org/packages/aa/demo-1.5.0-py3-none-any.whl']);
    expect(out.urls[0]?.url).toBe('http://palisade/pypi/files/demo/files.pythonhosted.org/packages/aa/demo-2.0.0.tar.gz');
    expect([out.last_serial, out.vulnerabilities, filtered.value.removed, filtered.value.remaining]).toEqual([42, [], [], 4]);
  });

  it('removes denied releases and re-points info.version and urls to the highest remaining stable version', () => {
    const filtered = filterJsonApi(document(), { isDenied: (v) => v === '2.0.0' || v === '1.0.0', fileUrl });
    if (!filtered.ok) throw new Error(filtered.error);
    const out = filtered.value.document as ReturnType<typeof document>;
    expect(Object.keys(out.releases)).toEqual(['1.5.0', '2.1.0rc1']);
    expect(out.info.version).toBe('1.5.0');
    expect(out.urls.map((f) => f.filename)).toEqual(['demo-1.5.0-py3-none-any.whl']);
    expect([filtered.value.removed, filtered.value.remaining, filtered.value.versionDenied]).toEqual([['1.0.0', '2.0.0'], 2, false]);
  });

  it('falls back to a pre-release when no stable version remains, and says when none remains at all', () => {
    const pre = filterJsonApi(document(), { isDenied: (v) => !v.includes('rc'), fileUrl });
    if (!pre.ok) throw new Error(pre.error);
    expect((pre.value.document as ReturnType<typeof document>).info.version).toBe('2.1.0rc1');
    const none = filterJsonApi(document(), { isDenied: () => true, fileUrl });
    if (!none.ok) throw new Error(none.error);
    expect([none.value.remaining, none.value.versionDenied]).toEqual([0, true]);
  });

  it('marks a denied version document (no releases) as denied', () => {
    const { releases: _releases, ...versionDocument } = document();
    const filtered = filterJsonApi(versionDocument, { isDenied: (v) => v === '2.0.0', fileUrl });
    if (!filtered.ok) throw new Error(filtered.error);
    expect([filtered.value.versionDenied, 'releases' in filtered.value.document]).toEqual([true, false]);
  });

  it.each([null, [], 'text', { info: 'x' }, { info: {}, releases: [] }])('refuses a malformed document %j', (value) => {
    expect(filterJsonApi(value, { isDenied: () => false, fileUrl }).ok).toBe(false);
  });
});
