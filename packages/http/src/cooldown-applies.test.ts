import { describe, expect, it } from 'vitest';
import { parsePolicySettings, type Mode } from '@palisade/core';
import { cooldownApplies } from './cooldown-applies.ts';

function view(settings: unknown, mode: Mode = 'enforce') {
  const parsed = parsePolicySettings(settings);
  if (!parsed.ok) throw new Error(parsed.error);
  return { policy: { mode, rules: [] }, settings: parsed.value, now: () => 0, revision: 'r1' };
}

describe('cooldownApplies', () => {
  const ref = { ecosystem: 'npm', name: 'x', version: '1.0.0' } as const;

  it('applies with a cooldown in the ecosystem, to a package and to its versions', () => {
    expect([cooldownApplies(view({ cooldown: { npm: 24 } }), ref), cooldownApplies(view({ cooldown: { npm: 24 } }), { ecosystem: 'npm', name: 'x' })]).toEqual([true, true]);
    expect(cooldownApplies(view({ cooldown: { npm: 24 } }, 'audit'), ref)).toBe(true);
  });

  it('does not apply without a cooldown in the ecosystem, when off, to internal names, or under an allow entry', () => {
    expect(cooldownApplies(view({ cooldown: { pypi: 24 } }), ref)).toBe(false);
    expect(cooldownApplies(view({ cooldown: { npm: 24 } }, 'off'), ref)).toBe(false);
    expect(cooldownApplies(view({ cooldown: { npm: 24 }, modes: [{ ecosystem: 'npm', package: 'x', mode: 'off' }] }), ref)).toBe(false);
    expect(cooldownApplies(view({ cooldown: { npm: 24 }, internal: [{ ecosystem: 'npm', package: 'x' }] }), ref)).toBe(false);
    const allowed = view({ cooldown: { npm: 24 }, allow: [{ ecosystem: 'npm', package: 'x', versions: '1.0.0', reason: 'reviewed' }] });
    expect([cooldownApplies(allowed, ref), cooldownApplies(allowed, { ...ref, version: '1.0.1' })]).toEqual([false, true]);
  });
});
