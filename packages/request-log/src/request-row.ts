import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { failure, isEcosystem, MODES, printable, success, type Ecosystem, type Mode, type Result } from '@palisade/core';
import { boundedList, boundedText, parseStoredList, TEXT_BOUNDS } from './bounded-text.ts';
import { REQUEST_COLUMNS } from './request-statements.ts';
import { CACHE_RESULTS, REQUEST_DECISIONS, REQUEST_KINDS, type CacheResult, type RequestDecision, type RequestKind, type RequestLogEntry, type StoredRequest } from './types.ts';

/**
 * The values to write for `entry`, arrived at `time` (ms since the epoch): every string
 * bounded, lists as JSON (`null` when empty). An entry whose enumerations, status, duration
 * or time are not what the log knows is refused: storing it would make the log lie.
 */
export function requestRow(entry: RequestLogEntry, time: number): Result<SQLInputValue[]> {
  const problem = entryProblem(entry, time);
  if (problem !== undefined) return failure(`a request cannot be logged: ${problem}`);
  const reasons = boundedList(entry.reasons, TEXT_BOUNDS.reason);
  const reportIds = boundedList(entry.reportIds, TEXT_BOUNDS.reportId);
  return success([
    Math.trunc(time), entry.ecosystem, boundedText(entry.package, TEXT_BOUNDS.package), boundedText(entry.version, TEXT_BOUNDS.version),
    entry.kind, entry.decision, reasons.length > 0 ? JSON.stringify(reasons) : null, reportIds.length > 0 ? JSON.stringify(reportIds) : null,
    entry.mode, entry.cache, entry.status, entry.durationMs, boundedText(entry.method, TEXT_BOUNDS.method), boundedText(entry.path, TEXT_BOUNDS.path) ?? '',
    boundedText(entry.clientAddress, TEXT_BOUNDS.clientAddress), boundedText(entry.userAgent, TEXT_BOUNDS.userAgent), boundedText(entry.identity, TEXT_BOUNDS.identity),
  ]);
}

function entryProblem(entry: RequestLogEntry, time: number): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'it is not an object';
  if (!Number.isSafeInteger(Math.trunc(time))) return 'its time is not a number of milliseconds';
  if (typeof entry.ecosystem !== 'string' || !isEcosystem(entry.ecosystem)) return `unknown ecosystem "${printable(String(entry.ecosystem))}"`;
  if (!REQUEST_KINDS.includes(entry.kind)) return `unknown kind "${printable(String(entry.kind))}"`;
  if (!REQUEST_DECISIONS.includes(entry.decision)) return `unknown decision "${printable(String(entry.decision))}"`;
  if (!MODES.includes(entry.mode)) return `unknown mode "${printable(String(entry.mode))}"`;
  if (!CACHE_RESULTS.includes(entry.cache)) return `unknown cache result "${printable(String(entry.cache))}"`;
  if (!Number.isInteger(entry.status) || entry.status < 100 || entry.status > 599) return `status ${printable(String(entry.status))} is not an HTTP status`;
  if (typeof entry.durationMs !== 'number' || !(entry.durationMs >= 0) || !Number.isFinite(entry.durationMs)) return 'its duration is not a number of milliseconds';
  return undefined;
}

/** The columns `storedRequest` reads. */
export const STORED_REQUEST_COLUMNS = `id, ${REQUEST_COLUMNS.join(', ')}`;

/** A stored request read back from a row of `SELECT <STORED_REQUEST_COLUMNS>`. */
export function storedRequest(row: Record<string, SQLOutputValue>): StoredRequest {
  return {
    id: Number(row['id']),
    time: Number(row['time']),
    ecosystem: row['ecosystem'] as Ecosystem,
    package: textOrNull(row['package']),
    version: textOrNull(row['version']),
    kind: row['kind'] as RequestKind,
    decision: row['decision'] as RequestDecision,
    reasons: parseStoredList(row['reasons']),
    reportIds: parseStoredList(row['report_ids']),
    mode: row['mode'] as Mode,
    cache: row['cache'] as CacheResult,
    status: Number(row['status']),
    durationMs: Number(row['duration_ms']),
    method: textOrNull(row['method']),
    path: textOrNull(row['path']) ?? '',
    clientAddress: textOrNull(row['client_address']),
    userAgent: textOrNull(row['user_agent']),
    identity: textOrNull(row['identity']),
  };
}

/** A text column's value, or `null` for anything else. */
export function textOrNull(value: SQLOutputValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
