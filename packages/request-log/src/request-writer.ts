import type { SQLInputValue } from 'node:sqlite';
import type { RequestSink, SinkEvents } from './request-sink.ts';
import { requestRow } from './request-row.ts';
import type { RequestLogEntry } from './types.ts';
import type { WriterPriorityState } from './writer-priority.ts';
import { WriteQueue } from './write-queue.ts';

/** Counts since the log was opened; `recorded` = `written` + `dropped` + `queued` once settled. */
export interface RequestLogStats {
  /** Entries handed to `record`. */
  readonly recorded: number;
  /** Entries written to the file. */
  readonly written: number;
  /** Entries never written: pushed out of a full queue, refused as malformed, in a transaction that failed, or recorded after `close`. */
  readonly dropped: number;
  /** Entries waiting: in the queue, or handed to the writer thread and not yet written. */
  readonly queued: number;
  /** Transactions committed (the writer thread joins batches that wait into one). */
  readonly transactions: number;
  /** The writer thread's CPU priority: `idle` while it keeps up, `normal` while it catches up (see `RequestLogOptions.idleWriter`). */
  readonly writerPriority: WriterPriorityState;
}

export interface RequestWriterOptions {
  /** Makes the sink the batches go to, given the events it tells its work by. */
  readonly openSink: (events: SinkEvents) => RequestSink;
  readonly clock: () => number;
  readonly flushIntervalMs: number;
  readonly maxBatch: number;
  readonly maxQueued: number;
  readonly onError: (error: unknown) => void;
  /** Called after each batch the timers hand over (not after explicit flushes). */
  readonly afterTimedBatch: () => void;
}

/** Batches handed to the sink and not yet written, at most, before timed batches wait in the queue. */
export const BATCHES_IN_FLIGHT = 4;

/**
 * Takes requests on the caller's stack into a bounded in-memory queue (O(1), never
 * touching SQLite there) and hands them to the sink in batches: after `flushIntervalMs`
 * (an unref'd timer), or on the next turn of the event loop once a full batch waits,
 * one batch per turn so requests interleave.
 */
export class RequestWriter {
  readonly #options: RequestWriterOptions;
  readonly #queue: WriteQueue<{ readonly entry: RequestLogEntry; readonly time: number }>;
  readonly #sink: RequestSink;
  #recorded = 0;
  #written = 0;
  #failed = 0;
  #transactions = 0;
  #timer: NodeJS.Timeout | undefined;
  #soon: NodeJS.Immediate | undefined;
  #stopped = false;

  constructor(options: RequestWriterOptions) {
    this.#options = options;
    this.#queue = new WriteQueue(options.maxQueued);
    this.#sink = options.openSink({
      written: (rows) => {
        this.#written += rows;
        this.#transactions++;
      },
      failed: (rows, error) => {
        this.#failed += rows;
        this.#report(error);
      },
      error: (error) => this.#report(error),
    });
  }

  get sink(): RequestSink {
    return this.#sink;
  }

  /** Queues `entry`; never throws. The entry is read when its batch is handed over: do not change it after. */
  record(entry: RequestLogEntry): void {
    this.#recorded++;
    if (this.#stopped) {
      this.#failed++;
      return;
    }
    try {
      this.#queue.push({ entry, time: entry.time ?? this.#options.clock() });
      if (this.#queue.size >= this.#options.maxBatch && this.#canHandOver()) this.#scheduleSoon();
      else this.#timer ??= setTimeout(this.#timed, this.#options.flushIntervalMs).unref();
    } catch (error) {
      this.#failed++;
      this.#report(error);
    }
  }

  /** Hands everything queued over now and waits until it is written; failures go to `onError`. */
  flush(): void {
    while (this.#queue.size > 0) this.#handOverBatch();
    this.#sink.settle();
  }

  /** Cancels the timers and refuses (drops) later records; what is queued stays for a last `flush`. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearImmediate(this.#soon);
    this.#timer = undefined;
    this.#soon = undefined;
  }

  get stats(): RequestLogStats {
    const queued = this.#queue.size + this.#sink.backlog;
    return { recorded: this.#recorded, written: this.#written, dropped: this.#queue.dropped + this.#failed, queued, transactions: this.#transactions, writerPriority: this.#sink.priority };
  }

  readonly #timed = (): void => {
    this.#timer = undefined;
    this.#soon = undefined;
    if (this.#stopped) return;
    if (this.#canHandOver()) {
      this.#handOverBatch();
      this.#options.afterTimedBatch();
    }
    if (this.#queue.size >= this.#options.maxBatch && this.#canHandOver()) this.#scheduleSoon();
    else if (this.#queue.size > 0) this.#timer ??= setTimeout(this.#timed, this.#options.flushIntervalMs).unref();
  };

  /** Whether the sink keeps up: past a few batches in flight, batches wait in the queue (which drops its oldest when full). */
  #canHandOver(): boolean {
    return this.#sink.backlog < this.#options.maxBatch * BATCHES_IN_FLIGHT;
  }

  #scheduleSoon(): void {
    if (this.#soon !== undefined || this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#soon = setImmediate(this.#timed).unref();
  }

  #handOverBatch(): void {
    const rows: SQLInputValue[][] = [];
    for (const { entry, time } of this.#queue.take(this.#options.maxBatch)) {
      const row = requestRow(entry, time);
      if (row.ok) rows.push(row.value);
      else {
        this.#failed++;
        this.#report(new Error(row.error));
      }
    }
    if (rows.length > 0) this.#sink.write(rows);
  }

  #report(error: unknown): void {
    try {
      this.#options.onError(error);
    } catch {
      // A failing error handler must not take the writer down with it.
    }
  }
}
