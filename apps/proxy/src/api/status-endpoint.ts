import type { CacheStats } from '@palisade/cache';
import type { RequestLogStats } from '@palisade/request-log';
import { databaseAgeSeconds, databaseCommit } from '../database-freshness.ts';
import type { DatabasePolicy } from '../database-policy.ts';
import type { UpstreamStatus } from '../upstream-health.ts';
import { apiJson } from './api-response.ts';

/** What `GET /api/status` reads. */
export interface StatusSources {
  readonly policy: DatabasePolicy;
  /** The shared cache's figures, repeated answers counted as hits. */
  readonly cache: () => CacheStats;
  readonly upstreams: () => readonly UpstreamStatus[];
  /** The request log's figures; undefined while it is off. */
  readonly requestLog: (() => RequestLogStats) | undefined;
  readonly now: () => number;
}

function databaseSection(policy: DatabasePolicy, nowMs: number) {
  const header = policy.database?.header;
  if (header === undefined) return null;
  const commit = databaseCommit(header);
  const stale = policy.staleness;
  return {
    ...(commit !== undefined && { commit }),
    builtAt: header.builtAt,
    ageSeconds: databaseAgeSeconds(header, nowMs) ?? null,
    stale: stale !== undefined,
    ...(stale !== undefined && { staleReason: stale }),
    reports: header.reports,
    ecosystems: { npm: header.counts.npm, pypi: header.counts.pypi, go: header.counts.go },
  };
}

function cacheSection(stats: CacheStats) {
  const answered = stats.hits + stats.misses + stats.staleServes;
  return {
    entries: stats.store.entries,
    bytes: stats.store.bytes,
    hits: stats.hits,
    misses: stats.misses,
    staleServes: stats.staleServes,
    hitRatio: answered === 0 ? null : Math.round((stats.hits / answered) * 10_000) / 10_000,
  };
}

/**
 * `GET /api/status`: readiness; the database in use (commit, build time, age, staleness,
 * reports, packages and wholly malicious packages per ecosystem; null while none is); the
 * cache (entries, bytes, hits, misses, stale serves, hit ratio); each upstream's state with
 * its last success and failure; and the request log's counts and its writer thread's
 * priority (null while it is off).
 */
export function statusAnswer(sources: StatusSources): Response {
  const { policy } = sources;
  const problem = policy.problem;
  const stats = sources.requestLog?.();
  return apiJson({
    status: policy.ready ? 'ready' : 'not ready',
    ...(!policy.ready && problem !== undefined && { reason: problem }),
    database: databaseSection(policy, sources.now()),
    cache: cacheSection(sources.cache()),
    upstreams: sources.upstreams(),
    requestLog: stats === undefined ? null : { recorded: stats.recorded, written: stats.written, dropped: stats.dropped, queued: stats.queued, writerPriority: stats.writerPriority },
  });
}
