import type { Context } from 'hono';
import { escapeModuleVersion, PalisadeError, printable } from '@palisade/core';
import { CACHE_HEADER, checkPackage, entryBytes, entryResponse, noteTarget, PROXY_TYPE_HEADER, uncheckedHeaders } from '@palisade/http';
import type { GoAppState } from './go-app.ts';
import { admit, deniedBy, preparedList, refused } from './go-handlers-module.ts';
import { fetchList, fetchModuleFile, infoProblem } from './go-module-files.ts';
import type { GoModuleRequest } from './go-request.ts';
import { documentUpstream } from './go-upstream.ts';
import { infoTime } from './publish-time.ts';
import { parseVersionInfo } from './version-info.ts';
import { latestAllowed } from './version-list.ts';

/**
 * `GET <module>/@latest`: the upstream's answer when its version is allowed (its own `Time`
 * read while a cooldown applies); when it is denied, the `.info` of the highest allowed
 * version of the list; 403 when none is allowed.
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
  const decision = admitted.unchecked ? undefined : deniedBy(checkPackage(admitted.view, { ecosystem: 'go', name: request.module, version: info.value.version }, infoTime(info.value)));
  if (decision === undefined) {
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
