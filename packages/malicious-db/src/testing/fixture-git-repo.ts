import * as fs from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as git from 'isomorphic-git';
import { FIXTURE_ROOT } from './fixtures.ts';

/**
 * A repository for sync tests, made with isomorphic-git: a working folder whose git
 * directory `<root>/reports.git` a git HTTP server can serve as `/reports.git`.
 */
export class FixtureGitRepo {
  readonly worktree: string;
  readonly gitdir: string;

  private constructor(root: string) {
    this.worktree = join(root, 'work');
    this.gitdir = join(root, 'reports.git');
  }

  /** A repository whose first commit holds the fixture reports (fixtures/malicious-packages/osv). */
  static async create(root: string): Promise<FixtureGitRepo> {
    const repo = new FixtureGitRepo(root);
    await cp(join(FIXTURE_ROOT, 'osv'), join(repo.worktree, 'osv'), { recursive: true });
    await writeFile(join(repo.worktree, 'README.md'), '# reports\n');
    await git.init({ fs, dir: repo.worktree, gitdir: repo.gitdir, bare: true, defaultBranch: 'main' });
    await git.add({ fs, dir: repo.worktree, gitdir: repo.gitdir, filepath: '.' });
    await repo.#commit('the fixture reports');
    return repo;
  }

  async write(path: string, text: string): Promise<void> {
    await mkdir(dirname(join(this.worktree, path)), { recursive: true });
    await writeFile(join(this.worktree, path), text);
    await git.add({ fs, dir: this.worktree, gitdir: this.gitdir, filepath: path });
  }

  async move(from: string, to: string): Promise<void> {
    await mkdir(dirname(join(this.worktree, to)), { recursive: true });
    await rename(join(this.worktree, from), join(this.worktree, to));
    await git.remove({ fs, dir: this.worktree, gitdir: this.gitdir, filepath: from });
    await git.add({ fs, dir: this.worktree, gitdir: this.gitdir, filepath: to });
  }

  async delete(path: string): Promise<void> {
    await rm(join(this.worktree, path));
    await git.remove({ fs, dir: this.worktree, gitdir: this.gitdir, filepath: path });
  }

  /** Commits what was written, moved and deleted; returns the commit id. */
  commit(message: string): Promise<string> {
    return this.#commit(message);
  }

  #commit(message: string): Promise<string> {
    const author = { name: 'Palisade tests', email: 'tests@palisade.invalid', timestamp: 1_700_000_000, timezoneOffset: 0 };
    return git.commit({ fs, dir: this.worktree, gitdir: this.gitdir, message, author });
  }
}
