// The goals of the npm serving benchmark, from the issue that asked for it.
import type { Goal } from './npm-serve-report.ts';

/** What the goals are read against: the labels of the bodies and the connection counts measured. */
export interface GoalTargets {
  readonly packuments: readonly [small: string, medium: string, large: string];
  readonly tarballs: readonly [small: string, large: string];
  readonly connections: readonly number[];
}

/**
 * Without compression: packuments at 0.4x nginx or better (65 KB), 0.75x (166 KB), 0.9x
 * (2-5 MB); tarballs 0.8x (1 MB) and 0.5x (13 KB). With gzip: 0.5x nginx gzip_static on
 * packuments. At least 50x Verdaccio on packuments and 5x on tarballs. p99 under 20 ms at
 * 64 connections for bodies up to 166 KB. Ratios are judged at every connection count.
 */
export function servingGoals({ packuments, tarballs, connections }: GoalTargets): Goal[] {
  const [small, medium, large] = packuments;
  const [smallTarball, largeTarball] = tarballs;
  const list: Goal[] = [];
  const each = (add: (connections: number, at: string) => void) => connections.forEach((count) => add(count, `${count} conn`));
  each((count, at) => {
    for (const [target, bar] of [[small, 0.4], [medium, 0.75], [large, 0.9]] as const) list.push({ label: `${target}, identity, ${at}, vs nginx`, target, encoding: 'identity', connections: count, kind: 'vs-nginx', bar });
  });
  each((count, at) => {
    for (const [target, bar] of [[largeTarball, 0.8], [smallTarball, 0.5]] as const) list.push({ label: `${target}, ${at}, vs nginx`, target, encoding: 'identity', connections: count, kind: 'vs-nginx', bar });
  });
  each((count, at) => {
    for (const target of packuments) list.push({ label: `${target}, gzip, ${at}, vs nginx gzip_static`, target, encoding: 'gzip', connections: count, kind: 'vs-nginx', bar: 0.5 });
  });
  each((count, at) => {
    for (const target of packuments) {
      for (const encoding of ['identity', 'gzip'] as const) list.push({ label: `${target}, ${encoding}, ${at}, vs Verdaccio`, target, encoding, connections: count, kind: 'vs-verdaccio', bar: 50 });
    }
    for (const target of [largeTarball, smallTarball]) list.push({ label: `${target}, ${at}, vs Verdaccio`, target, encoding: 'identity', connections: count, kind: 'vs-verdaccio', bar: 5 });
  });
  if (connections.includes(64)) {
    for (const target of [small, medium]) {
      for (const encoding of ['identity', 'gzip'] as const) list.push({ label: `${target}, ${encoding}, 64 conn`, target, encoding, connections: 64, kind: 'p99-below-ms', bar: 20 });
    }
    list.push({ label: `${smallTarball}, 64 conn`, target: smallTarball, encoding: 'identity', connections: 64, kind: 'p99-below-ms', bar: 20 });
  }
  return list;
}
