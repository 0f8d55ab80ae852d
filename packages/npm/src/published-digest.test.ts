import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publishedDigest } from './published-digest.ts';

const CONTENT = 'the tarball bytes';
const hash = (algorithm: string, encoding: 'hex' | 'base64' | 'base64url') => createHash(algorithm).update(CONTENT).digest(encoding);
const sri = (algorithm: string) => `${algorithm}-${hash(algorithm, 'base64')}`;

describe('publishedDigest', () => {
  it.each(['sha512', 'sha384', 'sha256', 'sha1'] as const)('reads a %s integrity as lower-case hex', (algorithm) => {
    expect(publishedDigest({ integrity: sri(algorithm) })).toEqual({
      ok: true,
      value: { algorithm, hex: hash(algorithm, 'hex') },
    });
  });

  it('picks the strongest of several hashes, in any order', () => {
    const integrity = `${sri('sha1')} ${sri('sha256')}\t${sri('sha512')}\n${sri('sha384')}`;
    expect(publishedDigest({ integrity })).toEqual({ ok: true, value: { algorithm: 'sha512', hex: hash('sha512', 'hex') } });
    expect(publishedDigest({ integrity: `${sri('sha256')} ${sri('sha384')}` })).toMatchObject({
      value: { algorithm: 'sha384' },
    });
  });

  it('ignores options after "?" and hashes of unknown algorithms', () => {
    const integrity = `md5-AAAA sha999-xyz ${sri('sha512')}?foo=bar?baz`;
    expect(publishedDigest({ integrity })).toEqual({ ok: true, value: { algorithm: 'sha512', hex: hash('sha512', 'hex') } });
  });

  it('takes the first of two hashes of the strongest algorithm', () => {
    const other = createHash('sha512').update('other').digest('base64');
    expect(publishedDigest({ integrity: `${sri('sha512')} sha512-${other}` })).toMatchObject({
      value: { hex: hash('sha512', 'hex') },
    });
  });

  it('prefers integrity over shasum, and falls back to shasum', () => {
    const shasum = hash('sha1', 'hex');
    expect(publishedDigest({ integrity: sri('sha512'), shasum })).toMatchObject({ value: { algorithm: 'sha512' } });
    expect(publishedDigest({ shasum })).toEqual({ ok: true, value: { algorithm: 'sha1', hex: shasum } });
    expect(publishedDigest({ shasum: shasum.toUpperCase() })).toEqual({ ok: true, value: { algorithm: 'sha1', hex: shasum } });
    expect(publishedDigest({ integrity: 'md5-AAAA', shasum })).toMatchObject({ value: { algorithm: 'sha1' } });
  });

  it.each([
    ['a dist that is not an object', 'sha512-x'],
    ['an empty dist', {}],
    ['integrity not a string', { integrity: 42 }],
    ['truncated base64', { integrity: `sha512-${hash('sha512', 'base64').slice(0, 40)}` }],
    ['base64 of the wrong digest length', { integrity: `sha512-${hash('sha256', 'base64')}` }],
    ['characters outside base64', { integrity: `sha512-${hash('sha512', 'base64').replace(/.$/, '!').replace(/^./, '*')}` }],
    ['base64url', { integrity: `sha512-${hash('sha512', 'base64url')}` }],
    ['a known algorithm without hash', { integrity: 'sha512' }],
    ['a malformed hash beside a good one', { integrity: `${sri('sha256')} sha512-AAAA` }],
    ['a huge integrity', { integrity: `${sri('sha512')} ${'x'.repeat(10_000)}` }],
    ['a shasum too short', { shasum: 'abc123' }],
    ['a shasum that is not hex', { shasum: 'z'.repeat(40) }],
    ['a shasum not a string', { shasum: 7 }],
  ])('refuses %s', (_case, dist) => {
    const result = publishedDigest(dist);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^[\x20-\x7e]+$/);
  });
});
