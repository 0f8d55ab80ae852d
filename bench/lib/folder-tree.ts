// A repository's file tree held in memory as folders of encoded tree entries, written as
// git tree objects bottom-up, each folder sorted once. After a change only the folders on
// the changed paths would be written again, from entries kept encoded and in git's order.
import type { PackWriter } from './git-pack-writer.ts';

interface Entry {
  readonly name: string;
  /** git orders entries by name, a folder's as if it ended in '/' (bytes; the names here are ASCII). */
  readonly key: string;
  /** `<mode> <name>\0<20-byte id>`; a folder's is made when it is written. */
  bytes: Buffer | undefined;
  readonly folder?: Folder;
}

interface Folder {
  readonly entries: Map<string, Entry>;
  /** The entries in git's order, but for those added (at the end) since the last write. */
  readonly order: Entry[];
  sorted: boolean;
  /** The folder's tree id as last written; undefined once something under it changed. */
  oid: string | undefined;
}

const emptyFolder = (): Folder => ({ entries: new Map(), order: [], sorted: true, oid: undefined });
const encode = (mode: string, name: string, oid: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')]);
const add = (folder: Folder, entry: Entry) => {
  folder.entries.set(entry.name, entry);
  folder.order.push(entry);
  folder.sorted = false;
};
const byKey = (a: Entry, b: Entry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Files (path → blob id) in folders, written as git trees. */
export class FolderTree {
  readonly #root = emptyFolder();

  /** The folders on `path`, the root first and the file's own folder last, made where missing; undefined when a file is in the way. */
  #walk(path: string): Folder[] | undefined {
    const chain = [this.#root];
    for (const name of path.split('/').slice(0, -1)) {
      const parent = chain[chain.length - 1] as Folder;
      let entry = parent.entries.get(name);
      if (entry?.folder === undefined) {
        if (entry !== undefined) return undefined;
        entry = { name, key: `${name}/`, bytes: undefined, folder: emptyFolder() };
        add(parent, entry);
      }
      chain.push(entry.folder as Folder);
    }
    for (const folder of chain) folder.oid = undefined;
    return chain;
  }

  /** Puts the blob `oid` at `path` (a new file or in place of one). */
  set(path: string, oid: string): void {
    const chain = this.#walk(path);
    if (chain === undefined) throw new Error(`${path} runs through a file`);
    const folder = chain[chain.length - 1] as Folder;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const entry = folder.entries.get(name);
    if (entry !== undefined) entry.bytes = encode('100644', name, oid);
    else add(folder, { name, key: name, bytes: encode('100644', name, oid) });
  }

  /** Writes every folder changed since the last write into `pack`; returns the root tree's id. */
  write(pack: PackWriter): string {
    return writeFolder(this.#root, pack);
  }
}

function writeFolder(folder: Folder, pack: PackWriter): string {
  if (folder.oid !== undefined) return folder.oid;
  for (const entry of folder.entries.values()) {
    if (entry.folder !== undefined && (entry.bytes === undefined || entry.folder.oid === undefined)) entry.bytes = encode('40000', entry.name, writeFolder(entry.folder, pack));
  }
  // Sorting an order with a few entries added at its end is near linear (a merge sort of runs).
  if (!folder.sorted) folder.order.sort(byKey);
  folder.sorted = true;
  folder.oid = pack.add('tree', Buffer.concat(folder.order.map((entry) => entry.bytes as Buffer)));
  return folder.oid;
}
