import { Gauge, type Registry } from 'prom-client';

/** What the metrics say about the malicious-package database in use. */
export interface DatabaseInfo {
  /** Reports per ecosystem (`npm`, `pypi`, `go`). */
  readonly reportsByEcosystem: Readonly<Record<string, number>>;
  /** When the database was built (its newest data), in milliseconds since the epoch. */
  readonly builtAt: number;
  /** The source commit the database reflects, when its snapshot names one. */
  readonly commit?: string;
  /** Whether it is older than the configured maximum age. */
  readonly stale?: boolean;
}

/**
 * The database gauges on `registry`: `palisade_database_loaded` (0 or 1),
 * `palisade_database_reports` per ecosystem, `palisade_database_age_seconds` computed at
 * each scrape from `now`, `palisade_database_stale` (0 or 1) and
 * `palisade_database_info{commit}` (1); all but the first are absent while no database is
 * loaded. Returns the setter.
 */
export function createDatabaseMetrics(registry: Registry, now: () => number): (info: DatabaseInfo | undefined) => void {
  let database: DatabaseInfo | undefined;
  new Gauge({
    name: 'palisade_database_loaded',
    help: 'Whether a malicious-package database is loaded (1) or not (0).',
    registers: [registry],
    collect() {
      this.set(database === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'palisade_database_reports',
    help: 'Malicious-package reports in the loaded database, per ecosystem.',
    labelNames: ['ecosystem'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [ecosystem, reports] of Object.entries(database?.reportsByEcosystem ?? {})) this.set({ ecosystem }, reports);
    },
  });
  new Gauge({
    name: 'palisade_database_age_seconds',
    help: 'Seconds since the loaded malicious-package database was built.',
    registers: [registry],
    collect() {
      if (database === undefined) this.remove();
      else this.set((now() - database.builtAt) / 1000);
    },
  });
  new Gauge({
    name: 'palisade_database_stale',
    help: 'Whether the loaded malicious-package database is older than the configured maximum age (1) or not (0).',
    registers: [registry],
    collect() {
      if (database === undefined) this.remove();
      else this.set(database.stale === true ? 1 : 0);
    },
  });
  new Gauge({
    name: 'palisade_database_info',
    help: 'The loaded malicious-package database, labelled with the source commit it reflects (empty when unknown).',
    labelNames: ['commit'],
    registers: [registry],
    collect() {
      this.reset();
      if (database !== undefined) this.set({ commit: database.commit ?? '' }, 1);
    },
  });
  return (info) => {
    database = info;
  };
}
