import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { requestInserter } from './request-statements.ts';
import { pruneToEnd, RETENTION_CHUNK, retentionStep, type Retention } from './retention.ts';
import type { WriterPriorityState } from './writer-priority.ts';

/** Rows of request values, in `REQUEST_COLUMNS` order. */
export type RequestRows = readonly (readonly SQLInputValue[])[];

/** What a sink tells of its work. */
export interface SinkEvents {
  /** `rows` were written in one transaction. */
  written(rows: number): void;
  /** `rows` were not written, for `error`. */
  failed(rows: number, error: unknown): void;
  /** Something else went wrong (retention, the writer thread). */
  error(error: unknown): void;
}

/** Where the writer's batches of requests go: written on the caller's thread, or handed to a writer thread. */
export interface RequestSink {
  /** Rows handed over and not yet written or failed. */
  readonly backlog: number;
  /** The writer thread's CPU priority (`unmanaged` when there is no thread). */
  readonly priority: WriterPriorityState;
  /** Hands `rows` over; never throws. */
  write(rows: RequestRows): void;
  /** Returns once every row handed over is written or has failed, and their events are told. */
  settle(): void;
  /**
   * Raises the writer thread to normal priority now, before the caller's connection
   * writes: that write waits for the thread's transaction to end, and an idle thread on a
   * machine with no spare core may hardly run, while the caller waits on its event loop.
   */
  raise(): void;
  /** Runs retention to the end now; returns the requests deleted. */
  prune(retention: Retention, now: number): number;
  /** Runs retention soon, in short steps, unless it runs already. */
  pruneInBackground(retention: Retention, now: number): void;
  /** Settles and lets go of what the sink holds (not the caller's database). */
  close(): void;
}

/**
 * A sink that writes on this thread, on `database`: for a log in memory (which another
 * connection cannot see) and when the writer thread is not there. Background retention
 * takes one chunk per turn of the event loop.
 */
export function mainThreadSink(database: DatabaseSync, events: SinkEvents): RequestSink {
  const insert = requestInserter(database);
  const step = retentionStep(database);
  let pruning = false;
  return {
    backlog: 0,
    priority: 'unmanaged',
    write(rows) {
      try {
        insert(rows);
        events.written(rows.length);
      } catch (error) {
        events.failed(rows.length, error);
      }
    },
    settle() {},
    raise() {},
    prune: (retention, now) => pruneToEnd(step, retention, now),
    pruneInBackground(retention, now) {
      if (pruning) return;
      pruning = true;
      const next = (): void => {
        try {
          if (database.isOpen && step(retention, now, RETENTION_CHUNK) === RETENTION_CHUNK) setImmediate(next).unref();
          else pruning = false;
        } catch (error) {
          pruning = false;
          events.error(error);
        }
      };
      setImmediate(next).unref();
    },
    close() {},
  };
}
