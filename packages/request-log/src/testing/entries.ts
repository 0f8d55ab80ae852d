import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestLogEntry } from '../types.ts';

/** The time test requests are made at unless told otherwise (ms since the epoch). */
export const ENTRY_TIME = 1_700_000_000_000;

/** A served npm tarball request, with `overrides` applied. */
export function requestEntry(overrides: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    time: ENTRY_TIME,
    ecosystem: 'npm',
    package: 'left-pad',
    version: '1.3.0',
    kind: 'artifact',
    decision: 'allowed',
    mode: 'enforce',
    cache: 'MISS',
    status: 200,
    durationMs: 12.5,
    method: 'GET',
    path: '/left-pad/-/left-pad-1.3.0.tgz',
    clientAddress: '127.0.0.1',
    userAgent: 'npm/10.8.0 node/v24.0.0',
    ...overrides,
  };
}

/** A fresh temporary folder and a function that removes it. */
export function temporaryFolder(): { readonly folder: string; readonly remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'palisade-request-log-'));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** A clock tests move by hand, in ms since the epoch. */
export function manualClock(start = ENTRY_TIME): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}
