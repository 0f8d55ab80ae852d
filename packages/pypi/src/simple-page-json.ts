import { failure, success } from '@palisade/core';
import type { Result } from '@palisade/core';
import type { ProjectStatus, SimpleFile, SimpleMeta, SimplePage } from './simple-page.ts';
import { checkApiVersion, resolveFileUrl } from './simple-page-values.ts';

type JsonObject = Record<string, unknown>;

/** Why a value was refused: the JSON path of the offending key, never its content. */
class Refusal {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

/**
 * Reads a PEP 691 project page (`application/vnd.pypi.simple.v1+json`), checking the type of
 * every key it knows. Relative file URLs are resolved against `pageUrl` when it is given.
 * The PEP 658 metadata flag is read from `core-metadata`, else `dist-info-metadata`, else
 * `data-dist-info-metadata` (the name pypi.org also emits). Never throws.
 */
export function parseSimpleJson(text: string, pageUrl?: string): Result<SimplePage> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return failure('the project page is not valid JSON');
  }
  return readSimpleJsonDocument(document, pageUrl);
}

/** `parseSimpleJson` on a document already parsed (`JSON.parse`'s value). Never throws. */
export function readSimpleJsonDocument(document: unknown, pageUrl?: string): Result<SimplePage> {
  try {
    return readPage(document, pageUrl);
  } catch (error) {
    if (error instanceof Refusal) return failure(`the project page is malformed: ${error.reason}`);
    throw error;
  }
}

function readPage(document: unknown, pageUrl: string | undefined): Result<SimplePage> {
  const page = object(document, 'the page');
  const metaObject = object(own(page, 'meta'), 'meta');
  const apiVersion = string(own(metaObject, 'api-version'), 'meta.api-version');
  const versionCheck = checkApiVersion(apiVersion);
  if (!versionCheck.ok) return versionCheck;
  const lastSerial = optionalInteger(own(metaObject, '_last-serial'), 'meta._last-serial');
  const tracks = optionalStrings(own(metaObject, 'tracks'), 'meta.tracks');
  const meta: SimpleMeta = {
    apiVersion,
    ...(lastSerial === undefined ? {} : { lastSerial }),
    ...(tracks === undefined ? {} : { tracks }),
  };
  const name = string(own(page, 'name'), 'name');
  const versions = optionalStrings(own(page, 'versions'), 'versions');
  const alternateLocations = optionalStrings(own(page, 'alternate-locations'), 'alternate-locations');
  const projectStatus = readProjectStatus(own(page, 'project-status'));
  const filesValue = own(page, 'files');
  if (!Array.isArray(filesValue)) throw new Refusal('files must be an array');
  const files: SimpleFile[] = [];
  for (const [index, value] of filesValue.entries()) {
    const file = readFile(object(value, `files[${index}]`), `files[${index}]`, pageUrl);
    if (!file.ok) return file;
    files.push(file.value);
  }
  return success({
    name,
    meta,
    ...(versions === undefined ? {} : { versions }),
    ...(alternateLocations === undefined ? {} : { alternateLocations }),
    ...(projectStatus === undefined ? {} : { projectStatus }),
    files,
  });
}

function readFile(file: JsonObject, path: string, pageUrl: string | undefined): Result<SimpleFile> {
  const filename = string(own(file, 'filename'), `${path}.filename`);
  const url = resolveFileUrl(string(own(file, 'url'), `${path}.url`), pageUrl);
  if (!url.ok) return failure(`the project page is malformed: ${path}.url ${url.error}`);
  const requiresPython = optionalString(own(file, 'requires-python'), `${path}.requires-python`);
  const yanked = own(file, 'yanked');
  if (yanked !== undefined && typeof yanked !== 'boolean' && typeof yanked !== 'string') {
    throw new Refusal(`${path}.yanked must be a boolean or a string`);
  }
  const metadataKey = ['core-metadata', 'dist-info-metadata', 'data-dist-info-metadata'].find(
    (key) => own(file, key) !== undefined && own(file, key) !== null,
  );
  const coreMetadata = metadataKey === undefined ? undefined : flagOrHashes(own(file, metadataKey), `${path}.${metadataKey}`);
  const gpgSig = own(file, 'gpg-sig');
  if (gpgSig !== undefined && gpgSig !== null && typeof gpgSig !== 'boolean') throw new Refusal(`${path}.gpg-sig must be a boolean`);
  const size = optionalInteger(own(file, 'size'), `${path}.size`);
  const uploadTime = optionalString(own(file, 'upload-time'), `${path}.upload-time`);
  const provenance = optionalString(own(file, 'provenance'), `${path}.provenance`);
  return success({
    filename,
    url: url.value,
    hashes: hashes(own(file, 'hashes') ?? {}, `${path}.hashes`),
    ...(requiresPython === undefined ? {} : { requiresPython }),
    ...(yanked === undefined ? {} : { yanked: yanked === '' ? true : yanked }),
    ...(coreMetadata === undefined ? {} : { coreMetadata }),
    ...(typeof gpgSig === 'boolean' ? { gpgSig } : {}),
    ...(size === undefined ? {} : { size }),
    ...(uploadTime === undefined ? {} : { uploadTime }),
    ...(provenance === undefined ? {} : { provenance }),
  });
}

function readProjectStatus(value: unknown): ProjectStatus | undefined {
  if (value === undefined || value === null) return undefined;
  const status = object(value, 'project-status');
  const reason = optionalString(own(status, 'reason'), 'project-status.reason');
  return { status: string(own(status, 'status'), 'project-status.status'), ...(reason === undefined ? {} : { reason }) };
}

function own(value: JsonObject, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal(`${path} must be an object`);
  return value as JsonObject;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new Refusal(`${path} must be a non-empty string`);
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Refusal(`${path} must be a string`);
  return value;
}

function optionalInteger(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new Refusal(`${path} must be a non-negative integer`);
  return value as number;
}

function optionalStrings(value: unknown, path: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Refusal(`${path} must be an array of strings`);
  }
  return [...(value as string[])];
}

function hashes(value: unknown, path: string): Record<string, string> {
  const entries = Object.entries(object(value, path));
  if (!entries.every(([, digest]) => typeof digest === 'string')) throw new Refusal(`${path} must map names to strings`);
  return Object.fromEntries(entries.map(([name, digest]) => [name.toLowerCase(), digest as string]));
}

function flagOrHashes(value: unknown, path: string): boolean | Record<string, string> {
  return typeof value === 'boolean' ? value : hashes(value, path);
}
