import { describe, expect, it } from 'vitest';
import type { Ecosystem } from '../ecosystem.ts';
import type { Mode } from '../policy/decision.ts';
import { modeFor } from './mode-for.ts';
import { parsePolicySettings } from './parse-policy-settings.ts';
import type { PolicySettings } from './policy-settings.ts';

function settingsOf(value: unknown): PolicySettings {
  const parsed = parsePolicySettings(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const entry = (ecosystem: Ecosystem, pattern: string, mode: Mode) => ({ ecosystem, package: pattern, mode });

describe('modeFor', () => {
  const settings = settingsOf({
    modes: [
      entry('npm', '@corp/*', 'audit'),
      entry('npm', '@corp/web-*', 'off'),
      entry('npm', '@corp/web-app', 'enforce'),
      entry('npm', '@*/web-app', 'audit'),
      entry('npm', '@corp/?eb-*', 'enforce'),
      entry('pypi', 'corp-*', 'off'),
      entry('go', 'corp.example/*', 'audit'),
    ],
  });

  it.each([
    // An exact name wins over every glob.
    ['npm', '@corp/web-app', 'enforce'],
    // More literal characters win: `@corp/web-*` (10) over `@corp/*` (6).
    ['npm', '@corp/web-site', 'off'],
    // Equal literal characters (`@*/web-app` and `@corp/?eb-*`, 9 each): the entry written first.
    ['npm', '@corp/reb-app', 'enforce'],
    ['npm', '@corx/web-app', 'audit'],
    ['npm', '@corp/api', 'audit'],
    // No entry matches: the ecosystem's mode.
    ['npm', 'left-pad', 'enforce'],
    ['npm', '@corporate/web-x', 'enforce'],
    // Patterns apply in their own ecosystem only.
    ['pypi', '@corp/api', 'enforce'],
    ['pypi', 'corp-tools', 'off'],
    ['go', 'corp.example/a/b/c', 'audit'],
    ['go', 'github.com/corp.example/x', 'enforce'],
  ] satisfies Array<[Ecosystem, string, Mode]>)('%s %s is in %s mode', (ecosystem, name, mode) => {
    expect(modeFor(settings, { ecosystem, name, version: '1.0.0' }, 'enforce')).toBe(mode);
  });

  it('does not look at the version', () => {
    expect(modeFor(settings, { ecosystem: 'npm', name: '@corp/api' }, 'off')).toBe('audit');
    expect(modeFor(settings, { ecosystem: 'npm', name: 'left-pad' }, 'off')).toBe('off');
  });

  it('gives the ecosystem mode when there are no entries', () => {
    expect(modeFor(settingsOf({}), { ecosystem: 'go', name: 'corp.example/x' }, 'audit')).toBe('audit');
  });
});
