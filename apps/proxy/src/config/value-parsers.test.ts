import { describe, expect, it } from 'vitest';
import { parseBoolean, parseDecimal, parseHost, parseInteger, parseMode, parsePath, parsePort, parseToken } from './value-parsers.ts';

describe('parsePort', () => {
  it('accepts 0-65535 as numbers or digit strings', () => {
    expect(parsePort('8780')).toEqual({ ok: true, value: 8780 });
    expect(parsePort(0)).toEqual({ ok: true, value: 0 });
    expect(parsePort('65535')).toEqual({ ok: true, value: 65535 });
  });

  it.each(['80a', '-1', '65536', '', ' 80', '0x50', '8e3', '1'.repeat(400)])('refuses %j', (value) => {
    const parsed = parsePort(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^".*" is not a port \(0-65535\)$/);
  });

  it.each([80.5, -1, Number.NaN, Infinity, true, null, [80], { port: 80 }])('refuses the JSON value %j', (value) => {
    expect(parsePort(value).ok).toBe(false);
  });

  it('quotes a huge value shortened', () => {
    const parsed = parsePort('9'.repeat(100_000));
    expect(!parsed.ok && parsed.error.length).toBeLessThan(200);
  });
});

describe('parseInteger', () => {
  it('names what was expected and the range', () => {
    expect(parseInteger('11', 0, 10, 'a retry count')).toEqual({ ok: false, error: '"11" is not a retry count (0-10)' });
    expect(parseInteger(true, 0, 10)).toEqual({ ok: false, error: 'true is not an integer (0-10)' });
  });
});

describe('parseDecimal', () => {
  it.each([['0.5', 0.5], ['5', 5], [0.05, 0.05], ['3600', 3600]] as const)('reads %j', (value, expected) => {
    expect(parseDecimal(value, 0.05, 3600)).toEqual({ ok: true, value: expected });
  });

  it.each(['0.01', '1e3', '.5', '5.', '-1', ' 1', 'NaN', 'Infinity', 3601, Number.NaN, null, '1'.repeat(40)])('refuses %j', (value) => {
    expect(parseDecimal(value, 0.05, 3600).ok).toBe(false);
  });
});

describe('parseBoolean', () => {
  it.each([['true', true], ['1', true], [true, true], ['false', false], ['0', false], [false, false]] as const)('reads %j', (value, expected) => {
    expect(parseBoolean(value)).toEqual({ ok: true, value: expected });
  });

  it.each(['yes', 'TRUE', '', 1, 0, null])('refuses %j', (value) => {
    expect(parseBoolean(value).ok).toBe(false);
  });
});

describe('parseMode', () => {
  it('accepts the three modes only', () => {
    expect(parseMode('audit')).toEqual({ ok: true, value: 'audit' });
    expect(parseMode('Enforce')).toEqual({ ok: false, error: '"Enforce" is not a mode (enforce, audit, off)' });
  });
});

describe('parseHost', () => {
  it.each(['127.0.0.1', '::', '::1', '0.0.0.0', 'localhost', 'proxy.internal.example'])('accepts %j', (value) => {
    expect(parseHost(value)).toEqual({ ok: true, value });
  });

  it.each(['', '[::1]', 'a b', 'host:80', '-bad', 'x\u0000', 'a'.repeat(300), 42])('refuses %j', (value) => {
    expect(parseHost(value).ok).toBe(false);
  });
});

describe('parseToken', () => {
  it('accepts HTTP token characters', () => {
    expect(parseToken("palisade-1.eu_west~!#$%&'*+^`|")).toEqual({ ok: true, value: "palisade-1.eu_west~!#$%&'*+^`|" });
  });

  it.each(['', 'pali sade', 'a,b', 'a/b', 'a"b', 'x'.repeat(65), 'é'])('refuses %j', (value) => {
    expect(parseToken(value).ok).toBe(false);
  });
});

describe('parsePath', () => {
  it('resolves relative paths against the working directory', () => {
    expect(parsePath('./data', '/srv/palisade')).toEqual({ ok: true, value: '/srv/palisade/data' });
    expect(parsePath('../cache', '/srv/palisade')).toEqual({ ok: true, value: '/srv/cache' });
    expect(parsePath('/var/lib/palisade/', '/srv')).toEqual({ ok: true, value: '/var/lib/palisade' });
  });

  it('refuses empty paths, NUL characters and non-strings', () => {
    expect(parsePath('', '/srv').ok).toBe(false);
    expect(parsePath('a\u0000b', '/srv')).toEqual({ ok: false, error: '"a\\u0000b" is not a path (it contains a NUL character)' });
    expect(parsePath(5, '/srv').ok).toBe(false);
  });
});
