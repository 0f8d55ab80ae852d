import { createHash } from 'node:crypto';

/** A file of a fake project: its bytes, and whether the index publishes a hash that does not match them. */
export interface FakeFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly metadata?: string;
  readonly tampered?: boolean;
  /** The host the page links the file on (default: the files host). */
  readonly host?: string;
  /** When it was uploaded (ms since the epoch): `upload-time` in JSON pages (PEP 700) and the JSON API. */
  readonly uploadedAt?: number;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/**
 * An index as `fetch` sees it, for tests: `https://index.test/simple/<project>/` in JSON
 * (PEP 691) or HTML (PEP 503, or only HTML with `htmlOnly`), files on
 * `https://files.test/packages/...` with PEP 658 metadata beside them, and the JSON API at
 * `https://index.test/pypi/<project>/json`. Every request is recorded.
 */
export class FakeIndex {
  readonly index = 'https://index.test/simple/';
  readonly jsonApi = 'https://index.test/pypi/';
  readonly filesOrigin = 'https://files.test/';
  readonly requests: { url: string; accept: string | null }[] = [];
  readonly projects = new Map<string, FakeFile[]>();
  htmlOnly = false;
  /** Pages answered as given, whatever the request asks (malformed ones, for tests). */
  readonly rawPages = new Map<string, { readonly contentType: string; readonly body: string }>();
  /** Answers every request with this status when set (the index is down). */
  failWith: number | undefined;

  add(project: string, files: FakeFile[]): void {
    this.projects.set(project, files);
  }

  fileUrl(file: FakeFile): string {
    return `https://${file.host ?? 'files.test'}/packages/${file.filename}`;
  }

  #json(project: string, files: readonly FakeFile[]): string {
    const entries = files.map((file) => ({
      filename: file.filename,
      url: this.fileUrl(file),
      hashes: { sha256: file.tampered ? sha256('something else') : sha256(file.bytes) },
      'requires-python': '>=3.8',
      ...(file.uploadedAt !== undefined && { 'upload-time': new Date(file.uploadedAt).toISOString() }),
      ...(file.metadata !== undefined && { 'core-metadata': { sha256: sha256(file.metadata) }, 'data-dist-info-metadata': { sha256: sha256(file.metadata) } }),
    }));
    return JSON.stringify({ meta: { 'api-version': '1.1' }, name: project, files: entries });
  }

  #html(project: string, files: readonly FakeFile[]): string {
    const links = files.map((file) => {
      const hash = file.tampered ? sha256('something else') : sha256(file.bytes);
      const metadata = file.metadata !== undefined ? ` data-core-metadata="sha256=${sha256(file.metadata)}"` : '';
      return `<a href="${this.fileUrl(file)}#sha256=${hash}" data-requires-python="&gt;=3.8"${metadata}>${file.filename}</a><br/>`;
    });
    return `<!DOCTYPE html><html><head><meta name="pypi:repository-version" content="1.0"><title>Links for ${project}</title></head><body><h1>Links for ${project}</h1>${links.join('\n')}</body></html>`;
  }

  #jsonApi(project: string, files: readonly FakeFile[], version: string | undefined): string | undefined {
    const releases: Record<string, unknown[]> = {};
    for (const file of files) {
      const fileVersion = /^[^-]+-([^-]+?)(?:\.tar\.gz|-py3-none-any\.whl)$/.exec(file.filename)?.[1] ?? '0';
      const uploaded = file.uploadedAt === undefined ? {} : { upload_time_iso_8601: new Date(file.uploadedAt).toISOString() };
      (releases[fileVersion] ??= []).push({ filename: file.filename, url: this.fileUrl(file), digests: { sha256: sha256(file.bytes) }, ...uploaded });
    }
    const latest = version ?? Object.keys(releases).at(-1) ?? '0';
    if (version !== undefined && !(version in releases)) return undefined;
    return JSON.stringify({ info: { name: project, version: latest }, urls: releases[latest] ?? [], ...(version === undefined && { releases }) });
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const accept = request.headers.get('accept');
    this.requests.push({ url: url.href, accept });
    if (this.failWith !== undefined) return new Response('down', { status: this.failWith });
    if (url.host === 'index.test' && url.pathname === '/simple/') {
      const links = [...this.projects.keys()].map((project) => `<a href="/simple/${project}/">${project}</a>`).join('\n');
      return new Response(`<!DOCTYPE html><html><body>\n${links}\n</body></html>`, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
    const page = /^\/simple\/([^/]+)\/$/.exec(url.pathname);
    const raw = page && this.rawPages.get(page[1] as string);
    if (raw) return new Response(raw.body, { headers: { 'Content-Type': raw.contentType } });
    if (url.host === 'index.test' && page) {
      const files = this.projects.get(page[1] as string);
      if (!files) return new Response('not found', { status: 404 });
      const json = !this.htmlOnly && (accept ?? '').includes('application/vnd.pypi.simple.v1+json');
      return json
        ? new Response(this.#json(page[1] as string, files), { headers: { 'Content-Type': 'application/vnd.pypi.simple.v1+json', ETag: '"p1"' } })
        : new Response(this.#html(page[1] as string, files), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
    const api = /^\/pypi\/([^/]+)\/(?:([^/]+)\/)?json$/.exec(url.pathname);
    if (url.host === 'index.test' && api) {
      const files = this.projects.get(api[1] as string);
      const body = files && this.#jsonApi(api[1] as string, files, api[2]);
      return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { headers: { 'Content-Type': 'application/json' } });
    }
    for (const files of this.projects.values()) {
      for (const file of files) {
        if (url.href === this.fileUrl(file)) return new Response(file.bytes);
        if (file.metadata !== undefined && url.href === `${this.fileUrl(file)}.metadata`) return new Response(file.metadata);
      }
    }
    return new Response('not found', { status: 404 });
  };
}
