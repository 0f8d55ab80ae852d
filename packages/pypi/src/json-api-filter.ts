import { failure, sortVersions, success, versionScheme, type Result } from '@palisade/core';

// The PyPI JSON API (`/pypi/<project>/json`, `/pypi/<project>/<version>/json`), which
// Poetry, pdm and other tools read: `info`, `releases` (version → files), `urls` (the
// files of `info.version`), each file with `url`, `filename` and `digests`.

export interface JsonApiFilterOptions {
  isDenied(version: string): boolean;
  /** Palisade's URL for a file's upstream URL; undefined drops the file (a host not allowed). */
  fileUrl(upstreamUrl: string): string | undefined;
}

export interface FilteredJsonApi {
  readonly document: Record<string, unknown>;
  /** Versions removed from `releases`. */
  readonly removed: readonly string[];
  /** Versions left in `releases` (0 when the document has none: a version document). */
  readonly remaining: number;
  /** Set when `info.version` was denied and could not be re-pointed (no version left). */
  readonly versionDenied: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The files of one release, each pointed at Palisade; files that cannot be are dropped. */
function rewriteFiles(files: unknown, fileUrl: JsonApiFilterOptions['fileUrl']): unknown[] {
  if (!Array.isArray(files)) return [];
  return files.flatMap((file) => {
    if (!isObject(file) || typeof file.url !== 'string') return [];
    const url = fileUrl(file.url);
    return url === undefined ? [] : [{ ...file, url }];
  });
}

/** The highest valid version that is not a pre-release, else the highest valid one; undefined for none. */
function latestOf(versions: readonly string[]): string | undefined {
  const scheme = versionScheme('pypi');
  const ordered = sortVersions('pypi', versions).sorted;
  return ordered.filter((version) => !scheme.isPrerelease(version)).at(-1) ?? ordered.at(-1);
}

/**
 * A JSON API document without denied versions: they leave `releases`; when `info.version`
 * is one of them it is re-pointed to the highest remaining stable version (and `urls` to
 * its files). Every file URL is pointed at Palisade. Malformed documents are failures.
 */
export function filterJsonApi(document: unknown, options: JsonApiFilterOptions): Result<FilteredJsonApi> {
  if (!isObject(document) || !isObject(document.info)) return failure('the document has no "info" object');
  const releases = document.releases;
  if (releases !== undefined && !isObject(releases)) return failure('"releases" is not an object');
  const removed: string[] = [];
  const kept: Json = {};
  for (const [version, files] of Object.entries(releases ?? {})) {
    if (options.isDenied(version)) removed.push(version);
    else kept[version] = rewriteFiles(files, options.fileUrl);
  }
  const info = document.info;
  let version = typeof info.version === 'string' ? info.version : undefined;
  let urls = rewriteFiles(document.urls, options.fileUrl);
  let versionDenied = false;
  if (version !== undefined && options.isDenied(version)) {
    version = releases === undefined ? undefined : latestOf(Object.keys(kept));
    versionDenied = version === undefined;
    urls = version === undefined ? [] : ((kept[version] as unknown[] | undefined) ?? []);
  }
  const filtered: Json = { ...document, info: { ...info, ...(version !== undefined && { version }) }, urls };
  if (releases !== undefined) filtered.releases = kept;
  return success({ document: filtered, removed, remaining: Object.keys(kept).length, versionDenied });
}
