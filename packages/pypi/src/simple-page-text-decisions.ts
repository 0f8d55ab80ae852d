import { FileVersionReader } from './file-version.ts';
import type { ResolvedLink } from './plain-http-url.ts';

/** What `filterSimplePageText` needs: the project, the policy's verdict, and where files may come from and go. */
export interface SimplePageTextOptions {
  /** The project, PEP 503-normalised: file names are read as its files. */
  readonly project: string;
  /** The page's upstream URL: relative links are resolved against it. */
  readonly pageUrl: string;
  /** Whether the policy refuses this version; asked once per distinct version. */
  isDenied(version: string): boolean;
  /** Hosts (`files.pythonhosted.org`, `host:port` with a non-default port) files may come from. */
  readonly allowedHosts: readonly string[];
  /** The URL clients are given instead of `upstreamUrl` (a Palisade `/pypi/files/...` URL). */
  fileUrl(upstreamUrl: ResolvedLink): string;
  /**
   * Optional: the part of `fileUrl(upstreamUrl)` before `upstreamUrl.pathname`, when the URL
   * served is that prefix followed by the upstream path unchanged and the prefix depends on
   * the protocol and host alone (as Palisade's file URLs do). Then a link whose path is
   * written plainly has only its origin replaced, its path kept in place. Checked against
   * `fileUrl` once per origin; an origin where they disagree is served through `fileUrl`.
   */
  fileUrlPrefix?(upstreamUrl: ResolvedLink): string;
}

/** One file of a page's text: its name, and its URL resolved against the page, without the fragment. */
export interface TextPageFile {
  readonly filename: string;
  readonly url: ResolvedLink;
  /** Where `url.pathname` is written as it is in the page's text, -1 (or absent) when it is not. */
  readonly urlPathStart?: number;
}

/** What becomes of each file and listed version, and the lists the parse-based pipeline reports. */
export interface PageDecisions {
  /**
   * Per file, in page order: the URL it is served under, or undefined when it is taken out;
   * where `keepsPath` is true, only the part before the path (`fileUrlPrefix`), the file's
   * path to be kept as the page writes it.
   */
  readonly fileUrls: readonly (string | undefined)[];
  readonly keepsPath: readonly boolean[];
  /** Per entry of the page's `versions` list: whether it stays. */
  readonly versionsKept: readonly boolean[];
  readonly removed: string[];
  readonly unparsed: string[];
  readonly remaining: number;
  readonly dropped: string[];
}

/**
 * Decides each file and listed version as `filterSimplePage` then `rewriteFileUrls` do:
 * files of denied versions out, files whose version cannot be read kept (and reported),
 * kept files on hosts not allowed (or not http/https) dropped, the others pointed at
 * `fileUrl`. The policy is asked in the same order, once per distinct version.
 */
export function pageDecisions(files: readonly TextPageFile[], versions: readonly string[], options: SimplePageTextOptions): PageDecisions {
  const verdicts = new Map<string, boolean>();
  const denied = (version: string): boolean => {
    let verdict = verdicts.get(version);
    if (verdict === undefined) {
      verdict = options.isDenied(version);
      verdicts.set(version, verdict);
    }
    return verdict;
  };
  const reader = new FileVersionReader(options.project);
  const allowed = new Set(options.allowedHosts.map((host) => host.toLowerCase()));
  const removed = new Set<string>();
  const kept = new Set<string>();
  const unparsed: string[] = [];
  const dropped: string[] = [];
  const fileUrls: (string | undefined)[] = [];
  const keepsPath: boolean[] = [];
  const prefixOf = originPrefixes(options);
  // A page lists a version's files one after another: the last version's verdict is reused.
  let [lastVersion, lastPassed] = [undefined as string | undefined, true];
  for (const file of files) {
    const version = reader.read(file.filename);
    let passed = true;
    if (version === undefined) unparsed.push(file.filename);
    else if (version === lastVersion) passed = lastPassed;
    else {
      passed = !denied(version);
      (passed ? kept : removed).add(version);
      [lastVersion, lastPassed] = [version, passed];
    }
    const { protocol, host } = file.url;
    const served = passed && (protocol === 'https:' || protocol === 'http:') && allowed.has(host);
    if (passed && !served) dropped.push(file.filename);
    const prefix = served && (file.urlPathStart ?? -1) >= 0 ? prefixOf(file.url) : undefined;
    keepsPath.push(prefix !== undefined);
    fileUrls.push(served ? (prefix ?? options.fileUrl(file.url)) : undefined);
  }
  const versionsKept = versions.map((version) => {
    const stays = !denied(version);
    (stays ? kept : removed).add(version);
    return stays;
  });
  return { fileUrls, keepsPath, versionsKept, removed: [...removed], unparsed, remaining: kept.size, dropped };
}

/**
 * Per origin (protocol and host), the prefix `fileUrlPrefix` gives, once it is seen to agree
 * with `fileUrl` on the origin's first file; undefined for every file of an origin where it
 * does not, and without `fileUrlPrefix`.
 */
function originPrefixes(options: SimplePageTextOptions): (url: ResolvedLink) => string | undefined {
  const prefixes = new Map<string, string | undefined>();
  const prefixFor = options.fileUrlPrefix;
  if (prefixFor === undefined) return () => undefined;
  let [lastHost, lastProtocol, lastPrefix] = ['', '', undefined as string | undefined];
  return (url) => {
    if (url.host === lastHost && url.protocol === lastProtocol) return lastPrefix;
    const origin = `${url.protocol}//${url.host}`;
    let prefix = prefixes.get(origin);
    if (!prefixes.has(origin)) {
      const candidate = prefixFor(url);
      prefix = options.fileUrl(url) === candidate + url.pathname ? candidate : undefined;
      prefixes.set(origin, prefix);
    }
    [lastHost, lastProtocol, lastPrefix] = [url.host, url.protocol, prefix];
    return prefix;
  };
}
