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
