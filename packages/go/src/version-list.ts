import { checkVersion, isPseudoVersion, versionScheme } from '@palisade/core';

/** A `@v/list` body with the denied versions taken out. */
export interface FilteredVersionList {
  /** The body to serve: the kept lines in the upstream's order, each ended by `\n` (empty when none is kept). */
  readonly text: string;
  /** The denied versions taken out, in the upstream's order. */
  readonly removed: string[];
  /** The versions served, in the upstream's order. */
  readonly kept: string[];
}

const go = versionScheme('go');
// The 14-digit commit time of a pseudo-version (yyyymmddhhmmss), before its revision.
const PSEUDO_VERSION_TIME = /([0-9]{14})-[A-Za-z0-9]+(?:\+[0-9A-Za-z.-]+)?$/;

/** A canonical Go version: valid, and written the one way go writes it (`v1.2.0`, not `v1.2`). */
function isCanonical(version: string): boolean {
  const checked = checkVersion('go', version);
  return checked.ok && checked.value === version;
}

/**
 * Takes the denied versions out of a `@v/list` body. The go command reads each line's first
 * whitespace-separated field as a version (an optional second field is a time) and ignores
 * lines whose first field is not a valid version. This keeps every line whose version is
 * canonical and not denied, as the upstream wrote it (surrounding white space and `\r`
 * trimmed), and drops the rest: denied versions (listed in `removed`), blank lines, and lines
 * go would ignore or whose version is not canonical (`v1.2`, `v1.2.3+meta`), which could
 * otherwise name a denied version in another spelling. `isDenied` sees each canonical version
 * once per line. Never throws.
 */
export function filterVersionList(text: string, isDenied: (version: string) => boolean): FilteredVersionList {
  let body = '';
  const removed: string[] = [];
  const kept: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    const version = line.split(/\s+/, 1)[0] ?? '';
    if (!isCanonical(version)) continue;
    if (isDenied(version)) {
      removed.push(version);
      continue;
    }
    kept.push(version);
    body += `${line}\n`;
  }
  return { text: body, removed, kept };
}

/** The highest of `versions` by Go's semantic version order, or undefined when empty. */
function highest(versions: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const version of versions) if (best === undefined || go.compare(version, best) > 0) best = version;
  return best;
}

/** The most recent pseudo-version by the commit time it carries (Go's order on a tie). */
function mostRecentPseudoVersion(versions: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestTime = '';
  for (const version of versions) {
    const time = PSEUDO_VERSION_TIME.exec(version)?.[1] ?? '';
    if (best === undefined || time > bestTime || (time === bestTime && go.compare(version, best) > 0)) {
      best = version;
      bestTime = time;
    }
  }
  return best;
}

/**
 * The version `@latest` should answer from a list of allowed versions, by the go command's
 * own rule (Go Modules Reference, "GOPROXY protocol"): the highest release version, else the
 * highest pre-release version, else the chronologically most recent pseudo-version. Invalid
 * versions are ignored; undefined when nothing is left. `+incompatible` versions count as
 * releases, as they do in the list (go may skip them when a compatible version has a go.mod,
 * which a list cannot tell).
 */
export function latestAllowed(kept: readonly string[]): string | undefined {
  const valid = kept.filter((version) => checkVersion('go', version).ok);
  const pseudo = valid.filter(isPseudoVersion);
  const tagged = valid.filter((version) => !isPseudoVersion(version));
  return (
    highest(tagged.filter((version) => !go.isPrerelease(version))) ??
    highest(tagged.filter((version) => go.isPrerelease(version))) ??
    mostRecentPseudoVersion(pseudo)
  );
}
