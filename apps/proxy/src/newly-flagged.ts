import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Ecosystem } from '@palisade/core';
import type { MaliciousPackageIndex } from '@palisade/malicious-db';

/** A package as the database names it (normalised name). */
export interface FlaggedPackage {
  readonly ecosystem: Ecosystem;
  readonly name: string;
}

type StoredReport = ReturnType<MaliciousPackageIndex['storedReports']> extends Iterable<infer T> ? T : never;

/** Reports gone through between turns of the event loop: a database of 250,000 reports takes 0.4-1 s in all, which requests must not wait for. */
const SLICE = 4096;

/**
 * The packages for which `after` may flag versions that `before` did not: every package
 * named by a report that is new, or whose content changed. This errs on the side of
 * purging: a changed report that flags fewer versions still counts (versions given as
 * ranges cannot be listed to compare), while a report only withdrawn does not. Without
 * `before`, every package `after` names. Reports are compared in their encoded form,
 * so neither index decodes any report to answer; the work is done in slices, between
 * which other work (requests) goes on.
 */
export async function newlyFlaggedPackages(before: MaliciousPackageIndex | undefined, after: MaliciousPackageIndex): Promise<FlaggedPackage[]> {
  const earlier = new Map<string, StoredReport>();
  let done = 0;
  if (before) {
    for (const stored of before.storedReports()) {
      earlier.set(stored.id, stored);
      if (++done % SLICE === 0) await nextTurn();
    }
  }
  const found = new Map<string, FlaggedPackage>();
  for (const stored of after.storedReports()) {
    if (++done % SLICE === 0) await nextTurn();
    const previous = earlier.get(stored.id);
    if (previous !== undefined && previous.encoded() === stored.encoded()) continue;
    for (const { ecosystem, name } of stored.keys) found.set(`${ecosystem}\0${name}`, { ecosystem, name });
  }
  return [...found.values()];
}
