/** How long a kind of content stays fresh; each adapter names the class of what it caches. */
export const TTL_CLASSES = ['npm-tarball', 'npm-metadata', 'go-module', 'go-list', 'pypi-file', 'pypi-index'] as const;

export type TtlClass = (typeof TTL_CLASSES)[number];

/** Freshness in seconds: artifacts are immutable and kept long, metadata changes and is kept an hour. */
export const DEFAULT_TTL_SECONDS: Readonly<Record<TtlClass, number>> = {
  'npm-tarball': 24 * 3600,
  'npm-metadata': 3600,
  'go-module': 7 * 24 * 3600,
  'go-list': 3600,
  'pypi-file': 7 * 24 * 3600,
  'pypi-index': 3600,
};

/** How long past its TTL an entry may still be served when the upstream fails. */
export const DEFAULT_MAX_STALE_SECONDS = 7 * 24 * 3600;

/**
 * `fresh`: served without asking upstream. `stale`: past its TTL; revalidated, and served
 * only when the upstream fails (stale-if-error). `expired`: past the maximum staleness too;
 * never served.
 */
export type Freshness = 'fresh' | 'stale' | 'expired';

export function freshness(storedAt: number, now: number, ttlSeconds: number, maxStaleSeconds: number): Freshness {
  const age = now - storedAt;
  if (age < ttlSeconds * 1000) return 'fresh';
  return age < (ttlSeconds + maxStaleSeconds) * 1000 ? 'stale' : 'expired';
}
