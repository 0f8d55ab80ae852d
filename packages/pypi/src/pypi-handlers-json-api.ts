import type { Context } from 'hono';
import { decide, PalisadeError, printable, type Decision } from '@palisade/core';
import { admitPackage, blockedResponse, CACHE_HEADER, entryBytes, noteTarget, prepareBody, PROXY_TYPE_HEADER, sendPreparedBody, uncheckedHeaders, wholePackageDecision } from '@palisade/http';
import { fileLocation, formatFileLocation } from './file-location.ts';
import { filterJsonApi } from './json-api-filter.ts';
import { pypiErrorBody, type PypiAppState } from './pypi-app.ts';
import type { PreparedPage } from './pypi-page-source.ts';
import { pageUpstream } from './pypi-upstream.ts';

/** What is wrong with a JSON API document, or undefined when it is a JSON object. */
function jsonObjectProblem(bytes: Uint8Array): string | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'not a JSON object';
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
}

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
  const path = version === undefined ? `${project}/json` : `${project}/${encodeURIComponent(version)}/json`;
  const answer = await state.options.cache.fetch({ ecosystem: 'pypi', name: project, resource: `json:${version ?? ''}` }, 'pypi-index', pageUpstream(client, path, project, jsonObjectProblem, 'application/json'));
  const revision = admission.unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}`;
  const prepared = await state.prepared.get(`json|${answer.entry.meta.sha256}|${revision}|${base}`, async (): Promise<PreparedPage> => {
    let document: unknown;
    try {
      document = JSON.parse((await entryBytes(answer.entry)).toString('utf8'));
    } catch {
      document = undefined;
    }
    const denied: Decision[] = [];
    const filtered = filterJsonApi(document, {
      isDenied(candidate) {
        if (admission.unchecked) return false;
        const decision = decide({ ...ref, version: candidate }, view.policy);
        if (decision.outcome === 'deny') denied.push(decision);
        return decision.outcome === 'deny';
      },
      fileUrl: fileUrlFor(state, project, base),
    });
    if (!filtered.ok) throw new PalisadeError(502, 'upstream-malformed', `The index sent a malformed JSON API document for "${printable(project)}": ${filtered.error}`);
    const { removed, remaining, versionDenied } = filtered.value;
    if (versionDenied || (remaining === 0 && removed.length > 0)) return { kind: 'blocked', decision: wholePackageDecision(version === undefined ? ref : { ...ref, version }, denied, view.policy.mode) };
    return { kind: 'document', body: prepareBody(Buffer.from(JSON.stringify(filtered.value.document), 'utf8')), removed, audited: [] };
  });
  if (prepared.kind === 'blocked') return blockedResponse(prepared.decision, pypiErrorBody, { [CACHE_HEADER]: answer.state });
  noteTarget(c, { kind: 'metadata', package: project, version, filtered: prepared.removed.length > 0, answered: { cache: answer.state } });
  const headers = { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', [PROXY_TYPE_HEADER]: 'pypi', [CACHE_HEADER]: answer.state, ...uncheckedHeaders(admission.unchecked) };
  return sendPreparedBody(c, prepared.body, headers);
}
