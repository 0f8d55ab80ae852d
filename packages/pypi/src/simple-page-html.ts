import { failure, success } from '@palisade/core';
import type { Result } from '@palisade/core';
import type { ProjectStatus, SimpleFile, SimplePage } from './simple-page.ts';
import { decodeHtmlEntities } from './simple-page-html-entities.ts';
import { htmlTokens } from './simple-page-html-tokens.ts';
import { checkApiVersion, parseHashFragment } from './simple-page-values.ts';

/** What the page says about itself besides its links. */
interface PageHead {
  apiVersion: string;
  tracks: string[];
  alternateLocations: string[];
  status?: string;
  statusReason?: string;
  title?: string;
  lastSerial?: number;
}

/**
 * Reads a PEP 503 project page: one file per `<a href>` (relative links resolved against
 * `pageUrl` or a `<base href>`, the `#sha256=` fragment moved into `hashes`, `data-*`
 * attributes decoded), the `pypi:*` meta tags, the title `Links for <name>` and PyPI's
 * `<!--SERIAL n-->`. Tolerant of sloppy HTML; never throws.
 */
export function parseSimpleHtml(html: string, pageUrl: string): Result<SimplePage> {
  if (!URL.canParse(pageUrl)) return failure('the project page URL is not a URL');
  let base = pageUrl;
  const head: PageHead = { apiVersion: '1.0', tracks: [], alternateLocations: [] };
  const files: SimpleFile[] = [];
  let anchor: { attributes: ReadonlyMap<string, string>; text: string } | undefined;
  let title: string | undefined;
  const closeAnchor = (): void => {
    const file = anchor === undefined ? undefined : readLink(anchor.attributes, decodeHtmlEntities(anchor.text).trim(), base);
    if (file !== undefined) files.push(file);
    anchor = undefined;
  };
  for (const token of htmlTokens(html)) {
    if (token.kind === 'text') {
      if (anchor !== undefined) anchor.text += token.text;
      if (title !== undefined) title += token.text;
    } else if (token.kind === 'comment') {
      const serial = /^\s*SERIAL\s+(\d{1,15})\s*$/.exec(token.text);
      if (serial !== null) head.lastSerial = Number(serial[1]);
    } else if (token.kind === 'end') {
      if (token.name === 'a') closeAnchor();
      if (token.name === 'title' && title !== undefined) [head.title, title] = [title, undefined];
    } else if (token.name === 'a') {
      closeAnchor();
      anchor = { attributes: token.attributes, text: '' };
    } else if (token.name === 'meta') {
      readMeta(token.attributes, head);
    } else if (token.name === 'title' && head.title === undefined) {
      title = '';
    } else if (token.name === 'base' && token.attributes.has('href')) {
      const href = decodeHtmlEntities(token.attributes.get('href') ?? '');
      base = URL.parse(href, pageUrl)?.href ?? base;
    }
  }
  closeAnchor();
  const version = checkApiVersion(head.apiVersion);
  if (!version.ok) return version;
  const name = projectName(head.title, pageUrl);
  if (name === undefined) return failure('the project page names no project');
  return success(page(name, head, files));
}

function page(name: string, head: PageHead, files: SimpleFile[]): SimplePage {
  const projectStatus: ProjectStatus | undefined =
    head.status === undefined
      ? undefined
      : { status: head.status, ...(head.statusReason === undefined ? {} : { reason: head.statusReason }) };
  return {
    name,
    meta: {
      apiVersion: head.apiVersion,
      ...(head.lastSerial === undefined ? {} : { lastSerial: head.lastSerial }),
      ...(head.tracks.length === 0 ? {} : { tracks: head.tracks }),
    },
    ...(head.alternateLocations.length === 0 ? {} : { alternateLocations: head.alternateLocations }),
    ...(projectStatus === undefined ? {} : { projectStatus }),
    files,
  };
}

function readMeta(attributes: ReadonlyMap<string, string>, head: PageHead): void {
  const name = attributes.get('name')?.toLowerCase();
  const content = decodeHtmlEntities(attributes.get('content') ?? '').trim();
  if (name === 'pypi:repository-version') head.apiVersion = content;
  else if (name === 'pypi:tracks') head.tracks.push(content);
  else if (name === 'pypi:alternate-locations') head.alternateLocations.push(content);
  else if (name === 'pypi:project-status') head.status = content;
  else if (name === 'pypi:project-status-reason') head.statusReason = content;
}

/**
 * A link as a file. Its name is the anchor text when that matches the last segment of the
 * URL, else that segment: pip names (and versions) a file by its URL, so the model must too.
 */
function readLink(attributes: ReadonlyMap<string, string>, text: string, base: string): SimpleFile | undefined {
  const href = attributes.get('href');
  if (href === undefined) return undefined;
  const decodedHref = decodeHtmlEntities(href).trim();
  const url = URL.parse(decodedHref, base);
  if (url === null) return undefined;
  const hashes = parseHashFragment(url.hash);
  url.hash = '';
  const segment = lastSegment(url.pathname);
  const filename = segment === undefined || segment === text ? text : segment;
  if (filename === '') return undefined;
  const data = (name: string): string | undefined => {
    const value = attributes.get(name);
    return value === undefined ? undefined : decodeHtmlEntities(value).trim();
  };
  const requiresPython = data('data-requires-python');
  const yanked = data('data-yanked');
  const coreMetadata = metadataFlag(data('data-core-metadata') ?? data('data-dist-info-metadata'));
  const gpgSig = data('data-gpg-sig');
  const provenance = data('data-provenance');
  return {
    filename,
    url: url.href,
    hashes,
    ...(requiresPython === undefined || requiresPython === '' ? {} : { requiresPython }),
    ...(yanked === undefined ? {} : { yanked: yanked === '' ? true : yanked }),
    ...(coreMetadata === undefined ? {} : { coreMetadata }),
    ...(gpgSig === 'true' || gpgSig === 'false' ? { gpgSig: gpgSig === 'true' } : {}),
    ...(provenance === undefined || provenance === '' ? {} : { provenance }),
  };
}

/** `true`, or `sha256=<hex>` as hashes; anything else present still says the metadata exists. */
function metadataFlag(value: string | undefined): boolean | Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'false') return false;
  const hashes = parseHashFragment(value);
  return Object.keys(hashes).length === 0 ? true : hashes;
}

/** The last segment of a URL path, percent-decoded where it decodes; undefined when the path ends with `/`. */
export function lastSegment(pathname: string): string | undefined {
  const segment = pathname.slice(pathname.lastIndexOf('/') + 1);
  try {
    return segment === '' ? undefined : segment.includes('%') ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}

function projectName(title: string | undefined, pageUrl: string): string | undefined {
  const fromTitle = /^\s*Links for\s+(.+?)\s*$/s.exec(decodeHtmlEntities(title ?? ''))?.[1];
  if (fromTitle !== undefined) return fromTitle;
  const segments = new URL(pageUrl).pathname.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
