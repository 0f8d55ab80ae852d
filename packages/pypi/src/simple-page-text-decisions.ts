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
}

/** One file of a page's text: its name, and its URL resolved against the page, without the fragment. */
export interface TextPageFile {
  readonly filename: string;
  readonly url: ResolvedLink;
}

/** What becomes of each file and listed version, and the lists the parse-based pipeline reports. */
export interface PageDecisions {
  /** Per file, in page order: the URL it is served under, or undefined when it is taken out. */
  readonly fileUrls: readonly (string | undefined)[];
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
    if (!passed) fileUrls.push(undefined);
    else if ((protocol !== 'https:' && protocol !== 'http:') || !allowed.has(host)) {
      dropped.push(file.filename);
      fileUrls.push(undefined);
    } else fileUrls.push(options.fileUrl(file.url));
  }
  const versionsKept = versions.map((version) => {
    const stays = !denied(version);
    (stays ? kept : removed).add(version);
    return stays;
  });
  return { fileUrls, versionsKept, removed: [...removed], unparsed, remaining: kept.size, dropped };
}
