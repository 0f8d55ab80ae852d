import { maxSatisfying, validRange } from 'semver';
import { isJsonObject, ownValue, type JsonObject } from './json-object.ts';
import { tarballFileName } from './tarball-file.ts';

/** A version's manifest, as `GET /name/spec` serves it. */
export interface SelectedVersion {
  readonly version: string;
  readonly manifest: JsonObject;
}

/**
 * The version a `GET /name/spec` asks for in a (filtered) packument: `spec` as an exact
 * version, else as a dist-tag, else as a semver range (the highest matching version, as
 * the registry answers). Undefined when nothing matches.
 */
export function selectVersion(doc: JsonObject, spec: string): SelectedVersion | undefined {
  const versions = ownValue(doc, 'versions');
  if (!isJsonObject(versions)) return undefined;
  const exact = manifestOf(versions, spec);
  if (exact !== undefined) return exact;
  const tags = ownValue(doc, 'dist-tags');
  const tagged = isJsonObject(tags) ? ownValue(tags, spec) : undefined;
  if (typeof tagged === 'string') return manifestOf(versions, tagged);
  if (validRange(spec) === null) return undefined;
  const highest = maxSatisfying(Object.keys(versions), spec);
  return highest === null ? undefined : manifestOf(versions, highest);
}

function manifestOf(versions: JsonObject, version: string): SelectedVersion | undefined {
  const manifest = ownValue(versions, version);
  return isJsonObject(manifest) ? { version, manifest } : undefined;
}

/** The version a tarball file belongs to, with the URL upstream serves it at. */
export interface TarballVersion {
  readonly version: string;
  readonly upstreamUrl: string;
  readonly dist: JsonObject;
}

/**
 * Which version a tarball file name belongs to, read from the UNFILTERED upstream packument:
 * the version whose `dist.tarball` URL ends in that file name (never guessed from the name,
 * which `name-1.0.0-x.tgz` makes ambiguous). Undefined when no version has it, or when more
 * than one does (a document that cannot say which version is fetched is not trusted).
 */
export function findTarballVersion(doc: unknown, file: string): TarballVersion | undefined {
  if (!isJsonObject(doc)) return undefined;
  const versions = ownValue(doc, 'versions');
  if (!isJsonObject(versions)) return undefined;
  let found: TarballVersion | undefined;
  for (const [version, manifest] of Object.entries(versions)) {
    if (!isJsonObject(manifest)) continue;
    const dist = ownValue(manifest, 'dist');
    if (!isJsonObject(dist)) continue;
    const url = ownValue(dist, 'tarball');
    if (typeof url !== 'string' || tarballFileName(url) !== file) continue;
    if (found !== undefined) return undefined;
    found = { version, upstreamUrl: url, dist };
  }
  return found;
}
