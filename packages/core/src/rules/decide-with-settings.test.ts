import { describe, expect, it } from 'vitest';
import { decide, describeDecision, type Mode, type Reason, type Rule } from '../policy/decision.ts';
import type { PackageRef } from '../policy/package-ref.ts';
import { decideWithSettings } from './decide-with-settings.ts';
import { parsePolicySettings } from './parse-policy-settings.ts';
import { DEFAULT_POLICY_SETTINGS, type PolicySettings } from './policy-settings.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 0, 15, 12);
const OLD = { now: NOW, publishedAt: NOW - 1000 * HOUR };
const YOUNG = { now: NOW, publishedAt: NOW - 3 * HOUR };
const UNKNOWN = { now: NOW };

const MALWARE: Reason = { rule: 'malicious-package', id: 'MAL-2024-1', summary: 'Malicious code' };

/** The feed: flags every version of the names given. */
function feed(...names: string[]): Rule {
  return { name: 'malicious-package', evaluate: (ref) => (names.includes(ref.name) ? [MALWARE] : []) };
}

function settingsOf(value: unknown): PolicySettings {
  const parsed = parsePolicySettings(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const SETTINGS = settingsOf({
  modes: [
    { ecosystem: 'npm', package: '@audit/*', mode: 'audit' },
    { ecosystem: 'npm', package: '@off/*', mode: 'off' },
  ],
  allow: [
    { ecosystem: 'npm', package: 'left-pad', versions: '1.3.0', reason: 'MAL-2024-1 is over-broad' },
    { ecosystem: 'npm', package: '@off/allowed', reason: 'reviewed' },
    { ecosystem: 'npm', package: '@corp/allowed', reason: 'an allow entry cannot open an internal name' },
    { ecosystem: 'npm', package: 'denied-but-allowed', reason: 'allow wins over deny' },
  ],
  deny: [
    { ecosystem: 'npm', package: 'evil-*', reason: 'typosquats' },
    { ecosystem: 'npm', package: '@audit/evil', reason: 'typosquat' },
    { ecosystem: 'npm', package: 'denied-but-allowed', reason: 'denied' },
    { ecosystem: 'npm', package: 'old-lib', versions: '<2', reason: 'unmaintained 1.x' },
  ],
  internal: [{ ecosystem: 'npm', package: '@corp/*' }],
  cooldown: { npm: 48 },
});

const npm = (name: string, version?: string): PackageRef => (version === undefined ? { ecosystem: 'npm', name } : { ecosystem: 'npm', name, version });

describe('decideWithSettings', () => {
  it.each([
    // [what, ref, ecosystem mode, time, outcome, mode in force, reason ids]
    ['a clean old version', npm('lodash', '4.17.21'), 'enforce', OLD, 'allow', 'enforce', []],
    ['a flagged version', npm('flagged', '1.0.0'), 'enforce', OLD, 'deny', 'enforce', ['MAL-2024-1']],
    ['a flagged version in audit mode', npm('flagged', '1.0.0'), 'audit', OLD, 'audit', 'audit', ['MAL-2024-1']],
    ['a flagged version in off mode', npm('flagged', '1.0.0'), 'off', OLD, 'allow', 'off', []],
    ['a deny entry', npm('evil-pkg', '1.0.0'), 'enforce', OLD, 'deny', 'enforce', ['deny:npm:evil-*']],
    ['a deny entry in audit mode', npm('evil-pkg', '1.0.0'), 'audit', OLD, 'audit', 'audit', ['deny:npm:evil-*']],
    ['a deny entry out of its range', npm('old-lib', '2.0.0'), 'enforce', OLD, 'allow', 'enforce', []],
    ['a deny entry in its range', npm('old-lib', '1.9.0'), 'enforce', OLD, 'deny', 'enforce', ['deny:npm:old-lib']],
    ['a young version', npm('lodash', '4.17.22'), 'enforce', YOUNG, 'deny', 'enforce', ['release-age:48h']],
    ['a young version in audit mode', npm('lodash', '4.17.22'), 'audit', YOUNG, 'audit', 'audit', ['release-age:48h']],
    ['a young flagged version, every reason kept', npm('flagged', '1.0.0'), 'enforce', YOUNG, 'deny', 'enforce', ['MAL-2024-1', 'release-age:48h']],
    ['an unknown publish time (allowed by default)', npm('lodash', '4.17.22'), 'enforce', UNKNOWN, 'allow', 'enforce', []],
    ['a package mode of audit', npm('@audit/evil', '1.0.0'), 'enforce', OLD, 'audit', 'audit', ['deny:npm:@audit/evil']],
    ['a package mode of off', npm('@off/flagged', '1.0.0'), 'enforce', YOUNG, 'allow', 'off', []],
    ['an internal name', npm('@corp/web', '1.0.0'), 'enforce', OLD, 'deny', 'enforce', ['internal:npm:@corp/*']],
    ['an internal name in audit mode (still refused)', npm('@corp/web', '1.0.0'), 'audit', OLD, 'deny', 'audit', ['internal:npm:@corp/*']],
    ['an internal name in off mode', npm('@corp/web', '1.0.0'), 'off', OLD, 'allow', 'off', []],
    ['an internal name with an allow entry', npm('@corp/allowed', '1.0.0'), 'enforce', OLD, 'deny', 'enforce', ['internal:npm:@corp/*']],
    ['a whole internal package', npm('@corp/web'), 'enforce', UNKNOWN, 'deny', 'enforce', ['internal:npm:@corp/*']],
    ['an allowed flagged young version', npm('left-pad', '1.3.0'), 'enforce', YOUNG, 'allow', 'enforce', []],
    ['a flagged version beside the allowed one', npm('left-pad', '1.3.1'), 'enforce', OLD, 'deny', 'enforce', ['MAL-2024-1']],
    ['a whole package a ranged allow entry covers in part', npm('left-pad'), 'enforce', UNKNOWN, 'allow', 'enforce', []],
    ['a denied and allowed package', npm('denied-but-allowed', '1.0.0'), 'enforce', OLD, 'allow', 'enforce', []],
    ['a mistyped mode (fails closed)', npm('flagged', '1.0.0'), 'enforced' as Mode, OLD, 'deny', 'enforced', ['MAL-2024-1']],
  ] satisfies Array<[string, PackageRef, Mode, { now: number; publishedAt?: number }, string, string, string[]]>)(
    '%s: %s',
    (_what, ref, ecosystemMode, time, outcome, mode, ids) => {
      const decision = decideWithSettings(ref, { mode: ecosystemMode, rules: [feed('flagged', 'left-pad', '@off/flagged')] }, SETTINGS, time);
      expect({ outcome: decision.outcome, mode: decision.mode, ids: decision.reasons.map((reason) => reason.id) }).toEqual({ outcome, mode, ids });
      expect(decision.ref).toBe(ref);
    },
  );

  it('says which allow entry let a version through, and what it overrode', () => {
    const decision = decideWithSettings(npm('left-pad', '1.3.0'), { mode: 'enforce', rules: [feed('left-pad')] }, SETTINGS, YOUNG);
    expect(decision.allowedBy?.reason).toBe('MAL-2024-1 is over-broad');
    expect(decision.overridden?.map((reason) => reason.id)).toEqual(['MAL-2024-1', 'release-age:48h']);
    expect(decision.releaseAge?.kind).toBe('too-young');
    expect(describeDecision(decision)).toBe('npm package left-pad@1.3.0 allowed');
  });

  it('reports an unknown publish time that was allowed, for the caller to log', () => {
    const decision = decideWithSettings(npm('lodash', '1.0.0'), { mode: 'enforce', rules: [] }, SETTINGS, UNKNOWN);
    expect(decision).toMatchObject({ outcome: 'allow', releaseAge: { kind: 'unknown-time', allowed: true } });
  });

  it('refuses an unknown publish time when configured to', () => {
    const strict = settingsOf({ cooldown: { npm: 48, unknownPublishTime: 'deny' } });
    const decision = decideWithSettings(npm('lodash', '1.0.0'), { mode: 'enforce', rules: [] }, strict, UNKNOWN);
    expect(decision.outcome).toBe('deny');
    expect(decision.reasons.map((reason) => reason.id)).toEqual(['release-age:unknown-publish-time']);
  });

  it('names the internal pattern, and does not ask the feed about an internal name', () => {
    const asked: PackageRef[] = [];
    const spy: Rule = { name: 'spy', evaluate: (ref) => (asked.push(ref), []) };
    const decision = decideWithSettings(npm('@corp/web', '1.0.0'), { mode: 'enforce', rules: [spy] }, SETTINGS, OLD);
    expect(decision.internal?.text).toBe('@corp/*');
    expect(decision.reasons[0]?.summary).toBe('@corp/web is declared internal (@corp/*) and is never fetched from the public npm registry');
    expect(describeDecision(decision)).toBe('npm package @corp/web@1.0.0 blocked: internal:npm:@corp/*');
    expect(asked).toEqual([]);
  });

  it('skips the cooldown for a whole-package reference', () => {
    const decision = decideWithSettings(npm('lodash'), { mode: 'enforce', rules: [] }, SETTINGS, UNKNOWN);
    expect(decision).toEqual({ ref: npm('lodash'), mode: 'enforce', outcome: 'allow', reasons: [] });
  });

  it.each(['enforce', 'audit', 'off'] as const)('with the default settings, agrees with decide in %s mode', (mode) => {
    const policy = { mode, rules: [feed('flagged')] };
    for (const ref of [npm('flagged', '1.0.0'), npm('lodash', '1.0.0'), npm('flagged')]) {
      expect(decideWithSettings(ref, policy, DEFAULT_POLICY_SETTINGS, UNKNOWN)).toEqual(decide(ref, policy));
    }
  });
});
