import { describe, expect, it } from 'vitest';
import { internalPackageReason, internalPatternFor } from './internal-guard.ts';
import { parsePolicySettings } from './parse-policy-settings.ts';
import type { PolicySettings } from './policy-settings.ts';

function settingsOf(value: unknown): PolicySettings {
  const parsed = parsePolicySettings(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const settings = settingsOf({
  internal: [
    { ecosystem: 'npm', package: '@corp/*' },
    { ecosystem: 'npm', package: 'corp-build' },
    { ecosystem: 'pypi', package: 'Corp_*' },
    { ecosystem: 'go', package: 'corp.example/*' },
  ],
});

describe('internalPatternFor', () => {
  it.each([
    ['npm', '@corp/web', '@corp/*'],
    ['npm', 'corp-build', 'corp-build'],
    ['npm', 'corp-builder', undefined],
    ['npm', '@corporate/web', undefined],
    ['pypi', 'corp-tools', 'corp-*'],
    ['pypi', 'corptools', undefined],
    ['go', 'corp.example/a/b', 'corp.example/*'],
    ['go', 'corp.example', 'corp.example/*'],
    ['pypi', '@corp/web', undefined],
  ] as const)('%s %s: %s', (ecosystem, name, pattern) => {
    expect(internalPatternFor(settings, ecosystem, name)?.text).toBe(pattern);
  });
});

describe('internalPackageReason', () => {
  it('names the package, the pattern it matched and the registry it is kept from', () => {
    const glob = internalPatternFor(settings, 'npm', '@corp/web');
    const exact = internalPatternFor(settings, 'npm', 'corp-build');
    if (glob === undefined || exact === undefined) throw new Error('both names are internal');
    expect(internalPackageReason('@corp/web', glob)).toEqual({
      rule: 'internal-package',
      id: 'internal:npm:@corp/*',
      summary: '@corp/web is declared internal (@corp/*) and is never fetched from the public npm registry',
    });
    expect(internalPackageReason('corp-build', exact)).toEqual({
      rule: 'internal-package',
      id: 'internal:npm:corp-build',
      summary: 'corp-build is declared internal and is never fetched from the public npm registry',
    });
  });
});
