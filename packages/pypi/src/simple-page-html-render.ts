import type { SimpleFile, SimplePage } from './simple-page.ts';
import { escapeHtmlAttribute, escapeHtmlText } from './simple-page-html-entities.ts';
import { preferredHash } from './simple-page-values.ts';

/**
 * Writes a project page as PEP 503 HTML 5, laid out as pypi.org lays it out: the `pypi:*`
 * meta tags, one `<a>` per file with its hash as the URL fragment and its `data-*`
 * attributes, and `<!--SERIAL n-->` last. The PEP 658 flag is written as both
 * `data-dist-info-metadata` (read by pip before 23.2) and `data-core-metadata` (PEP 714).
 * Keys that HTML cannot carry (`versions`, `size`, `upload-time`) are left out.
 */
export function renderSimpleHtml(page: SimplePage): string {
  const name = escapeHtmlText(page.name);
  const metas = [
    meta('pypi:repository-version', page.meta.apiVersion),
    ...(page.meta.tracks ?? []).map((url) => meta('pypi:tracks', url)),
    ...(page.alternateLocations ?? []).map((url) => meta('pypi:alternate-locations', url)),
    ...(page.projectStatus === undefined ? [] : [meta('pypi:project-status', page.projectStatus.status)]),
    ...(page.projectStatus?.reason === undefined ? [] : [meta('pypi:project-status-reason', page.projectStatus.reason)]),
  ];
  const lines = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '  <head>',
    ...metas.map((tag) => `    ${tag}`),
    `    <title>Links for ${name}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${name}</h1>`,
    ...page.files.map((file) => `    ${anchor(file)}<br />`),
    '  </body>',
    '</html>',
    ...(page.meta.lastSerial === undefined ? [] : [`<!--SERIAL ${page.meta.lastSerial}-->`]),
  ];
  return `${lines.join('\n')}\n`;
}

function meta(name: string, content: string): string {
  return `<meta name="${name}" content="${escapeHtmlAttribute(content)}">`;
}

function anchor(file: SimpleFile): string {
  const hash = preferredHash(file.hashes);
  const attributes: [string, string][] = [['href', hash === undefined ? file.url : `${file.url}#${hash}`]];
  if (file.requiresPython !== undefined) attributes.push(['data-requires-python', file.requiresPython]);
  if (file.yanked !== undefined && file.yanked !== false) {
    attributes.push(['data-yanked', file.yanked === true ? '' : file.yanked]);
  }
  const metadata = metadataValue(file.coreMetadata);
  if (metadata !== undefined) attributes.push(['data-dist-info-metadata', metadata], ['data-core-metadata', metadata]);
  if (file.gpgSig !== undefined) attributes.push(['data-gpg-sig', String(file.gpgSig)]);
  if (file.provenance !== undefined) attributes.push(['data-provenance', file.provenance]);
  const written = attributes.map(([name, value]) => `${name}="${escapeHtmlAttribute(value)}"`).join(' ');
  return `<a ${written}>${escapeHtmlText(file.filename)}</a>`;
}

function metadataValue(flag: SimpleFile['coreMetadata']): string | undefined {
  if (flag === undefined || flag === false) return undefined;
  if (flag === true) return 'true';
  return preferredHash(flag) ?? 'true';
}
