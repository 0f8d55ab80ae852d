import { describe, expect, it } from 'vitest';
import { parseSimpleJson } from './simple-page-json.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

/** Shaped as pypi.org answers `GET /simple/demo-pkg/` with the JSON media type. */
const PYPI_JSON = JSON.stringify({
  meta: { 'api-version': '1.4', '_last-serial': 24815 },
  name: 'demo-pkg',
  versions: ['1.0', '1.1', '2.0'],
  'alternate-locations': [],
  'project-status': { status: 'active' },
  files: [
    {
      filename: 'demo_pkg-1.0.tar.gz',
      url: 'https://files.pythonhosted.org/packages/ab/cd/demo_pkg-1.0.tar.gz',
      hashes: { sha256: SHA_A },
      'requires-python': null,
      size: 1234,
      'upload-time': '2023-05-01T10:11:12.123456Z',
      yanked: false,
      'data-dist-info-metadata': false,
      'core-metadata': false,
      provenance: null,
    },
    {
      filename: 'demo_pkg-1.1-py3-none-any.whl',
      url: 'https://files.pythonhosted.org/packages/ef/01/demo_pkg-1.1-py3-none-any.whl',
      hashes: { sha256: SHA_B },
      'requires-python': '>=3.8, <4',
      size: 2048,
      'upload-time': '2024-01-02T03:04:05.000001Z',
      yanked: 'broke imports on Windows',
      'data-dist-info-metadata': { sha256: SHA_A },
      'core-metadata': { sha256: SHA_A },
      provenance: 'https://pypi.org/integrity/demo-pkg/1.1/demo_pkg-1.1-py3-none-any.whl/provenance',
    },
  ],
});

describe('parseSimpleJson', () => {
  it('reads a pypi.org page with every key', () => {
    const result = parseSimpleJson(PYPI_JSON);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'demo-pkg',
        meta: { apiVersion: '1.4', lastSerial: 24815 },
        versions: ['1.0', '1.1', '2.0'],
        alternateLocations: [],
        projectStatus: { status: 'active' },
        files: [
          {
            filename: 'demo_pkg-1.0.tar.gz',
            url: 'https://files.pythonhosted.org/packages/ab/cd/demo_pkg-1.0.tar.gz',
            hashes: { sha256: SHA_A },
            size: 1234,
            uploadTime: '2023-05-01T10:11:12.123456Z',
            yanked: false,
            coreMetadata: false,
          },
          {
            filename: 'demo_pkg-1.1-py3-none-any.whl',
            url: 'https://files.pythonhosted.org/packages/ef/01/demo_pkg-1.1-py3-none-any.whl',
            hashes: { sha256: SHA_B },
            requiresPython: '>=3.8, <4',
            size: 2048,
            uploadTime: '2024-01-02T03:04:05.000001Z',
            yanked: 'broke imports on Windows',
            coreMetadata: { sha256: SHA_A },
            provenance: 'https://pypi.org/integrity/demo-pkg/1.1/demo_pkg-1.1-py3-none-any.whl/provenance',
          },
        ],
      },
    });
  });

  it('reads the PEP 658 flag from the older dist-info-metadata key and a bare true', () => {
    const page = (file: Record<string, unknown>): string =>
      JSON.stringify({ meta: { 'api-version': '1.0' }, name: 'x', files: [{ filename: 'x-1.tar.gz', url: 'https://h/x-1.tar.gz', hashes: {}, ...file }] });
    const read = (file: Record<string, unknown>): unknown => {
      const result = parseSimpleJson(page(file));
      return result.ok ? result.value.files[0]?.coreMetadata : result.error;
    };
    expect(read({ 'dist-info-metadata': { sha256: SHA_B } })).toEqual({ sha256: SHA_B });
    expect(read({ 'data-dist-info-metadata': true })).toBe(true);
    expect(read({ 'core-metadata': { sha256: SHA_A }, 'dist-info-metadata': { sha256: SHA_B } })).toEqual({ sha256: SHA_A });
    expect(read({})).toBeUndefined();
  });

  it('resolves relative file URLs against the page URL when given, and keeps them otherwise', () => {
    const text = JSON.stringify({
      meta: { 'api-version': '1.1' },
      name: 'x',
      files: [{ filename: 'x-1.tar.gz', url: '../../files/x-1.tar.gz#sha256=00', hashes: {} }],
    });
    const resolved = parseSimpleJson(text, 'https://index.example/simple/x/');
    expect(resolved.ok && resolved.value.files[0]?.url).toBe('https://index.example/files/x-1.tar.gz');
    const kept = parseSimpleJson(text);
    expect(kept.ok && kept.value.files[0]?.url).toBe('../../files/x-1.tar.gz#sha256=00');
  });

  it('treats an empty yanked reason as yanked without a reason', () => {
    const text = JSON.stringify({
      meta: { 'api-version': '1.0' },
      name: 'x',
      files: [{ filename: 'x-1.tar.gz', url: 'https://h/x-1.tar.gz', hashes: {}, yanked: '' }],
    });
    const result = parseSimpleJson(text);
    expect(result.ok && result.value.files[0]?.yanked).toBe(true);
  });

  it('keeps a __proto__ hash name as data, never as a prototype', () => {
    const text = `{"meta":{"api-version":"1.0"},"name":"x","files":[{"filename":"f","url":"https://h/f","hashes":{"__proto__":"01","sha256":"02"}}]}`;
    const result = parseSimpleJson(text);
    expect(result.ok).toBe(true);
    const hashes = result.ok ? result.value.files[0]?.hashes : undefined;
    expect(Object.getPrototypeOf(hashes)).toBe(Object.prototype);
    expect(Object.hasOwn(hashes ?? {}, '__proto__')).toBe(true);
    expect(hashes?.['sha256']).toBe('02');
  });

  it.each([
    ['not JSON', '{"meta":', 'not valid JSON'],
    ['an array', '[]', 'the page must be an object'],
    ['no meta', '{"name":"x","files":[]}', 'meta must be an object'],
    ['a numeric api-version', '{"meta":{"api-version":1},"name":"x","files":[]}', 'meta.api-version'],
    ['major version 2', '{"meta":{"api-version":"2.0"},"name":"x","files":[]}', 'only 1.x'],
    ['no files', '{"meta":{"api-version":"1.0"},"name":"x"}', 'files must be an array'],
    ['a file that is a string', '{"meta":{"api-version":"1.0"},"name":"x","files":["f"]}', 'files[0] must be an object'],
    ['a numeric hash', '{"meta":{"api-version":"1.0"},"name":"x","files":[{"filename":"f","url":"u","hashes":{"sha256":1}}]}', 'files[0].hashes'],
    ['a negative size', '{"meta":{"api-version":"1.0"},"name":"x","files":[{"filename":"f","url":"u","hashes":{},"size":-1}]}', 'files[0].size'],
    ['a numeric yanked', '{"meta":{"api-version":"1.0"},"name":"x","files":[{"filename":"f","url":"u","hashes":{},"yanked":1}]}', 'files[0].yanked'],
    ['versions of numbers', '{"meta":{"api-version":"1.1"},"name":"x","versions":[1],"files":[]}', 'versions must be'],
    ['an empty name', '{"meta":{"api-version":"1.0"},"name":"","files":[]}', 'name must be'],
  ])('refuses %s with a reason', (_label, text, reason) => {
    const result = parseSimpleJson(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(reason);
  });

  it('refuses hostile input without throwing', () => {
    for (const text of ['', '\u0000', 'null', '"x"', '{'.repeat(100_000), `{"name":"${'x'.repeat(1_000_000)}"}`]) {
      expect(parseSimpleJson(text).ok).toBe(false);
    }
  });
});
