import type { Context, Hono } from 'hono';
import { LRUCache } from 'lru-cache';
import { PalisadeError } from '@palisade/core';
import { createAdapterApp, PreparedAnswers, rawPathBelowRoute, type AdapterOptions, type UpstreamClient } from '@palisade/http';
import { handleFile } from './pypi-handlers-file.ts';
import { handleJsonApi } from './pypi-handlers-json-api.ts';
import { handleProjectPage, handleRootIndex } from './pypi-handlers-page.ts';
import type { PreparedPage } from './pypi-page-source.ts';
import type { FileIndex, VersionTimes } from './pypi-file-index.ts';
import { parsePypiPath } from './project-path.ts';

export interface PypiAppOptions extends AdapterOptions {
  /** The Simple index to fetch project pages from (`https://pypi.org/simple/`; see `createUpstreamClient` in `@palisade/http`). */
  readonly index: UpstreamClient;
  /** The JSON API beside it (`https://pypi.org/pypi/`), when the index has one. */
  readonly jsonApi?: UpstreamClient;
  /**
   * The hosts distribution files may be fetched from, one client each, rooted at the
   * host's origin (`https://files.pythonhosted.org/`, and the index's own origin). A file
   * an index page links anywhere else is dropped from the page.
   */
  readonly files: readonly UpstreamClient[];
  /**
   * Where clients reach this app's root, ending in `/` (for the proxy:
   * `https://palisade.example/pypi/`): file links point at `<publicUrl>files/...`.
   */
  readonly publicUrl: string | (() => string);
  /** Told of what an operator may want to know (file names no version could be read from, links to hosts not allowed). */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
  /** Memory for prepared pages and file indexes, in bytes (default 128 MiB). */
  readonly preparedBytes?: number;
}

/** What the handlers share. */
export interface PypiAppState {
  readonly options: PypiAppOptions;
  readonly publicUrl: () => string;
  /** The file clients by host (`host` or `host:port`, lowercase). */
  readonly fileClients: ReadonlyMap<string, UpstreamClient>;
  readonly prepared: PreparedAnswers<PreparedPage>;
  readonly fileIndexes: LRUCache<string, FileIndex>;
  /** Publish times read from JSON API documents, by the document's SHA-256. */
  readonly publishTimes: LRUCache<string, VersionTimes>;
}

const DEFAULT_PREPARED_BYTES = 128 << 20;

/** The plain-text body pip prints after `HTTP error 403 while getting <url>`. */
export const pypiErrorBody = (message: string) => ({ body: `${message}\n`, contentType: 'text/plain; charset=utf-8' });

const sizeOfPage = (page: PreparedPage) => (page.kind === 'document' ? Math.ceil(page.body.identity.byteLength * 1.34) + 256 : 1024);

/**
 * A PyPI Simple index as a Hono app: project pages filtered by the policy, in HTML or
 * JSON as the client asks, with every file link pointed back at this app; files checked,
 * verified against the hash the index published and streamed. Mount it where clients
 * expect `<root>/simple/`, e.g. `app.route('/pypi', createPypiApp(options))`.
 */
export function createPypiApp(options: PypiAppOptions): Hono {
  const preparedBytes = options.preparedBytes ?? DEFAULT_PREPARED_BYTES;
  const state: PypiAppState = {
    options,
    publicUrl: typeof options.publicUrl === 'string' ? () => options.publicUrl as string : options.publicUrl,
    fileClients: new Map(options.files.map((client) => [new URL(client.baseUrl).host.toLowerCase(), client])),
    prepared: new PreparedAnswers<PreparedPage>(preparedBytes, sizeOfPage, (page) => page.validUntil),
    fileIndexes: new LRUCache<string, FileIndex>({ maxSize: Math.max(1, Math.floor(preparedBytes / 4)), sizeCalculation: (index) => Math.max(1, index.bytes) }),
    publishTimes: new LRUCache<string, VersionTimes>({ max: 1024 }),
  };
  return createAdapterApp('pypi', options, pypiErrorBody, (c) => route(c, state));
}


async function route(c: Context, state: PypiAppState): Promise<Response> {
  const parsed = parsePypiPath(c.req.method, rawPathBelowRoute(c));
  if (!parsed.ok) throw new PalisadeError(parsed.status, parsed.status === 405 ? 'read-only' : parsed.status === 404 ? 'not-found' : 'bad-request', parsed.reason);
  const request = parsed.request;
  switch (request.kind) {
    case 'redirect':
      return c.redirect(`${state.publicUrl()}${request.location.replace(/^\//, '')}`, 301);
    case 'root':
      return handleRootIndex(c, state);
    case 'project':
      return handleProjectPage(c, state, request.project);
    case 'file':
      return handleFile(c, state, request.path);
    case 'json-api':
      return handleJsonApi(c, state, request.project, request.version);
  }
}
