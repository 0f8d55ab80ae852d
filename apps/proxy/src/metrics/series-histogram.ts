import type { Metric, Registry } from 'prom-client';

/** One label combination's counts: per bucket (not cumulative), their sum and their number. */
interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/** One value of a scrape, as prom-client's registry renders it: the bucket's `le`, then the series' labels. */
interface ScrapedValue {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly sharedLabels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly metricName: string;
}

export interface SeriesHistogramOptions {
  readonly name: string;
  readonly help: string;
  /** Upper bounds, ascending; `+Inf` is added. */
  readonly buckets: readonly number[];
}

/**
 * A Prometheus histogram whose label combinations are taken once (`series`) and observed
 * by adding to an array: prom-client's `Histogram` checks and hashes the labels on every
 * observation, even through `labels(...)`, which the request path pays per request. It is
 * registered on a prom-client `Registry` (`registerMetric`) and renders the same text as a
 * `Histogram` given the same observations.
 */
export class SeriesHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(options: SeriesHistogramOptions) {
    this.name = options.name;
    this.help = options.help;
    this.#bounds = [...options.buckets].sort((a, b) => a - b);
  }

  /** The observer of one label combination (the same one for the same labels, in any key order). */
  series(labels: Readonly<Record<string, string>>): (value: number) => void {
    const key = JSON.stringify(Object.keys(labels).sort().map((name) => [name, labels[name]]));
    let series = this.#series.get(key);
    if (series === undefined) this.#series.set(key, (series = { labels: { ...labels }, counts: new Float64Array(this.#bounds.length), sum: 0, count: 0 }));
    const found = series;
    const bounds = this.#bounds;
    return (value) => {
      // The first bucket whose bound the value does not exceed; beyond the last, only +Inf counts it.
      for (let i = 0; i < bounds.length; i++) {
        if (value <= (bounds[i] as number)) {
          (found.counts[i] as number)++;
          break;
        }
      }
      found.sum += value;
      found.count++;
    };
  }

  /** What a scrape reads: per series, the cumulative buckets, `+Inf`, the sum and the count. */
  get(): { name: string; help: string; type: 'histogram'; values: ScrapedValue[]; aggregator: 'sum' } {
    const values: ScrapedValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const series of this.#series.values()) {
      // A series shows once observed (as prom-client's do), and again after a reset only once observed again.
      if (series.count === 0) continue;
      let cumulative = 0;
      for (const [i, bound] of this.#bounds.entries()) {
        cumulative += series.counts[i] as number;
        values.push(entry({ le: bound }, cumulative, bucket, series.labels));
      }
      values.push(entry({ le: '+Inf' }, series.count, bucket, series.labels));
      values.push(entry({}, series.sum, `${this.name}_sum`, series.labels));
      values.push(entry({}, series.count, `${this.name}_count`, series.labels));
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** Adds this histogram to `registry`'s scrapes (its typings name only prom-client's own metric classes). */
  registerOn(registry: Registry): void {
    registry.registerMetric(this as unknown as Metric);
  }

  /** Forgets every observation (as `Registry.resetMetrics` asks); observers already handed out go on counting. */
  reset(): void {
    for (const series of this.#series.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}

function entry(labels: Record<string, string | number>, value: number, metricName: string, sharedLabels: Readonly<Record<string, string>>): ScrapedValue {
  return { labels, sharedLabels, value, metricName };
}
