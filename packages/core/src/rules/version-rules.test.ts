import { describe, expect, it } from 'vitest';
import type { PackageRef } from '../policy/package-ref.ts';
import { parsePolicySettings } from './parse-policy-settings.ts';
import type { PolicySettings } from './policy-settings.ts';
import { allowRuleFor, denyRule, ruleCoversVersion } from './version-rules.ts';

function settingsOf(value: unknown): PolicySettings {
  const parsed = parsePolicySettings(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const npm = (name: string, version?: string): PackageRef => (version === undefined ? { ecosystem: 'npm', name } : { ecosystem: 'npm', name, version });

describe('allowRuleFor', () => {
  const settings = settingsOf({
    allow: [
      { ecosystem: 'npm', package: 'left-pad', versions: '1.3.0', reason: 'MAL-2024-1 is over-broad' },
      { ecosystem: 'npm', package: '@corp/*', reason: 'our own scope' },
      { ecosystem: 'npm', package: '@corp/web', versions: '>=2 <3', reason: 'web 2.x reviewed' },
      { ecosystem: 'pypi', package: 'Friendly_Bard', versions: '~=1.0', reason: 'pinned' },
      { ecosystem: 'go', package: 'corp.example/*', versions: '>=v1.0.0 <v2.0.0', reason: 'v1 line' },
    ],
  });

  it.each([
    [npm('left-pad', '1.3.0'), 'MAL-2024-1 is over-broad'],
    [npm('left-pad', '1.3.1'), undefined],
    // An entry with a range never covers the package as a whole.
    [npm('left-pad'), undefined],
    // The exact entry is more specific, but its range does not cover 1.0.0: the glob applies.
    [npm('@corp/web', '2.5.0'), 'web 2.x reviewed'],
    [npm('@corp/web', '1.0.0'), 'our own scope'],
    [npm('@corp/web'), 'our own scope'],
    [{ ecosystem: 'pypi', name: 'friendly-bard', version: '1.4' }, 'pinned'],
    [{ ecosystem: 'pypi', name: 'friendly-bard', version: '2.0' }, undefined],
    // A version the ecosystem cannot read is never in a range.
    [{ ecosystem: 'pypi', name: 'friendly-bard', version: '2004d' }, undefined],
    [{ ecosystem: 'go', name: 'corp.example/a/b', version: 'v1.2.3' }, 'v1 line'],
    [{ ecosystem: 'go', name: 'corp.example/a/b', version: 'v2.0.0' }, undefined],
    [{ ecosystem: 'npm', name: 'corp.example/a', version: '1.0.0' }, undefined],
  ] satisfies Array<[PackageRef, string | undefined]>)('%o: %s', (ref, reason) => {
    expect(allowRuleFor(settings, ref)?.reason).toBe(reason);
  });
});

describe('denyRule', () => {
  const settings = settingsOf({
    deny: [
      { ecosystem: 'pypi', package: 'requestz', reason: 'typosquat seen in our logs' },
      { ecosystem: 'npm', package: 'event-stream', versions: '3.3.6', reason: 'flatmap-stream incident' },
      { ecosystem: 'npm', package: 'event-*', reason: 'no event packages here' },
    ],
  });
  const rule = denyRule(settings);

  it('is named deny-rule', () => {
    expect(rule.name).toBe('deny-rule');
  });

  it('reports each covering entry, most specific first, with a stable id and the configured reason', () => {
    expect(rule.evaluate(npm('event-stream', '3.3.6'))).toEqual([
      { rule: 'deny-rule', id: 'deny:npm:event-stream', summary: 'flatmap-stream incident' },
      { rule: 'deny-rule', id: 'deny:npm:event-*', summary: 'no event packages here' },
    ]);
    expect(rule.evaluate(npm('event-stream', '3.3.5'))).toEqual([{ rule: 'deny-rule', id: 'deny:npm:event-*', summary: 'no event packages here' }]);
  });

  it('reports a whole-package reference only for entries without a range', () => {
    expect(rule.evaluate(npm('event-stream')).map((reason) => reason.id)).toEqual(['deny:npm:event-*']);
    expect(rule.evaluate({ ecosystem: 'pypi', name: 'requestz' })).toEqual([{ rule: 'deny-rule', id: 'deny:pypi:requestz', summary: 'typosquat seen in our logs' }]);
  });

  it('reports nothing for packages no entry names', () => {
    expect(rule.evaluate(npm('lodash', '4.17.21'))).toEqual([]);
    expect(rule.evaluate({ ecosystem: 'npm', name: 'requestz', version: '1.0.0' })).toEqual([]);
    expect(denyRule(settingsOf({})).evaluate(npm('event-stream', '3.3.6'))).toEqual([]);
  });
});

describe('ruleCoversVersion', () => {
  const [withRange, withoutRange] = settingsOf({
    deny: [
      { ecosystem: 'npm', package: 'x', versions: '<2', reason: 'r' },
      { ecosystem: 'npm', package: 'x', reason: 'r' },
    ],
  }).deny;

  it.each([
    ['1.9.0', true, true],
    ['2.0.0', false, true],
    // Pre-releases inside the bounds are members; npm's `<2` means `<2.0.0-0`.
    ['1.5.0-rc.1', true, true],
    ['2.0.0-rc.1', false, true],
    ['not a version', false, true],
    [undefined, false, true],
  ])('version %s: with a range %s, without %s', (version, inRange, always) => {
    if (withRange === undefined || withoutRange === undefined) throw new Error('two entries expected');
    expect(ruleCoversVersion(withRange, npm('x', version))).toBe(inRange);
    expect(ruleCoversVersion(withoutRange, npm('x', version))).toBe(always);
  });
});
