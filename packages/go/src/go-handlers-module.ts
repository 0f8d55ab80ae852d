import type { Context } from 'hono';
import { decide, escapeModuleVersion, PalisadeError, printable, type Decision } from '@palisade/core';
import type { CacheAnswer } from '@palisade/cache';
import {
  admitPackage,
  auditHeaders,
  blockedResponse,
  CACHE_HEADER,
  checkPackage,
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
  type PolicyView,
} from '@palisade/http';
import type { GoAppState, PreparedList } from './go-app.ts';
import { goRefusalText } from './go-refusal.ts';
import type { GoModuleRequest } from './go-request.ts';
import { documentUpstream, streamUpstream } from './go-upstream.ts';
import { parseVersionInfo } from './version-info.ts';
import { filterVersionList, latestAllowed } from './version-list.ts';

const TEXT = 'text/plain; charset=utf-8';
const CONTENT_TYPES = { info: 'application/json', mod: TEXT, zip: 'application/zip' } as const;

/** 403 with the reason phrase and the few text lines `go` prints after `server response:`. */
function refused(decision: Decision, module: string, cache: string, version = decision.ref.version ?? ''): Response {
  const body = goRefusalText({ module, version, reasons: decision.reasons });
  return blockedResponse(decision, () => ({ body, contentType: TEXT }), { [CACHE_HEADER]: cache });
}

const infoProblem = (bytes: Uint8Array) => {
  const parsed = parseVersionInfo(Buffer.from(bytes).toString('utf8'));
  return parsed.ok ? undefined : parsed.error;
};

/** The policy view and what it says of the module as a whole; a wholly flagged module is refused before the upstream is asked. */
function admit(state: GoAppState, module: string, version?: string): { view: PolicyView; unchecked: boolean } | { refusal: Response } {
  const view = state.options.policy();
  const admission = admitPackage(view, { ecosystem: 'go', name: module });
  if (admission.kind === 'blocked') return { refusal: refused(admission.decision, module, 'BYPASS', version) };
  return { view, unchecked: admission.unchecked };
}

function fetchList(state: GoAppState, request: GoModuleRequest): Promise<CacheAnswer> {
  const upstream = documentUpstream(state.options.upstream, `${request.escapedModule}/@v/list`, `version list of ${printable(request.module)}`);
  return state.options.cache.fetch({ ecosystem: 'go', name: request.module, resource: 'list' }, 'go-list', upstream);
}

/** The version list without denied versions, made once per (upstream body, policy revision). */
async function preparedList(state: GoAppState, request: GoModuleRequest, view: PolicyView, unchecked: boolean, answer: CacheAnswer): Promise<PreparedList> {
  const revision = unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}`;
  return state.lists.get(`${answer.entry.meta.sha256}|${revision}`, async () => {
    const text = (await entryBytes(answer.entry)).toString('utf8');
    const filtered = filterVersionList(text, versionDecisions({ ecosystem: 'go', name: request.module }, view, unchecked).isDenied);
    return { body: prepareBody(Buffer.from(filtered.text, 'utf8')), removed: filtered.removed, kept: filtered.kept };
  });
}

/** `GET <module>/@v/list`: the versions, without the denied ones. */
export async function handleList(c: Context, state: GoAppState, request: GoModuleRequest): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: request.module });
  const admitted = admit(state, request.module);
  if ('refusal' in admitted) return admitted.refusal;
  const answer = await fetchList(state, request);
  const list = await preparedList(state, request, admitted.view, admitted.unchecked, answer);
  const target = { kind: 'metadata', package: request.module, filtered: list.removed.length > 0 } as const;
  const headers: Record<string, string> = { 'Content-Type': TEXT, [PROXY_TYPE_HEADER]: 'go', [CACHE_HEADER]: answer.state, ...uncheckedHeaders(admitted.unchecked) };
  noteTarget(c, { ...target, answered: { cache: answer.state, decision: headers[DECISION_HEADER] } });
  return sendPreparedBody(c, list.body, headers, (sent, body) => {
    const holds = holdsWhile({ view: admitted.view, base: '', isFresh: answer.isFresh }, state.options.policy, () => '');
    if (state.options.hotAnswers && holds()) state.options.hotAnswers.remember(c, { ecosystem: 'go', target, headers: sent, body, holds });
  });
}

/** A version's `.info`, `.mod` or `.zip` through the cache (a malformed `.info` is not kept). */
function fetchModuleFile(state: GoAppState, request: GoModuleRequest, kind: 'info' | 'mod' | 'zip', version: string, escapedVersion: string): Promise<CacheAnswer> {
  const path = `${request.escapedModule}/@v/${escapedVersion}.${kind}`;
  const what = `the .${kind} of ${printable(request.module)}@${printable(version)}`;
  const upstream = kind === 'zip' ? streamUpstream(state.options.upstream, path, what) : documentUpstream(state.options.upstream, path, what, kind === 'info' ? infoProblem : undefined);
  return state.options.cache.fetch({ ecosystem: 'go', name: request.module, resource: `${kind}:${version}` }, 'go-module', upstream);
}

/** `GET <module>/@v/<version>.info|.mod|.zip`: refused with 403 for a denied version, else served verified from the cache. */
export async function handleModuleFile(c: Context, state: GoAppState, request: GoModuleRequest & { kind: 'info' | 'mod' | 'zip' }): Promise<Response> {
  const version = request.version ?? '';
  const target = { kind: request.kind === 'zip' ? 'artifact' : 'metadata', package: request.module, version } as const;
  noteTarget(c, target);
  const admitted = admit(state, request.module, version);
  if ('refusal' in admitted) return admitted.refusal;
  let headers: Record<string, string> = uncheckedHeaders(admitted.unchecked);
  if (!admitted.unchecked) {
    const check = checkPackage(admitted.view, { ecosystem: 'go', name: request.module, version });
    if (check.kind === 'decided' && check.decision.outcome === 'deny') return refused(check.decision, request.module, 'BYPASS');
    if (check.kind === 'decided') headers = auditHeaders(check.decision);
  }
  const answer = await fetchModuleFile(state, request, request.kind, version, request.escapedVersion ?? version);
  // An `.info` query (a branch, a commit, `v1.2`) is decided on the version it resolves to.
  if (request.kind === 'info' && !admitted.unchecked) {
    const info = parseVersionInfo((await entryBytes(answer.entry)).toString('utf8'));
    const resolved = info.ok && info.value.version !== version ? decide({ ecosystem: 'go', name: request.module, version: info.value.version }, admitted.view.policy) : undefined;
    if (resolved?.outcome === 'deny') return refused(resolved, request.module, answer.state);
  }
  noteTarget(c, { ...target, answered: { cache: answer.state, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  headers = { ...headers, 'Content-Type': CONTENT_TYPES[request.kind], [PROXY_TYPE_HEADER]: 'go', [CACHE_HEADER]: answer.state };
  const holds = () => answer.isFresh() && state.options.policy() === admitted.view;
  return entryResponse(c, answer.entry, { ecosystem: 'go', target, headers, hot: { answers: state.options.hotAnswers, holds } });
}

/**
 * `GET <module>/@latest`: the upstream's answer when its version is allowed; when it is
 * denied, the `.info` of the highest allowed version of the list; 403 when none is allowed.
 */
export async function handleLatest(c: Context, state: GoAppState, request: GoModuleRequest): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: request.module });
  const admitted = admit(state, request.module);
  if ('refusal' in admitted) return admitted.refusal;
  const upstream = documentUpstream(state.options.upstream, `${request.escapedModule}/@latest`, `the latest version of ${printable(request.module)}`, infoProblem);
  const latest = await state.options.cache.fetch({ ecosystem: 'go', name: request.module, resource: 'latest' }, 'go-list', upstream);
  const info = parseVersionInfo((await entryBytes(latest.entry)).toString('utf8'));
  if (!info.ok) throw new PalisadeError(502, 'upstream-malformed', `The upstream sent a malformed @latest for ${printable(request.module)}: ${info.error}`);
  const headers = { 'Content-Type': 'application/json', [PROXY_TYPE_HEADER]: 'go', ...uncheckedHeaders(admitted.unchecked) };
  const decision = admitted.unchecked ? undefined : decide({ ecosystem: 'go', name: request.module, version: info.value.version }, admitted.view.policy);
  if (decision?.outcome !== 'deny') {
    noteTarget(c, { kind: 'metadata', package: request.module, version: info.value.version, answered: { cache: latest.state } });
    return entryResponse(c, latest.entry, { ecosystem: 'go', target: { kind: 'metadata', package: request.module }, headers: { ...headers, [CACHE_HEADER]: latest.state } });
  }
  const list = await preparedList(state, request, admitted.view, admitted.unchecked, await fetchList(state, request));
  const allowed = latestAllowed(list.kept);
  if (allowed === undefined) return refused(decision, request.module, latest.state);
  const escaped = escapeModuleVersion(allowed);
  if (!escaped.ok) throw new PalisadeError(502, 'upstream-malformed', `The version list of ${printable(request.module)} names an invalid version: ${escaped.error}`);
  const answer = await fetchModuleFile(state, request, 'info', allowed, escaped.value);
  noteTarget(c, { kind: 'metadata', package: request.module, version: allowed, filtered: true, answered: { cache: answer.state } });
  return entryResponse(c, answer.entry, { ecosystem: 'go', target: { kind: 'metadata', package: request.module, filtered: true }, headers: { ...headers, [CACHE_HEADER]: answer.state } });
}
