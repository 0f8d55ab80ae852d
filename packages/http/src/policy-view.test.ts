import { describe, expect, it } from 'vitest';
import type { Mode, Rule } from '@palisade/core';
import { checkPackage } from './policy-view.ts';
import { passedThrough, viaValue } from './via.ts';

const flagsEverything: Rule = { name: 'test', evaluate: () => [{ rule: 'test', id: 'T-1', summary: 'flagged' }] };
const view = (mode: Mode, unavailable?: string) => ({ policy: { mode, rules: [flagsEverything] }, revision: 'r1', unavailable });
const ref = { ecosystem: 'npm', name: 'x', version: '1.0.0' } as const;

describe('checkPackage', () => {
  it('decides when the data is loaded', () => {
    const check = checkPackage(view('enforce'), ref);
    expect(check.kind === 'decided' && check.decision.outcome).toBe('deny');
  });
  it('refuses in enforce mode, serves unchecked in audit mode, while no data is loaded', () => {
    expect(checkPackage(view('enforce', 'loading'), ref)).toEqual({ kind: 'unavailable', reason: 'loading', refuse: true });
    expect(checkPackage(view('audit', 'loading'), ref)).toEqual({ kind: 'unavailable', reason: 'loading', refuse: false });
  });
  it('needs no data when off', () => {
    const check = checkPackage(view('off', 'loading'), ref);
    expect(check.kind === 'decided' && check.decision.outcome).toBe('allow');
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
