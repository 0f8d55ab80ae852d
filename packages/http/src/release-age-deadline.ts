import type { PolicyDecision, PolicySettings } from '@palisade/core';

const HOUR_MS = 3_600_000;

/**
 * Until when a decision holds as it is, in ms since the epoch: for a version the cooldown
 * holds back (`too-young`), the moment it becomes old enough (its publish time plus the
 * ecosystem's cooldown), after which it must be decided again; `Infinity` for any other
 * decision, which time alone does not change (an allow entry keeps allowing).
 */
export function releaseAgeDeadline(decision: PolicyDecision, publishedAt: number | undefined, settings: PolicySettings): number {
  if (decision.releaseAge?.kind !== 'too-young' || decision.allowedBy !== undefined || publishedAt === undefined) return Number.POSITIVE_INFINITY;
  return publishedAt + settings.cooldown.hours[decision.ref.ecosystem] * HOUR_MS;
}
