import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS, parsePolicySettings, type Mode, type PolicySettings, type Rule } from '@palisade/core';
import type { PolicyView } from './policy-view.ts';
import { auditedVersionsHeaders, versionDecisions } from './version-decisions.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
let asked = 0;
const rule: Rule = {
  name: 'test',
  evaluate(ref) {
    asked++;
    return ref.version === '2.0.0' || ref.version === '3.0.0' ? [{ rule: 'test', id: `MAL-${ref.version}`, summary: 'bad' }] : [];
  },
};
const view = (mode: Mode, settings: PolicySettings = DEFAULT_POLICY_SETTINGS): PolicyView => ({ policy: { mode, rules: [rule] }, settings, now: () => NOW, revision: 'r1' });
const cooldown = (hours: number): PolicySettings => {
  const parsed = parsePolicySettings({ cooldown: { npm: hours } });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('versionDecisions', () => {
  it('asks the policy once per version and collects what it denied', () => {
    asked = 0;
    const decisions = versionDecisions({ ecosystem: 'npm', name: 'x' }, view('enforce'), false);
    expect(['1.0.0', '2.0.0', '2.0.0', '3.0.0', '1.0.0'].map((v) => decisions.isDenied(v))).toEqual([false, true, true, true, false]);
    expect([asked, decisions.denied.map((d) => d.ref.version), decisions.audited]).toEqual([3, ['2.0.0', '3.0.0'], []]);
    expect(decisions.validUntil).toBe(Number.POSITIVE_INFINITY);
  });

  it('collects audit findings without denying, and denies nothing unchecked', () => {
    const audit = versionDecisions({ ecosystem: 'npm', name: 'x' }, view('audit'), false);
    expect([audit.isDenied('2.0.0'), audit.isDenied('3.0.0')]).toEqual([false, false]);
    expect(auditedVersionsHeaders(audit.audited)).toEqual({ 'X-Palisade-Decision': 'audit', 'X-Palisade-Reason': 'MAL-2.0.0, MAL-3.0.0' });
    const unchecked = versionDecisions({ ecosystem: 'npm', name: 'x' }, view('enforce'), true);
    expect([unchecked.isDenied('2.0.0'), unchecked.denied, auditedVersionsHeaders([])]).toEqual([false, [], {}]);
  });

  it('holds back versions younger than the cooldown, valid until the youngest of them comes of age', () => {
    const published: Record<string, number> = { '1.0.0': NOW - 100 * HOUR, '1.1.0': NOW - 10 * HOUR, '1.2.0': NOW - HOUR };
    const decisions = versionDecisions({ ecosystem: 'npm', name: 'x' }, view('enforce', cooldown(24)), false, (version) => published[version]);
    expect(['1.0.0', '1.1.0', '1.2.0', '1.3.0'].map((v) => decisions.isDenied(v))).toEqual([false, true, true, false]);
    expect(decisions.denied.map((d) => d.reasons[0]?.rule)).toEqual(['release-age', 'release-age']);
    expect(decisions.validUntil).toBe(NOW + 14 * HOUR);
  });

  it('in audit mode, reports too-young versions as findings and still says when they come of age', () => {
    const decisions = versionDecisions({ ecosystem: 'npm', name: 'x' }, view('audit', cooldown(24)), false, () => NOW - 2 * HOUR);
    expect(decisions.isDenied('1.0.0')).toBe(false);
    expect(decisions.audited.map((d) => d.reasons[0]?.id)).toEqual(['release-age:24h']);
    expect(decisions.validUntil).toBe(NOW + 22 * HOUR);
  });
});
