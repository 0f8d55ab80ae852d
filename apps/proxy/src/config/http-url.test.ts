import { describe, expect, it } from 'vitest';
import { parseHttpUrl, parseOriginList } from './http-url.ts';

describe('parseHttpUrl', () => {
  it.each([
    ['https://registry.npmjs.org', 'https://registry.npmjs.org/'],
    ['https://registry.npmjs.org/', 'https://registry.npmjs.org/'],
    ['https://registry.npmjs.org///', 'https://registry.npmjs.org/'],
    ['https://nexus.example/repository/npm', 'https://nexus.example/repository/npm/'],
    ['https://nexus.example/repository/npm//', 'https://nexus.example/repository/npm/'],
    ['HTTP://Mirror.EXAMPLE:80/simple', 'http://mirror.example/simple/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://[::1]:8080/go', 'http://[::1]:8080/go/'],
    ['https://user:token@nexus.example/npm', 'https://user:token@nexus.example/npm/'],
    ['https://x.example/a/../b', 'https://x.example/b/'],
  ])('normalises %j to %j', (input, expected) => {
    expect(parseHttpUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['ftp://mirror.example/', 'the scheme must be http or https, not ftp'],
    ['file:///etc/passwd', 'the scheme must be http or https, not file'],
    ['https://x.example/?token=1', 'it has a query'],
    ['https://x.example/npm?', 'it has a query'],
    ['https://x.example/#top', 'it has a fragment'],
    ['https://x.example/#', 'it has a fragment'],
    ['registry.npmjs.org', 'expected an absolute http(s) URL'],
    ['/simple/', 'expected an absolute http(s) URL'],
    ['', 'expected an absolute http(s) URL'],
    ['https://regi\nstry.npmjs.org/', 'whitespace or control characters'],
    [' https://x.example/', 'whitespace or control characters'],
    ['https://x.example/a b', 'whitespace or control characters'],
  ])('refuses %j', (input, why) => {
    const parsed = parseHttpUrl(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(why);
  });

  it('refuses non-strings', () => {
    expect(parseHttpUrl(42)).toEqual({ ok: false, error: '42 is not a usable URL: expected an absolute http(s) URL' });
  });
});

describe('parseOriginList', () => {
  it.each([
    ['https://files.pythonhosted.org', ['https://files.pythonhosted.org/']],
    [' https://a.example/ , http://127.0.0.1:8080 ', ['https://a.example/', 'http://127.0.0.1:8080/']],
    [['https://a.example'], ['https://a.example/']],
    ['', []],
  ])('reads %j', (input, expected) => {
    expect(parseOriginList(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['https://a.example/files', 'https://user:pw@a.example', 'ftp://a.example', 42])('refuses %j', (input) => {
    expect(parseOriginList(input).ok).toBe(false);
  });
});
