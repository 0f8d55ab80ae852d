import type { MessagePort } from 'node:worker_threads';
import type { PackedRows } from './packed-rows.ts';
import type { Retention } from './retention.ts';

/** What the caller's thread asks of the writer thread; `seq` counts up from 1. */
export type SinkCommand =
  | { readonly kind: 'write'; readonly seq: number; readonly rows: PackedRows }
  | { readonly kind: 'prune'; readonly seq: number; readonly retention: Retention; readonly now: number }
  | { readonly kind: 'close'; readonly seq: number };

/** What the writer thread tells: first its thread id (on Linux), then, in order, what it did before it marks a command done. */
export type SinkReport =
  | { readonly kind: 'written'; readonly rows: number }
  | { readonly kind: 'failed'; readonly rows: number; readonly error: string }
  | { readonly kind: 'pruned'; readonly seq: number; readonly deleted: number }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'thread'; readonly tid: number };

/** What the writer thread starts with. */
export interface SinkWorkerData {
  readonly path: string;
  /** An `Int32Array` over it: `[DONE]` the last command done, `[STOPPED]` 1 once the thread ends. */
  readonly signal: SharedArrayBuffer;
  readonly commands: MessagePort;
  readonly reports: MessagePort;
}

export const DONE = 0;
export const STOPPED = 1;
export const SIGNAL_BYTES = 8;

/** Rows written in one transaction at most when the writer thread joins batches that wait. */
export const MOST_ROWS_PER_TRANSACTION = 10_000;

/** An error as one line for a report. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
