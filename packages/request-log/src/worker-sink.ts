import type { DatabaseSync } from 'node:sqlite';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { rowPacker } from './packed-rows.ts';
import { mainThreadSink, type RequestSink, type SinkEvents } from './request-sink.ts';
import { DONE, SIGNAL_BYTES, STOPPED, type SinkCommand, type SinkReport, type SinkWorkerData } from './sink-protocol.ts';
import type { WriterPriority } from './writer-priority.ts';

/** How long `settle` waits for the writer thread before it gives up (and says so). */
const SETTLE_TIMEOUT_MS = 60_000;
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './sink-worker.ts' : './sink-worker.js', import.meta.url);

/**
 * A sink that hands batches to a writer thread with its own connection to the file at
 * `path`: the caller's thread packs rows into a moved buffer (`rowPacker`). `settle`
 * blocks until the thread has done everything sent (Atomics.wait on a shared counter).
 * Should the thread stop, the rows it held are counted as failed and writing goes on on
 * `database`, on this thread. `database` (the caller's connection, for reads and alerts)
 * leaves WAL checkpoints to the writer thread meanwhile. With `priority`, the thread runs
 * at idle priority while it keeps up, and is raised when it falls behind or before a wait.
 */
export function workerSink(path: string, database: DatabaseSync, events: SinkEvents, priority?: WriterPriority): RequestSink {
  const state = new Int32Array(new SharedArrayBuffer(SIGNAL_BYTES));
  const commands = new MessageChannel();
  const reports = new MessageChannel();
  const workerData: SinkWorkerData = { path, signal: state.buffer as SharedArrayBuffer, commands: commands.port2, reports: reports.port2 };
  const worker = new Worker(WORKER_URL, { workerData, transferList: [commands.port2, reports.port2] });
  let seq = 0;
  let backlog = 0;
  let lastPruned = { seq: 0, deleted: 0 };
  let backgroundPrune = 0;
  let closed = false;
  let fallback: RequestSink | undefined;

  database.exec('PRAGMA wal_autocheckpoint = 0');
  const handle = (message: SinkReport): void => {
    if (message.kind === 'thread') return priority?.manage(message.tid);
    if (message.kind === 'written' || message.kind === 'failed') {
      backlog -= message.rows;
      priority?.observe(backlog);
    }
    if (message.kind === 'written') events.written(message.rows);
    else if (message.kind === 'failed') events.failed(message.rows, new Error(message.error));
    else if (message.kind === 'pruned') lastPruned = message;
    else events.error(new Error(message.error));
  };
  const drain = (): void => {
    for (let next = receiveMessageOnPort(reports.port1); next !== undefined; next = receiveMessageOnPort(reports.port1)) handle(next.message as SinkReport);
  };
  const takeOver = (reason: Error): RequestSink => {
    if (fallback !== undefined) return fallback;
    drain();
    priority?.stop();
    if (backlog > 0) events.failed(backlog, reason);
    backlog = 0;
    events.error(reason);
    try {
      database.exec('PRAGMA wal_autocheckpoint = 1000');
    } catch (error) {
      events.error(error);
    }
    return (fallback = mainThreadSink(database, events));
  };
  const takenOver = (): RequestSink | undefined => fallback;
  const send = (command: SinkCommand, transfer: ArrayBuffer[] = []): void => commands.port1.postMessage(command, transfer);
  const pack = rowPacker();
  /** Waits for command `target` to be done; false if the thread stopped or did not answer. */
  const waitFor = (target: number): boolean => {
    if (Atomics.load(state, DONE) < target) priority?.raise();
    for (let done = Atomics.load(state, DONE); done < target; done = Atomics.load(state, DONE)) {
      if (Atomics.load(state, STOPPED) === 1) {
        takeOver(new Error(`the request log's writer thread for ${path} stopped; writing goes on on the main thread`));
        return false;
      }
      if (Atomics.wait(state, DONE, done, SETTLE_TIMEOUT_MS) === 'timed-out') {
        events.error(new Error(`the request log's writer thread for ${path} did not answer within ${SETTLE_TIMEOUT_MS} ms`));
        return false;
      }
    }
    drain();
    return true;
  };

  reports.port1.on('message', handle);
  reports.port1.unref();
  worker.on('error', (error) => events.error(error));
  worker.on('exit', (code) => {
    if (!closed) takeOver(new Error(`the request log's writer thread for ${path} stopped (exit code ${code}); writing goes on on the main thread`));
  });
  worker.unref();

  return {
    get backlog() {
      return fallback?.backlog ?? backlog;
    },
    get priority() {
      return fallback?.priority ?? priority?.state ?? 'unmanaged';
    },
    write(rows) {
      if (fallback !== undefined) return fallback.write(rows);
      let packed;
      try {
        packed = pack(rows);
      } catch (error) {
        events.failed(rows.length, error);
        return;
      }
      backlog += rows.length;
      send({ kind: 'write', seq: ++seq, rows: packed }, [packed.values.buffer]);
      priority?.observe(backlog);
    },
    settle() {
      if (fallback === undefined) waitFor(seq);
    },
    raise() {
      if (fallback === undefined) priority?.raise();
    },
    prune(retention, now) {
      if (fallback !== undefined) return fallback.prune(retention, now);
      const target = ++seq;
      send({ kind: 'prune', seq: target, retention, now });
      if (!waitFor(target)) return takenOver()?.prune(retention, now) ?? 0;
      return lastPruned.seq === target ? lastPruned.deleted : 0;
    },
    pruneInBackground(retention, now) {
      if (fallback !== undefined) return fallback.pruneInBackground(retention, now);
      if (backgroundPrune > Atomics.load(state, DONE)) return;
      backgroundPrune = ++seq;
      send({ kind: 'prune', seq: backgroundPrune, retention, now });
    },
    close() {
      if (closed) return;
      closed = true;
      if (fallback !== undefined) return;
      // Raised before the thread is told to close: once told, it may end before a raise.
      priority?.raise();
      send({ kind: 'close', seq: ++seq });
      waitFor(seq);
      priority?.stop();
      commands.port1.close();
      reports.port1.close();
    },
  };
}
