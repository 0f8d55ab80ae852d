import { describe, expect, it } from 'vitest';
import { decide, describeDecision, isDenied, MODES, type Decision, type Mode, type Reason, type Rule } from './decision.ts';
import type { PackageRef } from './package-ref.ts';

const LODASH: PackageRef = { ecosystem: 'npm', name: 'lodash', version: '4.17.21' };
const WHOLE_PACKAGE: PackageRef = { ecosystem: 'pypi', name: 'friendly-bard' };

const MALWARE: Reason = {
  rule: 'malicious-package',
  id: 'MAL-2024-1234',
  summary: 'Malicious code in lodash (npm)',
  url: 'https://osv.dev/vulnerability/MAL-2024-1234',
};
const TYPOSQUAT: Reason = { rule: 'typosquat', id: 'TYPO-1', summary: 'Looks like lodash' };

/** A rule that returns fixed reasons and remembers each reference it was asked about. */
function fakeRule(name: string, reasons: readonly Reason[]): Rule & { readonly calls: PackageRef[] } {
  const calls: PackageRef[] = [];
  return {
    name,
    calls,
    evaluate(ref) {
      calls.push(ref);
      return reasons;
    },
  };
}

describe('decide', () => {
  it.each([
    ['enforce', 'deny'],
    ['audit', 'audit'],
  ] as const)('in %s mode, a rule with reasons makes the outcome %s', (mode, outcome) => {
    const rule = fakeRule('malicious-package', [MALWARE]);
    const decision = decide(LODASH, { mode, rules: [rule] });
    expect(decision).toEqual({ ref: LODASH, mode, outcome, reasons: [MALWARE] });
    expect(rule.calls).toEqual([LODASH]);
  });

  it.each(MODES)('in %s mode, rules without reasons allow', (mode) => {
    const rules = [fakeRule('malicious-package', []), fakeRule('typosquat', [])];
    expect(decide(LODASH, { mode, rules })).toEqual({ ref: LODASH, mode, outcome: 'allow', reasons: [] });
  });

  it.each(MODES)('in %s mode, no rules at all allow', (mode) => {
    expect(decide(LODASH, { mode, rules: [] })).toEqual({ ref: LODASH, mode, outcome: 'allow', reasons: [] });
  });

  it('in off mode, allows without evaluating any rule', () => {
    const rule = fakeRule('malicious-package', [MALWARE]);
    const throwing: Rule = {
      name: 'broken',
      evaluate() {
        throw new Error('must not be evaluated');
      },
    };
    expect(decide(LODASH, { mode: 'off', rules: [rule, throwing] })).toEqual({
      ref: LODASH,
      mode: 'off',
      outcome: 'allow',
      reasons: [],
    });
    expect(rule.calls).toEqual([]);
  });

  it.each(['enforce', 'audit'] as const)('in %s mode, keeps the reasons of every rule, in rule order', (mode) => {
    const second: Reason = { ...MALWARE, id: 'MAL-2024-9999' };
    const rules = [fakeRule('malicious-package', [MALWARE, second]), fakeRule('clean', []), fakeRule('typosquat', [TYPOSQUAT])];
    const decision = decide(LODASH, { mode, rules });
    expect(decision.reasons).toEqual([MALWARE, second, TYPOSQUAT]);
    for (const rule of rules) expect(rule.calls).toEqual([LODASH]);
  });

  it('passes a reference without a version to the rules unchanged', () => {
    const rule = fakeRule('malicious-package', [MALWARE]);
    const decision = decide(WHOLE_PACKAGE, { mode: 'enforce', rules: [rule] });
    expect(rule.calls).toHaveLength(1);
    expect(rule.calls[0]).toBe(WHOLE_PACKAGE);
    expect(rule.calls[0]).not.toHaveProperty('version');
    expect(decision.ref).toBe(WHOLE_PACKAGE);
    expect(decision.outcome).toBe('deny');
  });

  it('enforces a mode it does not know (a mistyped configuration value fails closed)', () => {
    const rules = [fakeRule('malicious-package', [MALWARE])];
    expect(decide(LODASH, { mode: 'enforced' as Mode, rules }).outcome).toBe('deny');
  });

  it('denies only in enforce mode', () => {
    const rules = [fakeRule('malicious-package', [MALWARE])];
    const denied = MODES.filter((mode) => isDenied(decide(LODASH, { mode, rules })));
    expect(denied).toEqual(['enforce']);
  });
});

describe('describeDecision', () => {
  const decision = (outcome: Decision['outcome'], mode: Mode, reasons: readonly Reason[], ref = LODASH): Decision => ({
    ref,
    mode,
    outcome,
    reasons,
  });

  it.each([
    [decision('allow', 'enforce', []), 'npm package lodash@4.17.21 allowed'],
    [decision('allow', 'off', [], WHOLE_PACKAGE), 'pypi package friendly-bard allowed'],
    [decision('deny', 'enforce', [MALWARE]), 'npm package lodash@4.17.21 blocked: MAL-2024-1234'],
    [
      decision('deny', 'enforce', [MALWARE, TYPOSQUAT, { ...MALWARE, summary: 'again' }]),
      'npm package lodash@4.17.21 blocked: MAL-2024-1234, TYPO-1',
    ],
    [
      decision('audit', 'audit', [MALWARE, TYPOSQUAT]),
      'npm package lodash@4.17.21 would be blocked (audit mode): MAL-2024-1234, TYPO-1',
    ],
    [
      decision('deny', 'enforce', [MALWARE], { ecosystem: 'go', name: 'github.com/Azure/x', version: 'v1.0.0' }),
      'go package github.com/Azure/x@v1.0.0 blocked: MAL-2024-1234',
    ],
  ])('%#: reads %j', (input, line) => {
    expect(describeDecision(input)).toBe(line);
  });

  it('describes what decide() returns', () => {
    const rules = [fakeRule('malicious-package', [MALWARE]), fakeRule('other-feed', [MALWARE])];
    expect(describeDecision(decide(LODASH, { mode: 'enforce', rules }))).toBe('npm package lodash@4.17.21 blocked: MAL-2024-1234');
    expect(describeDecision(decide(LODASH, { mode: 'audit', rules }))).toBe(
      'npm package lodash@4.17.21 would be blocked (audit mode): MAL-2024-1234',
    );
    expect(describeDecision(decide(LODASH, { mode: 'off', rules }))).toBe('npm package lodash@4.17.21 allowed');
  });

  it.each([
    ['a non-ASCII version', { ecosystem: 'go', name: 'example.com/x', version: 'brañch' }, [MALWARE], 'go package example.com/x@bra\\u00f1ch blocked: MAL-2024-1234'],
    ['a C1 control in the version', { ecosystem: 'npm', name: 'lodash', version: '1.0.0\u0085x' }, [], 'npm package lodash@1.0.0\\u0085x allowed'],
    ['a CR LF in a report id', LODASH, [{ ...MALWARE, id: 'MAL-1\r\nX-Injected: 1' }], 'npm package lodash@4.17.21 blocked: MAL-1\\r\\nX-Injected: 1'],
    ['a non-ASCII report id', LODASH, [{ ...MALWARE, id: 'MAL-\u202e1' }], 'npm package lodash@4.17.21 blocked: MAL-\\u202e1'],
  ] satisfies Array<[string, PackageRef, Reason[], string]>)('stays one ASCII line with %s', (_what, ref, reasons, line) => {
    const text = describeDecision(decision(reasons.length > 0 ? 'deny' : 'allow', 'enforce', reasons, ref));
    expect(text).toBe(line);
    expect(text).toMatch(/^[\x20-\x7e]+$/);
  });

  it('does not shorten long names', () => {
    const name = `@scope/${'n'.repeat(200)}`;
    expect(describeDecision(decision('allow', 'enforce', [], { ecosystem: 'npm', name, version: '1.0.0' }))).toBe(
      `npm package ${name}@1.0.0 allowed`,
    );
  });
});

describe('MODES', () => {
  it('lists the three modes', () => {
    expect(MODES).toEqual(['enforce', 'audit', 'off']);
  });
});
