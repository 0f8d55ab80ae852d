import type { CacheStats } from '@palisade/cache';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Reads one figure of a cache's statistics. */
type Figure = (stats: CacheStats) => number;

const COUNTERS: readonly (readonly [name: string, help: string, figure: Figure])[] = [
  ['palisade_cache_hits_total', 'Requests answered from a fresh cache entry.', (stats) => stats.hits],
  ['palisade_cache_misses_total', 'Requests fetched from the upstream registry because no usable entry was cached.', (stats) => stats.misses],
  ['palisade_cache_stale_serves_total', 'Requests answered with a stale entry because the upstream registry failed.', (stats) => stats.staleServes],
  ['palisade_cache_integrity_failures_total', 'Cached entries whose body did not match its SHA-256 on read (discarded).', (stats) => stats.store.integrityFailures],
  ['palisade_cache_evictions_total', 'Entries evicted to keep the cache within its size bound.', (stats) => stats.store.evictions],
];

const GAUGES: readonly (readonly [name: string, help: string, figure: Figure])[] = [
  ['palisade_cache_bytes', 'Bytes of cached bodies.', (stats) => stats.store.bytes],
  ['palisade_cache_entries', 'Cached entries.', (stats) => stats.store.entries],
];

/**
 * The cache metrics on `registry`, labelled `cache` with the name each cache was
 * registered under. Values are read from the caches' own statistics at scrape time: the
 * counters are reset and set to each cache's running totals, so they are exactly what the
 * cache counted. Returns the function that registers a cache; registering a name again
 * replaces the earlier source.
 */
export function createCacheMetrics(registry: Registry): (label: string, stats: () => CacheStats) => void {
  const sources = new Map<string, () => CacheStats>();
  for (const [name, help, figure] of COUNTERS) {
    new Counter({
      name,
      help,
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [cache, stats] of sources) this.inc({ cache }, figure(stats()));
      },
    });
  }
  for (const [name, help, figure] of GAUGES) {
    new Gauge({
      name,
      help,
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [cache, stats] of sources) this.set({ cache }, figure(stats()));
      },
    });
  }
  return (label, stats) => {
    sources.set(label, stats);
  };
}
