import type { SimpleFile, SimplePage } from './simple-page.ts';

/**
 * The page without metadata links (PEP 658) that carry no SHA-256: Palisade serves
 * nothing it cannot verify, and a client that is not offered the metadata file reads the
 * metadata from the distribution itself.
 */
export function withVerifiableMetadata(page: SimplePage): SimplePage {
  if (!page.files.some((file) => file.coreMetadata !== undefined && !(typeof file.coreMetadata === 'object' && file.coreMetadata.sha256))) return page;
  const files = page.files.map((file): SimpleFile => {
    if (file.coreMetadata === undefined || (typeof file.coreMetadata === 'object' && file.coreMetadata.sha256)) return file;
    const { coreMetadata: _dropped, ...rest } = file;
    return rest;
  });
  return { ...page, files };
}
