import type { Ecosystem } from '@palisade/core';
import type { RequestLogStats } from '@palisade/request-log';
import { Counter, Gauge, type Registry } from 'prom-client';

/** The request log's figures the metrics publish, read at each scrape. */
export type RequestLogFigures = Pick<RequestLogStats, 'written' | 'dropped' | 'queued'>;

/**
 * The request log and retroactive alert metrics on `registry`:
 * `palisade_request_log_written_total`, `palisade_request_log_dropped_total`,
 * `palisade_request_log_queued` (absent while no log is registered) and
 * `palisade_retroactive_alerts_total` by ecosystem. Returns what records them.
 */
export function createRequestLogMetrics(registry: Registry) {
  let source: (() => RequestLogFigures) | undefined;
  const figure = (name: string, help: string, read: (stats: RequestLogFigures) => number, Kind: typeof Counter | typeof Gauge) =>
    new Kind({
      name,
      help,
      registers: [registry],
      collect(this: Counter | Gauge) {
        this.reset();
        if (source === undefined) return;
        if (this instanceof Counter) this.inc(read(source()));
        else this.set(read(source()));
      },
    });
  figure('palisade_request_log_written_total', 'Requests written to the request log.', (stats) => stats.written, Counter);
  figure('palisade_request_log_dropped_total', 'Requests the request log could not keep (its queue overflowed, or a write failed).', (stats) => stats.dropped, Counter);
  figure('palisade_request_log_queued', 'Requests waiting to be written to the request log.', (stats) => stats.queued, Gauge);
  const alerts = new Counter({
    name: 'palisade_retroactive_alerts_total',
    help: 'Retroactive alerts: package versions a database update flagged after the proxy had served them, by ecosystem.',
    labelNames: ['ecosystem'],
    registers: [registry],
  });
  return {
    registerRequestLog(stats: () => RequestLogFigures): void {
      source = stats;
    },
    observeRetroactiveAlert(ecosystem: Ecosystem): void {
      alerts.inc({ ecosystem });
    },
  };
}
