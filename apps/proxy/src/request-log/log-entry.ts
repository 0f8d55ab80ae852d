import { modeFor, printable, type Ecosystem, type Mode, type PolicySettings } from '@palisade/core';
import type { RequestRecord } from '@palisade/http';
import type { MaliciousPackageIndex } from '@palisade/malicious-db';
import type { RequestDecision, RequestLogEntry } from '@palisade/request-log';

/** What turning a request record into a log entry reads besides the record. */
export interface LogEntryContext {
  /** The operator's settings in force (per-package modes). */
  readonly settings: () => PolicySettings;
  /** The mode of each ecosystem. */
  readonly modes: Readonly<Record<Ecosystem, Mode>>;
  /** The database in use, for the summaries of the reports a block or an audit names. */
  readonly index: () => MaliciousPackageIndex | undefined;
  /** Milliseconds since the epoch, when the record is made (its request has just been answered). */
  readonly now: () => number;
}

const UNREADY_REASON = 'refused while no usable malicious-package database is loaded';

/** What the policy made of a request, from how it ended. */
export function requestDecision(outcome: RequestRecord['outcome']): RequestDecision {
  if (outcome === 'blocked' || outcome === 'refused_unready') return 'blocked';
  return outcome === 'audited' ? 'audit' : 'allowed';
}

/** One line per reason id: a database report's id and summary, or a policy rule's id as it stands (`deny:npm:x`, `release-age:48h`). */
function reasonLines(ids: readonly string[], index: MaliciousPackageIndex | undefined): string[] {
  return ids.map((id) => {
    const summary = index?.get(id)?.summary;
    return summary ? `${id}: ${printable(summary, 200)}` : id;
  });
}

/**
 * The request log's entry for a request record: the decision from its outcome, the mode
 * its package is decided in (a per-package mode, else the ecosystem's), the report ids and
 * a line for each, and who sent it. Its time is when the request arrived.
 */
export function requestLogEntry(record: RequestRecord, context: LogEntryContext): RequestLogEntry {
  const decision = requestDecision(record.outcome);
  const durationMs = record.durationSeconds * 1000;
  const ecosystemMode = context.modes[record.ecosystem];
  const settings = context.settings();
  const mode = record.package !== undefined && settings.modes.length > 0 ? modeFor(settings, { ecosystem: record.ecosystem, name: record.package }, ecosystemMode) : ecosystemMode;
  const ids = record.reasons;
  const reasons = record.outcome === 'refused_unready' ? [UNREADY_REASON] : ids.length > 0 ? reasonLines(ids, context.index()) : undefined;
  return {
    time: Math.round(context.now() - durationMs),
    ecosystem: record.ecosystem,
    package: record.package,
    version: record.version,
    kind: record.kind,
    decision,
    reasons,
    reportIds: ids.length > 0 ? ids : undefined,
    mode,
    cache: record.cache,
    status: record.status,
    durationMs,
    method: record.method,
    path: record.path,
    clientAddress: record.clientAddress,
    userAgent: record.userAgent,
    identity: record.identity,
  };
}
