import type { Ecosystem, Result } from '@palisade/core';
import { alertStore, type AlertFilter, type AlertInput, type AlertPage, type StoredAlert } from './alerts.ts';
import { openDatabase } from './database.ts';
import { requestQuery, type RequestFilter } from './request-query.ts';
import { mainThreadSink } from './request-sink.ts';
import { BATCHES_IN_FLIGHT, RequestWriter, type RequestLogStats } from './request-writer.ts';
import { DEFAULT_RETENTION, type Retention } from './retention.ts';
import type { Fetch, RequestLogEntry, RequestPage } from './types.ts';
import { fetchLookup } from './who-fetched.ts';
import { workerSink } from './worker-sink.ts';
import { chrtThreadPolicy, processMayLeaveIdle, WriterPriority } from './writer-priority.ts';

export interface RequestLogOptions {
  /** The SQLite file (its folder is made if missing); `:memory:` for a log that is not kept. */
  readonly path: string;
  /** Now, in ms since the epoch (default `Date.now`): request times and retention by age. */
  readonly clock?: () => number;
  /** What is kept (default: 30 days, 1,000,000 requests). */
  readonly retention?: Retention;
  /** How long a recorded request waits at most before it is handed to be written (default 1000 ms). */
  readonly flushIntervalMs?: number;
  /** Requests per batch (default 1000). */
  readonly maxBatch?: number;
  /** Requests waiting at most; past that the oldest are dropped and counted (default 100,000). */
  readonly maxQueued?: number;
  /**
   * How often retention runs after batches (default every 1,000 ms by `clock`): a log at its
   * row limit then deletes about a second of requests at a time, as many as it writes,
   * instead of a minute's in one burst that takes the writer thread's core for seconds.
   */
  readonly pruneIntervalMs?: number;
  /**
   * Where SQLite writes requests: on a `worker` thread with its own connection (the
   * default for a file), or on the `main-thread`, on the turns after records (always for
   * `:memory:`).
   */
  readonly writeOn?: 'worker' | 'main-thread';
  /**
   * Whether the writer thread runs at idle CPU priority (Linux `SCHED_IDLE`, set with
   * `chrt`) while it keeps up, so that writing the log never takes a core from the event
   * loop or from other programs on the machine; it is raised to normal when as many batches
   * wait for it as may (four; later ones wait in the queue), when requests handed to it
   * wait a second, or before the caller waits for it or records an alert (whose write
   * waits for the thread's transaction), and lowered again once it has caught up and ten
   * seconds have passed. Only where the process may raise it again (CAP_SYS_NICE, or an
   * `RLIMIT_NICE` of 20 or more); elsewhere it stays at normal. Default true.
   */
  readonly idleWriter?: boolean;
  /** Told of every write that failed and every entry refused (default: a process warning). */
  readonly onError?: (error: unknown) => void;
}

/** The proxy's request log and alert store. */
export interface RequestLog {
  /** Queues a request to be written: O(1), never throws, never touches SQLite on the caller's stack. */
  record(entry: RequestLogEntry): void;
  /** Writes everything queued now, and returns once it is written. */
  flush(): void;
  /**
   * Logged requests newest first, or a failure for a bad filter or cursor. Requests still
   * queued (up to `flushIntervalMs` old) are not listed yet: waiting for them would hold
   * up the event loop the proxy serves on.
   */
  query(filter?: RequestFilter): Result<RequestPage>;
  /**
   * Served artifact requests for `versions` of a package, oldest first, at most `limit`
   * (default 10,000). Writes the queue first and waits for it, so no fetch just made is missed.
   */
  whoFetched(ecosystem: Ecosystem, name: string, versions: readonly string[], limit?: number): Fetch[];
  /** Applies retention now, to the end; returns the requests deleted. */
  prune(): number;
  recordAlert(alert: AlertInput): StoredAlert;
  /** Alerts newest first, or a failure for a bad limit or cursor. */
  listAlerts(filter?: AlertFilter): Result<AlertPage>;
  stats(): RequestLogStats;
  /** Writes what is queued and closes the file; later records are dropped. Idempotent. */
  close(): void;
}

/** Opens the request log at `options.path`; throws an Error naming the path if the file cannot be used. */
export function openRequestLog(options: RequestLogOptions): RequestLog {
  const { path } = options;
  const clock = options.clock ?? Date.now;
  const retention = options.retention ?? DEFAULT_RETENTION;
  const pruneIntervalMs = positive(options.pruneIntervalMs ?? 1000, 'pruneIntervalMs');
  positive(retention.days, 'retention.days');
  positive(retention.rows, 'retention.rows', true);
  const onError = options.onError ?? ((error: unknown) => process.emitWarning(`request log ${path}: ${error instanceof Error ? error.message : String(error)}`));
  const writerSettings = {
    flushIntervalMs: positive(options.flushIntervalMs ?? 1000, 'flushIntervalMs'),
    maxBatch: positive(options.maxBatch ?? 1000, 'maxBatch', true),
    maxQueued: positive(options.maxQueued ?? 100_000, 'maxQueued', true),
  };
  const inMemory = path === ':memory:' || path === '';
  const database = openDatabase(path);
  let lastPrune = Number.NEGATIVE_INFINITY;
  const writer = new RequestWriter({
    clock, onError, ...writerSettings,
    openSink: (events) => (inMemory || options.writeOn === 'main-thread' ? mainThreadSink(database, events) : workerSink(path, database, events, writerPriority(options, writerSettings.maxBatch, onError))),
    afterTimedBatch: () => {
      const now = clock();
      if (now - lastPrune < pruneIntervalMs) return;
      lastPrune = now;
      writer.sink.pruneInBackground(retention, now);
    },
  });
  const alerts = alertStore(database, clock);
  const query = requestQuery(database);
  const lookup = fetchLookup(database);
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error(`the request log ${path} is closed`);
  };

  return {
    record: (entry) => writer.record(entry),
    flush: () => (open(), writer.flush()),
    query: (filter = {}) => (open(), query(filter)),
    whoFetched: (ecosystem, name, versions, limit) => (open(), writer.flush(), lookup(ecosystem, name, versions, limit)),
    prune: () => {
      open();
      lastPrune = clock();
      return writer.sink.prune(retention, lastPrune);
    },
    recordAlert: (alert) => (open(), writer.sink.raise(), alerts.record(alert)),
    listAlerts: (filter) => (open(), alerts.list(filter)),
    stats: () => writer.stats,
    close: () => {
      if (closed) return;
      writer.stop();
      writer.flush();
      writer.sink.close();
      closed = true;
      database.close();
    },
  };
}

function positive(value: number, name: string, whole = false): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (whole && !Number.isSafeInteger(value))) {
    throw new RangeError(`the request log's ${name} must be a positive ${whole ? 'whole ' : ''}number, not ${String(value)}`);
  }
  return value;
}

/** The least time the writer thread stays at normal priority once raised. */
const LOWER_AFTER_MS = 10_000;
/** How long requests handed to an idle writer thread may wait before it is raised. */
const RAISE_AFTER_MS = 1000;

function writerPriority(options: RequestLogOptions, maxBatch: number, onError: (error: unknown) => void): WriterPriority | undefined {
  if (options.idleWriter === false) return undefined;
  return new WriterPriority({ setPolicy: chrtThreadPolicy, mayLeaveIdle: processMayLeaveIdle(), raiseAtRows: BATCHES_IN_FLIGHT * maxBatch, raiseAfterMs: RAISE_AFTER_MS, lowerAfterMs: LOWER_AFTER_MS, clock: () => performance.now(), onError });
}
