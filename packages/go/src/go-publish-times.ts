import { escapeModuleVersion } from '@palisade/core';
import type { CacheAnswer } from '@palisade/cache';
import { entryBytes } from '@palisade/http';
import type { GoAppState } from './go-app.ts';
import { fetchModuleFile } from './go-module-files.ts';
import type { GoModuleRequest } from './go-request.ts';
import { infoTime, pseudoVersionTime } from './publish-time.ts';
import { parseVersionInfo, type VersionInfo } from './version-info.ts';

/** `.info` documents fetched at once while a version list is decided: a list of hundreds must not open hundreds of connections. */
const INFO_CONCURRENCY = 8;

/** A version's `.info` read from its cache answer; undefined when malformed (the cache keeps no malformed `.info`). */
export async function readInfo(answer: CacheAnswer): Promise<VersionInfo | undefined> {
  const info = parseVersionInfo((await entryBytes(answer.entry)).toString('utf8'));
  return info.ok ? info.value : undefined;
}

/**
 * When `version` of the requested module was published, in ms since the epoch: a
 * pseudo-version's own commit time, else the `Time` of its `.info` through the cache
 * (undefined when the `.info` has none). The `.info` fetch fails as the upstream does.
 */
export async function versionPublishTime(state: GoAppState, request: GoModuleRequest, version: string): Promise<number | undefined> {
  const pseudo = pseudoVersionTime(version);
  if (pseudo !== undefined) return pseudo;
  const escaped = escapeModuleVersion(version);
  if (!escaped.ok) return undefined;
  const info = await readInfo(await fetchModuleFile(state, request, 'info', version, escaped.value));
  return info === undefined ? undefined : infoTime(info);
}

/**
 * The publish times of the listed `versions` (see `versionPublishTime`), fetching `.info`
 * documents a few at a time. A version whose `.info` cannot be had has no time: the
 * cooldown's choice for unknown times then decides it.
 */
export async function listPublishTimes(state: GoAppState, request: GoModuleRequest, versions: readonly string[]): Promise<ReadonlyMap<string, number>> {
  const times = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < versions.length) {
      const version = versions[next++] as string;
      const time = await versionPublishTime(state, request, version).catch(() => undefined);
      if (time !== undefined) times.set(version, time);
    }
  };
  await Promise.all(Array.from({ length: Math.min(INFO_CONCURRENCY, versions.length) }, worker));
  return times;
}
