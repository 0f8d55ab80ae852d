import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name.ts';

const KNOWN = ['port', 'host', 'npmUpstream', 'pypiUpstream', 'cacheDiskBytes'];

describe('closestName', () => {
  it('finds a key that differs in case or by up to two edits', () => {
    expect(closestName('Port', KNOWN)).toBe('port');
    expect(closestName('prot', KNOWN)).toBe('port');
    expect(closestName('npmUpstrem', KNOWN)).toBe('npmUpstream');
    expect(closestName('cachediskbytes', KNOWN)).toBe('cacheDiskBytes');
  });

  it('prefers the nearest key', () => {
    expect(closestName('pypiUpstream1', KNOWN)).toBe('pypiUpstream');
  });

  it('suggests nothing for names far from every key or too long to be a typo', () => {
    expect(closestName('listen', KNOWN)).toBeUndefined();
    expect(closestName('p'.repeat(100_000), KNOWN)).toBeUndefined();
  });
});
