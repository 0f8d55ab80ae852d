import { describe, expect, it } from 'vitest';
import { registryRoute } from './registry-route.ts';

describe('registryRoute', () => {
  it.each([
    ['/left-pad', { kind: 'packument', name: 'left-pad' }],
    ['/@scope%2fname', { kind: 'packument', name: '@scope/name' }],
    ['/@scope%2Fname', { kind: 'packument', name: '@scope/name' }],
    ['/@scope/name?write=true', { kind: 'packument', name: '@scope/name' }],
    ['/left-pad/-/left-pad-1.0.0.tgz', { kind: 'tarball', name: 'left-pad', fileName: 'left-pad-1.0.0.tgz' }],
    ['/@scope/name/-/name-1.0.0.tgz', { kind: 'tarball', name: '@scope/name', fileName: 'name-1.0.0.tgz' }],
    ['/@scope%2fname/-/name-1.0.0.tgz', { kind: 'tarball', name: '@scope/name', fileName: 'name-1.0.0.tgz' }],
  ])('GET %s', (url, route) => {
    expect(registryRoute('GET', url)).toEqual(route);
  });

  it.each(['/', '/a/b', '/@scope', '/a/-/x.zip', '/../etc', '/%2e%2e', '/a//b', '/a/-/b/c.tgz'])('GET %s is unknown', (url) => {
    expect(registryRoute('GET', url)).toEqual({ kind: 'unknown' });
  });

  it('reads the audit endpoints from POST requests only', () => {
    expect(registryRoute('POST', '/-/npm/v1/security/advisories/bulk')).toEqual({ kind: 'bulk-advisories' });
    expect(registryRoute('POST', '/-/npm/v1/security/audits/quick')).toEqual({ kind: 'legacy-audit' });
    expect(registryRoute('POST', '/-/npm/v1/security/audits')).toEqual({ kind: 'legacy-audit' });
    expect(registryRoute('GET', '/-/npm/v1/security/advisories/bulk')).toEqual({ kind: 'unknown' });
    expect(registryRoute('POST', '/left-pad')).toEqual({ kind: 'unknown' });
  });
});
