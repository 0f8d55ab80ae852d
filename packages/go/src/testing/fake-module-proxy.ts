import { escapeModulePath, escapeModuleVersion } from '@palisade/core';

/** One version of a fake module. */
export interface FakeVersion {
  readonly version: string;
  readonly zip: Uint8Array;
  readonly time?: string;
}

const escaped = (result: { ok: true; value: string } | { ok: false; error: string }) => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/**
 * A module proxy and a checksum database as `fetch` sees them, for tests: the GOPROXY
 * protocol at `https://proxy.test/` (list, .info, .mod, .zip, @latest, case-encoded paths)
 * and a few fixed checksum database answers at `https://sum.test/`. Every request is recorded.
 */
export class FakeModuleProxy {
  readonly proxy = 'https://proxy.test/';
  readonly sumdb = 'https://sum.test/';
  readonly requests: string[] = [];
  readonly modules = new Map<string, FakeVersion[]>();
  /** Extra lines the list of a module carries (blank lines, junk), for tests of the list filter. */
  readonly listNoise = new Map<string, string>();
  /** Bodies answered as given for a path, whatever the module holds (malformed ones, for tests). */
  readonly rawAnswers = new Map<string, { readonly status: number; readonly body: string }>();

  add(module: string, versions: FakeVersion[]): void {
    this.modules.set(module, versions);
  }

  #answer(path: string): Response {
    const raw = this.rawAnswers.get(path);
    if (raw) return new Response(raw.body, { status: raw.status });
    for (const [module, versions] of this.modules) {
      const prefix = `/${escaped(escapeModulePath(module))}/`;
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      if (rest === '@v/list') return new Response(`${versions.map((v) => v.version).join('\n')}\n${this.listNoise.get(module) ?? ''}`);
      if (rest === '@latest') {
        const latest = versions.at(-1);
        return latest ? Response.json({ Version: latest.version, Time: latest.time ?? '2030-01-01T00:00:00Z' }) : new Response('not found', { status: 404 });
      }
      for (const version of versions) {
        const file = `@v/${escaped(escapeModuleVersion(version.version))}`;
        if (rest === `${file}.info`) return Response.json({ Version: version.version, Time: version.time ?? '2030-01-01T00:00:00Z' });
        if (rest === `${file}.mod`) return new Response(`module ${module}\n`);
        if (rest === `${file}.zip`) return new Response(version.zip, { headers: { 'Content-Type': 'application/zip' } });
      }
    }
    return new Response('not found', { status: 404 });
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(new Request(input, init).url);
    this.requests.push(url.href);
    if (url.origin === new URL(this.sumdb).origin) {
      if (url.pathname === '/latest') return new Response('go.sum database tree\n3\nhash\n\n— sum.test signature\n');
      if (url.pathname.startsWith('/lookup/') || url.pathname.startsWith('/tile/')) return new Response(`answer for ${url.pathname}`);
      return new Response('not found', { status: 404 });
    }
    return this.#answer(url.pathname);
  };
}
