import { checkVersion, failure, printable, success, type Result } from '@palisade/core';

/** A `.info` (or `@latest`) document: `{"Version": "v1.2.3", "Time": "2024-01-02T03:04:05Z"}`. */
export interface VersionInfo {
  /** The canonical version the document is about. */
  readonly version: string;
  /** When the version was made, in RFC 3339, if the document says. */
  readonly time?: string;
  /** The whole document as parsed, with any further fields (such as `Origin`). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Longer `.info` documents are refused: real ones are a few hundred bytes. */
export const MAX_VERSION_INFO_LENGTH = 64 * 1024;

// RFC 3339 date-time; "T" and "Z" may be written in lower case (RFC 3339, section 5.6).
const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))$/;

/** Whether `text` is an RFC 3339 date-time with every field in range (no leap second, as Go). */
export function isRfc3339(text: string): boolean {
  const match = RFC3339.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.slice(1).map((field) => Number(field ?? 0));
  if (month === undefined || month < 1 || month > 12 || day === undefined || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate();
  return day <= daysInMonth && (hour ?? 0) < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60 && (offsetHour ?? 0) < 24 && (offsetMinute ?? 0) < 60;
}

/**
 * Reads a `.info` or `@latest` document as the GOPROXY protocol defines it: a JSON object
 * whose `Version` is required and a canonical Go version, and whose `Time`, when present and
 * not null, is an RFC 3339 string. Other fields are kept in `raw`. Malformed JSON, another
 * shape, or an oversized document is a failure with the reason; never throws.
 */
export function parseVersionInfo(text: string): Result<VersionInfo> {
  if (text.length > MAX_VERSION_INFO_LENGTH) return failure(`version info is longer than ${MAX_VERSION_INFO_LENGTH} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failure(`version info is not JSON: "${printable(text)}"`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failure('version info is not a JSON object');
  const raw = parsed as Record<string, unknown>;
  const version = raw['Version'];
  if (typeof version !== 'string') return failure('version info has no "Version" string');
  const canonical = checkVersion('go', version);
  if (!canonical.ok) return failure(`version info names an invalid version: ${canonical.error}`);
  if (canonical.value !== version) return failure(`version info names "${printable(version)}", which is not canonical (${canonical.value} is)`);
  const time = raw['Time'];
  if (time === undefined || time === null) return success({ version, raw });
  if (typeof time !== 'string' || !isRfc3339(time)) return failure(`version info has a "Time" that is not an RFC 3339 time: ${printable(JSON.stringify(time))}`);
  return success({ version, time, raw });
}

/** The `.info` document Palisade writes itself, in the form module proxies serve. */
export function versionInfoJson(version: string, time?: string): string {
  return JSON.stringify(time === undefined ? { Version: version } : { Version: version, Time: time });
}
