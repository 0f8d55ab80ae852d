import { describe, expect, it } from 'vitest';
import { bearerToken, presentedToken, TokenSet } from './token-set.ts';

const basic = (pair: string) => `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;

describe('TokenSet', () => {
  const tokens = new TokenSet([{ name: 'ci', token: 'ci-token-0123456789' }, { name: 'laptop', token: 'laptop-token-012345' }]);

  it('names the token presented, and nothing for any other string', () => {
    expect(tokens.identify('ci-token-0123456789')).toBe('ci');
    expect(tokens.identify('laptop-token-012345')).toBe('laptop');
    for (const other of ['ci-token-012345678', 'ci-token-01234567890', '', 'CI-TOKEN-0123456789', 'x'.repeat(100_000)]) expect(tokens.identify(other)).toBeUndefined();
    expect(tokens.identify(undefined)).toBeUndefined();
  });

  it('knows nothing when empty', () => {
    expect(new TokenSet([]).identify('anything-at-all-here')).toBeUndefined();
    expect(new TokenSet([]).size).toBe(0);
  });
});

describe('presentedToken', () => {
  it('reads a bearer token (npm) and the password of Basic credentials (pip, go), whatever the user name', () => {
    expect(presentedToken('Bearer ci-token-0123456789')).toBe('ci-token-0123456789');
    expect(presentedToken('bearer  ci-token-0123456789 ')).toBe('ci-token-0123456789');
    expect(presentedToken(basic('anyone:ci-token-0123456789'))).toBe('ci-token-0123456789');
    expect(presentedToken(basic(':pass:with:colons'))).toBe('pass:with:colons');
  });

  it.each([undefined, '', 'Bearer', 'Bearer two words', 'Token abc', basic('no-colon'), 'Basic !!!', `Bearer ${'x'.repeat(5000)}`, 'Bearer tab\there'])('reads no token from %j', (header) => {
    expect(presentedToken(header)).toBeUndefined();
  });

  it('reads only bearer tokens for the operator API', () => {
    expect(bearerToken('Bearer admin-token-0123456')).toBe('admin-token-0123456');
    expect(bearerToken(basic('admin:admin-token-0123456'))).toBeUndefined();
  });
});
