import type { SimpleFile, SimplePage } from './simple-page.ts';

/**
 * Writes a project page as PEP 691 JSON, keys in pypi.org's order. The PEP 658 flag goes out
 * under `core-metadata` and `data-dist-info-metadata`, the two names pypi.org emits; never
 * under `dist-info-metadata`, which makes pip 22.3 to 23.1 fail (PEP 714).
 */
export function renderSimpleJson(page: SimplePage): string {
  const meta = {
    'api-version': page.meta.apiVersion,
    ...(page.meta.lastSerial === undefined ? {} : { '_last-serial': page.meta.lastSerial }),
    ...(page.meta.tracks === undefined ? {} : { tracks: page.meta.tracks }),
  };
  return JSON.stringify({
    meta,
    name: page.name,
    ...(page.versions === undefined ? {} : { versions: page.versions }),
    ...(page.alternateLocations === undefined ? {} : { 'alternate-locations': page.alternateLocations }),
    ...(page.projectStatus === undefined ? {} : { 'project-status': page.projectStatus }),
    files: page.files.map(fileJson),
  });
}

function fileJson(file: SimpleFile): Record<string, unknown> {
  return {
    filename: file.filename,
    url: file.url,
    hashes: file.hashes,
    ...(file.requiresPython === undefined ? {} : { 'requires-python': file.requiresPython }),
    ...(file.size === undefined ? {} : { size: file.size }),
    ...(file.uploadTime === undefined ? {} : { 'upload-time': file.uploadTime }),
    ...(file.yanked === undefined ? {} : { yanked: file.yanked }),
    ...(file.coreMetadata === undefined
      ? {}
      : { 'data-dist-info-metadata': file.coreMetadata, 'core-metadata': file.coreMetadata }),
    ...(file.gpgSig === undefined ? {} : { 'gpg-sig': file.gpgSig }),
    ...(file.provenance === undefined ? {} : { provenance: file.provenance }),
  };
}
