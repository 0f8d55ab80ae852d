import type { Ecosystem } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import { AffectedVersions } from './affected-versions.ts';
import { makeReport } from './testing/reports.ts';

type Events = Array<['introduced' | 'fixed' | 'last_affected' | 'limit', string]>;

function affected(ecosystem: Ecosystem, spec: { versions?: string[]; ranges?: Events[] }): AffectedVersions {
  const report = makeReport('MAL-2025-1', ecosystem, 'pkg', spec);
  return new AffectedVersions(report.packages[0] as (typeof report.packages)[number]);
}

describe('OSV range evaluation', () => {
  it.each<[string, Events[], string, boolean]>([
    ['introduced 0 affects everything', [[['introduced', '0']]], '0.0.0-alpha', true],
    ['introduced X includes X', [[['introduced', '1.0.0']]], '1.0.0', true],
    ['introduced X excludes below X', [[['introduced', '1.0.0']]], '0.9.9', false],
    ['introduced X excludes pre-releases of X', [[['introduced', '1.0.0']]], '1.0.0-rc.1', false],
    ['fixed excludes the fixed version', [[['introduced', '0'], ['fixed', '1.2.0']]], '1.2.0', false],
    ['fixed includes just below', [[['introduced', '0'], ['fixed', '1.2.0']]], '1.2.0-rc.1', true],
    ['last_affected includes itself', [[['introduced', '1.0.0'], ['last_affected', '1.1.0']]], '1.1.0', true],
    ['last_affected excludes above', [[['introduced', '1.0.0'], ['last_affected', '1.1.0']]], '1.1.1', false],
    ['two intervals: inside the second', [[['introduced', '1.0.0'], ['fixed', '1.0.2'], ['introduced', '3.0.0'], ['fixed', '3.2.5']]], '3.1.0', true],
    ['two intervals: between them', [[['introduced', '1.0.0'], ['fixed', '1.0.2'], ['introduced', '3.0.0'], ['fixed', '3.2.5']]], '2.0.0', false],
    ['events out of order are sorted first', [[['fixed', '3.2.5'], ['introduced', '3.0.0'], ['fixed', '1.0.2'], ['introduced', '1.0.0']]], '3.1.0', true],
    ['events out of order: fixed still applies', [[['fixed', '3.2.5'], ['introduced', '3.0.0'], ['fixed', '1.0.2'], ['introduced', '1.0.0']]], '1.5.0', false],
    ['limit caps the range', [[['introduced', '1.0.0'], ['limit', '2.0.0']]], '2.0.0', false],
    ['below the limit is in', [[['introduced', '1.0.0'], ['limit', '2.0.0']]], '1.9.9', true],
    ['limit "*" caps nothing', [[['introduced', '1.0.0'], ['limit', '*']]], '99.0.0', true],
    ['any of several ranges', [[['introduced', '5.0.0']], [['introduced', '0'], ['fixed', '1.0.0']]], '0.5.0', true],
    ['none of several ranges', [[['introduced', '5.0.0']], [['introduced', '0'], ['fixed', '1.0.0']]], '2.0.0', false],
    ['an unreadable introduced opens the range', [[['introduced', 'not-a-version'], ['fixed', '2.0.0']]], '0.1.0', true],
    ['an unreadable fixed closes nothing', [[['introduced', '1.0.0'], ['fixed', 'nope']]], '9.0.0', true],
  ])('npm: %s', (_, ranges, version, expected) => {
    expect(affected('npm', { ranges }).includes(version)).toBe(expected);
  });

  it('a version the ecosystem cannot order matches only every-version reports and identical listings', () => {
    expect(affected('npm', { ranges: [[['introduced', '0'], ['fixed', '2.0.0']]] }).includes('garbage')).toBe(false);
    expect(affected('npm', { ranges: [[['introduced', '0']]] }).includes('garbage')).toBe(true);
    expect(affected('npm', { versions: ['garbage'] }).includes('garbage')).toBe(true);
  });

  it('PyPI ranges order by PEP 440 and listed versions match by PEP 440 equality', () => {
    const range = affected('pypi', { ranges: [[['introduced', '1.0'], ['fixed', '2.0']]] });
    expect(range.includes('1.0.post1')).toBe(true);
    expect(range.includes('2.0rc1')).toBe(true);
    expect(range.includes('1.0rc1')).toBe(false);
    expect(range.includes('1!0.5')).toBe(false);
    expect(range.includes('2.0')).toBe(false);
    const listed = affected('pypi', { versions: ['8.0', '1.0-RC1'] });
    expect(listed.includes('8.0.0')).toBe(true);
    expect(listed.includes('8')).toBe(true);
    expect(listed.includes('1.0rc1')).toBe(true);
    expect(listed.includes('8.0.1')).toBe(false);
    expect(listed.includes('8.0+local')).toBe(false);
  });

  it('Go versions carry the v prefix; pseudo-versions order below their release', () => {
    const range = affected('go', { ranges: [[['introduced', 'v1.2.0'], ['fixed', 'v1.3.0']]] });
    expect(range.includes('v1.2.5')).toBe(true);
    expect(range.includes('v1.3.0-0.20240101000000-abcdefabcdef')).toBe(true);
    expect(range.includes('v1.3.0')).toBe(false);
    expect(range.includes('v1.1.9')).toBe(false);
    expect(affected('go', { versions: ['v2.0.0+incompatible'] }).includes('v2.0.0+incompatible')).toBe(true);
  });

  it('knows which reports affect every version', () => {
    expect(affected('npm', { ranges: [[['introduced', '0']]] }).everyVersion).toBe(true);
    expect(affected('npm', { ranges: [[['introduced', '0'], ['limit', '*']]] }).everyVersion).toBe(true);
    expect(affected('npm', { ranges: [[['introduced', '0.0.0']]] }).everyVersion).toBe(false);
    expect(affected('npm', { ranges: [[['introduced', '0'], ['last_affected', '9.0.0']]] }).everyVersion).toBe(false);
    expect(affected('npm', { versions: ['1.0.0'] }).everyVersion).toBe(false);
  });
});
