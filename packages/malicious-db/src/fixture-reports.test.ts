import { decide, packageRef, type Ecosystem } from '@palisade/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MaliciousPackageIndex } from './malicious-package-index.ts';
import { maliciousPackageRule } from './malicious-package-rule.ts';
import { parseReportFile } from './parse-report.ts';
import { readReportDirectory, type DirectoryIndex } from './read-report-directory.ts';
import { FIXTURE_ROOT, readFixture, readManifest } from './testing/fixtures.ts';

// Every class of report in the shared fixture of real OpenSSF reports.

const manifest = readManifest();
let build: DirectoryIndex;
let index: MaliciousPackageIndex;

beforeAll(async () => {
  const result = await readReportDirectory(FIXTURE_ROOT);
  if (!result.ok) throw new Error(result.error);
  build = result.value;
  index = build.index;
});

function blocks(ecosystem: Ecosystem, name: string, version?: string): string[] {
  const ref = packageRef(ecosystem, name, version);
  if (!ref.ok) throw new Error(ref.error);
  const decision = decide(ref.value, { mode: 'enforce', rules: [maliciousPackageRule(index)] });
  return decision.outcome === 'deny' ? decision.reasons.map((reason) => reason.id) : [];
}

describe('the shared fixture of real reports', () => {
  it('lists 435 report files, and every one parses or is set aside with a stated reason', () => {
    const reports = manifest.filter((row) => row.path.endsWith('.json'));
    expect(reports).toHaveLength(435);
    for (const { path } of reports) {
      const result = parseReportFile(readFixture(path), path);
      if (result.status === 'rejected' || result.status === 'skipped') expect(result.reason).toMatch(/\S/);
      expect(['accepted', 'withdrawn', 'skipped', 'rejected']).toContain(result.status);
    }
  });

  it('indexes 200 npm, 148 PyPI and 20 Go reports; 59 withdrawn and 8 of other ecosystems stay out', () => {
    expect(build.excluded).toEqual({ withdrawn: 59, skipped: 8, rejected: 0 });
    const counts = index.counts();
    expect([counts.npm.reports, counts.pypi.reports, counts.go.reports]).toEqual([200, 148, 20]);
    expect(counts.reports).toBe(368);
    expect(build.problems).toEqual([]);
  });

  it.each(manifest.filter((row) => /other ecosystem/.test(row.why)).map((row) => [row.path]))('skips %s', (path) => {
    const result = parseReportFile(readFixture(path), path);
    expect(result.status).toBe('skipped');
    if (result.status === 'skipped') expect(result.reason).toMatch(/another ecosystem/);
  });

  it.each(manifest.filter((row) => row.path.startsWith('osv/withdrawn/') && row.path.endsWith('.json')).map((row) => [row.path]))(
    'never blocks on withdrawn %s',
    (path) => {
      const result = parseReportFile(readFixture(path), path);
      expect(result.status).toBe('withdrawn');
      if (result.status === 'withdrawn') expect(index.get(result.id)).toBeUndefined();
    },
  );
});

describe('matching real reports', () => {
  it('versions lists: listed versions only', () => {
    // @arene-warp/core lists 1.0.0, 1.0.1, 1.0.2, 3.7.4, 3.7.5
    expect(blocks('npm', '@arene-warp/core', '3.7.4')).toEqual(['MAL-2024-7067']);
    expect(blocks('npm', '@arene-warp/core', '1.0.0')).toEqual(['MAL-2024-7067']);
    expect(blocks('npm', '@arene-warp/core', '3.7.6')).toEqual([]);
    expect(blocks('npm', '@arene-warp/core', '2.0.0')).toEqual([]);
    expect(blocks('npm', '@arene-warp/core')).toEqual([]);
    expect(index.isWhollyMalicious('npm', '@arene-warp/core')).toBe(false);
  });

  it('all-version ranges: every version, and the package as a whole', () => {
    expect(blocks('go', 'github.com/boltdb-go/bolt')).toEqual(['MAL-2025-2545']);
    expect(blocks('go', 'github.com/boltdb-go/bolt', 'v1.3.1')).toEqual(['MAL-2025-2545']);
    expect(blocks('pypi', '0x000testqwe', '0.0.1.dev0')).toHaveLength(1);
    expect(index.isWhollyMalicious('npm', '@ctrl/tinycolor')).toBe(true);
  });

  it('bounded ranges: fixed excludes its version, last_affected includes its version', () => {
    expect(blocks('npm', 'fsevents', '0.3.8')).toEqual([]);
    expect(blocks('npm', 'fsevents', '1.0.0')).toEqual(['MAL-2023-462']);
    expect(blocks('npm', 'fsevents', '1.2.10')).toEqual(['MAL-2023-462']);
    expect(blocks('npm', 'fsevents', '1.2.11')).toEqual([]);
    expect(blocks('npm', 'fsevents', '2.3.3')).toEqual([]);
    expect(blocks('npm', 'fsevents')).toEqual([]);
    expect(blocks('npm', '@solana/web3.js', '1.95.5')).toEqual([]);
    expect(blocks('npm', '@solana/web3.js', '1.95.6')).toEqual(['MAL-2024-11183']);
    expect(blocks('npm', '@solana/web3.js', '1.95.7')).toEqual(['MAL-2024-11183']);
    expect(blocks('npm', '@solana/web3.js', '1.95.8')).toEqual([]);
    expect(blocks('npm', '@ledgerhq/connect-kit', '1.1.4')).toEqual([]);
    expect(blocks('npm', '@ledgerhq/connect-kit', '1.1.7')).toEqual(['MAL-2023-8697']);
    expect(blocks('npm', '@ledgerhq/connect-kit', '1.1.8')).toEqual([]);
    expect(blocks('npm', '@personio-internal/split-sdk-provider', '0.0.1')).toEqual(['MAL-2022-499']);
    expect(blocks('npm', '@personio-internal/split-sdk-provider', '1.23.0')).toEqual(['MAL-2022-499']);
    expect(blocks('npm', '@personio-internal/split-sdk-provider', '1.23.1')).toEqual([]);
  });

  it('open ranges from a non-zero version (dependency-confusion squats at 99.9.0)', () => {
    expect(blocks('npm', '@galaxy-nft/frontend', '99.9.0')).toEqual(['MAL-2025-4541']);
    expect(blocks('npm', '@galaxy-nft/frontend', '100.0.0')).toEqual(['MAL-2025-4541']);
    expect(blocks('npm', '@galaxy-nft/frontend', '1.4.2')).toEqual([]);
    expect(blocks('npm', '@galaxy-nft/frontend')).toEqual([]);
  });

  it('a report with an all-versions range beside a bounded one blocks everything', () => {
    expect(blocks('npm', '@ctrl/tinycolor', '4.1.0')).toEqual(['MAL-2025-47141']);
    expect(blocks('npm', '@ctrl/tinycolor', '4.1.2')).toEqual(['MAL-2025-47141']);
    expect(blocks('npm', '@ctrl/tinycolor', '3.0.0')).toEqual(['MAL-2025-47141']);
  });

  it('ranges introduced at "0" and at "0.0.0": every version, pre-releases of 0.0.0 included', () => {
    expect(blocks('npm', '@skip-partner/i18n')).toEqual(['MAL-2025-3867']);
    expect(blocks('npm', '@skip-partner/i18n', '0.0.0-alpha')).toEqual(['MAL-2025-3867']);
  });

  it('scoped npm names, and package folders whose names end in .json', () => {
    expect(blocks('npm', '@xivart/tangram', '8.817.1')).toEqual(['MAL-2023-72']);
    expect(blocks('npm', '@xivart/tangram', '1.2.0-3e1')).toEqual(['MAL-2023-72']);
    expect(blocks('npm', '@xivart/tangram', '1.2.0')).toEqual([]);
    expect(blocks('npm', '@Xivart/tangram', '8.817.1')).toEqual([]);
    expect(blocks('npm', 'pattern.json', '4.12.7')).toEqual(['MAL-2024-2845']);
    expect(index.names('npm', 'shubholic-test.json')).toBe(true);
  });

  it('PyPI names are matched normalised, whatever spelling the report or the client uses', () => {
    expect(index.names('pypi', 'costrar')).toBe(true);
    expect(index.names('pypi', 'Costrar')).toBe(false);
    expect(blocks('pypi', 'Costrar', '8.0')).toEqual(['MAL-2024-1545']);
    expect(blocks('pypi', 'COSTRAR', '8.0.0')).toEqual(['MAL-2024-1545']);
    expect(blocks('pypi', 'nasrtox', '8.0')).toEqual(['MAL-2024-1546']);
    expect(blocks('pypi', 'costrar', '7.0')).toEqual([]);
    expect(blocks('pypi', '3m_promo.link-GEN', '1.0.0')).toEqual(['MAL-2024-4726']);
    expect(blocks('pypi', 'Aliababcloud_Tea.OpenAPI')).toEqual(['MAL-2023-8351']);
    expect(blocks('pypi', 'artifact.lab.3.package.0c8bce1c', '1.0.1')).toEqual(['MAL-2024-11526']);
  });

  it('Go module paths keep their case: the mixed-case path blocks, another case does not', () => {
    expect(blocks('go', 'github.com/BufferZoneCorp/config-loader', 'v0.1.0')).toEqual(['MAL-2026-3620']);
    expect(blocks('go', 'github.com/bufferzonecorp/config-loader', 'v0.1.0')).toEqual([]);
  });

  it('a pending report with an empty id is indexed under its file name', () => {
    expect(blocks('pypi', '0x000testqwe')).toEqual(['MAL-0000-kam193-4c1f4407cfafbdc3']);
  });
});
