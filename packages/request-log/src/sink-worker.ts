/**
 * The request log's writer thread: writes batches of requests and runs retention on its
 * own connection, so SQLite's work (index updates, WAL checkpoints, fsync) never runs on
 * the proxy's event loop. Batches that wait are joined into one transaction.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.ts';
import { rowUnpacker, type PackedRows } from './packed-rows.ts';
import { requestInserter } from './request-statements.ts';
import { pruneToEnd, retentionStep } from './retention.ts';
import { DONE, errorText, MOST_ROWS_PER_TRANSACTION, STOPPED, type SinkCommand, type SinkReport, type SinkWorkerData } from './sink-protocol.ts';
import { currentThreadId } from './writer-priority.ts';

const { path, signal, commands, reports } = workerData as SinkWorkerData;
const state = new Int32Array(signal);
const report = (message: SinkReport): void => reports.postMessage(message);
const markDone = (seq: number): void => {
  Atomics.store(state, DONE, seq);
  Atomics.notify(state, DONE);
};
process.on('exit', () => {
  Atomics.store(state, STOPPED, 1);
  Atomics.notify(state, DONE);
});

const database = openDatabase(path);
const insert = requestInserter(database);
const pruneStep = retentionStep(database);
// Told once the database is open, so the thread is never lowered to idle holding the
// write lock its schema check takes (the caller's connection writes alerts beside it).
const tid = currentThreadId();
if (tid !== undefined) report({ kind: 'thread', tid });
const unpack = rowUnpacker();
let waiting: PackedRows[] = [];
let waitingRows = 0;

function writeWaiting(): void {
  if (waitingRows === 0) return;
  const batches = waiting;
  const count = waitingRows;
  waiting = [];
  waitingRows = 0;
  try {
    // Unpacked in the order packed, every batch, even when the transaction then fails: the string table follows them.
    const unpacked = batches.map(unpack);
    insert(unpacked.length === 1 ? unpacked[0]! : unpacked.flat());
    report({ kind: 'written', rows: count });
  } catch (error) {
    report({ kind: 'failed', rows: count, error: errorText(error) });
  }
}

function run(command: SinkCommand): boolean {
  if (command.kind === 'write') {
    waiting.push(command.rows);
    waitingRows += command.rows.count;
    if (waitingRows >= MOST_ROWS_PER_TRANSACTION) writeWaiting();
    return true;
  }
  writeWaiting();
  if (command.kind === 'prune') {
    try {
      report({ kind: 'pruned', seq: command.seq, deleted: pruneToEnd(pruneStep, command.retention, command.now) });
    } catch (error) {
      report({ kind: 'error', error: errorText(error) });
      report({ kind: 'pruned', seq: command.seq, deleted: 0 });
    }
    return true;
  }
  database.close();
  commands.close();
  return false;
}

commands.on('message', (first: SinkCommand) => {
  let last = first.seq;
  let open = run(first);
  for (let next = open ? receiveMessageOnPort(commands) : undefined; next !== undefined; next = open ? receiveMessageOnPort(commands) : undefined) {
    const command = next.message as SinkCommand;
    last = command.seq;
    open = run(command);
  }
  if (open) writeWaiting();
  markDone(last);
});
