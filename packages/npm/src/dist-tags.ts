import { parse, type SemVer } from 'semver';

/** A dist-tag that filtering changed: re-pointed to `to`, or dropped when `to` is undefined. */
export interface DistTagChange {
  readonly tag: string;
  readonly from: string;
  readonly to: string | undefined;
}

/**
 * The dist-tags once the `removed` versions are gone: `latest`, when it named a removed
 * version, moves to `latestReplacement`; any other tag naming a removed version is dropped
 * (a `next` or `beta` moved to some other version would install what nobody tagged).
 * Tags naming versions still there, or versions the document never had, are left alone.
 */
export function repointDistTags(
  tags: Readonly<Record<string, unknown>>,
  removed: ReadonlySet<string>,
  remaining: readonly string[],
): { tags: Record<string, unknown>; changes: DistTagChange[] } {
  const entries: [string, unknown][] = [];
  const changes: DistTagChange[] = [];
  for (const [tag, version] of Object.entries(tags)) {
    if (typeof version !== 'string' || !removed.has(version)) {
      entries.push([tag, version]);
      continue;
    }
    const to = tag === 'latest' ? latestReplacement(version, remaining) : undefined;
    if (to !== undefined) entries.push([tag, to]);
    changes.push({ tag, from: version, to });
  }
  // fromEntries defines own properties: a tag named "__proto__" stays a tag.
  return { tags: Object.fromEntries(entries), changes };
}

/**
 * What `latest` points at when its version is removed: the highest remaining stable
 * (non-prerelease) version not above the old one, else the highest remaining version of
 * any kind. Versions that are not valid semver are never chosen; undefined when none is left.
 */
export function latestReplacement(oldLatest: string, remaining: readonly string[]): string | undefined {
  const ceiling = parse(oldLatest);
  let stable: SemVer | undefined;
  let any: SemVer | undefined;
  for (const version of remaining) {
    const parsed = parse(version);
    if (parsed === null) continue;
    if (any === undefined || parsed.compare(any) > 0) any = parsed;
    const belowCeiling = ceiling === null || parsed.compare(ceiling) <= 0;
    if (parsed.prerelease.length === 0 && belowCeiling && (stable === undefined || parsed.compare(stable) > 0)) {
      stable = parsed;
    }
  }
  return (stable ?? any)?.raw;
}
