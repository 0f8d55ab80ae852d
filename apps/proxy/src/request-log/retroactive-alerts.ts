import type { Ecosystem } from '@palisade/core';
import type { MaliciousPackageIndex } from '@palisade/malicious-db';
import type { Fetch, RequestLog, StoredAlert } from '@palisade/request-log';
import type { FlaggedPackage } from '../newly-flagged.ts';
import { fetchedVersions } from './fetched-versions.ts';

export interface RetroactiveAlertsWiring {
  readonly requestLog: RequestLog;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** Counts an alert (`palisade_retroactive_alerts_total`). */
  readonly count: (ecosystem: Ecosystem) => void;
}

/** What a database swap changed: the index before (none at the first load), the one after, and the packages it may flag anew. */
export interface DatabaseChange {
  readonly before: MaliciousPackageIndex | undefined;
  readonly after: MaliciousPackageIndex;
  readonly newlyFlagged: readonly FlaggedPackage[];
}

/** Clients named in an alert's log line; the count covers the rest. */
const LOGGED_CLIENTS = 50;

/** The report ids flagging `version` after the swap that did not flag it before. */
function newReportIds(change: DatabaseChange, flagged: FlaggedPackage, version: string): string[] {
  const earlier = new Set(change.before?.findings(flagged.ecosystem, flagged.name, version).map((report) => report.id));
  return change.after.findings(flagged.ecosystem, flagged.name, version).map((report) => report.id).filter((id) => !earlier.has(id));
}

/** Each client (address and identity) that fetched, with how often and when last. */
function clientsOf(fetches: readonly Fetch[]) {
  const clients = new Map<string, { clientAddress: string | null; identity: string | null; fetches: number; lastFetch: string }>();
  for (const fetch of fetches) {
    const key = `${fetch.clientAddress ?? ''}\0${fetch.identity ?? ''}`;
    const known = clients.get(key);
    if (known) Object.assign(known, { fetches: known.fetches + 1, lastFetch: new Date(Math.max(Date.parse(known.lastFetch), fetch.time)).toISOString() });
    else clients.set(key, { clientAddress: fetch.clientAddress, identity: fetch.identity, fetches: 1, lastFetch: new Date(fetch.time).toISOString() });
  }
  return [...clients.values()];
}

/**
 * Retroactive alerts for a database swap: for each package it may flag anew, the versions
 * the request log shows as downloaded that a report flags now and did not before (a whole-
 * package report flags every one of them). When any was downloaded, an alert is recorded
 * with the report ids, those versions and every download (client address, identity, user
 * agent, time), logged as one `retroactive-alert` line and counted. Returns the alerts.
 */
export async function raiseRetroactiveAlerts(wiring: RetroactiveAlertsWiring, change: DatabaseChange): Promise<StoredAlert[]> {
  const alerts: StoredAlert[] = [];
  for (const flagged of change.newlyFlagged) {
    const reportIds = new Set<string>();
    const versions: string[] = [];
    for (const version of await fetchedVersions(wiring.requestLog, flagged.ecosystem, flagged.name)) {
      const ids = newReportIds(change, flagged, version);
      if (ids.length === 0) continue;
      versions.push(version);
      for (const id of ids) reportIds.add(id);
    }
    if (versions.length === 0) continue;
    const fetches = wiring.requestLog.whoFetched(flagged.ecosystem, flagged.name, versions);
    if (fetches.length === 0) continue;
    const fetchedOnes = [...new Set(fetches.map((fetch) => fetch.version))];
    const alert = wiring.requestLog.recordAlert({ reportIds: [...reportIds], ecosystem: flagged.ecosystem, package: flagged.name, versions: fetchedOnes, fetches });
    alerts.push(alert);
    wiring.count(flagged.ecosystem);
    const clients = clientsOf(fetches);
    wiring.log('retroactive-alert', {
      alert: alert.id,
      ecosystem: alert.ecosystem,
      package: alert.package,
      versions: alert.versions,
      reportIds: alert.reportIds,
      fetches: fetches.length,
      clients: clients.slice(0, LOGGED_CLIENTS),
      ...(clients.length > LOGGED_CLIENTS && { moreClients: clients.length - LOGGED_CLIENTS }),
    });
  }
  return alerts;
}
