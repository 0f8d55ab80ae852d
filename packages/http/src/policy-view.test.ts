import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS, parsePolicySettings, type Mode, type PolicyDecision, type PolicySettings, type Rule } from '@palisade/core';
import { checkPackage } from './policy-view.ts';
import { passedThrough, viaValue } from './via.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
const flagsEverything: Rule = { name: 'test', evaluate: () => [{ rule: 'test', id: 'T-1', summary: 'flagged' }] };
const flagsNothing: Rule = { name: 'test', evaluate: () => [] };
const view = (mode: Mode, unavailable?: string, settings: PolicySettings = DEFAULT_POLICY_SETTINGS, rule = flagsEverything) => ({ policy: { mode, rules: [rule] }, settings, now: () => NOW, revision: 'r1', unavailable });
const ref = { ecosystem: 'npm', name: 'x', version: '1.0.0' } as const;

function settingsOf(value: unknown): PolicySettings {
  const parsed = parsePolicySettings(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const decisionOf = (check: ReturnType<typeof checkPackage>) => (check.kind === 'decided' ? check.decision : undefined);

describe('checkPackage', () => {
  it('decides when the data is loaded', () => {
    const check = checkPackage(view('enforce'), ref);
    expect(check).toMatchObject({ kind: 'decided', decision: { outcome: 'deny' }, validUntil: Number.POSITIVE_INFINITY });
  });
  it('refuses in enforce mode, serves unchecked in audit mode, while no data is loaded', () => {
    expect(checkPackage(view('enforce', 'loading'), ref)).toEqual({ kind: 'unavailable', reason: 'loading', refuse: true });
    expect(checkPackage(view('audit', 'loading'), ref)).toEqual({ kind: 'unavailable', reason: 'loading', refuse: false });
  });
  it('needs no data when off', () => {
    expect(decisionOf(checkPackage(view('off', 'loading'), ref))?.outcome).toBe('allow');
  });

  it('applies the per-package mode, also to the choice made while no data is loaded', () => {
    const settings = settingsOf({ modes: [{ ecosystem: 'npm', package: 'x', mode: 'audit' }] });
    expect(decisionOf(checkPackage(view('enforce', undefined, settings), ref))?.outcome).toBe('audit');
    expect(checkPackage(view('enforce', 'loading', settings), ref)).toEqual({ kind: 'unavailable', reason: 'loading', refuse: false });
    expect(checkPackage(view('enforce', 'loading', settings), { ...ref, name: 'y' })).toMatchObject({ refuse: true });
  });

  it('refuses an internal name in enforce and audit modes, even while no data is loaded', () => {
    const settings = settingsOf({ internal: [{ ecosystem: 'npm', package: '@corp/*' }] });
    for (const mode of ['enforce', 'audit'] as const) {
      for (const unavailable of [undefined, 'loading']) {
        const decision = decisionOf(checkPackage(view(mode, unavailable, settings, flagsNothing), { ecosystem: 'npm', name: '@corp/app' }));
        expect(decision).toMatchObject({ outcome: 'deny', reasons: [{ rule: 'internal-package', id: 'internal:npm:@corp/*' }] });
      }
    }
  });

  it('lets an allow entry through over the feed, and a deny entry block what the feed does not', () => {
    const settings = settingsOf({
      allow: [{ ecosystem: 'npm', package: 'x', versions: '1.0.0', reason: 'reviewed' }],
      deny: [{ ecosystem: 'npm', package: 'y', reason: 'not wanted here' }],
    });
    expect(decisionOf(checkPackage(view('enforce', undefined, settings), ref))).toMatchObject({ outcome: 'allow', overridden: [{ id: 'T-1' }] });
    expect(decisionOf(checkPackage(view('enforce', undefined, settings, flagsNothing), { ...ref, name: 'y' }))).toMatchObject({ outcome: 'deny', reasons: [{ id: 'deny:npm:y', summary: 'not wanted here' }] });
  });

  it('holds back a version younger than the cooldown until it comes of age', () => {
    const settings = settingsOf({ cooldown: { npm: 48 } });
    const young = checkPackage(view('enforce', undefined, settings, flagsNothing), ref, NOW - HOUR);
    expect(young).toMatchObject({ kind: 'decided', decision: { outcome: 'deny', reasons: [{ rule: 'release-age' }] }, validUntil: NOW + 47 * HOUR });
    const old = checkPackage(view('enforce', undefined, settings, flagsNothing), ref, NOW - 48 * HOUR);
    expect(old).toMatchObject({ decision: { outcome: 'allow' }, validUntil: Number.POSITIVE_INFINITY });
  });

  it('follows the configured choice for an unknown publish time', () => {
    const allow = checkPackage(view('enforce', undefined, settingsOf({ cooldown: { npm: 48 } }), flagsNothing), ref);
    expect(decisionOf(allow)).toMatchObject({ outcome: 'allow', releaseAge: { kind: 'unknown-time', allowed: true } });
    const deny = checkPackage(view('enforce', undefined, settingsOf({ cooldown: { npm: 48, unknownPublishTime: 'deny' } }), flagsNothing), ref);
    expect(decisionOf(deny)).toMatchObject({ outcome: 'deny', reasons: [{ id: 'release-age:unknown-publish-time' }] });
  });

  it('reports audit findings, overrides, cooldown holds and unknown publish times, and nothing plain', () => {
    const reported: PolicyDecision[] = [];
    const settings = settingsOf({ cooldown: { npm: 48 }, allow: [{ ecosystem: 'npm', package: 'allowed', reason: 'ok' }] });
    const reporting = (mode: Mode, rule: Rule) => ({ ...view(mode, undefined, settings, rule), report: (decision: PolicyDecision) => void reported.push(decision) });
    checkPackage(reporting('enforce', flagsNothing), ref, NOW - 100 * HOUR);
    expect(reported).toEqual([]);
    checkPackage(reporting('audit', flagsEverything), ref, NOW - 100 * HOUR);
    checkPackage(reporting('enforce', flagsEverything), { ...ref, name: 'allowed' }, NOW - 100 * HOUR);
    checkPackage(reporting('enforce', flagsNothing), ref, NOW - HOUR);
    checkPackage(reporting('enforce', flagsNothing), ref);
    expect(reported.map((decision) => [decision.outcome, decision.releaseAge?.kind])).toEqual([
      ['audit', 'old-enough'],
      ['allow', 'old-enough'],
      ['deny', 'too-young'],
      ['allow', 'unknown-time'],
    ]);
  });
});

describe('Via', () => {
  it('recognises this proxy among the hops', () => {
    expect(passedThrough(`1.1 cdn, ${viaValue('palisade')}`, 'palisade')).toBe(true);
    expect(passedThrough('1.1 Palisade (node)', 'palisade')).toBe(true);
    expect(passedThrough('1.1 palisade-eu', 'palisade')).toBe(false);
    expect(passedThrough(undefined, 'palisade')).toBe(false);
    expect(passedThrough('garbage', 'palisade')).toBe(false);
  });
});
