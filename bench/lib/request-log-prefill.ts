// A request log filled to its row limit before the proxy opens it, for benchmarks of a
// proxy that has run for a while: from its first request on, each second's retention
// deletes about as many requests as it writes, which a fresh log does not do for its
// first million requests.
import { requestLogFile } from '@palisade/proxy';
import { DEFAULT_RETENTION, openRequestLog } from '@palisade/request-log';

/**
 * Writes `rows` requests (default: the log's row limit) for `path` into the request log
 * under `dataDir`, as the proxy records a cache hit on it, spread over the hour before
 * `now` (well inside the days kept, so only the row limit deletes them). Returns the
 * requests written; throws when the log did not take every one.
 */
export function prefillRequestLog(dataDir: string, path: string, options: { rows?: number; now?: number } = {}): number {
  const rows = options.rows ?? DEFAULT_RETENTION.rows;
  const now = options.now ?? Date.now();
  const log = openRequestLog({ path: requestLogFile(dataDir), clock: () => now, retention: { ...DEFAULT_RETENTION, rows }, maxQueued: rows, maxBatch: 10_000 });
  try {
    const spacing = 3_600_000 / rows;
    const name = path.split('/').at(-1) ?? path;
    for (let i = 0; i < rows; i++) {
      log.record({
        time: Math.round(now - 3_600_000 + i * spacing), ecosystem: 'npm', package: name, kind: 'metadata', decision: 'allowed', mode: 'enforce',
        cache: 'HIT', status: 200, durationMs: 0.05, method: 'GET', path, clientAddress: '127.0.0.1',
      });
      if (i % 10_000 === 9_999) log.flush();
    }
    log.flush();
    const { written, dropped } = log.stats();
    if (written !== rows || dropped !== 0) throw new Error(`prefilling the request log wrote ${written} of ${rows} requests (${dropped} dropped)`);
    return written;
  } finally {
    log.close();
  }
}
