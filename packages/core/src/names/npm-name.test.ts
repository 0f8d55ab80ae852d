import { describe, expect, it } from 'vitest';
import { parseNpmName } from './npm-name.ts';

describe('parseNpmName', () => {
  it.each([
    ['lodash', undefined, 'lodash'],
    ['JSONStream', undefined, 'JSONStream'],
    ['jquery.min', undefined, 'jquery.min'],
    ['lodash_es', undefined, 'lodash_es'],
    ['left-pad', undefined, 'left-pad'],
    ['a~b', undefined, 'a~b'],
    ['yes!', undefined, 'yes!'],
    ["it's(fine)*", undefined, "it's(fine)*"],
    ['x', undefined, 'x'],
    ['123', undefined, '123'],
    ['-dash-first', undefined, '-dash-first'],
    ['@babel/core', 'babel', 'core'],
    ['@Scope/Name', 'Scope', 'Name'],
    ['@types/node', 'types', 'node'],
    ['@a/b', 'a', 'b'],
  ] as const)('accepts %j as given (scope %j, name %j)', (name, scope, bare) => {
    expect(parseNpmName(name)).toEqual({ ok: true, value: { full: name, scope, bare } });
  });

  it('accepts a name of 214 characters and refuses one of 215', () => {
    expect(parseNpmName('a'.repeat(214))).toEqual({
      ok: true,
      value: { full: 'a'.repeat(214), scope: undefined, bare: 'a'.repeat(214) },
    });
    expect(parseNpmName('a'.repeat(215))).toEqual({
      ok: false,
      error: 'npm package name must be 1 to 214 characters long',
    });
  });

  it('counts the scope in the length of a scoped name', () => {
    const scoped214 = `@${'s'.repeat(100)}/${'n'.repeat(112)}`;
    expect(scoped214).toHaveLength(214);
    expect(parseNpmName(scoped214).ok).toBe(true);
    expect(parseNpmName(`${scoped214}n`).ok).toBe(false);
  });

  it.each([
    ['empty', '', 'npm package name must be 1 to 214 characters long'],
    ['a leading dot', '.hidden', '".hidden": name starts with "."'],
    ['a leading underscore', '_private', '"_private": name starts with "_"'],
    ['a scope without a slash', '@scope', 'scoped npm package name "@scope" has no "/"'],
    ['an empty scope', '@/name', '"@/name": empty scope'],
    ['an empty scoped name', '@scope/', '"@scope/": empty name'],
    ['a slash in an unscoped name', 'a/b', '"a/b": name has characters that are not URL-safe'],
    ['two slashes in a scoped name', '@a/b/c', '"@a/b/c": name has characters that are not URL-safe'],
    ['dot-dot', '..', '"..": name starts with "."'],
    ['a scoped dot-dot', '@scope/..', '"@scope/..": name starts with "."'],
    ['a scoped name with a leading dot', '@scope/.hidden', '"@scope/.hidden": name starts with "."'],
    ['a dot-dot scope', '@../x', '"@../x": scope starts with "."'],
    ['percent-encoded dots', '%2e%2e', '"%2e%2e": name has characters that are not URL-safe'],
    ['a percent-encoded slash', '@scope%2fname', 'scoped npm package name "@scope%2fname" has no "/"'],
    ['a space', 'left pad', '"left pad": name has characters that are not URL-safe'],
    ['a leading space', ' lodash', '" lodash": name has characters that are not URL-safe'],
    ['NUL', 'lodash\u0000', '"lodash\\u0000": name has characters that are not URL-safe'],
    ['a newline', 'lodash\n', '"lodash\\n": name has characters that are not URL-safe'],
    ['non-ASCII', 'lodásh', '"lod\\u00e1sh": name has characters that are not URL-safe'],
    ['a non-ASCII scope', '@bäbel/core', '"@b\\u00e4bel/core": scope has characters that are not URL-safe'],
    ['a colon', 'a:b', '"a:b": name has characters that are not URL-safe'],
    ['a backslash', 'a\\b', '"a\\\\b": name has characters that are not URL-safe'],
    ['the reserved node_modules', 'node_modules', '"node_modules": "node_modules" is a reserved name'],
    ['the reserved favicon.ico', 'favicon.ico', '"favicon.ico": "favicon.ico" is a reserved name'],
    ['a reserved name in other case', 'Node_Modules', '"Node_Modules": "Node_Modules" is a reserved name'],
  ])('refuses a name with %s', (_what, name, error) => {
    expect(parseNpmName(name)).toEqual({ ok: false, error });
  });

  it.each(['@scope', '@scope%2fname', 'lodash\u0000', 'lodásh', 'a\r\nb'])(
    'quotes a refused name %j with printable ASCII only',
    (name) => {
      const result = parseNpmName(name);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^[\x20-\x7e]*$/);
    },
  );
});
