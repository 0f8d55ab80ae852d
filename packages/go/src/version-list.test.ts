import { describe, expect, it } from 'vitest';
import { filterVersionList, latestAllowed } from './version-list.ts';

const none = () => false;

describe('filterVersionList', () => {
  it('keeps the upstream order and line format, ending each line with a newline', () => {
    const text = 'v1.0.0\nv1.2.0 2024-01-02T03:04:05Z\r\nv1.1.0\n';
    expect(filterVersionList(text, none)).toEqual({
      text: 'v1.0.0\nv1.2.0 2024-01-02T03:04:05Z\nv1.1.0\n',
      removed: [],
      kept: ['v1.0.0', 'v1.2.0', 'v1.1.0'],
    });
  });

  it('takes denied versions out and names them', () => {
    const denied = new Set(['v1.1.0', 'v2.0.0+incompatible']);
    const filtered = filterVersionList('v1.0.0\nv1.1.0\nv1.2.0\nv2.0.0+incompatible\n', (version) => denied.has(version));
    expect(filtered).toEqual({ text: 'v1.0.0\nv1.2.0\n', removed: ['v1.1.0', 'v2.0.0+incompatible'], kept: ['v1.0.0', 'v1.2.0'] });
  });

  it('answers an empty body when every version is denied, or the list is empty', () => {
    expect(filterVersionList('v1.0.0\n', () => true)).toEqual({ text: '', removed: ['v1.0.0'], kept: [] });
    expect(filterVersionList('', none)).toEqual({ text: '', removed: [], kept: [] });
    expect(filterVersionList('\n\n  \n', none).text).toBe('');
  });

  it('drops lines go ignores, and versions that are not canonical', () => {
    const text = ['garbage', 'v1', 'v1.2', 'v1.2.3+meta', '1.0.0', 'V1.0.0', '  v1.0.0  ', '\tv1.0.1\textra', 'v01.0.0'].join('\n');
    expect(filterVersionList(text, none)).toEqual({ text: 'v1.0.0\nv1.0.1\textra\n', removed: [], kept: ['v1.0.0', 'v1.0.1'] });
  });

  it('asks about each canonical version only', () => {
    const asked: string[] = [];
    filterVersionList('v1.0.0\nbad\nv1.2\nv1.1.0-pre\n', (version) => (asked.push(version), false));
    expect(asked).toEqual(['v1.0.0', 'v1.1.0-pre']);
  });

  it('keeps pseudo-versions, which go reads for @latest', () => {
    expect(filterVersionList('v0.0.0-20240101000000-abcdef123456\n', none).kept).toEqual(['v0.0.0-20240101000000-abcdef123456']);
  });

  it('handles a large hostile body without throwing', () => {
    const text = `${'v1.0.0\u0000\n'.repeat(1000)}${'x'.repeat(100_000)}\n${'v9.9.9\n'.repeat(10_000)}`;
    const filtered = filterVersionList(text, none);
    expect(filtered.kept).toHaveLength(10_000);
  });
});

describe('latestAllowed', () => {
  it('prefers the highest release, by semantic version not list order', () => {
    expect(latestAllowed(['v1.10.0', 'v1.9.0', 'v2.0.0-rc.1', 'v1.2.0'])).toBe('v1.10.0');
  });

  it('falls back to the highest pre-release when there is no release', () => {
    expect(latestAllowed(['v1.0.0-alpha', 'v1.0.0-beta.2', 'v1.0.0-beta.10'])).toBe('v1.0.0-beta.10');
  });

  it('ignores pseudo-versions while there are tagged versions', () => {
    expect(latestAllowed(['v0.0.0-20990101000000-abcdef123456', 'v0.1.0-pre'])).toBe('v0.1.0-pre');
  });

  it('falls back to the most recent pseudo-version by commit time', () => {
    expect(latestAllowed(['v0.0.0-20240101000000-aaaaaaaaaaaa', 'v1.2.4-0.20230101000000-bbbbbbbbbbbb', 'v0.0.0-20240301000000-cccccccccccc'])).toBe(
      'v0.0.0-20240301000000-cccccccccccc',
    );
  });

  it('counts +incompatible versions as releases', () => {
    expect(latestAllowed(['v1.5.0', 'v2.0.0+incompatible'])).toBe('v2.0.0+incompatible');
  });

  it('ignores invalid versions and answers undefined when nothing is left', () => {
    expect(latestAllowed(['nope', 'v1.0.0'])).toBe('v1.0.0');
    expect(latestAllowed(['nope'])).toBeUndefined();
    expect(latestAllowed([])).toBeUndefined();
  });
});
