import { normalizePackageName, printable } from '@palisade/core';
import { REQUEST_DECISIONS, type RequestDecision, type RequestLog, type StoredAlert, type StoredRequest } from '@palisade/request-log';
import { apiError, apiJson, isoTime } from './api-response.ts';
import { optionalCount, optionalEcosystem, optionalTime } from './query-values.ts';

/** The query of `GET /api/requests`. */
export interface RequestsQuery {
  readonly ecosystem?: string | undefined;
  readonly package?: string | undefined;
  readonly decision?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly limit?: string | undefined;
  readonly before?: string | undefined;
}

const badRequest = (problem: string) => apiError(400, 'bad-request', problem);
const disabled = () => apiError(404, 'request-log-disabled', 'The request log is off (requestLog, PALISADE_REQUEST_LOG)');

const shownRequest = (request: StoredRequest) => ({ ...request, time: isoTime(request.time) });
const shownAlert = (alert: StoredAlert) => ({ ...alert, time: isoTime(alert.time), fetches: alert.fetches.map((fetch) => ({ ...fetch, time: isoTime(fetch.time) })) });

/**
 * `GET /api/requests`: the request log newest first, filtered by `ecosystem`, `package` (its
 * name normalised when the ecosystem is given), `decision` (allowed, blocked, audit),
 * `since` and `until` (ISO 8601 or ms), a page of `limit` (100 unless given, 1000 at most);
 * the answer's `next` is the `before` of the following page. Times are ISO 8601.
 */
export function requestsAnswer(requestLog: RequestLog | undefined, query: RequestsQuery): Response {
  if (requestLog === undefined) return disabled();
  const ecosystem = optionalEcosystem(query.ecosystem);
  if (!ecosystem.ok) return badRequest(ecosystem.error);
  const since = optionalTime('since', query.since);
  if (!since.ok) return badRequest(since.error);
  const until = optionalTime('until', query.until);
  if (!until.ok) return badRequest(until.error);
  const limit = optionalCount('limit', query.limit);
  if (!limit.ok) return badRequest(limit.error);
  const decision: RequestDecision | undefined = query.decision ? REQUEST_DECISIONS.find((known) => known === query.decision) : undefined;
  if (query.decision && decision === undefined) return badRequest(`decision: "${printable(query.decision, 40)}" is not ${REQUEST_DECISIONS.join(', ')}`);
  let name = query.package === '' ? undefined : query.package;
  if (name !== undefined && ecosystem.value !== undefined) {
    const normalized = normalizePackageName(ecosystem.value, name);
    if (normalized.ok) name = normalized.value;
  }
  const page = requestLog.query({ ecosystem: ecosystem.value, package: name, decision, since: since.value, until: until.value, limit: limit.value, before: query.before || undefined });
  if (!page.ok) return badRequest(page.error);
  return apiJson({ requests: page.value.entries.map(shownRequest), ...(page.value.next !== undefined && { next: page.value.next }) });
}

/** `GET /api/alerts`: retroactive alerts newest first, a page of `limit` (50 unless given, 500 at most); `next` as for requests. */
export function alertsAnswer(requestLog: RequestLog | undefined, query: { readonly limit?: string | undefined; readonly before?: string | undefined }): Response {
  if (requestLog === undefined) return disabled();
  const limit = optionalCount('limit', query.limit);
  if (!limit.ok) return badRequest(limit.error);
  const page = requestLog.listAlerts({ limit: limit.value, before: query.before || undefined });
  if (!page.ok) return badRequest(page.error);
  return apiJson({ alerts: page.value.alerts.map(shownAlert), ...(page.value.next !== undefined && { next: page.value.next }) });
}
