import type { Context } from 'hono';
import { PalisadeError, printable } from '@palisade/core';
import {
  admitPackage,
  auditedVersionsHeaders,
  blockedResponse,
  CACHE_HEADER,
  DECISION_HEADER,
  entryResponse,
  holdsWhile,
  noteTarget,
  PROXY_TYPE_HEADER,
  REASON_HEADER,
  requestHeader,
  sendPreparedBody,
  uncheckedHeaders,
  type CacheStatus,
} from '@palisade/http';
import { pypiErrorBody, type PypiAppState } from './pypi-app.ts';
import { cachedPage, preparedPage } from './pypi-page-source.ts';
import { streamedUpstream } from './pypi-upstream.ts';
import { negotiateSimpleContentType, negotiateSimpleFormat, SIMPLE_HTML_CONTENT_TYPE, SIMPLE_JSON_CONTENT_TYPE, type SimpleFormat } from './simple-format.ts';

const NOT_ACCEPTABLE = `This index serves ${SIMPLE_JSON_CONTENT_TYPE}, ${SIMPLE_HTML_CONTENT_TYPE} and text/html (PEP 691); the request's Accept header allows none of them`;

/** The form and content type the client asked for (PEP 691 negotiation); 406 when it accepts neither form. */
function negotiated(c: Context): { readonly format: SimpleFormat; readonly contentType: string } {
  const accept = requestHeader(c, 'accept');
  const format = negotiateSimpleFormat(accept);
  const contentType = negotiateSimpleContentType(accept);
  if (!format || !contentType) throw new PalisadeError(406, 'not-acceptable', NOT_ACCEPTABLE);
  return { format, contentType };
}

/** `GET /simple/<project>/`: the page in the form the client asked for, without the files of denied versions. */
export async function handleProjectPage(c: Context, state: PypiAppState, project: string): Promise<Response> {
  noteTarget(c, { kind: 'metadata', package: project });
  const { format, contentType } = negotiated(c);
  // Read first: an answer is repeated only while the policy and URL are still these.
  const view = state.options.policy();
  const base = state.publicUrl();
  const ref = { ecosystem: 'pypi' as const, name: project };
  const admission = admitPackage(view, ref);
  if (admission.kind === 'blocked') return blockedResponse(admission.decision, pypiErrorBody, { [CACHE_HEADER]: 'BYPASS', Vary: 'Accept' });
  const answer = await cachedPage(state, project);
  const prepared = await preparedPage(state, ref, format, answer.entry, admission.unchecked);
  if (prepared.kind === 'blocked') return blockedResponse(prepared.decision, pypiErrorBody, { [CACHE_HEADER]: answer.state, Vary: 'Accept' });
  const target = { kind: 'metadata', package: project, filtered: prepared.removed.length > 0 } as const;
  const headers: Record<string, string> = {
    'Content-Type': format === 'json' ? contentType : `${contentType}; charset=utf-8`,
    Vary: 'Accept, Accept-Encoding',
    [PROXY_TYPE_HEADER]: 'pypi',
    [CACHE_HEADER]: answer.state,
    ...uncheckedHeaders(admission.unchecked),
    ...auditedVersionsHeaders(prepared.audited),
  };
  noteTarget(c, { ...target, answered: { cache: answer.state, decision: headers[DECISION_HEADER], reasons: headers[REASON_HEADER] } });
  return sendPreparedBody(c, prepared.body, headers, (sent, body) => {
    const hot = state.options.hotAnswers;
    const holds = holdsWhile({ view, base, isFresh: answer.isFresh, validUntil: prepared.validUntil }, state.options.policy, state.publicUrl);
    if (hot && holds()) hot.remember(c, { ecosystem: 'pypi', target, headers: sent, body, holds });
  });
}

/** `GET /simple/`: the list of every project, passed through as it streams (it is large), cached per form. */
export async function handleRootIndex(c: Context, state: PypiAppState): Promise<Response> {
  noteTarget(c, { kind: 'other' });
  const { format } = negotiated(c);
  const accept = format === 'json' ? SIMPLE_JSON_CONTENT_TYPE : `${SIMPLE_HTML_CONTENT_TYPE}, text/html;q=0.1`;
  const upstream = streamedUpstream(state.options.index, '', accept, 'the project list');
  const answer = await state.options.cache.fetch({ ecosystem: 'pypi', name: '', resource: `root:${format}` }, 'pypi-index', upstream);
  const contentType = answer.entry.meta.contentType;
  if (format === 'json' && !contentType.includes('json')) throw new PalisadeError(406, 'not-acceptable', `The index serves its project list only as ${printable(contentType)}`);
  noteTarget(c, { kind: 'other', answered: { cache: answer.state as CacheStatus } });
  const headers = { 'Content-Type': contentType, Vary: 'Accept', [PROXY_TYPE_HEADER]: 'pypi', [CACHE_HEADER]: answer.state };
  return entryResponse(c, answer.entry, { ecosystem: 'pypi', target: { kind: 'other' }, headers });
}
