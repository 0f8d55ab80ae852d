import { describe, expect, it } from 'vitest';
import { filterPackument, type FilteredPackument } from './packument-filter.ts';
import { denying, packument } from './testing/packument.ts';

const VERSIONS = ['1.0.0', '1.1.0', '2.0.0-rc.1', '2.0.0', '2.1.0'];

function filtered(doc: unknown, ...denied: string[]): FilteredPackument {
  const result = filterPackument(doc, denying('pkg', ...denied).options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function versionsOf(document: Record<string, unknown>): string[] {
  return Object.keys(document['versions'] as object);
}

describe('filterPackument: removing denied versions', () => {
  it('removes denied versions from versions and time, and re-points latest to the highest stable below', () => {
    const doc = packument('pkg', VERSIONS, { latest: '2.1.0', next: '2.0.0-rc.1' });
    const result = filtered(doc, '2.1.0', '1.1.0');
    expect(versionsOf(result.document)).toEqual(['1.0.0', '2.0.0-rc.1', '2.0.0']);
    expect(Object.keys(result.document['time'] as object)).toEqual(['created', 'modified', '1.0.0', '2.0.0-rc.1', '2.0.0']);
    expect(result.document['dist-tags']).toEqual({ latest: '2.0.0', next: '2.0.0-rc.1' });
    expect(result.removed).toEqual(['1.1.0', '2.1.0']);
    expect(result.distTags).toEqual([{ tag: 'latest', from: '2.1.0', to: '2.0.0' }]);
    expect(result.remaining).toBe(3);
  });

  it('drops other tags naming a denied version', () => {
    const result = filtered(packument('pkg', VERSIONS, { latest: '2.0.0', next: '2.0.0-rc.1' }), '2.0.0-rc.1');
    expect(result.document['dist-tags']).toEqual({ latest: '2.0.0' });
    expect(result.distTags).toEqual([{ tag: 'next', from: '2.0.0-rc.1', to: undefined }]);
  });

  it('points latest at the highest prerelease when only prereleases are left', () => {
    const result = filtered(packument('pkg', VERSIONS, { latest: '2.1.0' }), '1.0.0', '1.1.0', '2.0.0', '2.1.0');
    expect(result.document['dist-tags']).toEqual({ latest: '2.0.0-rc.1' });
  });

  it('leaves dist-tags without latest as they are, but for tags naming denied versions', () => {
    const result = filtered(packument('pkg', VERSIONS, { beta: '2.0.0-rc.1' }), '1.0.0');
    expect(result.document['dist-tags']).toEqual({ beta: '2.0.0-rc.1' });
    expect(result.distTags).toEqual([]);
  });

  it('accepts a document with no dist-tags at all and adds none', () => {
    const doc = packument('pkg', VERSIONS, {});
    delete doc['dist-tags'];
    const result = filtered(doc, '2.1.0');
    expect(result.document).not.toHaveProperty('dist-tags');
    expect(result.remaining).toBe(4);
  });

  it('reports no version left when every version is denied', () => {
    const result = filtered(packument('pkg', VERSIONS, { latest: '2.1.0' }), ...VERSIONS);
    expect(result.remaining).toBe(0);
    expect(result.document['versions']).toEqual({});
    expect(result.document['dist-tags']).toEqual({});
    expect(result.distTags).toEqual([{ tag: 'latest', from: '2.1.0', to: undefined }]);
  });

  it('asks about each version exactly once', () => {
    const { asked, options } = denying('pkg', '2.1.0');
    filterPackument(packument('pkg', VERSIONS, { latest: '2.1.0' }), options);
    expect(asked).toEqual(VERSIONS);
  });

  it('filters an abbreviated packument (no time)', () => {
    const doc = packument('pkg', VERSIONS, { latest: '2.1.0' });
    const abbreviated = { name: 'pkg', modified: '2024-01-01', 'dist-tags': doc['dist-tags'], versions: doc['versions'] };
    const result = filtered(abbreviated, '2.1.0');
    expect(result.document).not.toHaveProperty('time');
    expect(result.document['dist-tags']).toEqual({ latest: '2.0.0' });
    expect(result.document['modified']).toBe('2024-01-01');
  });
});

describe('filterPackument: tarball URLs and integrity', () => {
  it('points every remaining tarball at the proxy and keeps integrity and shasum as published', () => {
    const doc = packument('@scope/pkg', ['1.0.0', '1.0.1'], { latest: '1.0.1' });
    const result = filterPackument(doc, denying('@scope/pkg').options);
    if (!result.ok) throw new Error(result.error);
    const versions = result.value.document['versions'] as Record<string, { dist: Record<string, unknown> }>;
    const original = doc['versions'] as Record<string, { dist: Record<string, unknown> }>;
    for (const version of ['1.0.0', '1.0.1']) {
      expect(versions[version]?.dist).toEqual({
        ...original[version]?.dist,
        tarball: `https://proxy.test/npm/@scope/pkg/-/pkg-${version}.tgz`,
      });
    }
  });

  it('leaves a version without a usable tarball URL listed exactly as published, and says so', () => {
    const doc = packument('pkg', ['1.0.0', '1.0.1', '1.0.2', '1.0.3'], { latest: '1.0.3' });
    const versions = doc['versions'] as Record<string, Record<string, unknown>>;
    versions['1.0.0'] = { name: 'pkg', version: '1.0.0', dist: { shasum: 'ab' } };
    versions['1.0.1'] = { name: 'pkg', version: '1.0.1', dist: { tarball: 'https://x.test/pkg/-/pkg-1.0.1.zip' } };
    versions['1.0.2'] = { name: 'pkg', version: '1.0.2' };
    const result = filtered(doc);
    const out = result.document['versions'] as Record<string, unknown>;
    expect(out['1.0.0']).toBe(versions['1.0.0']);
    expect(out['1.0.1']).toBe(versions['1.0.1']);
    expect(out['1.0.2']).toBe(versions['1.0.2']);
    expect(result.keptTarballUrls).toEqual(['1.0.0', '1.0.1', '1.0.2']);
    expect(result.remaining).toBe(4);
  });

  it('keeps a manifest that is not an object as it is', () => {
    const doc = { name: 'pkg', versions: { '1.0.0': 'odd', '1.0.1': null } };
    expect(filtered(doc).document['versions']).toEqual({ '1.0.0': 'odd', '1.0.1': null });
  });
});

describe('filterPackument: pass-through and immutability', () => {
  it('leaves time and dist-tags as the very same objects when nothing is denied', () => {
    const doc = packument('pkg', VERSIONS, { latest: '2.1.0' });
    const result = filtered(doc);
    expect(result.document['time']).toBe(doc['time']);
    expect(result.document['dist-tags']).toBe(doc['dist-tags']);
    expect(result.removed).toEqual([]);
    expect(result.distTags).toEqual([]);
    expect(versionsOf(result.document)).toEqual(VERSIONS);
    expect(result.document['readme']).toBe('# readme');
  });

  it('never mutates its input', () => {
    const doc = packument('pkg', VERSIONS, { latest: '2.1.0', next: '2.0.0-rc.1' });
    const before = structuredClone(doc);
    filtered(doc, '2.1.0', '2.0.0-rc.1');
    filtered(doc);
    expect(doc).toEqual(before);
  });

  it('keeps version keys such as __proto__ as data', () => {
    const doc = JSON.parse('{"versions": {"__proto__": {"dist": {"tarball": "https://x.test/p/-/p-1.tgz"}}, "1.0.0": {}}}');
    const result = filtered(doc);
    expect(Object.getPrototypeOf(result.document['versions'])).toBe(Object.prototype);
    expect(versionsOf(result.document)).toEqual(['__proto__', '1.0.0']);
  });
});

describe('filterPackument: malformed documents', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'packument'],
    ['no versions', { name: 'pkg' }],
    ['versions as an array', { versions: [] }],
    ['versions as a string', { versions: '1.0.0' }],
    ['dist-tags as an array', { versions: {}, 'dist-tags': ['latest'] }],
    ['dist-tags as null', { versions: {}, 'dist-tags': null }],
  ])('refuses %s with a reason', (_case, doc) => {
    const result = filterPackument(doc, denying('pkg').options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/package document/);
  });

  it('leaves a time that is not an object alone', () => {
    const doc = { versions: { '1.0.0': {}, '1.0.1': {} }, time: 'long ago' };
    expect(filtered(doc, '1.0.1').document['time']).toBe('long ago');
  });
});
