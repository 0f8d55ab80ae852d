import { isPseudoVersion } from '@palisade/core';
import { isRfc3339, type VersionInfo } from './version-info.ts';

// The 14-digit commit time of a pseudo-version (yyyymmddhhmmss, UTC), before its revision.
const PSEUDO_VERSION_TIME = /([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})-[A-Za-z0-9]+(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * When a pseudo-version's commit was made, in ms since the epoch, read from the version
 * itself (`v0.0.0-20240102030405-abcdef123456` is 2024-01-02T03:04:05Z): no `.info` needed.
 * Undefined for any other version, or a time with a field out of range.
 */
export function pseudoVersionTime(version: string): number | undefined {
  if (!isPseudoVersion(version)) return undefined;
  const match = PSEUDO_VERSION_TIME.exec(version);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7) as [string, string, string, string, string, string];
  const text = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  return isRfc3339(text) ? Date.parse(text) : undefined;
}

/** A `.info` document's `Time` in ms since the epoch; undefined when it has none. */
export function infoTime(info: VersionInfo): number | undefined {
  if (info.time === undefined) return undefined;
  const ms = Date.parse(info.time);
  return Number.isFinite(ms) ? ms : undefined;
}
