import type { CacheAnswer } from '@palisade/cache';
import type { PypiAppState } from './pypi-app.ts';
import { pageUpstream } from './pypi-upstream.ts';
import type { UpstreamClient } from '@palisade/http';

/** What is wrong with a JSON API document, or undefined when it is a JSON object. */
function jsonObjectProblem(bytes: Uint8Array): string | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'not a JSON object';
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
}

/** A JSON API document (`<project>/json`, or `<project>/<version>/json`) through the cache; a body that is not a JSON object is not kept. */
export function cachedJsonApi(state: PypiAppState, client: UpstreamClient, project: string, version?: string): Promise<CacheAnswer> {
  const path = version === undefined ? `${project}/json` : `${project}/${encodeURIComponent(version)}/json`;
  const upstream = pageUpstream(client, path, project, jsonObjectProblem, 'application/json');
  return state.options.cache.fetch({ ecosystem: 'pypi', name: project, resource: `json:${version ?? ''}` }, 'pypi-index', upstream);
}
