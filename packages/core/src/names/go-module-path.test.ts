import { describe, expect, it } from 'vitest';
import {
  checkModulePath,
  escapeModulePath,
  escapeModuleVersion,
  unescapeModulePath,
  unescapeModuleVersion,
} from './go-module-path.ts';

// Tables in the manner of golang.org/x/mod/module/module_test.go.

const ESCAPED_PATHS: ReadonlyArray<readonly [path: string, escaped: string]> = [
  ['github.com/BufferZoneCorp/config-loader', 'github.com/!buffer!zone!corp/config-loader'],
  ['github.com/Azure/azure-sdk-for-go', 'github.com/!azure/azure-sdk-for-go'],
  ['github.com/GoogleCloudPlatform/omega', 'github.com/!google!cloud!platform/omega'],
  ['github.com/Sirupsen/logrus', 'github.com/!sirupsen/logrus'],
  ['github.com/x/ABC', 'github.com/x/!a!b!c'],
  ['github.com/Masterminds/semver/v3', 'github.com/!masterminds/semver/v3'],
  ['gopkg.in/Yaml.v2', 'gopkg.in/!yaml.v2'],
  ['golang.org/x/mod', 'golang.org/x/mod'],
  ['gopkg.in/yaml.v3', 'gopkg.in/yaml.v3'],
  ['example.com/mod/v2', 'example.com/mod/v2'],
  ['ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789', 'ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789'],
];

const VALID_PATHS = [
  ...ESCAPED_PATHS.map(([path]) => path),
  'example.com',
  'k8s.io/client-go',
  'go.uber.org/zap',
  'gopkg.in/yaml.v0',
  'gopkg.in/yaml.v1-unstable',
  'gopkg.in/check.v1',
  'example.com/mod/v10',
  'example.com/v2',
  'example.com/x/v2/y',
  'example.com/x.v1',
  'example.com/v1x',
  'example.com/-x',
  'example.com/a~b',
  'example.com/~1x',
  'example.com/a_b.c-d',
  'example.com/console',
  'example.com/com10',
  'example.com/UPPER/Mixed.Case',
  'my-host.example.com/x',
  '127.0.0.1/x',
];

describe('module paths: escaping and unescaping', () => {
  it.each(ESCAPED_PATHS)('%s escapes to %s', (path, escaped) => {
    expect(escapeModulePath(path)).toEqual({ ok: true, value: escaped });
  });

  it.each(ESCAPED_PATHS)('%s unescapes from %s', (path, escaped) => {
    expect(unescapeModulePath(escaped)).toEqual({ ok: true, value: path });
  });

  it.each(VALID_PATHS)('%s is valid, escapes to lower case and back', (path) => {
    expect(checkModulePath(path)).toEqual({ ok: true, value: path });
    const escaped = escapeModulePath(path);
    if (!escaped.ok) throw new Error(escaped.error);
    expect(escaped.value).not.toMatch(/[A-Z]/);
    expect(escaped.value === path).toBe(!/[A-Z]/.test(path));
    expect(unescapeModulePath(escaped.value)).toEqual({ ok: true, value: path });
  });

  it('keeps paths that differ only in case apart once escaped', () => {
    const forms = ['github.com/azure/x', 'github.com/Azure/x', 'github.com/AZURE/x'].map((path) => escapeModulePath(path));
    const values = forms.map((form) => (form.ok ? form.value : form.error));
    expect(new Set(values).size).toBe(3);
  });

  it.each([
    ['upper case in the escaped form', 'github.com/Azure/x'],
    ['upper case from Go\'s table', 'github.com/GoogleCloudPlatform/omega'],
    ['"!" before a digit', 'github.com/!0google/omega'],
    ['"!" before "1"', 'example.com/!1'],
    ['"!" before "_"', 'github.com/!_google/omega'],
    ['"!!"', 'github.com/!!google/omega'],
    ['"!" before "/"', 'github.com/!google!cloud!platform!/omega'],
    ['a trailing "!"', 'example.com/x!'],
    ['non-ASCII', 'example.com/ä'],
    ['empty', ''],
  ])('unescape refuses %s (%s)', (_what, escaped) => {
    const result = unescapeModulePath(escaped);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^invalid escaped module path "/);
  });

  it.each([
    ['!git!hub.com/x', 'invalid char "G" in first path element'],
    ['github/foo', 'missing dot in first path element'],
    ['example.com/x/v1', 'invalid version'],
    ['example.com/../x', 'invalid path element ".."'],
    ['example.com/con', '"con" disallowed as path element component on Windows'],
    ['example.com/a%2fb', 'invalid char "%"'],
  ])('unescape refuses %s, which stands for an invalid path', (escaped, reason) => {
    const result = unescapeModulePath(escaped);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(new RegExp(`^invalid escaped module path "${escapeRegExp(escaped)}": malformed module path`));
      expect(result.error.endsWith(`: ${reason}`)).toBe(true);
    }
  });

  it('refuses to unescape "!" + upper case, which escaping never produces', () => {
    expect(unescapeModulePath('github.com/!Azure/x').ok).toBe(false);
  });
});

describe('module paths: the go command\'s checks', () => {
  it.each([
    ['empty', '', 'empty string'],
    ['a leading slash', '/example.com/x', 'leading slash'],
    ['a trailing slash', 'example.com/x/', 'trailing slash'],
    ['a double slash', 'example.com//x', 'double slash'],
    ['no dot in the first element', 'github/foo', 'missing dot in first path element'],
    ['no dot in a lone element', 'localhost', 'missing dot in first path element'],
    ['upper case in the first element', 'GitHub.com/x', 'invalid char "G" in first path element'],
    ['"_" in the first element', 'exa_mple.com/x', 'invalid char "_" in first path element'],
    ['"~" in the first element', 'example.com~x/y', 'invalid char "~" in first path element'],
    ['a leading dash', '-example.com/x', 'leading dash'],
    ['element "."', 'example.com/./x', 'invalid path element "."'],
    ['element ".."', 'example.com/../x', 'invalid path element ".."'],
    ['element "..."', 'example.com/...', 'invalid path element "..."'],
    ['a leading dot in an element', 'example.com/.hidden', 'leading dot in path element'],
    ['a leading dot in the first element', '.example.com/x', 'leading dot in path element'],
    ['a trailing dot', 'example.com/x.', 'trailing dot in path element'],
    ['a trailing dot in the first element', 'example.com./x', 'trailing dot in path element'],
    ['a space', 'example.com/a b', 'invalid char " "'],
    ['"!"', 'example.com/a!b', 'invalid char "!"'],
    ['"%"', 'example.com/a%2fb', 'invalid char "%"'],
    ['"@"', 'example.com/a@v1.0.0', 'invalid char "@"'],
    ['":"', 'example.com/a:b', 'invalid char ":"'],
    ['a backslash', 'example.com/a\\b', 'invalid char "\\\\"'],
    ['NUL', 'example.com/a\u0000b', 'invalid char "\\u0000"'],
    ['a newline', 'example.com/a\n', 'invalid char "\\n"'],
    ['non-ASCII', 'example.com/ä', 'invalid char "\\u00e4"'],
    ['a lone surrogate', 'example.com/\ud800', 'invalid char "\\ud800"'],
    ['Windows name con', 'example.com/con', '"con" disallowed as path element component on Windows'],
    ['Windows name NUL with an extension', 'example.com/NUL.txt', '"NUL" disallowed as path element component on Windows'],
    ['Windows name com1', 'example.com/com1', '"com1" disallowed as path element component on Windows'],
    ['Windows name LPT9 with an extension', 'example.com/LPT9.x', '"LPT9" disallowed as path element component on Windows'],
    ['Windows name Aux', 'example.com/x/Aux', '"Aux" disallowed as path element component on Windows'],
    ['Windows name in the first element', 'con.example.com/x', '"con" disallowed as path element component on Windows'],
    ['a tilde and digits', 'example.com/x~1', 'trailing tilde and digits in path element'],
    ['a Windows short name', 'example.com/PROGRA~1.x', 'trailing tilde and digits in path element'],
    ['major suffix /v1', 'example.com/x/v1', 'invalid version'],
    ['major suffix /v0', 'example.com/x/v0', 'invalid version'],
    ['major suffix /v2.0', 'example.com/x/v2.0', 'invalid version'],
    ['major suffix /v02', 'example.com/x/v02', 'invalid version'],
    ['major suffix /v1 right after the host', 'example.com/v1', 'invalid version'],
    ['gopkg.in without a major version', 'gopkg.in/yaml', 'invalid version'],
    ['gopkg.in with .v0-unstable', 'gopkg.in/yaml.v0-unstable', 'invalid version'],
    ['gopkg.in with .v01', 'gopkg.in/yaml.v01', 'invalid version'],
    ['gopkg.in with a bare .v', 'gopkg.in/yaml.v', 'invalid version'],
    ['gopkg.in with /v2', 'gopkg.in/v2', 'invalid version'],
    ['gopkg.in with -unstable twice', 'gopkg.in/yaml.v1-unstable-unstable', 'invalid version'],
    ['gopkg.in with -unstable but no major version', 'gopkg.in/yaml-unstable', 'invalid version'],
  ])('refuses a path with %s', (_what, path, reason) => {
    const checked = checkModulePath(path);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error).toMatch(/^malformed module path "/);
    expect(checked.error.endsWith(`": ${reason}`)).toBe(true);
    expect(checked.error).toMatch(/^[\x20-\x7e]*$/);
    expect(escapeModulePath(path)).toEqual(checked);
  });

  it.each([
    ['gopkg.in/yaml.v2'],
    ['gopkg.in/yaml.v0'],
    ['gopkg.in/yaml.v1-unstable'],
    ['gopkg.in/yaml.v10'],
    ['gopkg.in/user/repo.v3'],
  ])('accepts the gopkg.in path %s', (path) => {
    expect(checkModulePath(path)).toEqual({ ok: true, value: path });
  });

  it('quotes the refused path safely', () => {
    expect(checkModulePath('example.com/a\u0000b')).toEqual({
      ok: false,
      error: 'malformed module path "example.com/a\\u0000b": invalid char "\\u0000"',
    });
    expect(checkModulePath('example.com/a\r\nb')).toEqual({
      ok: false,
      error: 'malformed module path "example.com/a\\r\\nb": invalid char "\\r"',
    });
  });
});

const ESCAPED_VERSIONS: ReadonlyArray<readonly [version: string, escaped: string]> = [
  ['v1.0.0-RC1', 'v1.0.0-!r!c1'],
  ['v1.2.3', 'v1.2.3'],
  ['v2.0.0+incompatible', 'v2.0.0+incompatible'],
  ['v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20191109021931-daa7c04131f5'],
  ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4-0.20191109021931-daa7c04131f5'],
  ['V1', '!v1'],
  ['master', 'master'],
  ['Feature-Branch', '!feature-!branch'],
];

describe('module versions: escaping and unescaping', () => {
  it.each(ESCAPED_VERSIONS)('%s escapes to %s', (version, escaped) => {
    expect(escapeModuleVersion(version)).toEqual({ ok: true, value: escaped });
  });

  it.each(ESCAPED_VERSIONS)('%s unescapes from %s', (version, escaped) => {
    expect(unescapeModuleVersion(escaped)).toEqual({ ok: true, value: version });
  });

  it.each([
    ['"!"', 'v1.0.0-!r!c1', 'contains "!"'],
    ['only "!"', '!', 'contains "!"'],
    ['empty', '', 'empty path element'],
    ['".."', '..', 'invalid path element ".."'],
    ['"."', '.', 'invalid path element "."'],
    ['a trailing dot', 'v1.', 'trailing dot in path element'],
    ['a slash', 'v1.0.0/x', 'invalid char "/"'],
    ['a path', '../../etc/passwd', 'invalid char "/"'],
    ['a backslash', 'v1\\x', 'invalid char "\\\\"'],
    ['NUL', 'v1\u0000', 'invalid char "\\u0000"'],
    ['a Windows name', 'con', '"con" disallowed as path element component on Windows'],
  ])('escape refuses a version with %s', (_what, version, reason) => {
    const result = escapeModuleVersion(version);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^disallowed version string "/);
    expect(result.error.endsWith(`": ${reason}`)).toBe(true);
    expect(result.error).toMatch(/^[\x20-\x7e]*$/);
  });

  it('refuses to escape a version with a non-ASCII letter', () => {
    const result = escapeModuleVersion('v1.0.0-ä');
    expect(result).toEqual({ ok: false, error: 'cannot escape "v1.0.0-\\u00e4"' });
  });

  it.each([
    ['raw capitals', 'v1.0.0-RC1'],
    ['a trailing "!"', 'v1.0.0!'],
    ['"!" before a digit', 'v1.0.0-!1'],
    ['"!" before upper case', 'v1.0.0-!RC1'],
    ['"!!"', 'v1!!'],
    ['non-ASCII', 'v1.0.0-ä'],
    ['empty', ''],
    ['".."', '..'],
    ['a slash', 'v1/x'],
    ['a trailing dot', 'v1.'],
  ])('unescape refuses a version with %s', (_what, escaped) => {
    const result = unescapeModuleVersion(escaped);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^invalid escaped version "/);
  });

  it('round-trips versions through escaping without upper case on the wire', () => {
    for (const version of ['v1.0.0-RC1', 'v1.0.0-Beta.2+Build.5', 'V2', 'Release-2024', 'v1.2.3']) {
      const escaped = escapeModuleVersion(version);
      if (!escaped.ok) throw new Error(escaped.error);
      expect(escaped.value).not.toMatch(/[A-Z]/);
      expect(unescapeModuleVersion(escaped.value)).toEqual({ ok: true, value: version });
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
