import { describe, expect, it } from 'vitest';
import { parseDistributionFile } from './distribution-file.ts';
import { FileVersionReader, fileVersion } from './file-version.ts';
import { random } from './testing/random-simple-page.ts';

const slowVersion = (filename: string, project: string) => {
  const parsed = parseDistributionFile(filename, project);
  return parsed.ok ? parsed.value.version : undefined;
};

describe('FileVersionReader', () => {
  it('reads the common wheel and sdist names without the general parser', () => {
    const reader = new FileVersionReader('zope-interface');
    expect(reader.common('zope.interface-5.4.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')).toBe('5.4.0');
    expect(reader.common('zope_interface-6.0b1-1-py3-none-any.whl')).toBe('6.0b1');
    expect(reader.common('zope.interface-5.4.0.tar.gz')).toBe('5.4.0');
    expect(reader.common('Zope-Interface-2.0.post1.dev3.zip')).toBe('2.0.post1.dev3');
  });

  it('leaves other names to parseDistributionFile, which reads them the same', () => {
    for (const name of ['zope_interface-1!2.0-py3-none-any.whl', 'zope.interface-2.1+cpu.tar.gz', 'zope.interface-5.4.0-py3.8.egg', 'zope.interface-5.4.0.tar.bz2']) {
      expect(new FileVersionReader('zope-interface').common(name)).toBeUndefined();
      expect(fileVersion(name, 'zope-interface')).toBe(slowVersion(name, 'zope-interface'));
    }
    expect(fileVersion('other-1.0.tar.gz', 'zope-interface')).toBeUndefined();
  });

  it('agrees with parseDistributionFile wherever it reads a version, on 20,000 generated names', { timeout: 60_000 }, () => {
    const next = random(440);
    const pick = (items: readonly string[]) => items[Math.floor(next() * items.length)] ?? '';
    const names = ['demo_pkg', 'demo-pkg', 'Demo.Pkg', 'demo__pkg', 'demo', 'demo-pkg-1.0', '-demo_pkg', 'demo_pkg_', 'demo_pkg.'];
    const versions = ['1.0', '1.0b1', '2.0.post1', '1.0-1', '01.2', '1.0.dev0', '1.0a', '1..0', '', '1.0RC1', '1.0_1'];
    const suffixes = ['-py3-none-any.whl', '-1-py3-none-any.whl', '-x-py3-none-any.whl', '.tar.gz', '.zip', '-py3-none-any-extra.whl', '-py3--any.whl', '-py3.tar.gz'];
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      const name = `${pick(names)}-${pick(versions)}${pick(suffixes)}`.replace(/./g, (c) => (next() < 0.01 ? pick([' ', '-', '.', '/', '\0', 'é']) : c));
      const common = new FileVersionReader('demo-pkg').common(name);
      if (common !== undefined) {
        read++;
        expect({ name, version: common }).toEqual({ name, version: slowVersion(name, 'demo-pkg') });
      }
    }
    expect(read).toBeGreaterThan(1_000);
  });
});
