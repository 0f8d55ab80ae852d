import { PalisadeError, success, type PackageRef, type Result } from '@palisade/core';
import type { CacheAnswer, StoredEntry } from '@palisade/cache';
import { cooldownApplies, entryBytes, versionDecisions, wholePackageDecision } from '@palisade/http';
import { filterPackument, type PackumentFilterOptions } from './packument-filter.ts';
import { filterPackumentText, type FilteredPackumentText } from './packument-text-filter.ts';
import type { NpmAppState } from './npm-app.ts';
import { preparePackument, type PreparedAnswer } from './npm-prepared-packument.ts';
import { packumentUpstream } from './npm-upstream.ts';
import { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE } from './packument-format.ts';
import { packumentPublishTimes } from './publish-times.ts';

export type PackumentFormat = 'full' | 'abbreviated';

/** A package name as the registry's path spells it: scoped names with `%2f`. */
export const encodeName = (name: string) => (name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name));

/** The packument as the registry sent it, through the cache. */
export function cachedPackument(state: NpmAppState, name: string, format: PackumentFormat): Promise<CacheAnswer> {
  const accept = format === 'full' ? FULL_PACKUMENT_TYPE : ABBREVIATED_PACKUMENT_TYPE;
  const upstream = packumentUpstream(state.options.upstream, encodeName(name), accept, name);
  return state.options.cache.fetch({ ecosystem: 'npm', name, resource: `packument:${format}` }, 'npm-metadata', upstream);
}

/** The publish times of a package's versions, and the full packument they were read from. */
export interface PackagePublishTimes {
  /** Ms since the epoch, by version. */
  readonly times: ReadonlyMap<string, number>;
  /** The SHA-256 of the full packument's body: documents decided with these times are keyed by it. */
  readonly sha256: string;
}

/**
 * When each version of `name` was published, from the full packument's `time` (the
 * abbreviated packument has none): `full` when the caller holds that entry, else the full
 * packument through the cache, as a client asking for it would fetch it. Read once per
 * packument body and remembered.
 */
export async function packagePublishTimes(state: NpmAppState, name: string, full?: StoredEntry): Promise<PackagePublishTimes> {
  const entry = full ?? (await cachedPackument(state, name, 'full')).entry;
  const sha256 = entry.meta.sha256;
  let times = state.publishTimes.get(sha256);
  if (times === undefined) {
    times = packumentPublishTimes(await entryBytes(entry));
    state.publishTimes.set(sha256, times);
  }
  return { times, sha256 };
}

/**
 * The packument ready to serve under the policy in force: filtered, rewritten, serialised
 * and compressed once per (upstream body, policy revision, mode, format, public URL, and
 * publish times while a cooldown applies), and again once a version the cooldown held back
 * comes of age.
 */
export async function preparedPackument(state: NpmAppState, ref: PackageRef, format: PackumentFormat, entry: StoredEntry, unchecked: boolean): Promise<PreparedAnswer> {
  const view = state.options.policy();
  const base = state.publicUrl();
  const published = !unchecked && cooldownApplies(view, ref) ? await packagePublishTimes(state, ref.name, format === 'full' ? entry : undefined) : undefined;
  const revision = unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}${published ? `|times ${published.sha256}` : ''}`;
  const key = `${entry.meta.sha256}|${revision}|${format}|${base}`;
  const prepare = async (): Promise<PreparedAnswer> => {
    const bytes = await entryBytes(entry);
    const decisions = versionDecisions(ref, view, unchecked, published && ((version) => published.times.get(version)));
    const filtered = filterJson(bytes, {
      isDenied: decisions.isDenied,
      tarballUrl: (file) => `${base}${ref.name}/-/${encodeURIComponent(file)}`,
    });
    if (!filtered.ok) throw new PalisadeError(502, 'upstream-malformed', `The npm registry sent a malformed packument for "${ref.name}": ${filtered.error}`);
    const { validUntil } = decisions;
    if (filtered.value.remaining === 0 && filtered.value.removed.length > 0) {
      return { kind: 'blocked', decision: wholePackageDecision(ref, decisions.denied, decisions.denied[0]?.mode ?? view.policy.mode), validUntil };
    }
    return { kind: 'document', packument: preparePackument(filtered.value.json, filtered.value.removed, decisions.audited), validUntil };
  };
  return state.prepared.get(key, prepare, view.now());
}

/**
 * A packument's JSON filtered: on its text, without parsing it (see `filterPackumentText`),
 * or, for the rare documents only a parse reads right, parsed, filtered and serialised again.
 * Either way `isDenied` is asked once per version (the text filter asks nothing when it fails).
 */
function filterJson(bytes: Buffer, options: PackumentFilterOptions): Result<FilteredPackumentText> {
  const text = filterPackumentText(bytes, options);
  if (text.ok) return text;
  const parsed = filterPackument(JSON.parse(bytes.toString('utf8')), options);
  if (!parsed.ok) return parsed;
  const { document, ...facts } = parsed.value;
  return success({ ...facts, json: Buffer.from(JSON.stringify(document), 'utf8') });
}
