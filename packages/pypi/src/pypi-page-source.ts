import { decide, PalisadeError, printable, type Decision, type PackageRef, type Result } from '@palisade/core';
import type { CacheAnswer, StoredEntry } from '@palisade/cache';
import { entryBytes, prepareBody, wholePackageDecision, type PreparedBody } from '@palisade/http';
import { parseDistributionFile } from './distribution-file.ts';
import { fileLocation, formatFileLocation } from './file-location.ts';
import type { PypiAppState } from './pypi-app.ts';
import { pageUpstream } from './pypi-upstream.ts';
import type { SimpleFormat } from './simple-format.ts';
import type { SimpleFile, SimplePage } from './simple-page.ts';
import { filterSimplePage } from './simple-page-filter.ts';
import { renderSimpleHtml } from './simple-page-html-render.ts';
import { parseSimpleHtml } from './simple-page-html.ts';
import { renderSimpleJson } from './simple-page-json-render.ts';
import { parseSimpleJson } from './simple-page-json.ts';
import { rewriteFileUrls } from './simple-page-urls.ts';

/** A project page made ready to serve under the policy in force, or the refusal of a project whose every version is denied. */
export type PreparedPage =
  | { readonly kind: 'document'; readonly body: PreparedBody; readonly removed: readonly string[]; readonly audited: readonly Decision[] }
  | { readonly kind: 'blocked'; readonly decision: Decision };

/** The project page as the index sent it, through the cache (a page that does not parse is not kept). */
export function cachedPage(state: PypiAppState, project: string): Promise<CacheAnswer> {
  const pageUrl = state.options.index.url(`${project}/`);
  const check = (bytes: Uint8Array, contentType: string) => {
    const parsed = parsePage(Buffer.from(bytes).toString('utf8'), contentType, pageUrl);
    return parsed.ok ? undefined : parsed.error;
  };
  const upstream = pageUpstream(state.options.index, `${project}/`, project, check);
  return state.options.cache.fetch({ ecosystem: 'pypi', name: project, resource: 'page' }, 'pypi-index', upstream);
}

/** A page in the form its content type names: JSON (PEP 691), else HTML (PEP 503). */
function parsePage(text: string, contentType: string, pageUrl: string): Result<SimplePage> {
  return contentType.includes('json') ? parseSimpleJson(text, pageUrl) : parseSimpleHtml(text, pageUrl);
}

/** The upstream page, parsed from the form the index sent (JSON or HTML), its links made absolute. */
export async function parsedPage(state: PypiAppState, project: string, entry: StoredEntry): Promise<SimplePage> {
  const parsed = parsePage((await entryBytes(entry)).toString('utf8'), entry.meta.contentType, state.options.index.url(`${project}/`));
  if (!parsed.ok) throw new PalisadeError(502, 'upstream-malformed', `The index sent a malformed page for "${printable(project)}": ${parsed.error}`);
  return parsed.value;
}

/** The version a file name carries, or undefined when none can be read (the file is then kept, and logged). */
export function versionOf(filename: string, project: string): string | undefined {
  const parsed = parseDistributionFile(filename, project);
  return parsed.ok ? parsed.value.version : undefined;
}

/**
 * The page filtered by the policy, its files pointed at Palisade (files on hosts not
 * allowed are dropped), rendered in `format`: once per (upstream body, database revision,
 * mode, format, public URL).
 */
export async function preparedPage(state: PypiAppState, ref: PackageRef, format: SimpleFormat, entry: StoredEntry, unchecked: boolean): Promise<PreparedPage> {
  const view = state.options.policy();
  const base = state.publicUrl();
  const revision = unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}`;
  return state.prepared.get(`${entry.meta.sha256}|${revision}|${format}|${base}`, async () => {
    const page = await parsedPage(state, ref.name, entry);
    const denied: Decision[] = [];
    const audited: Decision[] = [];
    const filtered = filterSimplePage(page, {
      versionOf: (filename) => versionOf(filename, ref.name),
      isDenied(version) {
        if (unchecked) return false;
        const decision = decide({ ...ref, version }, view.policy);
        if (decision.outcome === 'deny') denied.push(decision);
        else if (decision.outcome === 'audit') audited.push(decision);
        return decision.outcome === 'deny';
      },
    });
    if (filtered.unparsed.length > 0) state.options.log?.('pypi-version-unreadable', { project: ref.name, files: filtered.unparsed.slice(0, 20) });
    if (filtered.remaining === 0 && filtered.removed.length > 0) return { kind: 'blocked', decision: wholePackageDecision(ref, denied, view.policy.mode) };
    const rewritten = rewriteFileUrls(filtered.page, {
      allowedHosts: [...state.fileClients.keys()],
      fileUrl: (url) => `${base}files/${formatFileLocation(fileLocation(ref.name, url))}`,
    });
    if (rewritten.dropped.length > 0) state.options.log?.('pypi-files-dropped', { project: ref.name, reason: 'host not allowed', files: rewritten.dropped.slice(0, 20) });
    const served = withVerifiableMetadata(rewritten.page);
    const text = format === 'json' ? renderSimpleJson(served) : renderSimpleHtml(served);
    return { kind: 'document', body: prepareBody(Buffer.from(text, 'utf8')), removed: filtered.removed, audited };
  });
}

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
