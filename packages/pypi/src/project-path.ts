import { checkVersion, normalizePypiName, printable } from '@palisade/core';
import { decodePathSegments } from '@palisade/http';

/** A read request below the PyPI root, with names decoded, checked and PEP 503 normalised. */
export type PypiRequest =
  /** `/simple/`: the list of every project. */
  | { readonly kind: 'root' }
  /** `/simple/<project>/`: one project's files. */
  | { readonly kind: 'project'; readonly project: string }
  /** `/files/<path>`: a file download; `path` is kept as the client sent it, still percent-encoded. */
  | { readonly kind: 'file'; readonly path: string }
  /** `/pypi/<project>/json`, or with `version` (as written) `/pypi/<project>/<version>/json`: the JSON API. */
  | { readonly kind: 'json-api'; readonly project: string; readonly version?: string }
  /**
   * To be answered with a 301 to `location` (relative to the PyPI root, starting with `/`): the
   * canonical path of a project name that is not normalised, or of a page asked without its
   * trailing `/`.
   */
  | { readonly kind: 'redirect'; readonly location: string };

/** A recognised request, or the status and reason to refuse it with. */
export type PypiRequestResult =
  | { readonly ok: true; readonly request: PypiRequest }
  | { readonly ok: false; readonly status: 400 | 404 | 405; readonly reason: string };

const READ_ONLY = 'this index is a read-only proxy: only GET and HEAD are accepted';

/**
 * Recognises a request to the PyPI index from its method and its raw, still percent-encoded
 * path relative to the PyPI root: `/simple/`, `/simple/<project>/`, `/files/<path>`,
 * `/pypi/<project>/json` and `/pypi/<project>/<version>/json`. Names that are not PEP 503
 * normalised are redirected to the normalised path, as PyPI does, and pages asked without
 * their trailing `/` are redirected to it, as PEP 503 asks. Refuses methods other than GET
 * and HEAD (405), hostile paths (400: `..`, encoded `/`, control characters, overlong) and
 * anything else (404). Never throws.
 */
export function parsePypiPath(method: string, path: string): PypiRequestResult {
  const verb = method.toUpperCase();
  if (verb !== 'GET' && verb !== 'HEAD') return { ok: false, status: 405, reason: READ_ONLY };
  const decoded = decodePathSegments(path, { encodedSlash: 'refuse' });
  if (!decoded.ok) return refuse(400, decoded.error);
  const { segments, trailingSlash } = decoded.value;
  const [root, name, ...rest] = segments;
  if (root === 'simple' && name === undefined) {
    return trailingSlash ? found({ kind: 'root' }) : redirect('/simple/');
  }
  if (root === 'simple' && rest.length === 0) return routeProjectPage(name ?? '', trailingSlash);
  if (root === 'files' && name !== undefined) {
    if (trailingSlash) return refuse(404, `the index has no file "${printable(path)}": file paths do not end in "/"`);
    return found({ kind: 'file', path: path.slice('/files/'.length) });
  }
  if (root === 'pypi' && name !== undefined && rest.at(-1) === 'json' && rest.length <= 2) {
    return routeJsonApi(name, rest.length === 2 ? rest[0] : undefined, trailingSlash);
  }
  return refuse(404, `the index has nothing at "${printable(path)}"`);
}

function routeProjectPage(name: string, trailingSlash: boolean): PypiRequestResult {
  const project = normalizePypiName(name);
  if (!project.ok) return refuse(400, project.error);
  if (project.value !== name || !trailingSlash) {
    return redirect(`/simple/${project.value}/`);
  }
  return found({ kind: 'project', project: project.value });
}

function routeJsonApi(name: string, version: string | undefined, trailingSlash: boolean): PypiRequestResult {
  const project = normalizePypiName(name);
  if (!project.ok) return refuse(400, project.error);
  if (version !== undefined) {
    const checked = checkVersion('pypi', version);
    if (!checked.ok) return refuse(400, checked.error);
  }
  const canonical = `/pypi/${project.value}/${version === undefined ? '' : `${encodeURIComponent(version)}/`}json`;
  if (project.value !== name || trailingSlash) {
    return redirect(canonical);
  }
  return found(version === undefined ? { kind: 'json-api', project: name } : { kind: 'json-api', project: name, version });
}

function found(request: PypiRequest): PypiRequestResult {
  return { ok: true, request };
}

function redirect(location: string): PypiRequestResult {
  return found({ kind: 'redirect', location });
}

function refuse(status: 400 | 404, reason: string): PypiRequestResult {
  return { ok: false, status, reason };
}
