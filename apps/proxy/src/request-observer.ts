import type { RequestRecord } from '@palisade/http';
import type { RequestLog } from '@palisade/request-log';
import type { ProxyMetrics } from './metrics/proxy-metrics.ts';
import { requestLogEntry, type LogEntryContext } from './request-log/log-entry.ts';

export interface RequestObserverWiring {
  readonly metrics: Pick<ProxyMetrics, 'observeRequest'>;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** Undefined while the request log is off. */
  readonly requestLog: RequestLog | undefined;
  readonly entryContext: LogEntryContext;
}

/**
 * What the proxy does with each answered request (the adapters' and the repeated ones):
 * counts it in the metrics, records it in the request log (queued, written off the request
 * path), and logs a `request-blocked` or `request-audited` line naming the package, the
 * reasons and the client.
 */
export function requestObserver(wiring: RequestObserverWiring): (record: RequestRecord) => void {
  const { metrics, log, requestLog, entryContext } = wiring;
  return (record) => {
    metrics.observeRequest({ ecosystem: record.ecosystem, kind: record.kind, cache: record.cache, outcome: record.outcome, durationSeconds: record.durationSeconds, blockedPackage: record.package });
    requestLog?.record(requestLogEntry(record, entryContext));
    if (record.outcome === 'blocked' || record.outcome === 'audited') {
      log('request-' + record.outcome, {
        ecosystem: record.ecosystem,
        package: record.package,
        version: record.version,
        reasons: record.reasons,
        path: record.path,
        clientAddress: record.clientAddress,
        ...(record.identity !== undefined && { identity: record.identity }),
        userAgent: record.userAgent,
      });
    }
  };
}
