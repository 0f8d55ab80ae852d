import type { CacheStats } from '@palisade/cache';
import { describe, expect, it } from 'vitest';
import { createProxyMetrics } from './proxy-metrics.ts';
import { parseExposition, sampleValue } from './testing/exposition.ts';

const scrape = async (metrics: ReturnType<typeof createProxyMetrics>) => parseExposition(await metrics.metricsText());

function cacheStats(counts: { hits: number; misses: number; staleServes: number; integrityFailures: number; evictions: number; entries: number; bytes: number }): CacheStats {
  const { integrityFailures, evictions, entries, bytes, ...cache } = counts;
  return { ...cache, revalidations: 0, upstreamFetches: 0, coalesced: 0, store: { entries, bytes, integrityFailures, evictions, bytesWritten: 0, bytesRead: 0 } };
}

describe('createProxyMetrics', () => {
  it('exposes default process metrics with the palisade_ prefix on its own registry', async () => {
    const metrics = createProxyMetrics();
    const exposition = await scrape(metrics);
    expect(sampleValue(exposition, 'palisade_process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(exposition.samples.every((sample) => sample.name.startsWith('palisade_'))).toBe(true);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    // A second instance must not collide with the first (no global registry).
    expect(() => createProxyMetrics()).not.toThrow();
  });

  it('records request durations in buckets by ecosystem, kind, cache answer and outcome', async () => {
    const metrics = createProxyMetrics();
    metrics.observeRequest({ ecosystem: 'npm', kind: 'metadata', cache: 'HIT', outcome: 'served', durationSeconds: 0.004 });
    metrics.observeRequest({ ecosystem: 'npm', kind: 'metadata', cache: 'HIT', outcome: 'served', durationSeconds: 0.2 });
    metrics.observeRequest({ ecosystem: 'go', kind: 'artifact', cache: 'MISS', outcome: 'upstream_error', durationSeconds: 31 });
    const exposition = await scrape(metrics);
    expect(exposition.types.get('palisade_request_duration_seconds')).toBe('histogram');
    const served = { ecosystem: 'npm', kind: 'metadata', cache: 'HIT', outcome: 'served' };
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_count', served)).toBe(2);
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_sum', served)).toBeCloseTo(0.204);
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_bucket', { ...served, le: '0.001' })).toBe(0);
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_bucket', { ...served, le: '0.005' })).toBe(1);
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_bucket', { ...served, le: '0.25' })).toBe(2);
    const failed = { ecosystem: 'go', kind: 'artifact', cache: 'MISS', outcome: 'upstream_error' };
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_bucket', { ...failed, le: '30' })).toBe(0);
    expect(sampleValue(exposition, 'palisade_request_duration_seconds_bucket', { ...failed, le: '+Inf' })).toBe(1);
  });

  it('counts blocked requests per package, and only blocked ones', async () => {
    const metrics = createProxyMetrics();
    const blocked = { ecosystem: 'npm', kind: 'artifact', cache: 'BYPASS', outcome: 'blocked', durationSeconds: 0.001 } as const;
    metrics.observeRequest({ ...blocked, blockedPackage: 'evil-pkg' });
    metrics.observeRequest({ ...blocked, blockedPackage: 'evil-pkg' });
    metrics.observeRequest({ ...blocked, ecosystem: 'pypi', blockedPackage: 'bad-wheel' });
    metrics.observeRequest({ ...blocked, outcome: 'audited', blockedPackage: 'flagged' });
    const exposition = await scrape(metrics);
    expect(exposition.types.get('palisade_blocked_requests_total')).toBe('counter');
    expect(sampleValue(exposition, 'palisade_blocked_requests_total', { ecosystem: 'npm', package: 'evil-pkg' })).toBe(2);
    expect(sampleValue(exposition, 'palisade_blocked_requests_total', { ecosystem: 'pypi', package: 'bad-wheel' })).toBe(1);
    expect(exposition.samples.filter((sample) => sample.name === 'palisade_blocked_requests_total')).toHaveLength(2);
  });

  it('escapes and bounds package names in labels', async () => {
    const metrics = createProxyMetrics();
    metrics.observeRequest({ ecosystem: 'npm', kind: 'artifact', cache: 'BYPASS', outcome: 'blocked', durationSeconds: 0, blockedPackage: `a"b\\c\n${'x'.repeat(1000)}` });
    const [sample] = (await scrape(metrics)).samples.filter((s) => s.name === 'palisade_blocked_requests_total');
    expect(sample?.labels['package']).toBe(`a"b\\c\n${'x'.repeat(250)}`);
  });

  it('counts upstream responses by status class', async () => {
    const metrics = createProxyMetrics();
    for (const status of [200, 200, 304, 404, 503, 'error'] as const) metrics.observeUpstream('pypi', status);
    metrics.observeUpstream('go', 200);
    const exposition = await scrape(metrics);
    const count = (ecosystem: string, statusClass: string) => sampleValue(exposition, 'palisade_upstream_requests_total', { ecosystem, status_class: statusClass });
    expect([count('pypi', '2xx'), count('pypi', '3xx'), count('pypi', '4xx'), count('pypi', '5xx'), count('pypi', 'error'), count('go', '2xx')]).toEqual([2, 1, 1, 1, 1, 1]);
  });

  it("reads each registered cache's own counts at every scrape", async () => {
    const metrics = createProxyMetrics();
    let npm = cacheStats({ hits: 5, misses: 2, staleServes: 1, integrityFailures: 0, evictions: 3, entries: 7, bytes: 4096 });
    metrics.registerCache('npm', () => npm);
    metrics.registerCache('go', () => cacheStats({ hits: 0, misses: 1, staleServes: 0, integrityFailures: 1, evictions: 0, entries: 1, bytes: 10 }));
    let exposition = await scrape(metrics);
    expect(exposition.types.get('palisade_cache_hits_total')).toBe('counter');
    expect(exposition.types.get('palisade_cache_bytes')).toBe('gauge');
    const read = (name: string, cache: string) => sampleValue(exposition, name, { cache });
    expect(['hits', 'misses', 'stale_serves', 'integrity_failures', 'evictions'].map((name) => read(`palisade_cache_${name}_total`, 'npm'))).toEqual([5, 2, 1, 0, 3]);
    expect([read('palisade_cache_entries', 'npm'), read('palisade_cache_bytes', 'npm')]).toEqual([7, 4096]);
    expect([read('palisade_cache_misses_total', 'go'), read('palisade_cache_integrity_failures_total', 'go')]).toEqual([1, 1]);

    npm = cacheStats({ hits: 9, misses: 2, staleServes: 1, integrityFailures: 0, evictions: 4, entries: 6, bytes: 2048 });
    exposition = await scrape(metrics);
    expect([read('palisade_cache_hits_total', 'npm'), read('palisade_cache_evictions_total', 'npm'), read('palisade_cache_bytes', 'npm')]).toEqual([9, 4, 2048]);
  });

  it('replaces a cache registered again under the same label', async () => {
    const metrics = createProxyMetrics();
    metrics.registerCache('shared', () => cacheStats({ hits: 5, misses: 0, staleServes: 0, integrityFailures: 0, evictions: 0, entries: 0, bytes: 0 }));
    metrics.registerCache('shared', () => cacheStats({ hits: 1, misses: 0, staleServes: 0, integrityFailures: 0, evictions: 0, entries: 0, bytes: 0 }));
    expect(sampleValue(await scrape(metrics), 'palisade_cache_hits_total', { cache: 'shared' })).toBe(1);
  });
});

describe('database metrics', () => {
  it('report no database until one is set, then its reports and its age by the injected clock', async () => {
    let now = Date.UTC(2026, 0, 1);
    const metrics = createProxyMetrics({ now: () => now });
    let exposition = await scrape(metrics);
    expect(sampleValue(exposition, 'palisade_database_loaded')).toBe(0);
    expect(sampleValue(exposition, 'palisade_database_age_seconds')).toBeUndefined();
    expect(sampleValue(exposition, 'palisade_database_reports')).toBeUndefined();

    metrics.setDatabase({ reportsByEcosystem: { npm: 1200, pypi: 300, go: 4 }, builtAt: now - 90_000 });
    exposition = await scrape(metrics);
    expect(sampleValue(exposition, 'palisade_database_loaded')).toBe(1);
    expect(sampleValue(exposition, 'palisade_database_age_seconds')).toBe(90);
    expect([sampleValue(exposition, 'palisade_database_stale'), sampleValue(exposition, 'palisade_database_info', { commit: '' })]).toEqual([0, 1]);
    expect(['npm', 'pypi', 'go'].map((ecosystem) => sampleValue(exposition, 'palisade_database_reports', { ecosystem }))).toEqual([1200, 300, 4]);

    now += 3_600_000;
    expect(sampleValue(await scrape(metrics), 'palisade_database_age_seconds')).toBe(3690);

    metrics.setDatabase({ reportsByEcosystem: { npm: 1 }, builtAt: now, commit: 'c0ffee', stale: true });
    exposition = await scrape(metrics);
    expect(sampleValue(exposition, 'palisade_database_stale')).toBe(1);
    expect(exposition.samples.filter((sample) => sample.name === 'palisade_database_info').map((sample) => sample.labels)).toEqual([{ commit: 'c0ffee' }]);
    expect(sampleValue(exposition, 'palisade_database_age_seconds')).toBe(0);
    expect(sampleValue(exposition, 'palisade_database_reports', { ecosystem: 'pypi' })).toBeUndefined();

    metrics.setDatabase(undefined);
    exposition = await scrape(metrics);
    expect([sampleValue(exposition, 'palisade_database_loaded'), sampleValue(exposition, 'palisade_database_age_seconds')]).toEqual([0, undefined]);
    expect([sampleValue(exposition, 'palisade_database_stale'), sampleValue(exposition, 'palisade_database_info')]).toEqual([undefined, undefined]);
  });
});
