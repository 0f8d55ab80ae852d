import type { SimpleFile, SimplePage } from './simple-page.ts';

/** Which upstream file URLs may be fetched, and how Palisade names them. */
export interface RewriteFileUrlsOptions {
  /** Hosts (`files.pythonhosted.org`, `index.example:8443` with a non-default port) files may come from. */
  readonly allowedHosts: readonly string[];
  /** The URL clients are given instead of `upstreamUrl` (a Palisade `/pypi/files/...` URL). */
  fileUrl(upstreamUrl: URL): string;
}

/** The page with its links pointed at Palisade, and the files taken out. */
export interface RewrittenSimplePage {
  readonly page: SimplePage;
  /** File names whose URL was not absolute http(s) on an allowed host. */
  readonly dropped: readonly string[];
}

/**
 * Points every file of a page at Palisade, keeping its hashes and every other key. A file
 * whose URL is not an absolute `http:`/`https:` URL on one of `allowedHosts` is dropped, so
 * an index page can never make Palisade fetch from anywhere else.
 */
export function rewriteFileUrls(page: SimplePage, options: RewriteFileUrlsOptions): RewrittenSimplePage {
  const allowed = new Set(options.allowedHosts.map((host) => host.toLowerCase()));
  const dropped: string[] = [];
  const files: SimpleFile[] = [];
  for (const file of page.files) {
    const upstream = URL.parse(file.url);
    if (upstream === null || !['http:', 'https:'].includes(upstream.protocol) || !allowed.has(upstream.host)) {
      dropped.push(file.filename);
    } else {
      files.push({ ...file, url: options.fileUrl(upstream) });
    }
  }
  return { page: { ...page, files }, dropped };
}
