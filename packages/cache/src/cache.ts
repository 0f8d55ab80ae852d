import { PalisadeError, type Ecosystem, type Result } from '@palisade/core';
import { keyId, type CacheKey, type CacheStore, type EntryMeta, type StoreStats, type StoredEntry } from './cache-store.ts';
import { createCoalescer } from './coalesce.ts';
import { DEFAULT_MAX_STALE_SECONDS, DEFAULT_TTL_SECONDS, freshness, type TtlClass } from './ttl.ts';
import { describeKey, isUpstreamFailure, validatorsOf, type Upstream, type UpstreamAnswer } from './upstream.ts';

export interface CacheOptions {
  readonly store: CacheStore;
  /** Milliseconds since the epoch; injected so tests control time. */
  readonly now: () => number;
  /** Overrides `DEFAULT_TTL_SECONDS` per class. */
  readonly ttlSeconds?: Partial<Record<TtlClass, number>>;
  /** How long past its TTL an entry may be served when the registry fails; default `DEFAULT_MAX_STALE_SECONDS`. */
  readonly maxStaleSeconds?: number;
}

/** HIT: served from the cache (possibly after a 304). MISS: fetched now. STALE: past its TTL, served because the registry failed. */
export type CacheState = 'HIT' | 'MISS' | 'STALE';

/** What `fetch` answers: a verified entry and how it was obtained. */
export interface CacheAnswer {
  readonly entry: StoredEntry;
  readonly state: CacheState;
  /** true when an upstream 304 refreshed the entry */
  readonly revalidated: boolean;
  /**
   * Whether the same request would still be answered with this entry as a HIT: its TTL
   * has not passed and no package was purged since. Lets a caller keep what it made of the
   * entry (prepared bytes) for as long as that holds. Always false for a STALE answer.
   */
  readonly isFresh: () => boolean;
}

/**
 * What the cache counts. `hits`, `misses` and `staleServes` count answers by state (a
 * coalesced waiter counts like its leader); `revalidations` (304s applied) and
 * `upstreamFetches` (calls to an upstream, failed ones too) count rounds; `coalesced`
 * counts callers that shared another caller's round.
 */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly staleServes: number;
  readonly revalidations: number;
  readonly upstreamFetches: number;
  readonly coalesced: number;
  readonly store: StoreStats;
}

/** The layer the proxy calls for every cacheable request. */
export interface Cache {
  /**
   * The entry for `key`: from the store while fresh, else revalidated or fetched through
   * `upstream`, or the stale entry when the registry fails. Concurrent calls for one key
   * share one upstream round. Throws `PalisadeError` 502 `upstream-integrity` when the
   * body does not match its published digest (nothing is stored), 502 `upstream-protocol`
   * on a 304 to an unconditional request, 503 `cache-unavailable` when the store does not
   * keep what it was given, and what `upstream` threw when no entry may be served instead.
   */
  fetch(key: CacheKey, ttlClass: TtlClass, upstream: Upstream): Promise<CacheAnswer>;
  /** Removes every entry of a package; returns how many. */
  purgePackage(ecosystem: Ecosystem, name: string): Promise<number>;
  /** Removes every entry; returns how many. Like `purgePackage`, for every package at once. */
  purgeAll(): Promise<number>;
  stats(): CacheStats;
}

/** A cache over `options.store`: TTL classes, revalidation, stale-if-error and coalesced rounds. */
export function createCache(options: CacheOptions): Cache {
  const { store, now } = options;
  const maxStaleSeconds = options.maxStaleSeconds ?? DEFAULT_MAX_STALE_SECONDS;
  const counts: Record<Exclude<keyof CacheStats, 'store'>, number> = { hits: 0, misses: 0, staleServes: 0, revalidations: 0, upstreamFetches: 0, coalesced: 0 };
  let purges = 0;
  const freshWhile = (entry: StoredEntry, ttlSeconds: number): (() => boolean) => {
    // Only the time stored is kept: an answer's holder may outlive the entry's bytes.
    const { storedAt } = entry.meta;
    const purgesThen = purges;
    return () => purges === purgesThen && now() - storedAt < ttlSeconds * 1000;
  };
  const rounds = createCoalescer<CacheAnswer>();
  const counted = (answer: CacheAnswer): CacheAnswer => {
    counts[answer.state === 'HIT' ? 'hits' : answer.state === 'MISS' ? 'misses' : 'staleServes']++;
    return answer;
  };
  const join = async (round: Promise<CacheAnswer>): Promise<CacheAnswer> => {
    counts.coalesced++;
    return counted(await round);
  };

  async function fetchEntry(key: CacheKey, ttlClass: TtlClass, upstream: Upstream): Promise<CacheAnswer> {
    const id = keyId(key);
    const running = rounds.inFlight(id);
    if (running) return join(running);
    const held = await store.get(key);
    const ttl = options.ttlSeconds?.[ttlClass] ?? DEFAULT_TTL_SECONDS[ttlClass];
    const state = held && freshness(held.meta.storedAt, now(), ttl, maxStaleSeconds);
    if (held && state === 'fresh') return counted({ entry: held, state: 'HIT', revalidated: false, isFresh: freshWhile(held, ttl) });
    // Another caller may have started a round while this one read the store.
    const started = rounds.inFlight(id);
    if (started) return join(started);
    const call: Upstream = (validators) => {
      counts.upstreamFetches++;
      return upstream(validators);
    };
    const answer = await rounds.start(id, () =>
      upstreamRound({ store, now, key, ttlClass, call, held, servableIfFailing: state === 'stale', freshWhile: (entry) => freshWhile(entry, ttl) }),
    );
    if (answer.revalidated) counts.revalidations++;
    return counted(answer);
  }

  /**
   * Purges with `purge`. A round already under way (of the keys `matches` picks) would
   * store its entry after the purge: such rounds settle, then what they stored is purged.
   */
  async function purgeWith(matches: (id: string) => boolean, purge: () => Promise<number>): Promise<number> {
    const underWay = rounds.ids().filter(matches).map((id) => rounds.inFlight(id)?.catch(() => undefined));
    purges++;
    let removed = await purge();
    if (underWay.length > 0) {
      await Promise.all(underWay);
      removed += await purge();
    }
    return removed;
  }

  return {
    fetch: fetchEntry,
    purgePackage(ecosystem, name) {
      const prefix = keyId({ ecosystem, name, resource: '' }).slice(0, -'""]'.length);
      return purgeWith((id) => id.startsWith(prefix), () => store.purgePackage(ecosystem, name));
    },
    purgeAll: () => purgeWith(() => true, () => store.purgeAll()),
    stats: () => ({ ...counts, store: store.stats() }),
  };
}

interface Round {
  readonly store: CacheStore;
  readonly now: () => number;
  readonly key: CacheKey;
  readonly ttlClass: TtlClass;
  readonly call: Upstream;
  /** The entry in the store, stale or expired; undefined when there is none. */
  readonly held: StoredEntry | undefined;
  /** Whether `held` may be served when the registry fails (it is stale, not expired). */
  readonly servableIfFailing: boolean;
  /** `CacheAnswer.isFresh` for an entry stored or refreshed by this round. */
  readonly freshWhile: (entry: StoredEntry) => () => boolean;
}

const NEVER_FRESH = () => false;

/** One upstream round: a conditional or plain request, then a refresh or a put, then a read back. */
async function upstreamRound(round: Round): Promise<CacheAnswer> {
  const { store, key, held } = round;
  // Stale-if-error, for failures of the request and of the body as it streams in.
  const staleOrThrow = (error: unknown): CacheAnswer => {
    if (held && round.servableIfFailing && isUpstreamFailure(error)) return { entry: held, state: 'STALE', revalidated: false, isFresh: NEVER_FRESH };
    throw error;
  };
  let answer: UpstreamAnswer;
  try {
    answer = await round.call(held && validatorsOf(held.meta));
  } catch (error) {
    return staleOrThrow(error);
  }
  if (answer.kind === 'not-modified') {
    if (!held) throw new PalisadeError(502, 'upstream-protocol', `The registry answered 304 Not Modified to an unconditional request for ${describeKey(key)}`);
    const update = { storedAt: round.now(), etag: answer.etag ?? held.meta.etag, lastModified: answer.lastModified ?? held.meta.lastModified };
    const refreshed = (await store.refresh(key, update)) ? await store.get(key) : undefined;
    // The entry left the store meanwhile (evicted, purged): ask for it whole instead.
    if (!refreshed) return upstreamRound({ ...round, held: undefined, servableIfFailing: false });
    return { entry: refreshed, state: 'HIT', revalidated: true, isFresh: round.freshWhile(refreshed) };
  }
  const info = { key, contentType: answer.contentType, etag: answer.etag, lastModified: answer.lastModified, storedAt: round.now(), ttlClass: round.ttlClass };
  let stored: Result<EntryMeta>;
  try {
    stored = await store.put(info, answer.body, { expectedDigest: answer.expectedDigest });
  } catch (error) {
    return staleOrThrow(error);
  }
  if (!stored.ok) throw new PalisadeError(502, 'upstream-integrity', `The body of ${describeKey(key)} does not match the digest the registry published: ${stored.error}`);
  const entry = await store.get(key);
  if (!entry) throw new PalisadeError(503, 'cache-unavailable', `The cache could not keep ${describeKey(key)}; try again`);
  return { entry, state: 'MISS', revalidated: false, isFresh: round.freshWhile(entry) };
}
