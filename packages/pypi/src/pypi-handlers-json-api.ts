import type { Context } from 'hono';
import { PalisadeError, printable } from '@palisade/core';
import { admitPackage, auditedVersionsHeaders, blockedResponse, CACHE_HEADER, cooldownApplies, entryBytes, noteTarget, prepareBody, PROXY_TYPE_HEADER, sendPreparedBody, uncheckedHeaders, versionDecisions, wholePackageDecision } from '@palisade/http';
import { fileLocation, formatFileLocation } from './file-location.ts';
import { filterJsonApi } from './json-api-filter.ts';
import { pypiErrorBody, type PypiAppState } from './pypi-app.ts';
import { cachedJsonApi } from './pypi-json-api-source.ts';
import type { PreparedPage } from './pypi-page-source.ts';
import { jsonApiTimes } from './pypi-publish-times.ts';

/** Palisade's URL for a file the JSON API links, or undefined for a host files may not come from. */
function fileUrlFor(state: PypiAppState, project: string, base: string) {
  return (upstreamUrl: string): string | undefined => {
    if (!URL.canParse(upstreamUrl)) return undefined;
    const url = new URL(upstreamUrl);
    if (!state.fileClients.has(url.host.toLowerCase()) || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
    return `${base}files/${formatFileLocation(fileLocation(project, url))}`;
  };
}

/**
 * `GET /pypi/<project>/json` and `/pypi/<project>/<version>/json` (the JSON API Poetry and
 * other tools read): denied versions leave `releases`, `info.version` is re-pointed when it
 * was denied, every file URL points at Palisade. A denied version's own document, and a
 * project with every version denied, are refused with 403.
 */
export async function handleJsonApi(c: Context, state: PypiAppState, project: string, version: string | undefined): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: project, version });
  const client = state.options.jsonApi;
  if (!client) throw new PalisadeError(404, 'not-found', 'This index has no JSON API configured');
  const view = state.options.policy();
  const base = state.publicUrl();
  const ref = { ecosystem: 'pypi' as const, name: project };
  const admission = admitPackage(view, ref);
  if (admission.kind === 'blocked') return blockedResponse(admission.decision, pypiErrorBody, { [CACHE_HEADER]: 'BYPASS' });
  const answer = await cachedJsonApi(state, client, project, version);
  const cooldown = !admission.unchecked && cooldownApplies(view, ref);
  const revision = admission.unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}`;
  const prepared = await state.prepared.get(`json|${project}|${version ?? ''}|${answer.entry.meta.sha256}|${revision}|${base}`, async (): Promise<PreparedPage> => {
    let document: unknown;
    try {
      document = JSON.parse((await entryBytes(answer.entry)).toString('utf8'));
    } catch {
      document = undefined;
    }
    // A version's own document lists no releases; its times are those of the project's document.
    const times = cooldown ? await jsonApiTimes(state, version === undefined ? answer.entry : (await cachedJsonApi(state, client, project)).entry) : undefined;
    const decisions = versionDecisions(ref, view, admission.unchecked, times && ((candidate) => times.get(candidate)));
    const filtered = filterJsonApi(document, { isDenied: (candidate) => decisions.isDenied(candidate), fileUrl: fileUrlFor(state, project, base) });
    if (!filtered.ok) throw new PalisadeError(502, 'upstream-malformed', `The index sent a malformed JSON API document for "${printable(project)}": ${filtered.error}`);
    const { removed, remaining, versionDenied } = filtered.value;
    const { validUntil, denied, audited } = decisions;
    if (versionDenied || (remaining === 0 && removed.length > 0)) {
      return { kind: 'blocked', decision: wholePackageDecision(version === undefined ? ref : { ...ref, version }, denied, denied[0]?.mode ?? view.policy.mode), validUntil };
    }
    return { kind: 'document', body: prepareBody(Buffer.from(JSON.stringify(filtered.value.document), 'utf8')), removed, audited, validUntil };
  }, view.now());
  if (prepared.kind === 'blocked') return blockedResponse(prepared.decision, pypiErrorBody, { [CACHE_HEADER]: answer.state });
  noteTarget(c, { kind: 'metadata', package: project, version, filtered: prepared.removed.length > 0, answered: { cache: answer.state } });
  const headers = { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', [PROXY_TYPE_HEADER]: 'pypi', [CACHE_HEADER]: answer.state, ...uncheckedHeaders(admission.unchecked), ...auditedVersionsHeaders(prepared.audited) };
  return sendPreparedBody(c, prepared.body, headers);
}

