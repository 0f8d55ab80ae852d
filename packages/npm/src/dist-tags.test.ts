import { describe, expect, it } from 'vitest';
import { latestReplacement, repointDistTags } from './dist-tags.ts';

describe('latestReplacement', () => {
  it.each([
    ['the highest stable below the old latest', '2.0.0', ['1.0.0', '1.5.0', '1.10.0', '3.0.0'], '1.10.0'],
    ['not a newer stable major nobody tagged', '2.0.0', ['1.9.9', '3.0.0'], '1.9.9'],
    ['a stable over a prerelease', '2.0.0', ['1.0.0', '2.0.0-rc.1'], '1.0.0'],
    ['the highest prerelease when only prereleases are left', '2.0.0', ['2.0.0-rc.1', '2.0.0-beta.3'], '2.0.0-rc.1'],
    ['the highest of any kind when no stable is below', '1.0.0', ['0.1.0-alpha', '3.0.0', '2.0.0'], '3.0.0'],
    ['nothing when nothing is left', '1.0.0', [], undefined],
    ['never a version that is not semver', '2.0.0', ['banana', '1.0.0'], '1.0.0'],
    ['nothing when only non-semver versions are left', '2.0.0', ['banana'], undefined],
    ['the highest stable when the old latest is not semver', 'weird', ['1.0.0', '2.0.0', '3.0.0-rc.1'], '2.0.0'],
    ['ordering by semver, not text', '1.10.0', ['1.9.0', '1.2.0'], '1.9.0'],
  ])('picks %s', (_case, old, remaining, expected) => {
    expect(latestReplacement(old, remaining)).toBe(expected);
  });

  it('gives back the version as the document spells it', () => {
    expect(latestReplacement('2.0.0', ['v1.0.0'])).toBe('v1.0.0');
  });
});

describe('repointDistTags', () => {
  it('moves latest, drops other tags naming removed versions and keeps the rest', () => {
    const result = repointDistTags(
      { latest: '2.0.0', next: '3.0.0-rc.1', beta: '2.0.0', legacy: '1.0.0', ghost: '9.9.9' },
      new Set(['2.0.0', '3.0.0-rc.1']),
      ['1.0.0', '1.5.0'],
    );
    expect(result.tags).toEqual({ latest: '1.5.0', legacy: '1.0.0', ghost: '9.9.9' });
    expect(result.changes).toEqual([
      { tag: 'latest', from: '2.0.0', to: '1.5.0' },
      { tag: 'next', from: '3.0.0-rc.1', to: undefined },
      { tag: 'beta', from: '2.0.0', to: undefined },
    ]);
  });

  it('drops latest when no version is left', () => {
    const result = repointDistTags({ latest: '1.0.0' }, new Set(['1.0.0']), []);
    expect(result.tags).toEqual({});
    expect(result.changes).toEqual([{ tag: 'latest', from: '1.0.0', to: undefined }]);
  });

  it('keeps tags whose value is not a string as they are', () => {
    const result = repointDistTags({ odd: 3, latest: '1.0.0' }, new Set(['2.0.0']), ['1.0.0']);
    expect(result).toEqual({ tags: { odd: 3, latest: '1.0.0' }, changes: [] });
  });

  it('keeps a tag named __proto__ as a tag', () => {
    const tags = JSON.parse('{"__proto__": "1.0.0", "latest": "2.0.0"}') as Record<string, unknown>;
    const result = repointDistTags(tags, new Set(['2.0.0']), ['1.0.0']);
    expect(Object.getPrototypeOf(result.tags)).toBe(Object.prototype);
    expect(JSON.stringify(result.tags)).toBe('{"__proto__":"1.0.0","latest":"1.0.0"}');
  });
});
