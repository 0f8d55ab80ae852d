import { describe, expect, it } from 'vitest';
import { MAX_AUDIT_PACKAGES, parseBulkAuditRequest } from './audit-request.ts';

describe('parseBulkAuditRequest', () => {
  it('reads names and versions, deduplicating versions', () => {
    const result = parseBulkAuditRequest({ lodash: ['4.17.21', '4.17.20', '4.17.21'], '@scope/name': ['1.0.0'], empty: [] });
    expect(result).toEqual({
      ok: true,
      value: new Map([
        ['lodash', ['4.17.21', '4.17.20']],
        ['@scope/name', ['1.0.0']],
        ['empty', []],
      ]),
    });
  });

  it('keeps __proto__ and constructor as the package names they are', () => {
    const result = parseBulkAuditRequest(JSON.parse('{"constructor": ["1.0.0"]}'));
    expect(result).toEqual({ ok: true, value: new Map([['constructor', ['1.0.0']]]) });
  });

  it.each([
    ['null', null],
    ['an array', [['lodash', '1.0.0']]],
    ['a string', 'lodash'],
    ['versions not a list', { lodash: '4.17.21' }],
    ['a version not a string', { lodash: [4] }],
    ['an empty version', { lodash: [''] }],
    ['a version with a control character', { lodash: ['1.0.0\u001b[31m'] }],
    ['a bad name', { '../etc': ['1.0.0'] }],
    ['an empty name', { '': ['1.0.0'] }],
    ['too many versions of one package', { lodash: Array.from({ length: 1001 }, (_, i) => `1.0.${i}`) }],
    ['too many packages', Object.fromEntries(Array.from({ length: MAX_AUDIT_PACKAGES + 1 }, (_, i) => [`p${i}`, []]))],
  ])('refuses %s', (_case, body) => {
    const result = parseBulkAuditRequest(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^[\x20-\x7e]+$/);
  });
});
