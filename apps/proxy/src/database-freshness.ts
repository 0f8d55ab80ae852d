import type { SnapshotHeader } from '@palisade/malicious-db';

/**
 * The source commit a database reflects: the header's `source.commit`, or a top-level
 * `commit` as a later snapshot format may write it. Read defensively: a header from any
 * version of the format may lack both.
 */
export function databaseCommit(header: SnapshotHeader): string | undefined {
  const fromSource: unknown = (header.source as { commit?: unknown } | undefined)?.commit;
  if (typeof fromSource === 'string' && fromSource !== '') return fromSource;
  const topLevel: unknown = 'commit' in header ? (header as { commit?: unknown }).commit : undefined;
  return typeof topLevel === 'string' && topLevel !== '' ? topLevel : undefined;
}

/** When the database was built, in milliseconds since the epoch; undefined when its header does not say so readably. */
export function builtAtMs(header: SnapshotHeader): number | undefined {
  const time = typeof header.builtAt === 'string' ? Date.parse(header.builtAt) : Number.NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** Whole seconds since the database was built (0 for a build time ahead of the clock); undefined when unknown. */
export function databaseAgeSeconds(header: SnapshotHeader, nowMs: number): number | undefined {
  const built = builtAtMs(header);
  return built === undefined ? undefined : Math.max(0, Math.floor((nowMs - built) / 1000));
}

/**
 * Why the database is too old to be trusted as current, or undefined while it is not: it
 * was built more than `maxAgeSeconds` ago, or its build time cannot be read.
 */
export function staleReason(header: SnapshotHeader, nowMs: number, maxAgeSeconds: number): string | undefined {
  const age = databaseAgeSeconds(header, nowMs);
  if (age === undefined) return `the malicious-package database does not say when it was built, so it may be out of date`;
  if (age <= maxAgeSeconds) return undefined;
  return `the malicious-package database was built at ${header.builtAt}, ${describeDuration(age)} ago, longer than the ${describeDuration(maxAgeSeconds)} allowed (dbMaxAgeSeconds); newer reports are missing from it`;
}

/** `3 days 4 hours`, `5 minutes`: the two largest units of a duration. */
export function describeDuration(seconds: number): string {
  const units: readonly (readonly [string, number])[] = [['day', 86_400], ['hour', 3600], ['minute', 60], ['second', 1]];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    else if (parts.length > 0) break;
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}
