import { describe, expect, it } from 'vitest';
import type { SimpleFile, SimplePage } from './simple-page.ts';
import { filterSimplePage } from './simple-page-filter.ts';

const file = (filename: string, extra: Partial<SimpleFile> = {}): SimpleFile => ({
  filename,
  url: `https://files.pythonhosted.org/packages/${filename}`,
  hashes: { sha256: filename.length.toString(16).padStart(64, '0') },
  ...extra,
});

const PAGE: SimplePage = {
  name: 'demo',
  meta: { apiVersion: '1.1', lastSerial: 7 },
  versions: ['1.0', '1.1', '2.0', '3.0'],
  files: [
    file('demo-1.0.tar.gz', { size: 10 }),
    file('demo-1.1-py3-none-any.whl', { yanked: 'oops', coreMetadata: { sha256: 'c'.repeat(64) } }),
    file('demo-1.1.tar.gz'),
    file('demo-2.0.tar.gz', { requiresPython: '>=3.8' }),
    file('demo.egg-info'),
  ],
};

/** A test reader: the text between the first `-` and the next `-` or `.tar.gz`. */
const versionOf = (filename: string): string | undefined => /^demo-([^-]+?)(?:-|\.tar\.gz$)/.exec(filename)?.[1];

describe('filterSimplePage', () => {
  it('removes the files and the listed versions that are denied, keeping everything else as it was', () => {
    const result = filterSimplePage(PAGE, { versionOf, isDenied: (version) => version === '1.1' || version === '3.0' });
    expect(result.removed).toEqual(['1.1', '3.0']);
    expect(result.unparsed).toEqual(['demo.egg-info']);
    expect(result.remaining).toBe(2);
    expect(result.page).toEqual({
      ...PAGE,
      versions: ['1.0', '2.0'],
      files: [PAGE.files[0], PAGE.files[3], PAGE.files[4]],
    });
  });

  it('reports no version left when every version is denied, still keeping unreadable files', () => {
    const result = filterSimplePage(PAGE, { versionOf, isDenied: () => true });
    expect(result.remaining).toBe(0);
    expect(result.page.versions).toEqual([]);
    expect(result.page.files.map((kept) => kept.filename)).toEqual(['demo.egg-info']);
  });

  it('leaves a page without a versions list without one, and asks the policy once a version', () => {
    const { versions: _versions, ...withoutVersions } = PAGE;
    const asked: string[] = [];
    const result = filterSimplePage(withoutVersions, { versionOf, isDenied: (version) => (asked.push(version), false) });
    expect(result.page).toEqual(withoutVersions);
    expect(result.page).not.toHaveProperty('versions');
    expect(result.removed).toEqual([]);
    expect(result.remaining).toBe(3);
    expect(asked).toEqual(['1.0', '1.1', '2.0']);
  });
});
