import { DEFAULT_POLICY_SETTINGS, type Ecosystem, type Mode, type PolicyDecision, type PolicySettings } from '@palisade/core';
import type { PolicyView } from '@palisade/http';
import { maliciousPackageRule } from '@palisade/malicious-db';
import type { LoadedDatabase } from './database.ts';

export interface DatabasePolicyOptions {
  /** Whether `enforce` mode refuses package requests while the database is stale (default false). */
  readonly refuseWhenStale?: boolean;
  /** The operator's policy settings at start (default: none, `DEFAULT_POLICY_SETTINGS`); see `useSettings`. */
  readonly settings?: PolicySettings;
  /** The clock decisions are made at, in ms since the epoch (default `Date.now`). */
  readonly now?: () => number;
  /** Told of the decisions worth a log line or a count (see `PolicyView.report`). */
  readonly report?: (decision: PolicyDecision) => void;
}

/**
 * The policy each adapter reads: per-ecosystem modes over the database in use, with the
 * operator's policy settings. Until a database is loaded the view says why, and adapters
 * in enforce mode refuse with 503; the same happens while the database is stale when
 * `refuseWhenStale` is set.
 *
 * Views are immutable and made anew whenever the database, its staleness or the settings
 * change, so a request keeps the view it read, and answers remembered under an older view
 * (compared by identity) stop being repeated.
 */
export class DatabasePolicy {
  readonly #modes: Readonly<Record<Ecosystem, Mode>>;
  readonly #refuseWhenStale: boolean;
  readonly #now: () => number;
  readonly #report: ((decision: PolicyDecision) => void) | undefined;
  #settings: PolicySettings;
  /** Counts settings put in use, so that documents prepared under older ones are not reused. */
  #settingsRevision = 0;
  #database: LoadedDatabase | undefined;
  #stale: string | undefined;
  #views: Partial<Record<Ecosystem, PolicyView>> = {};
  #problem = 'the malicious-package database is loading';

  constructor(modes: Readonly<Record<Ecosystem, Mode>>, options: DatabasePolicyOptions = {}) {
    this.#modes = modes;
    this.#refuseWhenStale = options.refuseWhenStale ?? false;
    this.#settings = options.settings ?? DEFAULT_POLICY_SETTINGS;
    this.#now = options.now ?? Date.now;
    this.#report = options.report;
  }

  /** The policy settings in force. */
  get settings(): PolicySettings {
    return this.#settings;
  }

  /** Puts new policy settings in force at once, for every request from now on (requests under way keep the view they read). */
  useSettings(settings: PolicySettings): void {
    this.#settings = settings;
    this.#settingsRevision++;
    this.#views = {};
  }

  get database(): LoadedDatabase | undefined {
    return this.#database;
  }

  /** Why the database in use is stale; undefined while it is not (or none is loaded). */
  get staleness(): string | undefined {
    return this.#database ? this.#stale : undefined;
  }

  /** Why package requests are refused in enforce mode: no database is in use, or it is stale and stale ones are refused. */
  get problem(): string | undefined {
    if (!this.#database) return this.#problem;
    return this.#refusingStale() ? this.#stale : undefined;
  }

  /** Puts a database in use, with why it is already stale, if it is. */
  use(database: LoadedDatabase, staleness?: string): void {
    this.#database = database;
    this.#stale = staleness;
    this.#views = {};
  }

  /** Marks the database in use stale (with why) or current (undefined); views change only when that does. */
  markStale(staleness: string | undefined): void {
    if (staleness === this.#stale) return;
    this.#stale = staleness;
    this.#views = {};
  }

  fail(problem: string): void {
    if (!this.#database) this.#problem = problem;
  }

  /** Whether every package request can be answered: a database is usable, or no ecosystem needs one. */
  get ready(): boolean {
    if ([...Object.values(this.#modes), ...this.#settings.modes.map((rule) => rule.mode)].every((mode) => mode === 'off')) return true;
    return this.#database !== undefined && !this.#refusingStale();
  }

  view(ecosystem: Ecosystem): PolicyView {
    const held = this.#views[ecosystem];
    if (held) return held;
    const database = this.#database;
    const mode = this.#modes[ecosystem];
    const shared = { settings: this.#settings, now: this.#now, ...(this.#report && { report: this.#report }) };
    const settingsRevision = `settings ${this.#settingsRevision}`;
    if (!database) return { ...shared, policy: { mode, rules: [] }, revision: `none|${settingsRevision}`, unavailable: this.#problem };
    const refused = this.#refuseWhenStale && mode === 'enforce' ? this.#stale : undefined;
    const revision = `${database.header.bodySha256}|${settingsRevision}`;
    const view: PolicyView = { ...shared, policy: { mode, rules: [maliciousPackageRule(database.index)] }, revision, ...(refused !== undefined && { unavailable: refused }) };
    this.#views[ecosystem] = view;
    return view;
  }

  #refusingStale(): boolean {
    return this.#refuseWhenStale && this.#stale !== undefined && Object.values(this.#modes).includes('enforce');
  }
}
