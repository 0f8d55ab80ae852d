import { printable } from '@palisade/core';
import type { CacheAnswer } from '@palisade/cache';
import type { GoAppState } from './go-app.ts';
import type { GoModuleRequest } from './go-request.ts';
import { documentUpstream, streamUpstream } from './go-upstream.ts';
import { parseVersionInfo } from './version-info.ts';

/** What is wrong with an `.info` or `@latest` body, or undefined when it is usable. */
export const infoProblem = (bytes: Uint8Array) => {
  const parsed = parseVersionInfo(Buffer.from(bytes).toString('utf8'));
  return parsed.ok ? undefined : parsed.error;
};

/** A module's `@v/list` through the cache. */
export function fetchList(state: GoAppState, request: GoModuleRequest): Promise<CacheAnswer> {
  const upstream = documentUpstream(state.options.upstream, `${request.escapedModule}/@v/list`, `version list of ${printable(request.module)}`);
  return state.options.cache.fetch({ ecosystem: 'go', name: request.module, resource: 'list' }, 'go-list', upstream);
}

/** A version's `.info`, `.mod` or `.zip` through the cache (a malformed `.info` is not kept). */
export function fetchModuleFile(state: GoAppState, request: GoModuleRequest, kind: 'info' | 'mod' | 'zip', version: string, escapedVersion: string): Promise<CacheAnswer> {
  const path = `${request.escapedModule}/@v/${escapedVersion}.${kind}`;
  const what = `the .${kind} of ${printable(request.module)}@${printable(version)}`;
  const upstream = kind === 'zip' ? streamUpstream(state.options.upstream, path, what) : documentUpstream(state.options.upstream, path, what, kind === 'info' ? infoProblem : undefined);
  return state.options.cache.fetch({ ecosystem: 'go', name: request.module, resource: `${kind}:${version}` }, 'go-module', upstream);
}
