import type { Ecosystem } from '../ecosystem.ts';
import type { Result } from '../result.ts';
import { checkModulePath } from './go-module-path.ts';
import { parseNpmName } from './npm-name.ts';
import { normalizePypiName } from './pypi-name.ts';

/**
 * The form of a package name that policy and the malicious-package index are keyed by:
 * PyPI names PEP 503-normalised, npm names as given (`@scope/name` for scoped ones), Go
 * module paths as given (case-sensitive, not case-encoded). Invalid names fail.
 */
export function normalizePackageName(ecosystem: Ecosystem, name: string): Result<string> {
  switch (ecosystem) {
    case 'npm': {
      const parsed = parseNpmName(name);
      return parsed.ok ? { ok: true, value: parsed.value.full } : parsed;
    }
    case 'pypi':
      return normalizePypiName(name);
    case 'go':
      return checkModulePath(name);
  }
}
