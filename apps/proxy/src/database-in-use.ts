import type { Cache } from '@palisade/cache';
import type { MaliciousPackageIndex, SnapshotHeader } from '@palisade/malicious-db';
import type { LoadedDatabase } from './database.ts';
import { builtAtMs, databaseAgeSeconds, databaseCommit, staleReason } from './database-freshness.ts';
import type { DatabasePolicy } from './database-policy.ts';
import type { ProxyMetrics } from './metrics/proxy-metrics.ts';
import { newlyFlaggedPackages, type FlaggedPackage } from './newly-flagged.ts';
import { errorText } from './error-text.ts';

export interface DatabaseInUseWiring {
  readonly policy: DatabasePolicy;
  readonly cache: Pick<Cache, 'purgePackage'>;
  readonly metrics: Pick<ProxyMetrics, 'setDatabase'>;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Age in seconds past which the database is stale. */
  readonly maxAgeSeconds: number;
  /**
   * Told of every replacement once its cache purge is done and logged (retroactive alerts
   * are raised here). A failure is logged as `after-swap-failed`; the swap stands.
   */
  readonly afterSwap?: ((change: { before: MaliciousPackageIndex | undefined; after: MaliciousPackageIndex; newlyFlagged: readonly FlaggedPackage[] }) => Promise<unknown>) | undefined;
}

/** What replacing the database did. */
export interface SwapSummary {
  readonly newlyFlagged: readonly FlaggedPackage[];
  /** Cache entries removed for those packages. */
  readonly purgedEntries: number;
}

/** Packages purged at once; the disk store removes a folder per package. */
const PURGE_CONCURRENCY = 8;
/** Packages named in the swap's log line; the count covers the rest. */
const LOGGED_PACKAGES = 20;

const packageLabel = (flagged: FlaggedPackage) => `${flagged.ecosystem}/${flagged.name}`;

/**
 * The database the running proxy decides with: putting one in use (at start, or in place
 * of another without a restart), purging the cache of packages the new one flags, and
 * telling policy, metrics and log when it grows stale.
 */
export class DatabaseInUse {
  readonly #wiring: DatabaseInUseWiring;
  #staleLogged = false;

  constructor(wiring: DatabaseInUseWiring) {
    this.#wiring = wiring;
  }

  /** Whether `header` describes the very build in use (same contents, build time and commit). */
  isCurrent(header: SnapshotHeader): boolean {
    const current = this.#wiring.policy.database?.header;
    return current !== undefined && current.bodySha256 === header.bodySha256 && current.builtAt === header.builtAt && databaseCommit(current) === databaseCommit(header);
  }

  /** Puts the first database in use (nothing to purge: no earlier one was). */
  install(database: LoadedDatabase): void {
    this.#put(database);
  }

  /**
   * Puts `database` in place of the one in use at once (requests under way keep the view
   * they read), then purges from the cache every package it flags anew, and logs one line.
   */
  async replace(database: LoadedDatabase): Promise<SwapSummary> {
    const before = this.#wiring.policy.database;
    this.#put(database);
    const newlyFlagged = await newlyFlaggedPackages(before?.index, database.index);
    const { removed, failures } = await this.#purge(newlyFlagged);
    const { header } = database;
    const commit = databaseCommit(header);
    this.#wiring.log('database-swapped', {
      reports: header.reports,
      builtAt: header.builtAt,
      ...(commit !== undefined && { commit }),
      newlyFlagged: newlyFlagged.length,
      packages: newlyFlagged.slice(0, LOGGED_PACKAGES).map(packageLabel),
      purgedEntries: removed,
      ...(failures.length > 0 && { purgeFailures: failures }),
    });
    await this.#wiring.afterSwap?.({ before: before?.index, after: database.index, newlyFlagged }).catch((error: unknown) => {
      this.#wiring.log('after-swap-failed', { problem: errorText(error) });
    });
    return { newlyFlagged, purgedEntries: removed };
  }

  /** Checks the age of the database in use against the limit; logs a warning once each time it crosses it. */
  refreshStaleness(): void {
    const database = this.#wiring.policy.database;
    if (!database) return;
    const stale = staleReason(database.header, this.#wiring.now(), this.#wiring.maxAgeSeconds);
    this.#wiring.policy.markStale(stale);
    this.#publish(database, stale !== undefined);
    this.#logCrossing(database.header, stale);
  }

  #put(database: LoadedDatabase): void {
    const stale = staleReason(database.header, this.#wiring.now(), this.#wiring.maxAgeSeconds);
    this.#wiring.policy.use(database, stale);
    this.#publish(database, stale !== undefined);
    this.#logCrossing(database.header, stale);
  }

  #publish(database: LoadedDatabase, stale: boolean): void {
    const { header } = database;
    const { counts } = header;
    const commit = databaseCommit(header);
    this.#wiring.metrics.setDatabase({
      reportsByEcosystem: { npm: counts.npm.reports, pypi: counts.pypi.reports, go: counts.go.reports },
      builtAt: builtAtMs(header) ?? Number.NaN,
      ...(commit !== undefined && { commit }),
      stale,
    });
  }

  #logCrossing(header: SnapshotHeader, stale: string | undefined): void {
    if ((stale !== undefined) === this.#staleLogged) return;
    this.#staleLogged = stale !== undefined;
    const ageSeconds = databaseAgeSeconds(header, this.#wiring.now());
    if (stale !== undefined) this.#wiring.log('database-stale', { builtAt: header.builtAt, ageSeconds, maxAgeSeconds: this.#wiring.maxAgeSeconds, refusing: this.#wiring.policy.problem !== undefined, problem: stale });
    else this.#wiring.log('database-current', { builtAt: header.builtAt, ageSeconds, maxAgeSeconds: this.#wiring.maxAgeSeconds });
  }

  async #purge(packages: readonly FlaggedPackage[]): Promise<{ removed: number; failures: string[] }> {
    let removed = 0;
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let flagged = packages[next++]; flagged !== undefined; flagged = packages[next++]) {
        try {
          removed += await this.#wiring.cache.purgePackage(flagged.ecosystem, flagged.name);
        } catch (error) {
          failures.push(`${packageLabel(flagged)}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PURGE_CONCURRENCY, packages.length) }, worker));
    return { removed, failures };
  }
}
