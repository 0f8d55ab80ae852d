import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name.ts';

const KNOWN = ['modes', 'allow', 'deny', 'internal', 'cooldown'];

describe('closestName', () => {
  it('finds a key written in another case or up to two edits away', () => {
    expect(closestName('DENY', KNOWN)).toBe('deny');
    expect(closestName('alow', KNOWN)).toBe('allow');
    expect(closestName('cooldwn', KNOWN)).toBe('cooldown');
    expect(closestName('intrenal', KNOWN)).toBe('internal');
  });

  it('prefers the closest of several', () => {
    expect(closestName('mode', [...KNOWN, 'mode'])).toBe('mode');
    expect(closestName('nodes', KNOWN)).toBe('modes');
  });

  it('suggests nothing for a name far from all, or too long to be a typo', () => {
    expect(closestName('rules', KNOWN)).toBeUndefined();
    expect(closestName('', KNOWN)).toBeUndefined();
    expect(closestName('d'.repeat(100_000), KNOWN)).toBeUndefined();
  });
});
