import { describe, expect, it } from 'vitest';
import { MAX_DISTRIBUTION_FILE_LENGTH, parseDistributionFile, type DistributionFile } from './distribution-file.ts';

function read(filename: string, project: string): DistributionFile {
  const result = parseDistributionFile(filename, project);
  if (!result.ok) throw new Error(`${filename} refused: ${result.error}`);
  return result.value;
}

function refusal(filename: string, project: string): string {
  const result = parseDistributionFile(filename, project);
  if (result.ok) throw new Error(`${filename} read as ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('parseDistributionFile: wheels', () => {
  it.each([
    ['numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', 'numpy', 'numpy', '1.26.4'],
    ['setuptools-69.0.3-py3-none-any.whl', 'setuptools', 'setuptools', '69.0.3'],
    ['zope.interface-5.4.0-cp39-cp39-manylinux1_x86_64.whl', 'zope.interface', 'zope-interface', '5.4.0'],
    ['zope_interface-6.1-cp312-cp312-macosx_11_0_arm64.whl', 'Zope.Interface', 'zope-interface', '6.1'],
    ['python_dateutil-2.8.2-py2.py3-none-any.whl', 'python-dateutil', 'python-dateutil', '2.8.2'],
    ['PyYAML-6.0-cp311-cp311-win_amd64.whl', 'pyyaml', 'pyyaml', '6.0'],
    ['torch-2.1.0+cpu-cp311-cp311-linux_x86_64.whl', 'torch', 'torch', '2.1.0+cpu'],
    ['Django-4.0rc1-py3-none-any.whl', 'django', 'django', '4.0rc1'],
    ['typing_extensions-4.0.0.post1-py3-none-any.whl', 'typing-extensions', 'typing-extensions', '4.0.0.post1'],
    ['apache_airflow-1!2.0.0-py3-none-any.whl', 'apache-airflow', 'apache-airflow', '1!2.0.0'],
    ['black-24.1.0.dev0-py3-none-any.whl', 'black', 'black', '24.1.0.dev0'],
  ])('%s is %s version %s', (filename, project, normalized, version) => {
    expect(read(filename, project)).toEqual({ project: normalized, version, kind: 'wheel' });
  });

  it('reads a wheel with a build tag', () => {
    expect(read('Pillow-9.0.0-1-cp39-cp39-win_amd64.whl', 'pillow')).toEqual({ project: 'pillow', version: '9.0.0', kind: 'wheel' });
    expect(read('foo-1.0-2abc-py3-none-any.whl', 'foo').version).toBe('1.0');
  });

  it('undoes the wheel escaping of "-" as "_" in the version, as pip does', () => {
    expect(read('foo-1.0_post1-py3-none-any.whl', 'foo').version).toBe('1.0-post1');
    expect(read('foo-1.0_1-py3-none-any.whl', 'foo').version).toBe('1.0-1');
  });

  it.each([
    ['foo-1.0-py3-none.whl', 'is not a wheel name'],
    ['foo-bar-1.0-x-py3-none-any.whl', 'is not a wheel name'],
    ['foo-1.0-abc-py3-none-any.whl', 'build tag'],
    ['foo-1.0--none-any.whl', 'empty wheel tag'],
    ['bar-1.0-py3-none-any.whl', 'is a wheel of "bar", not of "foo"'],
    ['foo-latest-py3-none-any.whl', 'has no valid version'],
    ['foo--py3-none-any.whl', 'has no version'],
    ['foo-1.0 -py3-none-any.whl', 'white space'],
  ])('%s is refused (%s)', (filename, reason) => {
    expect(refusal(filename, 'foo')).toContain(reason);
  });
});

describe('parseDistributionFile: sdists', () => {
  it.each([
    ['numpy-1.26.4.tar.gz', 'numpy', 'numpy', '1.26.4'],
    ['python-dateutil-2.8.2.tar.gz', 'python-dateutil', 'python-dateutil', '2.8.2'],
    ['python_dateutil-2.9.0.post0.tar.gz', 'python-dateutil', 'python-dateutil', '2.9.0.post0'],
    ['PyYAML-6.0.tar.gz', 'pyyaml', 'pyyaml', '6.0'],
    ['zope.interface-5.4.0.tar.gz', 'zope-interface', 'zope-interface', '5.4.0'],
    ['Django-4.0rc1.tar.gz', 'Django', 'django', '4.0rc1'],
    ['apache-airflow-1!2.0.0.tar.gz', 'apache-airflow', 'apache-airflow', '1!2.0.0'],
    ['foo-1.0+local.7.zip', 'foo', 'foo', '1.0+local.7'],
    ['foo-1.0-1.tar.gz', 'foo', 'foo', '1.0-1'],
    ['Foo-1.0.ZIP', 'foo', 'foo', '1.0'],
    ['setuptools-0.6c11.zip', 'setuptools', 'setuptools', '0.6c11'],
  ])('%s is %s version %s', (filename, project, normalized, version) => {
    expect(read(filename, project)).toEqual({ project: normalized, version, kind: 'sdist' });
  });

  it('drops a "-pyX.Y" suffix from the version, as pip does', () => {
    expect(read('foo-1.0-py3.9.tar.gz', 'foo').version).toBe('1.0');
    expect(read('foo-1.0-py2.zip', 'foo').version).toBe('1.0');
  });

  it.each([
    ['pytz-2011k.tar.gz', 'pytz', 'has no valid version'],
    ['foo-latest.tar.gz', 'foo', 'has no valid version'],
    ['foo-.tar.gz', 'foo', 'has no version'],
    ['foo.tar.gz', 'foo', 'does not start with the name of "foo"'],
    ['numpy-1.0.tar.gz', 'scipy', 'does not start with the name of "scipy"'],
    ['foo-bar-1.0.tar.gz', 'foo', 'has no valid version'],
    ['foo-1.0.tar.gz', 'foo-bar', 'does not start with the name of "foo-bar"'],
    ['foo-1.0.txt', 'foo', 'neither a wheel nor a source archive'],
    ['foo-1.0', 'foo', 'neither a wheel nor a source archive'],
    ['.tar.gz', 'foo', 'starts with "."'],
  ])('%s of %s is refused (%s)', (filename, project, reason) => {
    expect(refusal(filename, project)).toContain(reason);
  });
});

describe('parseDistributionFile: legacy forms', () => {
  it.each([
    ['Twisted-8.2.0.tar.bz2', 'twisted', '8.2.0'],
    ['foo-1.0.tbz', 'foo', '1.0'],
    ['Lib-1.0.tgz', 'lib', '1.0'],
    ['foo-2.0b1.tar.xz', 'foo', '2.0b1'],
    ['foo-1.0.txz', 'foo', '1.0'],
    ['foo-1.0.tar.lz', 'foo', '1.0'],
    ['foo-1.0.tar.lzma', 'foo', '1.0'],
    ['foo-1.0.tar', 'foo', '1.0'],
    ['setuptools-0.6c11-py2.7.egg', 'setuptools', '0.6c11'],
    ['simplejson-2.1.1-py2.6-linux-x86_64.egg', 'simplejson', '2.1.1'],
    ['foo-1.0.egg', 'foo', '1.0'],
    ['setuptools-0.6c11.win32-py2.7.exe', 'setuptools', '0.6c11'],
    ['PyYAML-3.09.win-amd64-py2.7.exe', 'pyyaml', '3.09'],
    ['foo-1.0.dev2.win32.exe', 'foo', '1.0.dev2'],
    ['pycrypto-2.6.macosx-10.6-x86_64.exe', 'pycrypto', '2.6'],
    ['PyQt-1.0.win-amd64-py2.7.msi', 'pyqt', '1.0'],
    ['python-foo-1.0-1.noarch.rpm', 'python-foo', '1.0'],
    ['foo-1.0.post2-3.src.rpm', 'foo', '1.0.post2'],
  ])('%s is %s version %s', (filename, project, version) => {
    expect(read(filename, project)).toEqual({ project, version, kind: 'legacy' });
  });

  it('refuses installers without a platform and rpms without a release', () => {
    expect(refusal('foo-1.0.exe', 'foo')).toContain('has no platform');
    expect(refusal('foo-1.0.msi', 'foo')).toContain('has no platform');
    expect(refusal('foo-1.0.rpm', 'foo')).toContain('has no platform');
  });
});

describe('parseDistributionFile: hostile input', () => {
  it.each([
    ['foo-1.0.tar.gz\u0000', 'control characters'],
    ['foo-1.0\u0000.tar.gz', 'control characters'],
    ['foo-1.0\n.tar.gz', 'control characters'],
    ['../foo-1.0.tar.gz', 'is a path'],
    ['dir/foo-1.0.tar.gz', 'is a path'],
    ['dir\\foo-1.0.tar.gz', 'is a path'],
    ['..', 'starts with "."'],
    ['foo-1.0\ud800.tar.gz', 'not well-formed Unicode'],
    [`foo-1.0${'0'.repeat(10_000)}.tar.gz`, 'longer than'],
    ['foo-1.0\u00e9.tar.gz', 'has no valid version'],
    ['föo-1.0.tar.gz', 'does not start with the name of "foo"'],
    ['foo-１.0.tar.gz', 'has no valid version'],
  ])('%j is refused (%s)', (filename, reason) => {
    expect(refusal(filename, 'foo')).toContain(reason);
  });

  it('refuses a project that is not a valid PyPI name', () => {
    expect(refusal('foo-1.0.tar.gz', '../foo')).toContain('not a valid PyPI project name');
    expect(refusal('foo-1.0.tar.gz', '')).toContain('not a valid PyPI project name');
  });

  it('accepts names right up to the length limit', () => {
    const version = `1.${'0'.repeat(MAX_DISTRIBUTION_FILE_LENGTH - 'foo-1..tar.gz'.length)}`;
    expect(read(`foo-${version}.tar.gz`, 'foo').version).toBe(version);
  });

  it('reads the letters Python equates with ASCII ones as pip does, so such a file is not left unread', () => {
    expect(read('\u212Aeras-1.0.tar.gz', 'keras')).toEqual({ project: 'keras', version: '1.0', kind: 'sdist' });
    expect(read('foo-1.0.po\u017Ft1.tar.gz', 'foo').version).toBe('1.0.post1');
    expect(read('foo- 1.0 .tar.gz', 'foo').version).toBe('1.0');
  });

  it('never throws on random input', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['f', 'o', '-', '_', '.', '1', '0', '!', '+', 'whl', 'tar.gz', 'py3', '\u0000', '/', '\ud800', 'é', ' ', 'K'];
    for (let round = 0; round < 2000; round += 1) {
      const name = Array.from({ length: Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(typeof parseDistributionFile(name, 'foo').ok).toBe('boolean');
    }
  });
});
