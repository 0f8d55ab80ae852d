import { describe, expect, it } from 'vitest';
import { infoTime, pseudoVersionTime } from './publish-time.ts';
import { parseVersionInfo } from './version-info.ts';

describe('pseudoVersionTime', () => {
  it.each([
    ['v0.0.0-20240102030405-abcdef123456', Date.UTC(2024, 0, 2, 3, 4, 5)],
    ['v1.2.4-0.20231231235959-abcdef123456', Date.UTC(2023, 11, 31, 23, 59, 59)],
    ['v1.2.3-pre.0.20200229000000-abcdef123456', Date.UTC(2020, 1, 29)],
    ['v2.0.0-20240102030405-abcdef123456+incompatible', Date.UTC(2024, 0, 2, 3, 4, 5)],
  ])('reads the commit time of %s', (version, ms) => {
    expect(pseudoVersionTime(version)).toBe(ms);
  });

  it.each(['v1.2.3', 'v1.2.3-rc.1', 'v0.0.0-20241332030405-abcdef123456', 'v0.0.0-20230229000000-abcdef123456', 'master', ''])('gives no time for %j', (version) => {
    expect(pseudoVersionTime(version)).toBeUndefined();
  });
});

describe('infoTime', () => {
  it('reads Time, with any offset, and nothing without one', () => {
    const read = (text: string) => {
      const info = parseVersionInfo(text);
      if (!info.ok) throw new Error(info.error);
      return infoTime(info.value);
    };
    expect(read('{"Version": "v1.0.0", "Time": "2024-01-02T03:04:05+01:00"}')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(read('{"Version": "v1.0.0"}')).toBeUndefined();
  });
});
