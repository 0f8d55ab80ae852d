import { describe, expect, it } from 'vitest';
import * as core from './index.ts';

describe('the package entry point', () => {
  it('exports the public functions and constants, and nothing else', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'ECOSYSTEMS',
        'MODES',
        'PalisadeError',
        'checkModulePath',
        'checkVersion',
        'compareVersions',
        'DEFAULT_POLICY_SETTINGS',
        'DENY_RULE_NAME',
        'INTERNAL_RULE_NAME',
        'RELEASE_AGE_RULE_NAME',
        'allowRuleFor',
        'checkReleaseAge',
        'decideWithSettings',
        'denyRule',
        'internalPackageReason',
        'internalPatternFor',
        'modeFor',
        'packageNamePattern',
        'parsePolicySettings',
        'closestName',
        'describeValue',
        'policyRuleId',
        'decide',
        'describeDecision',
        'ecosystemFromOsvName',
        'escapeModulePath',
        'escapeModuleVersion',
        'failure',
        'formatPackageRef',
        'inVersionRange',
        'isDenied',
        'isEcosystem',
        'isPseudoVersion',
        'normalizePackageName',
        'normalizePypiName',
        'osvEcosystemName',
        'packageRef',
        'parseNpmName',
        'printable',
        'sortVersions',
        'success',
        'unescapeModulePath',
        'unescapeModuleVersion',
        'versionScheme',
      ].sort(),
    );
  });

  it('builds results', () => {
    expect(core.success(1)).toEqual({ ok: true, value: 1 });
    expect(core.failure('why')).toEqual({ ok: false, error: 'why' });
  });
});
