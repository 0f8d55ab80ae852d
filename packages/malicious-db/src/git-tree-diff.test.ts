import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GitObjectReader, GitTreeEntry } from './git-objects.ts';
import { diffReportTrees } from './git-tree-diff.ts';

/** A folder as nested objects: a string is a file's contents. */
interface Folder {
  readonly [name: string]: Folder | string;
}

/** An in-memory object store that records which trees and blobs were read. */
class MemoryStore {
  readonly trees = new Map<string, GitTreeEntry[]>();
  readonly blobs = new Map<string, string>();
  readonly commits = new Map<string, string>();
  /** Paths of the trees read, in order. */
  readonly treesRead: string[] = [];
  readonly #paths = new Map<string, string>();

  commit(name: string, root: Folder): string {
    this.commits.set(name, this.#tree(root, ''));
    return name;
  }

  #tree(folder: Folder, path: string): string {
    const entries: GitTreeEntry[] = Object.entries(folder).map(([name, value]) => {
      if (typeof value !== 'string') return { path: name, type: 'tree', oid: this.#tree(value, `${path}/${name}`) };
      const oid = createHash('sha1').update(`blob ${value}`).digest('hex');
      this.blobs.set(oid, value);
      return { path: name, type: 'blob', oid };
    });
    const oid = createHash('sha1').update(JSON.stringify(entries)).digest('hex');
    this.trees.set(oid, entries);
    this.#paths.set(oid, path);
    return oid;
  }

  reader(): GitObjectReader {
    return {
      commitTree: async (commit) => this.commits.get(commit) ?? Promise.reject(Object.assign(new Error('no commit'), { code: 'NotFoundError' })),
      tree: async (oid) => {
        this.treesRead.push(this.#paths.get(oid) ?? oid);
        return this.trees.get(oid) ?? [];
      },
      blob: async (oid) => Buffer.from(this.blobs.get(oid) ?? ''),
      release: () => undefined,
    };
  }
}

const base: Folder = {
  'README.md': 'readme',
  osv: {
    malicious: { npm: { a: { 'MAL-1.json': 'a1' }, b: { 'MAL-2.json': 'b2' }, big: { 'MAL-3.json': 'big' } }, pypi: { p: { 'MAL-4.json': 'p4' } } },
    withdrawn: { npm: { old: { 'MAL-0.json': 'old' } }, 'README.md': 'about' },
  },
  tools: { 'x.json': 'not a report' },
};

describe('diffReportTrees', () => {
  it('yields added, changed and removed report files, reading only subtrees whose ids differ', async () => {
    const store = new MemoryStore();
    const before = store.commit('c1', base);
    const after = store.commit('c2', {
      'README.md': 'readme changed',
      osv: {
        malicious: { npm: { a: { 'MAL-1.json': 'a1 changed' }, big: { 'MAL-3.json': 'big' }, c: { 'MAL-5.json': 'c5' } }, pypi: { p: { 'MAL-4.json': 'p4' } } },
        withdrawn: { npm: { old: { 'MAL-0.json': 'old' }, b: { 'MAL-2.json': 'b2' } }, 'README.md': 'about, changed' },
      },
      tools: { 'x.json': 'changed, not under osv' },
    });
    store.treesRead.length = 0;
    const diff = await diffReportTrees({ reader: store.reader(), commit: before }, { reader: store.reader(), commit: after });
    expect(diff.added.map((blob) => blob.path).sort()).toEqual(['osv/malicious/npm/c/MAL-5.json', 'osv/withdrawn/npm/b/MAL-2.json']);
    expect(diff.changed.map((blob) => blob.path)).toEqual(['osv/malicious/npm/a/MAL-1.json']);
    expect(diff.removed).toEqual([{ path: 'osv/malicious/npm/b/MAL-2.json', oid: createHash('sha1').update('blob b2').digest('hex') }]);
    // npm/b moved from malicious to withdrawn unchanged: one tree id, recorded under its newer path.
    expect([...new Set(store.treesRead)].sort()).toEqual([
      '', '/osv', '/osv/malicious', '/osv/malicious/npm', '/osv/malicious/npm/a', '/osv/malicious/npm/c', '/osv/withdrawn', '/osv/withdrawn/npm', '/osv/withdrawn/npm/b',
    ]);
  });

  it('reads nothing below the root when the osv tree did not change', async () => {
    const store = new MemoryStore();
    const before = store.commit('c1', base);
    const after = store.commit('c2', { ...base, 'README.md': 'changed' });
    store.treesRead.length = 0;
    const diff = await diffReportTrees({ reader: store.reader(), commit: before }, { reader: store.reader(), commit: after });
    expect(diff).toEqual({ added: [], changed: [], removed: [] });
    expect(store.treesRead).toEqual(['', '']);
  });

  it('lists every report file of a commit when there is no old side, and rejects when a commit is missing', async () => {
    const store = new MemoryStore();
    const only = store.commit('c1', base);
    const diff = await diffReportTrees(undefined, { reader: store.reader(), commit: only });
    expect(diff.added.map((blob) => blob.path).sort()).toEqual([
      'osv/malicious/npm/a/MAL-1.json', 'osv/malicious/npm/b/MAL-2.json', 'osv/malicious/npm/big/MAL-3.json', 'osv/malicious/pypi/p/MAL-4.json', 'osv/withdrawn/npm/old/MAL-0.json',
    ]);
    await expect(diffReportTrees({ reader: store.reader(), commit: 'gone' }, { reader: store.reader(), commit: only })).rejects.toMatchObject({ code: 'NotFoundError' });
  });
});
