import { PalisadeError, printable, type Decision, type PackageRef, type Result } from '@palisade/core';
import type { CacheAnswer, StoredEntry } from '@palisade/cache';
import { cooldownApplies, entryBytes, prepareBody, versionDecisions, wholePackageDecision, type PreparedBody } from '@palisade/http';
import { fileLocation, formatFileLocation } from './file-location.ts';
import { fileVersion } from './file-version.ts';
import type { PypiAppState } from './pypi-app.ts';
import { projectPublishTimes } from './pypi-publish-times.ts';
import { pageUpstream } from './pypi-upstream.ts';
import type { SimpleFormat } from './simple-format.ts';
import type { SimplePage } from './simple-page.ts';
import { filterSimplePage } from './simple-page-filter.ts';
import { renderSimpleHtml } from './simple-page-html-render.ts';
import { parseSimpleHtml } from './simple-page-html.ts';
import { renderSimpleJson } from './simple-page-json-render.ts';
import { parseSimpleJson } from './simple-page-json.ts';
import { withVerifiableMetadata } from './simple-page-metadata.ts';
import { filterSimplePageText, type ResolvedLink } from './simple-page-text-filter.ts';
import { rewriteFileUrls } from './simple-page-urls.ts';

/**
 * A project page made ready to serve under the policy in force, or the refusal of a project
 * whose every version is denied; either holds until `validUntil` (ms since the epoch: when a
 * version the cooldown held back comes of age; `Infinity` when time alone changes nothing).
 */
export type PreparedPage =
  | { readonly kind: 'document'; readonly body: PreparedBody; readonly removed: readonly string[]; readonly audited: readonly Decision[]; readonly validUntil: number }
  | { readonly kind: 'blocked'; readonly decision: Decision; readonly validUntil: number };

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
  return fileVersion(filename, project);
}

/**
 * The page filtered by the policy, its files pointed at Palisade (files on hosts not
 * allowed are dropped), served in `format`: once per (project, upstream body, policy revision, mode,
 * format, public URL, and the publish times' source while a cooldown applies), and again
 * once a version the cooldown held back comes of age. A page asked for in the form the
 * index sent is edited as text (`filterSimplePageText`); any other, or one the text filter
 * declines, is parsed, filtered and rendered.
 */
export async function preparedPage(state: PypiAppState, ref: PackageRef, format: SimpleFormat, entry: StoredEntry, unchecked: boolean): Promise<PreparedPage> {
  const view = state.options.policy();
  const base = state.publicUrl();
  const published = !unchecked && cooldownApplies(view, ref) ? await projectPublishTimes(state, ref.name, entry) : undefined;
  const revision = unchecked ? 'unchecked' : `${view.revision}|${view.policy.mode}${published ? `|times ${published.source}` : ''}`;
  const prepare = async (): Promise<PreparedPage> => {
    let decisions = versionDecisions(ref, view, unchecked, published && ((version) => published.times.get(version)));
    const isDenied = (version: string): boolean => decisions.isDenied(version);
    const pageUrl = state.options.index.url(`${ref.name}/`);
    const links = {
      allowedHosts: [...state.fileClients.keys()],
      fileUrl: (url: ResolvedLink) => `${base}files/${formatFileLocation(fileLocation(ref.name, url))}`,
      // The same URL up to the upstream path, which formatFileLocation appends unchanged.
      fileUrlPrefix: (url: ResolvedLink) => `${base}files/${formatFileLocation(fileLocation(ref.name, { host: url.host, pathname: '' }))}`,
    };
    const upstreamForm: SimpleFormat = entry.meta.contentType.includes('json') ? 'json' : 'html';
    const edited = upstreamForm === format
      ? filterSimplePageText((await entryBytes(entry)).toString('utf8'), format, { project: ref.name, pageUrl, isDenied, ...links })
      : undefined;
    let outcome: { body: Buffer; removed: readonly string[]; unparsed: readonly string[]; remaining: number; dropped: readonly string[] };
    if (edited?.ok) outcome = edited.value;
    else {
      // Decided afresh: the text filter may have asked about versions before it declined.
      decisions = versionDecisions(ref, view, unchecked, published && ((version) => published.times.get(version)));
      const page = await parsedPage(state, ref.name, entry);
      const filtered = filterSimplePage(page, { versionOf: (filename) => versionOf(filename, ref.name), isDenied });
      const rewritten = rewriteFileUrls(filtered.page, links);
      const served = withVerifiableMetadata(rewritten.page);
      const text = format === 'json' ? renderSimpleJson(served) : renderSimpleHtml(served);
      outcome = { body: Buffer.from(text, 'utf8'), removed: filtered.removed, unparsed: filtered.unparsed, remaining: filtered.remaining, dropped: rewritten.dropped };
    }
    const { validUntil } = decisions;
    if (outcome.unparsed.length > 0) state.options.log?.('pypi-version-unreadable', { project: ref.name, files: outcome.unparsed.slice(0, 20) });
    if (outcome.remaining === 0 && outcome.removed.length > 0) {
      return { kind: 'blocked', decision: wholePackageDecision(ref, decisions.denied, decisions.denied[0]?.mode ?? view.policy.mode), validUntil };
    }
    if (outcome.dropped.length > 0) state.options.log?.('pypi-files-dropped', { project: ref.name, reason: 'host not allowed', files: outcome.dropped.slice(0, 20) });
    return { kind: 'document', body: prepareBody(outcome.body), removed: outcome.removed, audited: decisions.audited, validUntil };
  };
  return state.prepared.get(`${ref.name}|${entry.meta.sha256}|${revision}|${format}|${base}`, prepare, view.now());
}
