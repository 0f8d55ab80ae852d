import type { StoredEntry } from '@palisade/cache';
import type { PypiAppState } from './pypi-app.ts';
import { decodedPath } from './file-location.ts';
import { parsedPage, versionOf } from './pypi-page-source.ts';

/** A file an index page lists, as a download needs it. */
export interface ListedFile {
  readonly filename: string;
  /** The path on its host, as the index wrote it. */
  readonly path: string;
  /** The version read from the file name; undefined when none could be read. */
  readonly version: string | undefined;
  /** The SHA-256 the index published for the file, lowercase hex. */
  readonly sha256: string | undefined;
  /** The SHA-256 published for its PEP 658 metadata file, when the index serves one with a hash. */
  readonly metadataSha256: string | undefined;
}

/** When each version was published: the earliest upload time (PEP 700) of its files, in ms since the epoch. */
export type VersionTimes = ReadonlyMap<string, number>;

/** The files of one upstream page by `<host><decoded path>`, with the page's size for the memory bound. */
export interface FileIndex {
  readonly files: ReadonlyMap<string, ListedFile>;
  /** Versions whose files carry upload times (JSON pages only; empty for an HTML page). */
  readonly published: VersionTimes;
  readonly bytes: number;
}

const sha256Of = (hashes: Readonly<Record<string, string>> | undefined) => (hashes?.sha256 ? hashes.sha256.toLowerCase() : undefined);

/** The files an upstream page lists on allowed hosts, and its versions' upload times, read once per page body. */
export async function fileIndex(state: PypiAppState, project: string, entry: StoredEntry): Promise<FileIndex> {
  const held = state.fileIndexes.get(entry.meta.sha256);
  if (held) return held;
  const page = await parsedPage(state, project, entry);
  const files = new Map<string, ListedFile>();
  const published = new Map<string, number>();
  for (const file of page.files) {
    const version = versionOf(file.filename, project);
    const uploaded = file.uploadTime === undefined ? Number.NaN : Date.parse(file.uploadTime);
    if (version !== undefined && Number.isFinite(uploaded)) published.set(version, Math.min(published.get(version) ?? uploaded, uploaded));
    if (!URL.canParse(file.url)) continue;
    const url = new URL(file.url);
    const host = url.host.toLowerCase();
    if (!state.fileClients.has(host) || (url.protocol !== 'https:' && url.protocol !== 'http:')) continue;
    const metadata = typeof file.coreMetadata === 'object' ? sha256Of(file.coreMetadata) : undefined;
    files.set(`${host}${decodedPath(url.pathname)}`, { filename: file.filename, path: url.pathname, version, sha256: sha256Of(file.hashes), metadataSha256: metadata });
  }
  const index = { files, published, bytes: entry.meta.size * 2 };
  state.fileIndexes.set(entry.meta.sha256, index);
  return index;
}
