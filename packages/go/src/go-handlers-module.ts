import type { Context } from 'hono';
import type { Decision, PackageRef } from '@palisade/core';
import type { CacheAnswer } from '@palisade/cache';
import {
  admitPackage,
  auditedVersionsHeaders,
  auditHeaders,
  blockedResponse,
  CACHE_HEADER,
  checkPackage,
  cooldownApplies,
  DECISION_HEADER,
  entryBytes,
  entryResponse,
  holdsWhile,
  noteTarget,
  prepareBody,
  PROXY_TYPE_HEADER,
  REASON_HEADER,
  sendPreparedBody,
  uncheckedHeaders,
  versionDecisions,
  type PackageCheck,
  type PolicyView,
} from '@palisade/http';
import type { GoAppState, PreparedList } from './go-app.ts';
import { fetchList, fetchModuleFile } from './go-module-files.ts';
import { listPublishTimes, readInfo, versionPublishTime } from './go-publish-times.ts';
import { goRefusalText } from './go-refusal.ts';
import type { GoModuleRequest } from './go-request.ts';
import { infoTime } from './publish-time.ts';
import { filterVersionList } from './version-list.ts';

const TEXT = 'text/plain; charset=utf-8';
const CONTENT_TYPES = { info: 'application/json', mod: TEXT, zip: 'application/zip' } as const;

/** 403 with the reason phrase and the few text lines `go` prints after `server response:`. */
export function refused(decision: Decision, module: string, cache: string, version = decision.ref.version ?? ''): Response {
  const body = goRefusalText({ module, version, reasons: decision.reasons });
  return blockedResponse(decision, () => ({ body, contentType: TEXT }), { [CACHE_HEADER]: cache });
}

/** The policy view and what it says of the module as a whole; a wholly flagged (or internal) module is refused before the upstream is asked. */
export function admit(state: GoAppState, module: string, version?: string): { view: PolicyView; unchecked: boolean } | { refusal: Response } {
  const view = state.options.policy();
  const admission = admitPackage(view, { ecosystem: 'go', name: module });
  if (admission.kind === 'blocked') return { refusal: refused(admission.decision, module, 'BYPASS', version) };
  return { view, unchecked: admission.unchecked };
}

/** The decision of a check that denied, else undefined. */
export const deniedBy = (check: PackageCheck) => (check.kind === 'decided' && check.decision.outcome === 'deny' ? check.decision : undefined);

/**
 * The version list without denied versions, made once per (module, upstream body, policy revision)
 * and again once a version the cooldown held back comes of age. While a cooldown applies,
 * each listed version's publish time is read (pseudo-versions from themselves, others from
 * their `.info`, through the cache).
 */
export async function preparedList(state: GoAppState, request: GoModuleRequest, view: PolicyView, unchecked: boolean, answer: CacheAnswer): Promise<PreparedList> {
  const revision = unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}`;
  const ref: PackageRef = { ecosystem: 'go', name: request.module };
  const prepare = async (): Promise<PreparedList> => {
    const text = (await entryBytes(answer.entry)).toString('utf8');
    let published: ReadonlyMap<string, number> | undefined;
    if (!unchecked && cooldownApplies(view, ref)) {
      const listed = filterVersionList(text, () => false).kept.filter((version) => cooldownApplies(view, { ...ref, version }));
      published = await listPublishTimes(state, request, listed);
    }
    const decisions = versionDecisions(ref, view, unchecked, published && ((version) => published.get(version)));
    const filtered = filterVersionList(text, decisions.isDenied);
    return { body: prepareBody(Buffer.from(filtered.text, 'utf8')), removed: filtered.removed, kept: filtered.kept, audited: decisions.audited, validUntil: decisions.validUntil };
  };
  // The module is part of the key: two modules can publish the very same list.
  return state.lists.get(`${request.module}|${answer.entry.meta.sha256}|${revision}`, prepare, view.now());
}

/** `GET <module>/@v/list`: the versions, without the denied ones. */
export async function handleList(c: Context, state: GoAppState, request: GoModuleRequest): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: request.module });
  const admitted = admit(state, request.module);
  if ('refusal' in admitted) return admitted.refusal;
  const answer = await fetchList(state, request);
  const list = await preparedList(state, request, admitted.view, admitted.unchecked, answer);
  const target = { kind: 'metadata', package: request.module, filtered: list.removed.length > 0 } as const;
  const headers: Record<string, string> = { 'Content-Type': TEXT, [PROXY_TYPE_HEADER]: 'go', [CACHE_HEADER]: answer.state, ...uncheckedHeaders(admitted.unchecked), ...auditedVersionsHeaders(list.audited) };
  noteTarget(c, { ...target, answered: { cache: answer.state, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  return sendPreparedBody(c, list.body, headers, (sent, body) => {
    const holds = holdsWhile({ view: admitted.view, base: '', isFresh: answer.isFresh, validUntil: list.validUntil }, state.options.policy, () => '');
    if (state.options.hotAnswers && holds()) state.options.hotAnswers.remember(c, { ecosystem: 'go', target, headers: sent, body, holds });
  });
}

/**
 * `GET <module>/@v/<version>.info|.mod|.zip`: refused with 403 for a denied version (one the
 * cooldown holds back included: its publish time is read first), else served verified from the cache.
 */
export async function handleModuleFile(c: Context, state: GoAppState, request: GoModuleRequest & { kind: 'info' | 'mod' | 'zip' }): Promise<Response> {
  const version = request.version ?? '';
  const escapedVersion = request.escapedVersion ?? version;
  const target = { kind: request.kind === 'zip' ? 'artifact' : 'metadata', package: request.module, version } as const;
  noteTarget(c, target);
  const admitted = admit(state, request.module, version);
  if ('refusal' in admitted) return admitted.refusal;
  const { view, unchecked } = admitted;
  let headers: Record<string, string> = uncheckedHeaders(unchecked);
  let validUntil = Number.POSITIVE_INFINITY;
  let info: CacheAnswer | undefined;
  if (!unchecked) {
    const ref = { ecosystem: 'go' as const, name: request.module, version };
    let publishedAt: number | undefined;
    if (cooldownApplies(view, ref)) {
      // An `.info` asked for is the one that says when its version was published.
      if (request.kind === 'info') info = await fetchModuleFile(state, request, 'info', version, escapedVersion);
      publishedAt = info ? await readInfo(info).then((read) => read && infoTime(read)) : await versionPublishTime(state, request, version);
    }
    const check = checkPackage(view, ref, publishedAt);
    const denied = deniedBy(check);
    if (denied) return refused(denied, request.module, info?.state ?? 'BYPASS');
    if (check.kind === 'decided') [headers, validUntil] = [auditHeaders(check.decision), check.validUntil];
  }
  const answer = info ?? (await fetchModuleFile(state, request, request.kind, version, escapedVersion));
  // An `.info` query (a branch, a commit, `v1.2`) is decided on the version it resolves to.
  if (request.kind === 'info' && !unchecked) {
    const resolved = await readInfo(answer);
    if (resolved && resolved.version !== version) {
      const denied = deniedBy(checkPackage(view, { ecosystem: 'go', name: request.module, version: resolved.version }, infoTime(resolved)));
      if (denied) return refused(denied, request.module, answer.state);
    }
  }
  noteTarget(c, { ...target, answered: { cache: answer.state, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  headers = { ...headers, 'Content-Type': CONTENT_TYPES[request.kind], [PROXY_TYPE_HEADER]: 'go', [CACHE_HEADER]: answer.state };
  const holds = () => answer.isFresh() && state.options.policy() === view && view.now() < validUntil;
  return entryResponse(c, answer.entry, { ecosystem: 'go', target, headers, hot: { answers: state.options.hotAnswers, holds } });
}
