import type { DatabaseSync } from 'node:sqlite';
import type { Ecosystem } from '@palisade/core';
import { boundedList, boundedText, TEXT_BOUNDS } from './bounded-text.ts';
import { textOrNull } from './request-row.ts';
import type { Fetch } from './types.ts';

/** Fetches listed at most, unless asked otherwise. */
export const DEFAULT_FETCH_LIMIT = 10_000;
const MOST_VERSIONS = 10_000;

/**
 * A request served the version's content: an artifact request (metadata requests name no
 * version, and serving a version list does not hand out the code), answered 2xx or 304
 * (the client revalidated a copy it had from here), and allowed or audited.
 */
const SERVED = `kind = 'artifact' AND decision IN ('allowed', 'audit') AND (status BETWEEN 200 AND 299 OR status = 304)`;

/**
 * Lists who downloaded any of `versions` of a package, oldest first, up to `limit` fetches:
 * the logged artifact requests for them that were served (see `SERVED`). The package's
 * requests are read in time order from the package index and their versions compared:
 * alerts are rare, while an index by version would cost every request logged a write.
 */
export function fetchLookup(database: DatabaseSync): (ecosystem: Ecosystem, name: string, versions: readonly string[], limit?: number) => Fetch[] {
  const statement = database.prepare(
    `SELECT time, version, path, client_address, identity, user_agent FROM requests INDEXED BY requests_by_package
     WHERE ecosystem = ? AND package = ? AND version IN (SELECT value FROM json_each(?)) AND ${SERVED}
     ORDER BY time, id LIMIT ?`,
  );
  return (ecosystem, name, versions, limit = DEFAULT_FETCH_LIMIT) => {
    const wanted = boundedList(versions, TEXT_BOUNDS.version, MOST_VERSIONS);
    const packageName = boundedText(name, TEXT_BOUNDS.package);
    if (wanted.length === 0 || packageName === null || !(limit >= 1)) return [];
    const rows = statement.all(ecosystem, packageName, JSON.stringify(wanted), Math.floor(Math.min(limit, Number.MAX_SAFE_INTEGER)));
    return rows.map((row) => ({
      time: Number(row['time']),
      version: textOrNull(row['version']) ?? '',
      path: textOrNull(row['path']) ?? '',
      clientAddress: textOrNull(row['client_address']),
      identity: textOrNull(row['identity']),
      userAgent: textOrNull(row['user_agent']),
    }));
  };
}
