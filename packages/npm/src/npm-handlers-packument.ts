import type { Context } from 'hono';
import { PalisadeError, printable, RELEASE_AGE_RULE_NAME, type Decision } from '@palisade/core';
import { admitPackage, auditedVersionsHeaders, blockedResponse, checkPackage, cooldownApplies, requestHeader, sendPreparedBody, uncheckedHeaders, CACHE_HEADER, holdsWhile, type AnswerProvenance, DECISION_HEADER, noteTarget, PROXY_TYPE_HEADER, REASON_HEADER, type CacheStatus, type PolicyView, type RequestTarget } from '@palisade/http';
import { selectVersion } from './version-lookup.ts';
import { npmErrorBody, type NpmAppState } from './npm-app.ts';
import { cachedPackument, packagePublishTimes, preparedPackument, type PackumentFormat } from './npm-packument-source.ts';
import type { PreparedPackument } from './npm-prepared-packument.ts';
import { ABBREVIATED_PACKUMENT_TYPE, FULL_PACKUMENT_TYPE, packumentFormat } from './packument-format.ts';


/** Sends a prepared packument: a 304 for a matching ETag, gzip when the client accepts it. */
function sendPrepared(c: Context, state: NpmAppState, target: RequestTarget, prepared: PreparedPackument, contentType: string, extra: Record<string, string>, provenance: AnswerProvenance): Response {
  const headers: Record<string, string> = { 'Content-Type': contentType, Vary: 'Accept, Accept-Encoding', [PROXY_TYPE_HEADER]: 'npm', ...auditedVersionsHeaders(prepared.audited), ...extra };
  noteTarget(c, { ...target, answered: { cache: headers[CACHE_HEADER] as CacheStatus, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  // Repeated while the entry is fresh under the same policy.
  return sendPreparedBody(c, prepared.body, headers, (sent, body) => rememberAnswer(c, state, target, sent, body, provenance));
}

function rememberAnswer(c: Context, state: NpmAppState, target: RequestTarget, headers: Record<string, string>, body: Uint8Array, provenance: AnswerProvenance): void {
  const hot = state.options.hotAnswers;
  const holds = holdsWhile(provenance, state.options.policy, state.publicUrl);
  if (hot && holds()) hot.remember(c, { ecosystem: 'npm', target, headers, body, holds });
}

/** The packument as the policy lets it be served, or the refusal of a package whose every version is denied. */
type PreparedFor =
  | { readonly kind: 'blocked'; readonly decision: Decision; readonly cacheState: CacheStatus }
  | { readonly kind: 'document'; readonly packument: PreparedPackument; readonly headers: Record<string, string>; readonly provenance: AnswerProvenance };

async function preparedFor(state: NpmAppState, name: string, format: PackumentFormat): Promise<PreparedFor> {
  // Read first: an answer is repeated only while the policy and URL are still these.
  const view = state.options.policy();
  const base = state.publicUrl();
  const ref = { ecosystem: 'npm' as const, name };
  const admission = admitPackage(view, ref);
  if (admission.kind === 'blocked') return { kind: 'blocked', decision: admission.decision, cacheState: 'BYPASS' };
  const unchecked = admission.unchecked;
  const answer = await cachedPackument(state, name, format);
  const prepared = await preparedPackument(state, ref, format, answer.entry, unchecked);
  if (prepared.kind === 'blocked') return { kind: 'blocked', decision: prepared.decision, cacheState: answer.state };
  const headers = { [CACHE_HEADER]: answer.state, ...uncheckedHeaders(unchecked) };
  return { kind: 'document', packument: prepared.packument, headers, provenance: { view, base, isFresh: answer.isFresh, validUntil: prepared.validUntil } };
}

/** `GET /<name>`: the packument, full or abbreviated as the client asks, without denied versions. */
export async function handlePackument(c: Context, state: NpmAppState, name: string): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: name });
  const format = packumentFormat(requestHeader(c, 'accept'));
  const prepared = await preparedFor(state, name, format);
  if (prepared.kind === 'blocked') return blockedResponse(prepared.decision, npmErrorBody, { [CACHE_HEADER]: prepared.cacheState });
  const target = { kind: 'metadata', package: name, filtered: prepared.packument.removed.length > 0 } as const;
  const contentType = format === 'full' ? FULL_PACKUMENT_TYPE : ABBREVIATED_PACKUMENT_TYPE;
  return sendPrepared(c, state, target, prepared.packument, contentType, prepared.headers, prepared.provenance);
}

/** The filtered full packument as a document, for the version and dist-tags routes. */
async function filteredDocument(state: NpmAppState, name: string) {
  const prepared = await preparedFor(state, name, 'full');
  if (prepared.kind === 'blocked') return { blocked: blockedResponse(prepared.decision, npmErrorBody, { [CACHE_HEADER]: prepared.cacheState }) } as const;
  const document = JSON.parse(Buffer.from(prepared.packument.body.identity).toString('utf8')) as Record<string, unknown>;
  return { document, cacheState: prepared.headers[CACHE_HEADER] as CacheStatus, headers: prepared.headers, view: prepared.provenance.view } as const;
}

/**
 * Why a version the filtered packument lacks is refused, if it is: denied by the feed or a
 * rule, or held back by the cooldown by the publish time the registry gives it (a name that
 * is no published version is simply not found, whatever the cooldown says of unknown times).
 */
async function refusalOf(state: NpmAppState, view: PolicyView, name: string, spec: string): Promise<Decision | undefined> {
  const ref = { ecosystem: 'npm' as const, name, version: spec };
  const publishedAt = cooldownApplies(view, ref) ? (await packagePublishTimes(state, name)).times.get(spec) : undefined;
  const check = checkPackage(view, ref, publishedAt);
  if (check.kind !== 'decided' || check.decision.outcome !== 'deny') return undefined;
  const reasons = check.decision.reasons.filter((reason) => publishedAt !== undefined || reason.rule !== RELEASE_AGE_RULE_NAME);
  return reasons.length > 0 ? { ...check.decision, reasons } : undefined;
}

/** `GET /<name>/<version-or-tag>`: one version's manifest; a denied version is refused with its reasons. */
export async function handleVersion(c: Context, state: NpmAppState, name: string, spec: string): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: name, version: spec });
  const found = await filteredDocument(state, name);
  if ('blocked' in found) return found.blocked;
  const selected = selectVersion(found.document, spec);
  if (!selected) {
    const decision = await refusalOf(state, found.view, name, spec);
    if (decision) return blockedResponse(decision, npmErrorBody, { [CACHE_HEADER]: found.cacheState });
    throw new PalisadeError(404, 'not-found', `No version of "${printable(name)}" matches "${printable(spec)}"`);
  }
  return c.json(selected.manifest, 200, found.headers);
}

/** `GET /-/package/<name>/dist-tags`: the tags, re-pointed away from denied versions. */
export async function handleDistTags(c: Context, state: NpmAppState, name: string): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: name });
  const found = await filteredDocument(state, name);
  if ('blocked' in found) return found.blocked;
  return c.json(found.document['dist-tags'] ?? {}, 200, found.headers);
}
