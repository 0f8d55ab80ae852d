import type { Ecosystem } from '../ecosystem.ts';
import type { Reason } from '../policy/decision.ts';
import type { CooldownSettings } from './policy-settings.ts';

/** The name of the rule that holds back versions younger than the cooldown. */
export const RELEASE_AGE_RULE_NAME = 'release-age';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * What the cooldown says about one version: `off` (no cooldown in the ecosystem),
 * `old-enough`, `too-young` (treated as denied), or `unknown-time` when the registry gave
 * no publish time: then `allowed` follows `cooldown.unknownPublishTime`, and a caller
 * should log an allowed one, since it was let through without its age being known.
 */
export type ReleaseAgeCheck =
  | { readonly kind: 'off' }
  | { readonly kind: 'old-enough' }
  | { readonly kind: 'too-young'; readonly reason: Reason }
  | { readonly kind: 'unknown-time'; readonly allowed: true }
  | { readonly kind: 'unknown-time'; readonly allowed: false; readonly reason: Reason };

function ageText(ageMs: number): string {
  if (ageMs < 0) return 'publish time lies in the future';
  if (ageMs < HOUR_MS) return `published ${Math.floor(ageMs / MINUTE_MS)} min ago`;
  return `published ${Math.floor(ageMs / HOUR_MS)} h ago`;
}

/**
 * Applies the release-age cooldown of `ecosystem` to a version published at `publishedAt`
 * (ms since the epoch; undefined when the registry does not say) as seen at `now` (ms since
 * the epoch, passed in: no clock is read). A version younger than the cooldown, or with a
 * publish time in the future, is `too-young`; one exactly as old is old enough. A publish
 * time or `now` that is not a finite number counts as unknown.
 */
export function checkReleaseAge(ecosystem: Ecosystem, publishedAt: number | undefined, now: number, cooldown: CooldownSettings): ReleaseAgeCheck {
  const hours = cooldown.hours[ecosystem];
  if (!(hours > 0)) return { kind: 'off' };
  if (publishedAt === undefined || !Number.isFinite(publishedAt) || !Number.isFinite(now)) {
    if (cooldown.unknownPublishTime === 'allow') return { kind: 'unknown-time', allowed: true };
    const summary = `publish time unknown, refused while the ${hours} h cooldown applies (cooldown.unknownPublishTime is deny)`;
    return { kind: 'unknown-time', allowed: false, reason: { rule: RELEASE_AGE_RULE_NAME, id: `${RELEASE_AGE_RULE_NAME}:unknown-publish-time`, summary } };
  }
  const ageMs = now - publishedAt;
  if (ageMs >= hours * HOUR_MS) return { kind: 'old-enough' };
  const summary = `${ageText(ageMs)}, less than the ${hours} h cooldown`;
  return { kind: 'too-young', reason: { rule: RELEASE_AGE_RULE_NAME, id: `${RELEASE_AGE_RULE_NAME}:${hours}h`, summary } };
}
