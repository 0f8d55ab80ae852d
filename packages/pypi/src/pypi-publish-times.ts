import { PalisadeError } from '@palisade/core';
import type { StoredEntry } from '@palisade/cache';
import { entryBytes } from '@palisade/http';
import { jsonApiUploadTimes } from './json-api-times.ts';
import type { PypiAppState } from './pypi-app.ts';
import { fileIndex, type VersionTimes } from './pypi-file-index.ts';
import { cachedJsonApi } from './pypi-json-api-source.ts';

/** When a project's versions were published, and what that was read from. */
export interface ProjectPublishTimes {
  readonly times: VersionTimes;
  /** The body the times come from (its SHA-256): documents decided with them are made again when it changes. */
  readonly source: string;
}

/**
 * When each version of `project` was published: the upload times its index page carries
 * (PEP 700, JSON pages), else those of the JSON API when the index has one (read through
 * the cache, once per body). A version with no time stays unknown, and the policy's choice
 * for unknown times applies to it; so it does for every version when the JSON API fails.
 */
export async function projectPublishTimes(state: PypiAppState, project: string, page: StoredEntry): Promise<ProjectPublishTimes> {
  const index = await fileIndex(state, project, page);
  const client = state.options.jsonApi;
  if (index.published.size > 0 || client === undefined) return { times: index.published, source: page.meta.sha256 };
  let entry: StoredEntry;
  try {
    entry = (await cachedJsonApi(state, client, project)).entry;
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    state.options.log?.('pypi-publish-times-unknown', { project, problem: error.message });
    return { times: index.published, source: page.meta.sha256 };
  }
  return { times: await jsonApiTimes(state, entry), source: entry.meta.sha256 };
}

/** The upload times of a JSON API document (`jsonApiUploadTimes`), read once per body. */
export async function jsonApiTimes(state: PypiAppState, entry: StoredEntry): Promise<VersionTimes> {
  let times = state.publishTimes.get(entry.meta.sha256);
  if (times === undefined) {
    let document: unknown;
    try {
      document = JSON.parse((await entryBytes(entry)).toString('utf8'));
    } catch {
      document = undefined;
    }
    times = jsonApiUploadTimes(document);
    state.publishTimes.set(entry.meta.sha256, times);
  }
  return times;
}
