import { decide, PalisadeError, success, type Decision, type PackageRef, type Reason, type Result } from '@palisade/core';
import type { CacheAnswer, StoredEntry } from '@palisade/cache';
import { checkPackage, DECISION_HEADER } from '@palisade/http';
import { filterPackument, type PackumentFilterOptions } from './packument-filter.ts';
import { filterPackumentText, type FilteredPackumentText } from './packument-text-filter.ts';
import type { NpmAppState } from './npm-app.ts';
import { preparePackument, type PreparedAnswer } from './npm-prepared-packument.ts';
import { packumentUpstream } from './npm-upstream.ts';
import { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE } from './packument-format.ts';

export type PackumentFormat = 'full' | 'abbreviated';

/** A package name as the registry's path spells it: scoped names with `%2f`. */
export const encodeName = (name: string) => (name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name));

/** The body of a verified entry, whole. */
export async function entryBytes(entry: StoredEntry): Promise<Buffer> {
  if (entry.chunks) return Buffer.concat(entry.chunks);
  return Buffer.from(await new Response(entry.body()).arrayBuffer());
}

/** The packument as the registry sent it, through the cache. */
export function cachedPackument(state: NpmAppState, name: string, format: PackumentFormat): Promise<CacheAnswer> {
  const accept = format === 'full' ? FULL_PACKUMENT_TYPE : ABBREVIATED_PACKUMENT_TYPE;
  const upstream = packumentUpstream(state.options.upstream, encodeName(name), accept, name);
  return state.options.cache.fetch({ ecosystem: 'npm', name, resource: `packument:${format}` }, 'npm-metadata', upstream);
}

/** What the policy says of a package as a whole, before the registry is asked about it. */
export type PackageAdmission = { readonly kind: 'blocked'; readonly decision: Decision } | { readonly kind: 'admitted'; readonly unchecked: boolean };

/**
 * Refuses (503) when the policy cannot be applied yet in enforce mode. A package whose
 * every version is flagged is blocked before the registry is asked (reported packages are
 * often unpublished there, which would read as a plain 404). Otherwise the package is
 * admitted, unchecked when no database is loaded outside enforce mode.
 */
export function admitPackage(state: NpmAppState, ref: PackageRef): PackageAdmission {
  const check = checkPackage(state.options.policy(), ref);
  if (check.kind === 'decided') return check.decision.outcome === 'deny' ? { kind: 'blocked', decision: check.decision } : { kind: 'admitted', unchecked: false };
  if (check.refuse) throw new PalisadeError(503, 'database-unavailable', `No malicious-package database is loaded, so no package can be checked: ${check.reason}`);
  return { kind: 'admitted', unchecked: true };
}

/** The header that marks an answer served without a check (no database, outside enforce mode). */
export const uncheckedHeaders = (unchecked: boolean): Record<string, string> => (unchecked ? { [DECISION_HEADER]: 'unchecked' } : {});

/** One decision for a package whose every version is denied: the reasons of them all. */
function wholePackageDecision(ref: PackageRef, denied: readonly Decision[], mode: Decision['mode']): Decision {
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const reason of denied.flatMap((decision) => decision.reasons)) {
    if (seen.has(reason.id)) continue;
    seen.add(reason.id);
    reasons.push(reason);
  }
  return { ref, mode, outcome: 'deny', reasons };
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
    const denied: Decision[] = [];
    const audited: Decision[] = [];
    const filtered = filterJson(bytes, {
      isDenied(version) {
        if (unchecked) return false;
        const decision = decide({ ...ref, version }, view.policy);
        if (decision.outcome === 'deny') denied.push(decision);
        else if (decision.outcome === 'audit') audited.push(decision);
        return decision.outcome === 'deny';
      },
      tarballUrl: (file) => `${base}${ref.name}/-/${encodeURIComponent(file)}`,
    });
    if (!filtered.ok) throw new PalisadeError(502, 'upstream-malformed', `The npm registry sent a malformed packument for "${ref.name}": ${filtered.error}`);
    if (filtered.value.remaining === 0 && filtered.value.removed.length > 0) {
      return { kind: 'blocked', decision: wholePackageDecision(ref, denied, view.policy.mode) };
    }
    return { kind: 'document', packument: preparePackument(filtered.value.json, filtered.value.removed, audited) };
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
