import { describe, expect, it } from 'vitest';
import { parseAdminToken, parseClientTokens, unnamedTokenIdentity } from './access-tokens.ts';

const TOKEN = 'a'.repeat(16);

describe('parseAdminToken', () => {
  it('takes 16-512 visible ASCII characters without spaces or commas', () => {
    expect(parseAdminToken('s3cr3t-t0ken:with/extras=')).toEqual({ ok: true, value: 's3cr3t-t0ken:with/extras=' });
    expect(parseAdminToken('x'.repeat(512)).ok).toBe(true);
  });

  it.each([['short'], ['x'.repeat(513)], ['with space inside it'], ['with,comma,inside,it'], ['ünïcödé-tokens-here'], [42], [null]])('refuses %j without showing it', (value) => {
    const parsed = parseAdminToken(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok && typeof value === 'string') expect(parsed.error).not.toContain(value);
  });
});

describe('parseClientTokens', () => {
  it('reads named and unnamed tokens from a comma-separated string or a list', () => {
    const expected = [{ name: 'ci-runner', token: TOKEN }, { name: unnamedTokenIdentity('b'.repeat(20)), token: 'b'.repeat(20) }];
    expect(parseClientTokens(`ci-runner:${TOKEN}, ${'b'.repeat(20)}`)).toEqual({ ok: true, value: expected });
    expect(parseClientTokens([`ci-runner:${TOKEN}`, 'b'.repeat(20)])).toEqual({ ok: true, value: expected });
  });

  it('names an unnamed token by its hash, never by the token', () => {
    expect(unnamedTokenIdentity(TOKEN)).toMatch(/^token-[0-9a-f]{8}$/);
    expect(unnamedTokenIdentity(TOKEN)).not.toBe(unnamedTokenIdentity('b'.repeat(16)));
  });

  it('keeps a colon inside a named token', () => {
    expect(parseClientTokens(`go-builds:${TOKEN}:more`)).toEqual({ ok: true, value: [{ name: 'go-builds', token: `${TOKEN}:more` }] });
  });

  it.each([
    ['', 'token 1: a value of 0 characters (not shown) is not "name:token" or "token"'],
    ['tooshort', 'token 1: the token is not 16-512 visible ASCII characters'],
    [`bad name:${TOKEN}`, 'token 1: the name "bad name" is not 1-64 letters'],
    [`ci:short`, 'token 1: the token of ci is not 16-512'],
    [`a:${TOKEN},b:${TOKEN}`, 'token 2: the same token is listed twice'],
    [[], 'the list is empty'],
    [[TOKEN, 7], 'token 2: a number value is not'],
    [{ token: TOKEN }, 'neither a string nor a list of strings'],
  ])('refuses %j', (value, problem) => {
    const parsed = parseClientTokens(value);
    expect(parsed.ok ? 'accepted' : parsed.error).toContain(problem);
    if (!parsed.ok) expect(parsed.error).not.toContain(TOKEN);
  });

  it('refuses more than 1000 tokens', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `${TOKEN}${i}`);
    expect(parseClientTokens(many).ok).toBe(false);
  });
});
