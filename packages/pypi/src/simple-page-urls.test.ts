import { describe, expect, it } from 'vitest';
import type { SimplePage } from './simple-page.ts';
import { rewriteFileUrls } from './simple-page-urls.ts';

const SHA = 'd'.repeat(64);
const PAGE: SimplePage = {
  name: 'demo',
  meta: { apiVersion: '1.1' },
  versions: ['1.0'],
  files: [
    { filename: 'demo-1.0.tar.gz', url: 'https://files.pythonhosted.org/packages/ab/demo-1.0.tar.gz', hashes: { sha256: SHA }, yanked: 'why', coreMetadata: { sha256: SHA }, size: 3 },
    { filename: 'demo-1.0-py3-none-any.whl', url: 'https://FILES.pythonhosted.org/packages/cd/demo-1.0-py3-none-any.whl', hashes: {} },
    { filename: 'demo-1.0.zip', url: 'https://index.example:8443/files/demo-1.0.zip', hashes: {} },
    { filename: 'a.tar.gz', url: 'https://attacker.example/a.tar.gz', hashes: {} },
    { filename: 'b.tar.gz', url: 'http://files.pythonhosted.org:22/b.tar.gz', hashes: {} },
    { filename: 'c.tar.gz', url: 'file:///etc/passwd', hashes: {} },
    { filename: 'd.tar.gz', url: '../relative/d.tar.gz', hashes: {} },
    { filename: 'e.tar.gz', url: 'ftp://files.pythonhosted.org/e.tar.gz', hashes: {} },
  ],
};

describe('rewriteFileUrls', () => {
  const result = rewriteFileUrls(PAGE, {
    allowedHosts: ['files.pythonhosted.org', 'index.example:8443'],
    fileUrl: (upstream) => `/pypi/files/${upstream.host}${upstream.pathname}`,
  });

  it('points allowed files at Palisade, keeping hashes and every other key', () => {
    expect(result.page).toEqual({
      ...PAGE,
      files: [
        { ...PAGE.files[0], url: '/pypi/files/files.pythonhosted.org/packages/ab/demo-1.0.tar.gz' },
        { ...PAGE.files[1], url: '/pypi/files/files.pythonhosted.org/packages/cd/demo-1.0-py3-none-any.whl' },
        { ...PAGE.files[2], url: '/pypi/files/index.example:8443/files/demo-1.0.zip' },
      ],
    });
  });

  it('drops files on other hosts, other ports, other schemes and relative URLs', () => {
    expect(result.dropped).toEqual(['a.tar.gz', 'b.tar.gz', 'c.tar.gz', 'd.tar.gz', 'e.tar.gz']);
  });
});
