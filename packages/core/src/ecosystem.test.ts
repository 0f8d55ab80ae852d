import { describe, expect, it } from 'vitest';
import { ECOSYSTEMS, ecosystemFromOsvName, isEcosystem, osvEcosystemName } from './ecosystem.ts';

describe('ecosystems', () => {
  it.each([
    ['npm', 'npm'],
    ['pypi', 'PyPI'],
    ['go', 'Go'],
  ] as const)('%s is called %s in OSV reports, and back', (ecosystem, osvName) => {
    expect(osvEcosystemName(ecosystem)).toBe(osvName);
    expect(ecosystemFromOsvName(osvName)).toBe(ecosystem);
  });

  it('knows no other ecosystem, and OSV names are case-sensitive', () => {
    expect(ECOSYSTEMS).toEqual(['npm', 'pypi', 'go']);
    for (const name of ['crates.io', 'RubyGems', 'NuGet', 'Maven', 'pypi', 'NPM', 'go', '']) {
      expect(ecosystemFromOsvName(name)).toBeUndefined();
    }
    expect(isEcosystem('pypi')).toBe(true);
    expect(isEcosystem('PyPI')).toBe(false);
  });
});
