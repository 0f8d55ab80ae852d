import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_SETTINGS, decideWithSettings, parsePolicySettings, type Policy, type PolicySettings } from '@palisade/core';
import { Registry } from 'prom-client';
import { createPolicyMetrics, policyEffects } from './policy-effects.ts';
import { parseExposition, sampleValue } from './testing/exposition.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
const flagging: Policy = { mode: 'enforce', rules: [{ name: 'feed', evaluate: (ref) => (ref.name === 'bad' ? [{ rule: 'feed', id: 'MAL-1', summary: 'bad' }] : []) }] };
const settings = (value: unknown): PolicySettings => {
  const parsed = parsePolicySettings(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const effectsOf = (name: string, policySettings: PolicySettings, publishedAt?: number, policy = flagging) =>
  policyEffects(decideWithSettings({ ecosystem: 'npm', name, version: '1.0.0' }, policy, policySettings, { now: NOW, publishedAt }));

describe('policyEffects', () => {
  it('names what the settings and audit mode did', () => {
    const cooldown = settings({ cooldown: { npm: 24 } });
    expect(effectsOf('good', DEFAULT_POLICY_SETTINGS)).toEqual([]);
    expect(effectsOf('bad', DEFAULT_POLICY_SETTINGS)).toEqual([]);
    expect(effectsOf('bad', DEFAULT_POLICY_SETTINGS, undefined, { ...flagging, mode: 'audit' })).toEqual(['audit_finding']);
    expect(effectsOf('good', cooldown, NOW - HOUR)).toEqual(['cooldown_hold']);
    expect(effectsOf('good', cooldown, NOW - 48 * HOUR)).toEqual([]);
    expect(effectsOf('good', cooldown)).toEqual(['unknown_publish_time_allowed']);
    expect(effectsOf('good', settings({ cooldown: { npm: 24, unknownPublishTime: 'deny' } }))).toEqual(['unknown_publish_time_refused']);
    expect(effectsOf('good', settings({ internal: [{ ecosystem: 'npm', package: 'good' }] }))).toEqual(['internal_refused']);
    expect(effectsOf('good', settings({ deny: [{ ecosystem: 'npm', package: 'good', reason: 'no' }] }))).toEqual(['deny_rule']);
  });

  it('counts an allow entry only when it set something aside', () => {
    const allow = settings({ cooldown: { npm: 24 }, allow: [{ ecosystem: 'npm', package: 'bad', reason: 'reviewed' }, { ecosystem: 'npm', package: 'good', reason: 'reviewed' }] });
    expect(effectsOf('bad', allow, NOW - HOUR)).toEqual(['allow_override']);
    expect(effectsOf('good', allow)).toEqual([]);
  });
});

describe('createPolicyMetrics', () => {
  it('counts decisions by ecosystem and effect', async () => {
    const registry = new Registry();
    const record = createPolicyMetrics(registry);
    const decision = decideWithSettings({ ecosystem: 'npm', name: 'bad', version: '1.0.0' }, { ...flagging, mode: 'audit' }, settings({ cooldown: { npm: 24 } }), { now: NOW, publishedAt: NOW });
    record(decision);
    record(decision);
    const exposition = parseExposition(await registry.metrics());
    expect(sampleValue(exposition, 'palisade_policy_decisions_total', { ecosystem: 'npm', effect: 'audit_finding' })).toBe(2);
    expect(sampleValue(exposition, 'palisade_policy_decisions_total', { ecosystem: 'npm', effect: 'cooldown_hold' })).toBe(2);
  });
});
