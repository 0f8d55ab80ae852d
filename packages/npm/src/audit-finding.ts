import { createHash } from 'node:crypto';
import type { Reason } from '@palisade/core';
import { compare, valid } from 'semver';
import { isJsonObject } from './json-object.ts';

/** A package version the policy flagged, with the reasons (reports) that flag it. */
export interface AuditFinding {
  readonly name: string;
  readonly version: string;
  readonly reasons: readonly Reason[];
}

/** The versions of one package flagged under one report, ready to become one advisory. */
export interface FlaggedReport {
  readonly name: string;
  readonly reason: Reason;
  /** Distinct valid semver versions, ascending, normalised (`v1.0.0` becomes `1.0.0`). */
  readonly versions: string[];
  /** The advisory number (see `advisoryNumber`). */
  readonly id: number;
}

const ADVISORY_NUMBER_BASE = 1e15;

/**
 * The numeric advisory id npm and pnpm need, derived from the report id and the package
 * name (a report may name several packages; a legacy audit report keys advisories by id):
 * 10^15 plus the first 48 bits of their SHA-256. Stable across runs and far above the
 * registry's own ids (about 10^6), and still a safe integer.
 */
export function advisoryNumber(reportId: string, name: string): number {
  const digest = createHash('sha256').update(`${reportId}\n${name}`).digest();
  return ADVISORY_NUMBER_BASE + digest.readUIntBE(0, 6);
}

/**
 * Findings grouped into one entry per package and report id, in the order first met.
 * Versions that are not valid semver cannot be named in `vulnerable_versions` and are left
 * out; a report left with no version gives no entry.
 */
export function flaggedReports(findings: readonly AuditFinding[]): FlaggedReport[] {
  const groups = new Map<string, { name: string; reason: Reason; versions: Set<string> }>();
  for (const finding of findings) {
    const version = valid(finding.version);
    if (version === null) continue;
    for (const reason of finding.reasons) {
      const key = JSON.stringify([finding.name, reason.id]);
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { name: finding.name, reason, versions: new Set() }));
      group.versions.add(version);
    }
  }
  return [...groups.values()].map(({ name, reason, versions }) => ({
    name,
    reason,
    versions: [...versions].sort(compare),
    id: advisoryNumber(reason.id, name),
  }));
}

/** A semver range naming exactly these versions: `1.0.1 || 1.0.2`. */
export function exactRange(versions: readonly string[]): string {
  return versions.join(' || ');
}

/**
 * Text from a data feed made safe to print in a terminal: control and format characters
 * (escape sequences, bidirectional overrides) become spaces, and it is cut at `max`.
 */
export function displayText(text: string, max = 200): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/** The advisory title: the report's summary and its id, `Malicious code in x (npm) (MAL-2025-1)`. */
export function advisoryTitle(reason: Reason): string {
  const id = displayText(reason.id, 100);
  const summary = displayText(reason.summary);
  return summary === '' ? `Flagged by ${id}` : `${summary} (${id})`;
}

/** Where to read about the report; empty when the reason names no http(s) page. */
export function advisoryUrl(reason: Reason): string {
  const url = reason.url;
  return url !== undefined && /^https?:\/\/[\x21-\x7e]+$/.test(url) ? url : '';
}

/** Whether an advisory from upstream is the one with this id, or with this (non-empty) url. */
export function isSameAdvisory(existing: unknown, id: number, url: string): boolean {
  if (!isJsonObject(existing)) return false;
  return existing['id'] === id || (url !== '' && existing['url'] === url);
}
