import { checkVersion, failure, printable, success, unescapeModulePath, unescapeModuleVersion, type Result } from '@palisade/core';
import { upstreamVersion } from './go-escape.ts';

/**
 * A request to a checksum database through the proxy (`/sumdb/<name>/...`), to be passed
 * through to it. `path` is the rest below `/sumdb/<name>`, starting with `/`, in the form
 * the database serves (`/supported`, `/latest`, `/lookup/<module>@<version>`,
 * `/tile/<H>/<L>/<K>[.p/<W>]`, `/tile/<H>/data/<K>[.p/<W>]`): append it to the database's URL.
 */
export type GoSumdbRequest =
  | {
      readonly kind: 'sumdb';
      /** The database's name as `GOSUMDB` gives it, such as `sum.golang.org`. */
      readonly name: string;
      /** `tile`: a log tile, which never changes once served; `latest`: the signed tree head, which does. */
      readonly endpoint: 'supported' | 'latest' | 'tile';
      readonly path: string;
    }
  | {
      readonly kind: 'sumdb';
      readonly name: string;
      /** The go.sum lines of one module version, with the signed tree head that holds them. */
      readonly endpoint: 'lookup';
      readonly path: string;
      readonly module: string;
      readonly version: string;
    };

// A note name may be almost anything but spaces and "+"; the names in use are host names.
const SUMDB_NAME = /^[A-Za-z0-9][A-Za-z0-9\-._~:]{0,252}$/;
// golang.org/x/mod/sumdb/tlog: tile heights 1 to 30, numbers written in groups of three digits,
// every group but the last prefixed with "x", no leading zero group. Up to 6 groups (K < 10^18).
const TILE_HEIGHT = /^(?:[1-9]|[12][0-9]|30)$/;
const TILE_LEVEL = /^(?:data|0|[1-9][0-9]?)$/;
const TILE_WIDTH = /^[1-9][0-9]{0,9}$/;
const TILE_INDEX_HIGH = /^x[0-9]{3}$/;
const TILE_INDEX_LAST = /^[0-9]{3}$/;
const MAX_TILE_INDEX_GROUPS = 6;

/** A recognised checksum database request, or the status and reason to refuse it with. */
export type GoSumdbRequestResult =
  | { readonly ok: true; readonly request: GoSumdbRequest }
  | { readonly ok: false; readonly status: 400 | 404; readonly reason: string };

/**
 * Recognises the decoded segments after `/sumdb/`: the database name, then its endpoint.
 * Unknown endpoints are 404; a lookup or tile path not in the form the go command writes, 400.
 */
export function parseSumdbSegments(segments: readonly string[]): GoSumdbRequestResult {
  const [name, endpoint, ...rest] = segments;
  if (name === undefined || endpoint === undefined) return refuse(404, 'a checksum database path names a database and an endpoint');
  if (!SUMDB_NAME.test(name)) return refuse(400, `"${printable(name)}" is not a checksum database name`);
  if ((endpoint === 'supported' || endpoint === 'latest') && rest.length === 0) {
    return found({ kind: 'sumdb', name, endpoint, path: `/${endpoint}` });
  }
  if (endpoint === 'lookup' && rest.length > 0) {
    const lookup = parseLookup(name, rest.join('/'));
    return lookup.ok ? found(lookup.value) : refuse(400, lookup.error);
  }
  if (endpoint === 'tile') {
    const problem = tileProblem(rest);
    if (problem !== undefined) return refuse(400, `bad tile path "tile/${printable(rest.join('/'))}": ${problem}`);
    return found({ kind: 'sumdb', name, endpoint: 'tile', path: `/tile/${rest.join('/')}` });
  }
  return refuse(404, `the checksum database has no endpoint "${printable(segments.slice(1).join('/'))}"`);
}

function found(request: GoSumdbRequest): GoSumdbRequestResult {
  return { ok: true, request };
}

function refuse(status: 400 | 404, reason: string): GoSumdbRequestResult {
  return { ok: false, status, reason };
}

/** `lookup/<module>@<version>`, case-encoded, for a canonical version (as the go command asks). */
function parseLookup(name: string, escaped: string): Result<GoSumdbRequest> {
  const at = escaped.lastIndexOf('@');
  if (at < 0) return failure(`checksum lookup "${printable(escaped)}" names no version`);
  const module = unescapeModulePath(escaped.slice(0, at));
  if (!module.ok) return module;
  const version = unescapeModuleVersion(escaped.slice(at + 1));
  if (!version.ok) return version;
  const canonical = checkVersion('go', version.value);
  if (!canonical.ok || canonical.value !== version.value) {
    return failure(`checksum lookup of "${printable(version.value)}": only canonical versions are looked up`);
  }
  const escapedVersion = upstreamVersion(version.value);
  if (!escapedVersion.ok) return escapedVersion;
  const path = `/lookup/${escaped.slice(0, at)}@${escapedVersion.value}`;
  return success({ kind: 'sumdb', name, endpoint: 'lookup', path, module: module.value, version: version.value });
}

/** Why `<H>/<L>/<K...>[.p/<W>]` is not a tile path in the one form tlog writes, if it is not. */
function tileProblem(parts: readonly string[]): string | undefined {
  const [height, level, ...index] = parts;
  if (height === undefined || level === undefined || index.length === 0) return 'a tile path has a height, a level and an index';
  if (!TILE_HEIGHT.test(height)) return 'tile height must be 1 to 30';
  if (!TILE_LEVEL.test(level)) return 'tile level must be "data" or a number below 100';
  const last = index.at(-2);
  if (last?.endsWith('.p')) {
    const width = index.at(-1) ?? '';
    if (!TILE_WIDTH.test(width) || Number(width) >= 2 ** Number(height)) return 'partial tile width must be 1 to 2^H - 1';
    index.splice(-2, 2, last.slice(0, -'.p'.length));
  }
  if (index.length > MAX_TILE_INDEX_GROUPS) return `tile index has more than ${MAX_TILE_INDEX_GROUPS} groups`;
  const high = index.slice(0, -1);
  if (!high.every((group) => TILE_INDEX_HIGH.test(group)) || !TILE_INDEX_LAST.test(index.at(-1) ?? '')) {
    return 'tile index must be groups of three digits, all but the last prefixed with "x"';
  }
  if (high[0] === 'x000') return 'tile index has a leading zero group';
  return undefined;
}
