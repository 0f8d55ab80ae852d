import type { DatabaseSync } from 'node:sqlite';
import { isEcosystem, printable, success, type Ecosystem, type Result } from '@palisade/core';
import { boundedList, boundedText, parseStoredList, TEXT_BOUNDS } from './bounded-text.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { pageSize } from './request-query.ts';
import type { Fetch } from './types.ts';

/** A package version Palisade already served that a database update now flags. */
export interface AlertInput {
  readonly reportIds: readonly string[];
  readonly ecosystem: Ecosystem;
  readonly package: string;
  readonly versions: readonly string[];
  /** Who fetched those versions, from `RequestLog.whoFetched`. */
  readonly fetches: readonly Fetch[];
  /** When the flag was seen, in ms since the epoch (default: the log's clock). */
  readonly time?: number | undefined;
}

/** An alert as stored. */
export interface StoredAlert extends Required<Omit<AlertInput, 'time'>> {
  readonly id: number;
  readonly time: number;
}

/** A page of alerts, newest first; `next` is the cursor of the following page when there is one. */
export interface AlertPage {
  readonly alerts: readonly StoredAlert[];
  readonly next?: string;
}

/** Which alerts to list: `limit` (50 unless given, 500 at most) and the `next` cursor of the page before. */
export interface AlertFilter {
  readonly limit?: number | undefined;
  readonly before?: string | undefined;
}

const MOST_IDS = 1000;
const MOST_FETCHES = 100_000;
const CURSOR_SCOPE = 'a';

/** Records and lists alerts; alerts are kept whatever the requests' retention. */
export function alertStore(database: DatabaseSync, clock: () => number) {
  const insert = database.prepare('INSERT INTO alerts (time, ecosystem, package, versions, report_ids, fetches) VALUES (?, ?, ?, ?, ?, ?)');
  const newest = database.prepare('SELECT * FROM alerts ORDER BY time DESC, id DESC LIMIT ?');
  const after = database.prepare('SELECT * FROM alerts WHERE time <= ? AND (time < ? OR id < ?) ORDER BY time DESC, id DESC LIMIT ?');

  /** Stores an alert, its strings bounded as requests' are; throws for an unknown ecosystem or a time that is not one. */
  function record(input: AlertInput): StoredAlert {
    if (!isEcosystem(input.ecosystem)) throw new RangeError(`unknown ecosystem "${printable(String(input.ecosystem))}"`);
    const time = Math.trunc(input.time ?? clock());
    if (!Number.isSafeInteger(time)) throw new RangeError('the alert\'s time is not a number of milliseconds');
    const alert = {
      time,
      ecosystem: input.ecosystem,
      package: boundedText(input.package, TEXT_BOUNDS.package) ?? '',
      versions: boundedList(input.versions, TEXT_BOUNDS.version, MOST_IDS),
      reportIds: boundedList(input.reportIds, TEXT_BOUNDS.reportId, MOST_IDS),
      fetches: (Array.isArray(input.fetches) ? input.fetches.slice(0, MOST_FETCHES) : []).map(boundedFetch),
    };
    const { lastInsertRowid } = insert.run(time, alert.ecosystem, alert.package, JSON.stringify(alert.versions), JSON.stringify(alert.reportIds), JSON.stringify(alert.fetches));
    return { id: Number(lastInsertRowid), ...alert };
  }

  /** Alerts newest first, or a failure for a bad limit or cursor. */
  function list(filter: AlertFilter = {}): Result<AlertPage> {
    const size = pageSize(filter.limit, 50, 500);
    if (!size.ok) return size;
    let rows;
    if (filter.before === undefined) {
      rows = newest.all(size.value + 1);
    } else {
      const position = decodeCursor(CURSOR_SCOPE, filter.before);
      if (!position.ok) return position;
      rows = after.all(position.value.time, position.value.time, position.value.id, size.value + 1);
    }
    const alerts = rows.slice(0, size.value).map((row): StoredAlert => ({
      id: Number(row['id']),
      time: Number(row['time']),
      ecosystem: row['ecosystem'] as Ecosystem,
      package: String(row['package']),
      versions: parseStoredList(row['versions']),
      reportIds: parseStoredList(row['report_ids']),
      fetches: parseFetches(row['fetches']),
    }));
    const last = alerts.at(-1);
    return success(rows.length > size.value && last !== undefined ? { alerts, next: encodeCursor(CURSOR_SCOPE, last) } : { alerts });
  }

  return { record, list };
}

function boundedFetch(fetch: Fetch): Fetch {
  return {
    time: Number.isFinite(fetch?.time) ? fetch.time : 0,
    version: boundedText(fetch?.version, TEXT_BOUNDS.version) ?? '',
    path: boundedText(fetch?.path, TEXT_BOUNDS.path) ?? '',
    clientAddress: boundedText(fetch?.clientAddress, TEXT_BOUNDS.clientAddress),
    identity: boundedText(fetch?.identity, TEXT_BOUNDS.identity),
    userAgent: boundedText(fetch?.userAgent, TEXT_BOUNDS.userAgent),
  };
}

function parseFetches(text: unknown): Fetch[] {
  try {
    const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : [];
    return Array.isArray(parsed) ? parsed.map((item: Fetch) => boundedFetch(item)) : [];
  } catch {
    return [];
  }
}
