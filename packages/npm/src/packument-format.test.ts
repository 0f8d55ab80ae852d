import { describe, expect, it } from 'vitest';
import { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE, packumentFormat } from './packument-format.ts';

describe('packumentFormat', () => {
  it.each([
    ['npm install and npm view', 'application/json', 'full'],
    ['pnpm', 'application/vnd.npm.install-v1+json', 'abbreviated'],
    ['npm audit', 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*', 'abbreviated'],
    ['no header', undefined, 'full'],
    ['an empty header', '', 'full'],
    ['a bare wildcard', '*/*', 'full'],
    ['equal qualities', 'application/json, application/vnd.npm.install-v1+json', 'abbreviated'],
    ['abbreviated preferred less', 'application/vnd.npm.install-v1+json; q=0.5, application/json', 'full'],
    ['abbreviated refused', 'application/vnd.npm.install-v1+json; q=0', 'full'],
    ['abbreviated below a wildcard', 'application/vnd.npm.install-v1+json;q=0.5, */*', 'full'],
    ['abbreviated above a wildcard', 'application/vnd.npm.install-v1+json, */*;q=0.1', 'abbreviated'],
    ['upper case and spaces', '  Application/VND.npm.Install-V1+JSON ;  Q=0.9 , application/json;q=0.9', 'abbreviated'],
    ['an unreadable q counts as refused', 'application/vnd.npm.install-v1+json; q=banana', 'full'],
    ['a q above 1 counts as refused', 'application/vnd.npm.install-v1+json; q=2', 'full'],
    ['garbage', ';;;,,,=;q', 'full'],
  ])('%s', (_name, accept, expected) => {
    expect(packumentFormat(accept)).toBe(expected);
  });

  it('reads a huge header as asking nothing special', () => {
    expect(packumentFormat(`${ABBREVIATED_PACKUMENT_TYPE}, ${'x'.repeat(10_000)}`)).toBe('full');
  });

  it('names the two media types', () => {
    expect(FULL_PACKUMENT_TYPE).toBe('application/json');
    expect(ABBREVIATED_PACKUMENT_TYPE).toBe('application/vnd.npm.install-v1+json');
  });
});
