import { isEcosystem, normalizePackageName, printable, type Ecosystem } from '@palisade/core';
import type { Cache } from '@palisade/cache';
import { databaseCommit } from '../database-freshness.ts';
import type { DatabasePolicy } from '../database-policy.ts';
import { apiError, apiJson } from './api-response.ts';

/** What `POST /api/cache/purge` purges: one package, or everything. */
export type PurgeTarget = { readonly all: true } | { readonly ecosystem: Ecosystem; readonly name: string };

/** Reads a purge body: `{"ecosystem": "npm", "package": "x"}` (the name normalised) or `{"all": true}`; a string saying why otherwise. */
export function readPurgeTarget(text: string): PurgeTarget | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body is not JSON: send {"ecosystem": "npm", "package": "name"} or {"all": true}';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !['all', 'ecosystem', 'package'].includes(key));
  if (unknown.length > 0) return `unknown field "${printable(unknown[0] ?? '', 40)}" (all, ecosystem, package)`;
  if (fields['all'] !== undefined) {
    if (fields['all'] !== true || fields['ecosystem'] !== undefined || fields['package'] !== undefined) return '"all" must be true, and alone';
    return { all: true };
  }
  const { ecosystem, package: name } = fields;
  if (typeof ecosystem !== 'string' || !isEcosystem(ecosystem)) return 'ecosystem: must be npm, pypi or go';
  if (typeof name !== 'string' || name === '') return 'package: must be a package name';
  const normalized = normalizePackageName(ecosystem, name);
  return normalized.ok ? { ecosystem, name: normalized.value } : `package: ${normalized.error}`;
}

/** `POST /api/cache/purge`: removes a package's cached entries, or every entry; answers how many, and logs `cache-purged`. */
export async function purgeAnswer(body: string, cache: Pick<Cache, 'purgePackage' | 'purgeAll'>, log: (event: string, fields: Record<string, unknown>) => void): Promise<Response> {
  const target = readPurgeTarget(body);
  if (typeof target === 'string') return apiError(400, 'bad-request', target);
  const purged = 'all' in target ? await cache.purgeAll() : await cache.purgePackage(target.ecosystem, target.name);
  const what = 'all' in target ? { all: true } : { ecosystem: target.ecosystem, package: target.name };
  log('cache-purged', { ...what, entries: purged, by: 'api' });
  return apiJson({ ...what, purged });
}

/** `POST /api/db/reload`: checks the snapshot file now (a new one is put in use), then answers the database in use. */
export async function reloadAnswer(reload: () => Promise<void>, policy: DatabasePolicy): Promise<Response> {
  const before = policy.database?.header;
  await reload();
  const header = policy.database?.header;
  if (header === undefined) return apiError(503, 'database-unavailable', `No database is loaded: ${policy.problem ?? 'unknown'}`);
  const commit = databaseCommit(header);
  return apiJson({ swapped: header !== before, ...(commit !== undefined && { commit }), builtAt: header.builtAt, reports: header.reports });
}
