import { describe, expect, it } from 'vitest';
import { decodePathSegments } from './path-segments.ts';

describe('decodePathSegments', () => {
  it('decodes segments and reports one trailing slash', () => {
    expect(decodePathSegments('/simple/caf%C3%A9/', { encodedSlash: 'refuse' })).toEqual({ ok: true, value: { segments: ['simple', 'café'], trailingSlash: true } });
    expect(decodePathSegments('/', { encodedSlash: 'refuse' })).toEqual({ ok: true, value: { segments: [], trailingSlash: false } });
  });

  it('keeps an encoded slash as parts of one segment, or refuses it, as asked', () => {
    expect(decodePathSegments('/@scope%2fname', { encodedSlash: 'parts' })).toEqual({ ok: true, value: { segments: ['@scope/name'], trailingSlash: false } });
    expect(decodePathSegments('/@scope%2fname', { encodedSlash: 'refuse' }).ok).toBe(false);
    expect(decodePathSegments('/a%2f..', { encodedSlash: 'parts' }).ok).toBe(false);
  });

  it.each(['a', '/a//b', '/a/%2e%2e/b', '/a/..', '/a/%00', '/a/%zz', '/a/%252e', '/a/b%5cc', '/a?x=1', `/${'a'.repeat(2048)}`])('refuses %j', (path) => {
    expect(decodePathSegments(path, { encodedSlash: 'parts' }).ok).toBe(false);
  });
});
