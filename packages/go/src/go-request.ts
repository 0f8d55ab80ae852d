import {
  checkVersion,
  escapeModulePath,
  printable,
  success,
  unescapeModulePath,
  unescapeModuleVersion,
  type Result,
} from '@palisade/core';
import { decodePathSegments } from '@palisade/http';
import { upstreamVersion } from './go-escape.ts';
import { parseSumdbSegments, type GoSumdbRequest } from './sumdb-path.ts';

/**
 * A request to the module proxy. `module` and `version` are the real ones (`example.com/Upper`,
 * `v1.0.0-RC1`); `escapedModule` and `escapedVersion` are their case-encoded forms
 * (`example.com/!upper`, `v1.0.0-!r!c1`), ready to put in the upstream URL as they are.
 */
export type GoModuleRequest =
  /** `<module>/@v/list`: the known versions; `<module>/@latest`: the `.info` of the latest one. */
  | { readonly kind: 'list' | 'latest'; readonly module: string; readonly escapedModule: string }
  /**
   * `<module>/@v/<version>.info|.mod|.zip`. For `.mod` and `.zip`, `version` is canonical. For
   * `.info` it may be any query the upstream resolves (a branch, a commit, `v1.2`): decide on the
   * `Version` of the `.info` the upstream answers, not on this one.
   */
  | {
      readonly kind: 'info' | 'mod' | 'zip';
      readonly module: string;
      readonly escapedModule: string;
      readonly version: string;
      readonly escapedVersion: string;
    };

/** A request below the GOPROXY root. */
export type GoRequest = GoModuleRequest | GoSumdbRequest;

/** A recognised request, or the status and reason to refuse it with. */
export type GoRequestResult =
  | { readonly ok: true; readonly request: GoRequest }
  | { readonly ok: false; readonly status: 400 | 404 | 405; readonly reason: string };

const READ_ONLY = 'this module proxy is read-only: only GET and HEAD are accepted';
const VERSION_FILE = /^(.*)\.(info|mod|zip)$/s;

/**
 * Recognises a request to the module proxy from its method and its raw, still percent-encoded
 * path below the GOPROXY root: `/<module>/@v/list`, `/<module>/@v/<version>.info|.mod|.zip`,
 * `/<module>/@latest`, and the checksum database endpoints under `/sumdb/<name>/`. Percent-
 * encoding is decoded first (go sends `!` as `%21`), then the case-encoding, by the go
 * command's rules: an upper-case letter that is not case-encoded is refused, as go refuses it.
 * Refuses methods other than GET and HEAD (405), hostile or invalid paths, modules and
 * versions (400), and anything else (404). Never throws.
 */
export function parseGoPath(method: string, path: string): GoRequestResult {
  const verb = method.toUpperCase();
  if (verb !== 'GET' && verb !== 'HEAD') return refuse(405, READ_ONLY);
  const decoded = decodePathSegments(path, { encodedSlash: 'refuse' });
  if (!decoded.ok) return refuse(400, decoded.error);
  const { segments, trailingSlash } = decoded.value;
  const nothingHere = refuse(404, `the module proxy has nothing at "${printable(path)}"`);
  if (segments.length === 0 || trailingSlash) return nothingHere;
  // No module path starts with "sumdb": its first element must hold a dot.
  if (segments[0] === 'sumdb') {
    return parseSumdbSegments(segments.slice(1));
  }
  // Module path elements cannot start with "@": the first such segment ends the module path.
  const at = segments.findIndex((segment) => segment.startsWith('@'));
  if (at <= 0) return nothingHere;
  const escapedModule = segments.slice(0, at).join('/');
  const rest = segments.slice(at);
  if (rest.length === 1 && rest[0] === '@latest') return routeModule('latest', escapedModule);
  if (rest.length !== 2 || rest[0] !== '@v') return nothingHere;
  const file = rest[1] ?? '';
  if (file === 'list') return routeModule('list', escapedModule);
  const match = VERSION_FILE.exec(file);
  if (!match) return nothingHere;
  return routeVersion(match[2] as 'info' | 'mod' | 'zip', escapedModule, match[1] ?? '');
}

/** The module a case-encoded path stands for, and its canonical case-encoded form. */
function checkModule(escaped: string): Result<{ module: string; escapedModule: string }> {
  const module = unescapeModulePath(escaped);
  if (!module.ok) return module;
  const escapedModule = escapeModulePath(module.value);
  return escapedModule.ok ? success({ module: module.value, escapedModule: escapedModule.value }) : escapedModule;
}

function routeModule(kind: 'list' | 'latest', escaped: string): GoRequestResult {
  const checked = checkModule(escaped);
  return checked.ok ? found({ kind, ...checked.value }) : refuse(400, checked.error);
}

function routeVersion(kind: 'info' | 'mod' | 'zip', escaped: string, escapedVersionText: string): GoRequestResult {
  const checked = checkModule(escaped);
  if (!checked.ok) return refuse(400, checked.error);
  const { module, escapedModule } = checked.value;
  const version = unescapeModuleVersion(escapedVersionText);
  if (!version.ok) return refuse(400, version.error);
  if (kind !== 'info') {
    const canonical = checkVersion('go', version.value);
    if (!canonical.ok) return refuse(400, canonical.error);
    if (canonical.value !== version.value) {
      return refuse(400, `"${printable(version.value)}" is not a canonical version (${canonical.value} is): .${kind} files are asked by canonical version`);
    }
  }
  const escapedVersion = upstreamVersion(version.value);
  if (!escapedVersion.ok) return refuse(400, escapedVersion.error);
  return found({ kind, module, escapedModule, version: version.value, escapedVersion: escapedVersion.value });
}

function found(request: GoRequest): GoRequestResult {
  return { ok: true, request };
}

function refuse(status: 400 | 404 | 405, reason: string): GoRequestResult {
  return { ok: false, status, reason };
}
