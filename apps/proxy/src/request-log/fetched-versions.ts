import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Ecosystem } from '@palisade/core';
import { MAX_PAGE_SIZE, type RequestLog, type StoredRequest } from '@palisade/request-log';

/** Whether a logged request handed a version's content out: an artifact, served (2xx, or 304 to a client revalidating its copy), not blocked. */
export function servedArtifact(request: StoredRequest): boolean {
  const { status } = request;
  return request.kind === 'artifact' && request.version !== null && request.decision !== 'blocked' && ((status >= 200 && status <= 299) || status === 304);
}

/**
 * The versions of a package the request log shows as downloaded (see `servedArtifact`),
 * from every request it keeps for the package: newest first, a page at a time with a turn
 * of the event loop between pages, so requests go on meanwhile. Writes the queued requests
 * first, so a download just made counts.
 */
export async function fetchedVersions(requestLog: RequestLog, ecosystem: Ecosystem, name: string): Promise<string[]> {
  requestLog.flush();
  const versions = new Set<string>();
  let before: string | undefined;
  do {
    const page = requestLog.query({ ecosystem, package: name, limit: MAX_PAGE_SIZE, before });
    if (!page.ok) throw new Error(`the request log could not be read for ${ecosystem}/${name}: ${page.error}`);
    for (const request of page.value.entries) if (servedArtifact(request) && request.version !== null) versions.add(request.version);
    before = page.value.next;
    if (before !== undefined) await nextTurn();
  } while (before !== undefined);
  return [...versions];
}
