import { PalisadeError, success, type PackageRef, type Result } from '@palisade/core';
import type { CacheAnswer, StoredEntry } from '@palisade/cache';
import { entryBytes, versionDecisions, wholePackageDecision } from '@palisade/http';
import { filterPackument, type PackumentFilterOptions } from './packument-filter.ts';
import { filterPackumentText, type FilteredPackumentText } from './packument-text-filter.ts';
import type { NpmAppState } from './npm-app.ts';
import { preparePackument, type PreparedAnswer } from './npm-prepared-packument.ts';
import { packumentUpstream } from './npm-upstream.ts';
import { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE } from './packument-format.ts';

export type PackumentFormat = 'full' | 'abbreviated';

/** A package name as the registry's path spells it: scoped names with `%2f`. */
export const encodeName = (name: string) => (name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name));

/** The packument as the registry sent it, through the cache. */
export function cachedPackument(state: NpmAppState, name: string, format: PackumentFormat): Promise<CacheAnswer> {
  const accept = format === 'full' ? FULL_PACKUMENT_TYPE : ABBREVIATED_PACKUMENT_TYPE;
  const upstream = packumentUpstream(state.options.upstream, encodeName(name), accept, name);
  return state.options.cache.fetch({ ecosystem: 'npm', name, resource: `packument:${format}` }, 'npm-metadata', upstream);
}

/**
 * The packument ready to serve under the policy in force: filtered, rewritten, serialised
 * and compressed once per (upstream body, database revision, mode, format, public URL).
 */
export async function preparedPackument(state: NpmAppState, ref: PackageRef, format: PackumentFormat, entry: StoredEntry, unchecked: boolean): Promise<PreparedAnswer> {
  const view = state.options.policy();
  const base = state.publicUrl();
  const revision = unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}`;
  const key = `${entry.meta.sha256}|${revision}|${format}|${base}`;
  return state.prepared.get(key, async () => {
    const bytes = await entryBytes(entry);
    const decisions = versionDecisions(ref, view, unchecked);
    const filtered = filterJson(bytes, {
      isDenied: decisions.isDenied,
      tarballUrl: (file) => `${base}${ref.name}/-/${encodeURIComponent(file)}`,
    });
    if (!filtered.ok) throw new PalisadeError(502, 'upstream-malformed', `The npm registry sent a malformed packument for "${ref.name}": ${filtered.error}`);
    if (filtered.value.remaining === 0 && filtered.value.removed.length > 0) {
      return { kind: 'blocked', decision: wholePackageDecision(ref, decisions.denied, view.policy.mode) };
    }
    return { kind: 'document', packument: preparePackument(filtered.value.json, filtered.value.removed, decisions.audited) };
  });
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
