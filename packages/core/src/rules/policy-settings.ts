import type { Ecosystem } from '../ecosystem.ts';
import type { Mode } from '../policy/decision.ts';
import type { NamePattern } from './name-pattern.ts';

/** A mode for the packages a pattern matches, overriding the ecosystem's mode. */
export interface ModeRule {
  readonly package: NamePattern;
  readonly mode: Mode;
}

/**
 * An allow or deny entry: packages matching a pattern, optionally only the versions in a
 * range written in the ecosystem's own syntax (checked when the settings are parsed).
 */
export interface VersionRule {
  readonly package: NamePattern;
  /** Absent: every version, and the package as a whole. */
  readonly versions?: string;
  /** Why the entry exists, as the operator wrote it: the summary of what it causes. */
  readonly reason: string;
}

/** Lets versions through whatever the feed, the deny rules or the cooldown say. */
export type AllowRule = VersionRule;

/** Blocks versions the feed does not know about. */
export type DenyRule = VersionRule;

/** Names that belong to a private registry: never fetched from the public one (dependency-confusion guard). */
export interface InternalRule {
  readonly package: NamePattern;
}

/** What to do with a version whose publish time the registry does not give, while a cooldown applies. */
export type UnknownPublishTime = 'allow' | 'deny';

export const UNKNOWN_PUBLISH_TIME_CHOICES: readonly UnknownPublishTime[] = ['allow', 'deny'];

/** The release-age cooldown: versions younger than `hours[ecosystem]` are treated as denied (0: no cooldown). */
export interface CooldownSettings {
  readonly hours: Readonly<Record<Ecosystem, number>>;
  readonly unknownPublishTime: UnknownPublishTime;
}

/**
 * The policy an operator writes beyond the feed. Parsed by `parsePolicySettings`; lookups
 * index each list on first use, so lists must not change after that (the parser freezes them).
 */
export interface PolicySettings {
  readonly modes: readonly ModeRule[];
  readonly allow: readonly AllowRule[];
  readonly deny: readonly DenyRule[];
  readonly internal: readonly InternalRule[];
  readonly cooldown: CooldownSettings;
}

/** No rules and no cooldown: the feed and the ecosystem's mode alone decide. */
export const DEFAULT_POLICY_SETTINGS: PolicySettings = Object.freeze({
  modes: Object.freeze([]),
  allow: Object.freeze([]),
  deny: Object.freeze([]),
  internal: Object.freeze([]),
  cooldown: Object.freeze({ hours: Object.freeze({ npm: 0, pypi: 0, go: 0 }), unknownPublishTime: 'allow' }),
});
