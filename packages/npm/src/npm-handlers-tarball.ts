import type { Context } from 'hono';
import { PalisadeError, printable, type Result } from '@palisade/core';
import { admitPackage, auditHeaders, blockedResponse, cooldownApplies, entryBytes, uncheckedHeaders, CACHE_HEADER, checkPackage, DECISION_HEADER, entryResponse, noteTarget, PROXY_TYPE_HEADER, REASON_HEADER } from '@palisade/http';
import { publishedDigest, type PublishedDigest } from './published-digest.ts';
import { findTarballVersion } from './version-lookup.ts';
import { npmErrorBody, type NpmAppState } from './npm-app.ts';
import { cachedPackument, encodeName, packagePublishTimes } from './npm-packument-source.ts';
import { tarballUpstream } from './npm-upstream.ts';

/** A parsed upstream packument kept for mapping tarball files to versions, with its size for the memory bound. */
export interface TarballIndex {
  readonly document: unknown;
  readonly bytes: number;
  /** Files already looked up, by name: hot tarballs skip the search and the digest decoding. */
  readonly resolved: Map<string, ResolvedTarball>;
}

/** What a tarball file maps to through the packument. */
interface ResolvedTarball {
  readonly version: string;
  readonly digest: Result<PublishedDigest>;
  readonly path: string;
}

/** The unfiltered packument, parsed once per upstream body, and whether its cache entry is still fresh. */
async function upstreamIndex(state: NpmAppState, name: string): Promise<{ index: TarballIndex; isFresh: () => boolean }> {
  const answer = await cachedPackument(state, name, 'abbreviated');
  const key = answer.entry.meta.sha256;
  let index = state.tarballIndexes.get(key);
  if (!index) {
    index = { document: JSON.parse((await entryBytes(answer.entry)).toString('utf8')) as unknown, bytes: answer.entry.meta.size * 3, resolved: new Map() };
    state.tarballIndexes.set(key, index);
  }
  return { index, isFresh: answer.isFresh };
}

/** The version, published digest and upstream path of a tarball file; undefined when no version lists it. */
function resolveTarball(state: NpmAppState, index: TarballIndex, name: string, file: string): ResolvedTarball | undefined {
  const held = index.resolved.get(file);
  if (held) return held;
  const target = findTarballVersion(index.document, file);
  if (!target) return undefined;
  // Only files the packument lists are remembered: at most one per version.
  const resolved = { version: target.version, digest: publishedDigest(target.dist), path: upstreamPath(state, name, file, target.upstreamUrl) };
  index.resolved.set(file, resolved);
  return resolved;
}

/** The path to fetch a tarball from: the packument's URL when it lies under the registry's root, else the registry's standard place. */
function upstreamPath(state: NpmAppState, name: string, file: string, upstreamUrl: string): string {
  const base = state.options.upstream.baseUrl;
  return upstreamUrl.startsWith(base) ? upstreamUrl.slice(base.length) : `${encodeName(name)}/-/${encodeURIComponent(file)}`;
}

/**
 * `GET /<name>/-/<file>.tgz`: the version is found through the packument, checked against
 * the policy (with its publish time from the full packument while a cooldown applies), and
 * the tarball fetched, verified against the published integrity before it is cached, and
 * streamed. Lockfile installs ask for tarballs only: this is where they are stopped.
 */
export async function handleTarball(c: Context, state: NpmAppState, name: string, file: string): Promise<Response> {
  noteTarget(c, { kind: 'artifact', package: name });
  // Read first: an answer is repeated only while the policy is still this one.
  const view = state.options.policy();
  const admission = admitPackage(view, { ecosystem: 'npm', name });
  if (admission.kind === 'blocked') return blockedResponse(admission.decision, npmErrorBody, { [CACHE_HEADER]: 'BYPASS' });
  const unchecked = admission.unchecked;
  const packument = await upstreamIndex(state, name);
  const target = resolveTarball(state, packument.index, name, file);
  if (!target) throw new PalisadeError(404, 'not-found', `No version of "${printable(name)}" has the tarball "${printable(file)}"`);
  noteTarget(c, { kind: 'artifact', package: name, version: target.version });
  let headers: Record<string, string> = uncheckedHeaders(unchecked);
  let validUntil = Number.POSITIVE_INFINITY;
  if (!unchecked) {
    const ref = { ecosystem: 'npm' as const, name, version: target.version };
    const publishedAt = cooldownApplies(view, ref) ? (await packagePublishTimes(state, name)).times.get(target.version) : undefined;
    const check = checkPackage(view, ref, publishedAt);
    if (check.kind === 'decided') {
      if (check.decision.outcome === 'deny') return blockedResponse(check.decision, npmErrorBody, { [CACHE_HEADER]: 'BYPASS' });
      headers = auditHeaders(check.decision);
      validUntil = check.validUntil;
    }
  }
  const digest = target.digest;
  if (!digest.ok) throw new PalisadeError(502, 'upstream-unverifiable', `The packument of "${printable(name)}" publishes no usable integrity for ${printable(file)}: ${digest.error}`);
  const what = `the tarball ${printable(file)} of "${printable(name)}"`;
  const upstream = tarballUpstream(state.options.upstream, target.path, digest.value, what);
  const answer = await state.options.cache.fetch({ ecosystem: 'npm', name, resource: `tarball:${file}` }, 'npm-tarball', upstream);
  const noted = { kind: 'artifact', package: name, version: target.version } as const;
  noteTarget(c, { ...noted, answered: { cache: answer.state, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  headers = { ...headers, 'Content-Type': 'application/octet-stream', [CACHE_HEADER]: answer.state, [PROXY_TYPE_HEADER]: 'npm' };
  // Repeated while the entry, the packument, the policy and its decision (an audited young version) hold.
  const holds = () => answer.isFresh() && packument.isFresh() && state.options.policy() === view && view.now() < validUntil;
  return entryResponse(c, answer.entry, { ecosystem: 'npm', target: noted, headers, hot: { answers: state.options.hotAnswers, holds } });
}
