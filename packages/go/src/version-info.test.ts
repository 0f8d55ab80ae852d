import { describe, expect, it } from 'vitest';
import { isRfc3339, MAX_VERSION_INFO_LENGTH, parseVersionInfo, versionInfoJson } from './version-info.ts';

function problem(text: string): string {
  const parsed = parseVersionInfo(text);
  if (parsed.ok) throw new Error(`${text} accepted`);
  return parsed.error;
}

describe('parseVersionInfo', () => {
  it('reads the version and time, and keeps every field', () => {
    const text = '{"Version":"v1.5.2","Time":"2018-02-14T15:44:20Z","Origin":{"VCS":"git","Hash":"abc"}}';
    expect(parseVersionInfo(text)).toEqual({
      ok: true,
      value: { version: 'v1.5.2', time: '2018-02-14T15:44:20Z', raw: { Version: 'v1.5.2', Time: '2018-02-14T15:44:20Z', Origin: { VCS: 'git', Hash: 'abc' } } },
    });
  });

  it('takes Time as optional, absent or null', () => {
    expect(parseVersionInfo('{"Version":"v0.0.0-20240101000000-abcdef123456"}')).toEqual({
      ok: true,
      value: { version: 'v0.0.0-20240101000000-abcdef123456', raw: { Version: 'v0.0.0-20240101000000-abcdef123456' } },
    });
    expect(parseVersionInfo('{"Version":"v1.0.0","Time":null}')).toMatchObject({ ok: true, value: { version: 'v1.0.0' } });
  });

  it('accepts canonical +incompatible versions and times with fractions and offsets', () => {
    expect(parseVersionInfo('{"Version":"v2.0.0+incompatible","Time":"2019-01-02T03:04:05.123456789+01:30"}').ok).toBe(true);
  });

  it.each([
    ['not JSON', '{"Version":'],
    ['empty', ''],
    ['an array', '["v1.0.0"]'],
    ['a string', '"v1.0.0"'],
    ['null', 'null'],
    ['no Version', '{"Time":"2018-02-14T15:44:20Z"}'],
    ['a Version number', '{"Version":1}'],
    ['an invalid Version', '{"Version":"1.0.0"}'],
    ['a non-canonical Version', '{"Version":"v1.2"}'],
    ['build metadata', '{"Version":"v1.2.3+meta"}'],
    ['a Time number', '{"Version":"v1.0.0","Time":0}'],
    ['a Time that is not RFC 3339', '{"Version":"v1.0.0","Time":"2018-02-14 15:44:20"}'],
    ['a Time out of range', '{"Version":"v1.0.0","Time":"2018-02-30T15:44:20Z"}'],
  ])('refuses %s with a reason', (_, text) => {
    expect(problem(text)).not.toBe('');
  });

  it('refuses an oversized document without parsing it', () => {
    const text = `{"Version":"v1.0.0","Pad":"${'x'.repeat(MAX_VERSION_INFO_LENGTH)}"}`;
    expect(problem(text)).toContain('longer');
  });

  it('never throws on hostile input', () => {
    for (const text of ['{"__proto__":{"Version":"v1.0.0"}}', '\u0000', '{"Version":"v1.0.0\\u0000"}', '['.repeat(10_000), '\uD800']) {
      expect(parseVersionInfo(text).ok).toBe(false);
    }
  });
});

describe('isRfc3339', () => {
  it.each(['2024-02-29T00:00:00Z', '2024-12-31T23:59:59.5-12:00', '2024-01-01t00:00:00z'])('accepts %s', (time) => {
    expect(isRfc3339(time)).toBe(true);
  });

  it.each(['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:60Z', '2024-01-01T00:00:00', '2024-01-01T00:00:00+2400', '2024-00-01T00:00:00Z'])(
    'refuses %s',
    (time) => {
      expect(isRfc3339(time)).toBe(false);
    },
  );
});

describe('versionInfoJson', () => {
  it('writes the fields go reads, and round-trips through parseVersionInfo', () => {
    expect(versionInfoJson('v1.2.3', '2024-01-02T03:04:05Z')).toBe('{"Version":"v1.2.3","Time":"2024-01-02T03:04:05Z"}');
    expect(versionInfoJson('v1.2.3')).toBe('{"Version":"v1.2.3"}');
    expect(parseVersionInfo(versionInfoJson('v1.2.3', '2024-01-02T03:04:05Z'))).toMatchObject({ ok: true, value: { version: 'v1.2.3', time: '2024-01-02T03:04:05Z' } });
  });
});
