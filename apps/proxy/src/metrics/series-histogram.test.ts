import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesHistogram } from './series-histogram.ts';

const BUCKETS = [0.001, 0.01, 0.1, 1, 10];
const options = { name: 'test_duration_seconds', help: 'Durations, by route "and" kind.\nSecond line \\ here.', buckets: BUCKETS };
const LABELS = [
  { route: 'npm', kind: 'metadata' },
  { route: 'pypi', kind: 'artifact' },
  { route: 'go "quoted"\n', kind: 'other' },
];

/** The same observations through prom-client's Histogram and through a SeriesHistogram, as scraped. */
async function bothScraped(observations: readonly (readonly [number, number])[], resetAfter?: number) {
  const [reference, ours] = [new Registry(), new Registry()];
  const histogram = new Histogram({ ...options, buckets: [...BUCKETS], labelNames: ['route', 'kind'], registers: [reference] });
  const seriesHistogram = new SeriesHistogram(options);
  seriesHistogram.registerOn(ours);
  const observers = LABELS.map((labels) => seriesHistogram.series(labels));
  for (const [index, [which, value]] of observations.entries()) {
    if (index === resetAfter) reference.resetMetrics(), ours.resetMetrics();
    histogram.observe(LABELS[which] as Record<string, string>, value);
    (observers[which] as (value: number) => void)(value);
  }
  return { reference: await reference.metrics(), ours: await ours.metrics() };
}

describe('SeriesHistogram', () => {
  it('renders what prom-client renders for the same observations, bounds and escapes included', async () => {
    const observations: [number, number][] = [[0, 0.0005], [0, 0.001], [1, 0.05], [1, 10], [1, 11], [2, 0], [0, 0.5], [2, 3.25]];
    for (let i = 0; i < 500; i++) observations.push([i % 3, ((i * 7919) % 20_000) / 1000]);
    const { reference, ours } = await bothScraped(observations);
    expect(ours).toBe(reference);
    expect(ours).toContain('test_duration_seconds_bucket{le="+Inf",route="pypi",kind="artifact"}');
  });

  it('shows only series observed, and after a reset only those observed again', async () => {
    const { reference, ours } = await bothScraped([[0, 0.2], [1, 0.3], [1, 0.4]], 2);
    expect(ours).toBe(reference);
    expect(ours).not.toContain('route="npm"');
    expect(ours).toContain('test_duration_seconds_count{route="pypi",kind="artifact"} 1');
  });

  it('hands out one series per label combination, whatever the key order', async () => {
    const histogram = new SeriesHistogram(options);
    histogram.series({ route: 'npm', kind: 'metadata' })(0.5);
    histogram.series({ kind: 'metadata', route: 'npm' })(0.05);
    const counts = histogram.get().values.filter((value) => value.metricName === 'test_duration_seconds_count');
    expect(counts.map((value) => value.value)).toEqual([2]);
  });
});
