import type { Context } from 'hono';
import { PalisadeError, printable } from '@palisade/core';
import { admitPackage, auditHeaders, blockedResponse, CACHE_HEADER, checkPackage, cooldownApplies, DECISION_HEADER, entryResponse, noteTarget, PROXY_TYPE_HEADER, REASON_HEADER, uncheckedHeaders } from '@palisade/http';
import { decodedPath, parseFileLocation } from './file-location.ts';
import { pypiErrorBody, type PypiAppState } from './pypi-app.ts';
import { fileIndex, type ListedFile } from './pypi-file-index.ts';
import { cachedPage } from './pypi-page-source.ts';
import { projectPublishTimes } from './pypi-publish-times.ts';
import { fileUpstream } from './pypi-upstream.ts';

const METADATA_SUFFIX = '.metadata';

/** The SHA-256 a download is verified against: the file's, or its metadata file's (PEP 658). */
function publishedSha256(listed: ListedFile, metadata: boolean): string {
  const sha256 = metadata ? listed.metadataSha256 : listed.sha256;
  if (sha256) return sha256;
  const what = metadata ? `the metadata of ${printable(listed.filename)}` : printable(listed.filename);
  throw new PalisadeError(502, 'upstream-unverifiable', `The index publishes no SHA-256 for ${what}, so it cannot be verified`);
}

/**
 * `GET /files/<project>/<host>/<path>` (and `<path>.metadata`): the file is looked up in
 * the project's index page (a file the page does not list is not served), its version
 * checked against the policy, and the file fetched, verified against the SHA-256 the page
 * published before it is cached, and streamed.
 */
export async function handleFile(c: Context, state: PypiAppState, rest: string): Promise<Response> {
  const located = parseFileLocation(rest);
  if (!located.ok) throw new PalisadeError(400, 'bad-request', `Not a file path: ${located.error}`);
  const { project, host } = located.value;
  const metadata = located.value.path.endsWith(METADATA_SUFFIX);
  const path = metadata ? located.value.path.slice(0, -METADATA_SUFFIX.length) : located.value.path;
  noteTarget(c, { kind: metadata ? 'metadata' : 'artifact', package: project });
  const view = state.options.policy();
  const admission = admitPackage(view, { ecosystem: 'pypi', name: project });
  if (admission.kind === 'blocked') return blockedResponse(admission.decision, pypiErrorBody, { [CACHE_HEADER]: 'BYPASS' });
  const page = await cachedPage(state, project);
  const listed = (await fileIndex(state, project, page.entry)).files.get(`${host}${decodedPath(path)}`);
  const client = state.fileClients.get(host);
  if (!listed || !client) throw new PalisadeError(404, 'not-found', `The index page of "${printable(project)}" lists no file at ${printable(host + path)}`);
  const version = listed.version;
  noteTarget(c, { kind: metadata ? 'metadata' : 'artifact', package: project, version });
  let headers = uncheckedHeaders(admission.unchecked);
  if (!admission.unchecked && version !== undefined) {
    const ref = { ecosystem: 'pypi' as const, name: project, version };
    const publishedAt = cooldownApplies(view, ref) ? (await projectPublishTimes(state, project, page.entry)).times.get(version) : undefined;
    const check = checkPackage(view, ref, publishedAt);
    if (check.kind === 'decided') {
      if (check.decision.outcome === 'deny') return blockedResponse(check.decision, pypiErrorBody, { [CACHE_HEADER]: 'BYPASS' });
      headers = auditHeaders(check.decision);
    }
  }
  const sha256 = publishedSha256(listed, metadata);
  const upstreamPath = `${listed.path}${metadata ? METADATA_SUFFIX : ''}`;
  const what = metadata ? `the metadata of ${printable(listed.filename)}` : printable(listed.filename);
  const upstream = fileUpstream(client, upstreamPath, sha256, what);
  const answer = await state.options.cache.fetch({ ecosystem: 'pypi', name: project, resource: `file:${host}${upstreamPath}` }, 'pypi-file', upstream);
  noteTarget(c, { kind: metadata ? 'metadata' : 'artifact', package: project, version, answered: { cache: answer.state, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  headers = { ...headers, 'Content-Type': metadata ? 'text/plain; charset=utf-8' : 'application/octet-stream', [CACHE_HEADER]: answer.state, [PROXY_TYPE_HEADER]: 'pypi' };
  const target = { kind: metadata ? 'metadata' : 'artifact', package: project, version } as const;
  // Repeated while the entry, the page and the policy hold (a file refused is never repeated; an allowed one stays allowed as it ages).
  const holds = () => answer.isFresh() && page.isFresh() && state.options.policy() === view;
  return entryResponse(c, answer.entry, { ecosystem: 'pypi', target, headers, hot: { answers: state.options.hotAnswers, holds } });
}
