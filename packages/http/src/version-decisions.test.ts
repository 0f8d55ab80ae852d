import { describe, expect, it } from 'vitest';
import type { Rule } from '@palisade/core';
import { auditedVersionsHeaders, versionDecisions } from './version-decisions.ts';

let asked = 0;
const rule: Rule = {
  name: 'test',
  evaluate(ref) {
    asked++;
    return ref.version === '2.0.0' || ref.version === '3.0.0' ? [{ rule: 'test', id: `MAL-${ref.version}`, summary: 'bad' }] : [];
  },
};

describe('versionDecisions', () => {
  it('asks the policy once per version and collects what it denied', () => {
    asked = 0;
    const decisions = versionDecisions({ ecosystem: 'npm', name: 'x' }, { mode: 'enforce', rules: [rule] }, false);
    expect(['1.0.0', '2.0.0', '2.0.0', '3.0.0', '1.0.0'].map((v) => decisions.isDenied(v))).toEqual([false, true, true, true, false]);
    expect([asked, decisions.denied.map((d) => d.ref.version), decisions.audited]).toEqual([3, ['2.0.0', '3.0.0'], []]);
  });

  it('collects audit findings without denying, and denies nothing unchecked', () => {
    const audit = versionDecisions({ ecosystem: 'npm', name: 'x' }, { mode: 'audit', rules: [rule] }, false);
    expect([audit.isDenied('2.0.0'), audit.isDenied('3.0.0')]).toEqual([false, false]);
    expect(auditedVersionsHeaders(audit.audited)).toEqual({ 'X-Palisade-Decision': 'audited', 'X-Palisade-Reason': 'MAL-2.0.0, MAL-3.0.0' });
    const unchecked = versionDecisions({ ecosystem: 'npm', name: 'x' }, { mode: 'enforce', rules: [rule] }, true);
    expect([unchecked.isDenied('2.0.0'), unchecked.denied, auditedVersionsHeaders([])]).toEqual([false, [], {}]);
  });
});
