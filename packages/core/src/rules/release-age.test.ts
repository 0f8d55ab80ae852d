import { describe, expect, it } from 'vitest';
import type { CooldownSettings } from './policy-settings.ts';
import { checkReleaseAge } from './release-age.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 0, 15, 12);
const COOLDOWN: CooldownSettings = { hours: { npm: 48, pypi: 1.5, go: 0 }, unknownPublishTime: 'allow' };

const young = (id: string, summary: string) => ({ kind: 'too-young', reason: { rule: 'release-age', id, summary } });

describe('checkReleaseAge', () => {
  it.each([
    ['3 hours', NOW - 3 * HOUR, young('release-age:48h', 'published 3 h ago, less than the 48 h cooldown')],
    ['47.99 hours', NOW - 47.99 * HOUR, young('release-age:48h', 'published 47 h ago, less than the 48 h cooldown')],
    ['25 minutes', NOW - 25 * 60_000, young('release-age:48h', 'published 25 min ago, less than the 48 h cooldown')],
    ['no time at all', NOW, young('release-age:48h', 'published 0 min ago, less than the 48 h cooldown')],
    ['minus one hour', NOW + HOUR, young('release-age:48h', 'publish time lies in the future, less than the 48 h cooldown')],
    ['exactly 48 hours', NOW - 48 * HOUR, { kind: 'old-enough' }],
    ['a year', NOW - 365 * 24 * HOUR, { kind: 'old-enough' }],
  ])('an npm version %s old is %o', (_age, publishedAt, check) => {
    expect(checkReleaseAge('npm', publishedAt, NOW, COOLDOWN)).toEqual(check);
  });

  it('reads fractional hours', () => {
    expect(checkReleaseAge('pypi', NOW - HOUR, NOW, COOLDOWN)).toEqual(young('release-age:1.5h', 'published 1 h ago, less than the 1.5 h cooldown'));
    expect(checkReleaseAge('pypi', NOW - 1.5 * HOUR, NOW, COOLDOWN)).toEqual({ kind: 'old-enough' });
  });

  it('is off where the ecosystem has no cooldown, whatever the time', () => {
    expect(checkReleaseAge('go', NOW, NOW, COOLDOWN)).toEqual({ kind: 'off' });
    expect(checkReleaseAge('go', undefined, NOW, { ...COOLDOWN, unknownPublishTime: 'deny' })).toEqual({ kind: 'off' });
  });

  it.each([undefined, Number.NaN, Number.POSITIVE_INFINITY])('allows an unknown publish time (%s) by default, saying so', (publishedAt) => {
    expect(checkReleaseAge('npm', publishedAt, NOW, COOLDOWN)).toEqual({ kind: 'unknown-time', allowed: true });
  });

  it('refuses an unknown publish time when configured to', () => {
    expect(checkReleaseAge('npm', undefined, NOW, { ...COOLDOWN, unknownPublishTime: 'deny' })).toEqual({
      kind: 'unknown-time',
      allowed: false,
      reason: {
        rule: 'release-age',
        id: 'release-age:unknown-publish-time',
        summary: 'publish time unknown, refused while the 48 h cooldown applies (cooldown.unknownPublishTime is deny)',
      },
    });
  });

  it('counts a `now` that is not a number as an unknown age, never as old enough', () => {
    expect(checkReleaseAge('npm', NOW, Number.NaN, { ...COOLDOWN, unknownPublishTime: 'deny' })).toMatchObject({ kind: 'unknown-time', allowed: false });
  });
});
