import type { Ecosystem, Mode } from '@palisade/core';
import type { PolicyView } from '@palisade/http';
import { maliciousPackageRule } from '@palisade/malicious-db';
import type { LoadedDatabase } from './database.ts';

/**
 * The policy each adapter reads: per-ecosystem modes over the database in use. Until a
 * database is loaded the view says why, and adapters in enforce mode refuse with 503.
 */
export class DatabasePolicy {
  readonly #modes: Readonly<Record<Ecosystem, Mode>>;
  #database: LoadedDatabase | undefined;
  #views: Partial<Record<Ecosystem, PolicyView>> = {};
  #problem = 'the malicious-package database is loading';

  constructor(modes: Readonly<Record<Ecosystem, Mode>>) {
    this.#modes = modes;
  }

  get database(): LoadedDatabase | undefined {
    return this.#database;
  }

  /** Why no database is in use; undefined once one is. */
  get problem(): string | undefined {
    return this.#database ? undefined : this.#problem;
  }

  use(database: LoadedDatabase): void {
    this.#database = database;
    this.#views = {};
  }

  fail(problem: string): void {
    if (!this.#database) this.#problem = problem;
  }

  /** Whether every package request can be answered: a database is loaded, or no ecosystem needs one. */
  get ready(): boolean {
    return this.#database !== undefined || Object.values(this.#modes).every((mode) => mode === 'off');
  }

  view(ecosystem: Ecosystem): PolicyView {
    const held = this.#views[ecosystem];
    if (held) return held;
    const database = this.#database;
    const mode = this.#modes[ecosystem];
    const view: PolicyView = database
      ? { policy: { mode, rules: [maliciousPackageRule(database.index)] }, revision: database.header.bodySha256 }
      : { policy: { mode, rules: [] }, revision: 'none', unavailable: this.#problem };
    if (database) this.#views[ecosystem] = view;
    return view;
  }
}
