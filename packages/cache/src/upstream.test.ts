import { PalisadeError } from '@palisade/core';
import { describe, expect, it } from 'vitest';
import type { EntryMeta } from './cache-store.ts';
import { describeKey, isUpstreamFailure, validatorsOf } from './upstream.ts';

const meta = (validators: Partial<Pick<EntryMeta, 'etag' | 'lastModified'>>): EntryMeta => ({
  key: { ecosystem: 'npm', name: 'left-pad', resource: 'packument' },
  contentType: 'application/json',
  storedAt: 0,
  ttlClass: 'npm-metadata',
  sha256: '0'.repeat(64),
  size: 0,
  ...validators,
});

describe('validatorsOf', () => {
  it.each([
    [{ etag: '"a"', lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }, { etag: '"a"', lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }],
    [{ etag: '"a"' }, { etag: '"a"' }],
    [{ lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }, { lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' }],
    [{ etag: undefined, lastModified: undefined }, undefined],
    [{}, undefined],
  ])('%j gives %j', (validators, expected) => {
    expect(validatorsOf(meta(validators))).toStrictEqual(expected);
  });
});

describe('isUpstreamFailure', () => {
  it.each([
    [new Error('ECONNRESET'), true],
    [new TypeError('fetch failed'), true],
    ['a thrown string', true],
    [new PalisadeError(500, 'upstream-error', 'x'), true],
    [new PalisadeError(503, 'upstream-unavailable', 'x'), true],
    [new PalisadeError(504, 'upstream-timeout', 'x'), true],
    [new PalisadeError(408, 'upstream-timeout', 'x'), true],
    [new PalisadeError(429, 'upstream-rate-limited', 'x'), true],
    [new PalisadeError(404, 'not-found', 'x'), false],
    [new PalisadeError(403, 'forbidden', 'x'), false],
    [new PalisadeError(410, 'gone', 'x'), false],
    [new PalisadeError(400, 'bad-request', 'x'), false],
  ])('%s -> %s', (error, expected) => {
    expect(isUpstreamFailure(error)).toBe(expected);
  });
});

describe('describeKey', () => {
  it('names the ecosystem, the package and the resource, escaping what is not printable', () => {
    expect(describeKey({ ecosystem: 'pypi', name: 'requests', resource: 'simple/requests/' })).toBe('pypi package "requests" (simple/requests/)');
    expect(describeKey({ ecosystem: 'npm', name: 'evil\nname', resource: 'a\u0007b' })).toBe('npm package "evil\\nname" (a\\u0007b)');
  });
});
