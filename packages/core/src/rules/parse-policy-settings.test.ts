import { describe, expect, it } from 'vitest';
import { parsePolicySettings } from './parse-policy-settings.ts';
import { DEFAULT_POLICY_SETTINGS } from './policy-settings.ts';

const ISSUE_EXAMPLE = {
  modes: [{ ecosystem: 'npm', package: '@corp/*', mode: 'audit' }],
  allow: [{ ecosystem: 'npm', package: 'left-pad', versions: '1.3.0', reason: 'false positive, MAL-2024-1 is over-broad' }],
  deny: [{ ecosystem: 'pypi', package: 'requestz', reason: 'typosquat seen in our logs' }],
  internal: [{ ecosystem: 'npm', package: '@corp/*' }],
  cooldown: { npm: 48, pypi: 24, go: 0, unknownPublishTime: 'allow' },
};

/** The error of a parse that must fail. */
function problem(value: unknown): string {
  const parsed = parsePolicySettings(value);
  if (parsed.ok) throw new Error('expected the settings to be refused');
  return parsed.error;
}

describe('parsePolicySettings', () => {
  it('reads the example of the issue', () => {
    const parsed = parsePolicySettings(ISSUE_EXAMPLE);
    if (!parsed.ok) throw new Error(parsed.error);
    const { modes, allow, deny, internal, cooldown } = parsed.value;
    expect(modes.map((rule) => [rule.package.ecosystem, rule.package.text, rule.mode])).toEqual([['npm', '@corp/*', 'audit']]);
    expect(allow).toMatchObject([{ package: { ecosystem: 'npm', text: 'left-pad' }, versions: '1.3.0', reason: 'false positive, MAL-2024-1 is over-broad' }]);
    expect(deny).toMatchObject([{ package: { ecosystem: 'pypi', text: 'requestz' }, reason: 'typosquat seen in our logs' }]);
    expect(deny[0]).not.toHaveProperty('versions');
    expect(internal).toMatchObject([{ package: { ecosystem: 'npm', text: '@corp/*', isGlob: true } }]);
    expect(cooldown).toEqual({ hours: { npm: 48, pypi: 24, go: 0 }, unknownPublishTime: 'allow' });
  });

  it('reads an empty object as the defaults: no rules, no cooldown, unknown publish times allowed', () => {
    expect(parsePolicySettings({})).toEqual({ ok: true, value: DEFAULT_POLICY_SETTINGS });
    expect(parsePolicySettings({ cooldown: { pypi: 1.5 } })).toMatchObject({
      ok: true,
      value: { cooldown: { hours: { npm: 0, pypi: 1.5, go: 0 }, unknownPublishTime: 'allow' } },
    });
  });

  it('normalises patterns and trims reasons and ranges', () => {
    const parsed = parsePolicySettings({
      deny: [{ ecosystem: 'pypi', package: 'Corp_Tools', versions: ' <2 ', reason: '  seen in logs ' }],
    });
    expect(parsed).toMatchObject({ ok: true, value: { deny: [{ package: { text: 'corp-tools' }, versions: '<2', reason: 'seen in logs' }] } });
  });

  it('freezes what it returns, so an index built on first use stays right', () => {
    const parsed = parsePolicySettings(ISSUE_EXAMPLE);
    expect(parsed.ok && [parsed.value, parsed.value.allow, parsed.value.allow[0], parsed.value.cooldown].every(Object.isFrozen)).toBe(true);
  });

  it.each([
    ['a string', 'policy', 'expected a JSON object, found "policy"'],
    ['null', null, 'expected a JSON object, found null'],
    ['an array', [ISSUE_EXAMPLE], 'expected a JSON object, found an array'],
    ['a number', 42, 'expected a JSON object, found 42'],
    ['undefined', undefined, 'expected a JSON object, found undefined'],
  ])('refuses %s', (_what, value, error) => {
    expect(parsePolicySettings(value)).toEqual({ ok: false, error });
  });

  it.each([
    [{ alow: [] }, 'alow: unknown key (did you mean allow?)'],
    [{ Deny: [] }, 'Deny: unknown key (did you mean deny?)'],
    [{ rules: [] }, 'rules: unknown key'],
    [{ 'x\u0000y': 1 }, 'x\\u0000y: unknown key'],
    [{ allow: {} }, 'allow: expected an array, found an object'],
    [{ modes: 'audit' }, 'modes: expected an array, found "audit"'],
    [{ deny: [null] }, 'deny[0]: expected an object, found null'],
    [{ deny: [['requestz']] }, 'deny[0]: expected an object, found an array'],
    [{ internal: [{ ecosystem: 'npm', package: '@corp/*', reason: 'x' }] }, 'internal[0].reason: unknown key'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', reasn: 'x', reason: 'y' }] }, 'allow[0].reasn: unknown key (did you mean reason?)'],
    [{ deny: [{ ecosystem: 'NPM', package: 'a', reason: 'r' }] }, 'deny[0].ecosystem: expected one of npm, pypi, go, found "NPM"'],
    [{ deny: [{ package: 'a', reason: 'r' }] }, 'deny[0].ecosystem: expected one of npm, pypi, go, found nothing'],
    [{ deny: [{ ecosystem: 'npm', reason: 'r' }] }, 'deny[0].package: is required'],
    [{ deny: [{ ecosystem: 'npm', package: 7, reason: 'r' }] }, 'deny[0].package: expected a string, found 7'],
    [{ deny: [{ ecosystem: 'npm', package: '   ', reason: 'r' }] }, 'deny[0].package: must not be empty'],
    [{ deny: [{ ecosystem: 'npm', package: '*', reason: 'r' }] }, 'deny[0].package: package pattern "*" would match every npm package: it needs a character besides * and ?'],
    [{ deny: [{ ecosystem: 'go', package: '../x', reason: 'r' }] }, 'deny[0].package: malformed module path "../x": invalid path element ".."'],
    [{ deny: [{ ecosystem: 'npm', package: 'a' }] }, 'deny[0].reason: is required'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', reason: '' }] }, 'allow[0].reason: must not be empty'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', reason: 'a\nInjected: 1' }] }, 'allow[0].reason: "a\\nInjected: 1" has a control character'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', reason: 'r'.repeat(501) }] }, 'allow[0].reason: longer than 500 characters'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', versions: '>=1 <', reason: 'r' }] }, 'allow[0].versions: ">=1 <" is not a valid npm version range'],
    [{ allow: [{ ecosystem: 'pypi', package: 'a', versions: '1.0', reason: 'r' }] }, 'allow[0].versions: "1.0" is not a valid PEP 440 version specifier'],
    [{ allow: [{ ecosystem: 'go', package: 'corp.example/a', versions: '>=1.0.0', reason: 'r' }] }, 'allow[0].versions: ">=1.0.0" is not a Go version range (comparators such as ">=v1.2.0 <v2.0.0", joined by "||")'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', versions: '', reason: 'r' }] }, 'allow[0].versions: must not be empty'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', versions: 1, reason: 'r' }] }, 'allow[0].versions: expected a string, found 1'],
    [{ allow: [{ ecosystem: 'npm', package: 'a', versions: '1.0.0\u0000', reason: 'r' }] }, 'allow[0].versions: "1.0.0\\u0000" has a control character'],
    [{ modes: [{ ecosystem: 'npm', package: 'a', mode: 'enforced' }] }, 'modes[0].mode: expected one of enforce, audit, off, found "enforced"'],
    [{ modes: [{ ecosystem: 'npm', package: 'a', mode: 'off' }, { ecosystem: 'npm', package: 'a', mode: 'audit' }] }, 'modes[1]: same ecosystem and package as modes[0]'],
    [{ modes: [{ ecosystem: 'pypi', package: 'Corp_*', mode: 'off' }, { ecosystem: 'pypi', package: 'corp-**', mode: 'audit' }] }, 'modes[1]: same ecosystem and package as modes[0]'],
    [{ cooldown: 48 }, 'cooldown: expected an object, found 48'],
    [{ cooldown: { npm: -1 } }, 'cooldown.npm: expected a number of hours from 0 to 87600, found -1'],
    [{ cooldown: { npm: '48' } }, 'cooldown.npm: expected a number of hours from 0 to 87600, found "48"'],
    [{ cooldown: { go: 1e9 } }, 'cooldown.go: expected a number of hours from 0 to 87600, found 1000000000'],
    [{ cooldown: { pypi: Number.NaN } }, 'cooldown.pypi: expected a number of hours from 0 to 87600, found NaN'],
    [{ cooldown: { unknownPublishTime: 'refuse' } }, 'cooldown.unknownPublishTime: expected one of allow, deny, found "refuse"'],
    [{ cooldown: { nmp: 48 } }, 'cooldown.nmp: unknown key (did you mean npm?)'],
  ])('%j: %s', (value, error) => {
    expect(problem(value)).toBe(error);
  });

  it('names every problem, in file order', () => {
    const error = problem({
      allow: [{ ecosystem: 'npm', package: 'ok', reason: 'fine' }, { ecosystem: 'npm', package: 'x', versions: '>=1 <', reason: 'r' }],
      deny: [{ ecosystem: 'pypi', package: 'requestz' }],
      cooldown: { npm: -5 },
    });
    expect(error).toBe(
      'allow[1].versions: ">=1 <" is not a valid npm version range; deny[0].reason: is required; cooldown.npm: expected a number of hours from 0 to 87600, found -5',
    );
  });

  it('keeps the message short when a file has very many problems', () => {
    const deny = Array.from({ length: 10_000 }, () => ({ ecosystem: 'npm', package: '.bad', reason: 'r' }));
    const error = problem({ deny });
    expect(error.endsWith('; and 9990 more problems')).toBe(true);
    expect(error.length).toBeLessThan(1000);
  });

  it('refuses huge strings without quoting them whole', () => {
    const huge = 'a'.repeat(1_000_000);
    const error = problem({ deny: [{ ecosystem: 'npm', package: huge, reason: huge }], [huge]: 1 });
    expect(error).toContain('deny[0].package: longer than 512 characters');
    expect(error).toContain('deny[0].reason: longer than 500 characters');
    expect(error.length).toBeLessThan(400);
  });

  it('refuses what JSON.parse makes of hostile text, never throwing', () => {
    for (const text of ['{"__proto__": {"allow": []}}', '{"constructor": 1}', '{"allow": [{"__proto__": {"reason": "x"}}]}', '[]', '"x"', 'null', '0']) {
      expect(parsePolicySettings(JSON.parse(text)).ok).toBe(false);
    }
  });
});
