import { failure, packageRef, printable, success, type Result } from '@palisade/core';
import { decodePathSegments } from '@palisade/http';
import { tarballFileProblem } from './tarball-file.ts';

/** A read request to the npm registry, with names and file names decoded and checked. */
export type NpmRequest =
  | { readonly kind: 'packument'; readonly name: string }
  /** `spec` is a version, a dist-tag or a range, as the client wrote it. */
  | { readonly kind: 'version'; readonly name: string; readonly spec: string }
  /** `file` is the tarball's file name, such as `name-1.0.0.tgz` (no scope, no `/`). */
  | { readonly kind: 'tarball'; readonly name: string; readonly file: string }
  | { readonly kind: 'dist-tags'; readonly name: string }
  /** `bulk`: npm's advisories/bulk; `quick` and `full`: the legacy audits pnpm posts. */
  | { readonly kind: 'audit'; readonly endpoint: 'bulk' | 'quick' | 'full' }
  | { readonly kind: 'search' }
  | { readonly kind: 'ping' };

/** A recognised request, or the status and reason to refuse it with. */
export type NpmRequestResult =
  | { readonly ok: true; readonly request: NpmRequest }
  | { readonly ok: false; readonly status: 400 | 404 | 405; readonly reason: string };

const READ_ONLY = 'this registry is a read-only proxy: publishing, unpublishing, logging in and other changes are not accepted';
const AUDIT_ENDPOINTS: Readonly<Record<string, 'bulk' | 'quick' | 'full'>> = {
  'npm/v1/security/advisories/bulk': 'bulk',
  'npm/v1/security/audits/quick': 'quick',
  'npm/v1/security/audits': 'full',
};

/**
 * Recognises a request to the npm registry from its method and its raw, still
 * percent-encoded path relative to the registry root (`/@scope%2fname`, `/name/-/name-1.0.0.tgz`,
 * `/-/npm/v1/security/advisories/bulk`). GET and HEAD read; POST is accepted only by the
 * audit endpoints; anything that would change the registry is refused with 405. Never throws.
 */
export function parseNpmRequest(method: string, path: string): NpmRequestResult {
  const verb = method.toUpperCase();
  if (verb !== 'GET' && verb !== 'HEAD' && verb !== 'POST') return refuse(405, READ_ONLY);
  if (path === '/') return refuse(404, 'the registry root is not served: ask for a package');
  const decoded = decodePathSegments(path, { encodedSlash: 'parts' });
  if (!decoded.ok) return refuse(400, decoded.error);
  // npm paths never end in `/`.
  if (decoded.value.trailingSlash) return refuse(400, 'request path has an empty segment');
  const segments = decoded.value.segments;
  const routed = segments[0] === '-' ? routeSpecial(segments.slice(1)) : routePackage(segments);
  if (!routed.ok) return routed;
  const wantsPost = routed.request.kind === 'audit';
  if (wantsPost && verb !== 'POST') return refuse(405, 'the audit endpoints take POST');
  if (!wantsPost && verb === 'POST') return refuse(405, READ_ONLY);
  return routed;
}

/** `/-/...`: the registry's own endpoints. */
function routeSpecial(rest: string[]): NpmRequestResult {
  const slashed = rest.find((segment, index) => segment.includes('/') && !(rest[0] === 'package' && index === 1));
  if (slashed !== undefined) return refuse(400, encodedSlash(slashed));
  const joined = rest.join('/');
  if (rest[0] === 'user' || joined === 'v1/login' || joined.startsWith('v1/login/')) return refuse(405, READ_ONLY);
  const endpoint = AUDIT_ENDPOINTS[joined];
  if (endpoint !== undefined) return found({ kind: 'audit', endpoint });
  if (joined === 'v1/search') return found({ kind: 'search' });
  if (joined === 'ping') return found({ kind: 'ping' });
  if (rest[0] === 'package' && rest.at(-1) === 'dist-tags') {
    const name = takeName(rest.slice(1, -1));
    if (!name.ok) return refuse(400, name.error);
    if (name.value.used === rest.length - 2) return found({ kind: 'dist-tags', name: name.value.name });
  }
  return refuse(404, `the registry has no endpoint "/-/${printable(joined)}"`);
}

/** `/name`, `/name/spec`, `/name/-/file.tgz`, with `name` possibly `@scope/name` or `@scope%2fname`. */
function routePackage(segments: string[]): NpmRequestResult {
  const taken = takeName(segments);
  if (!taken.ok) return refuse(400, taken.error);
  const { name, used } = taken.value;
  const rest = segments.slice(used);
  const slashed = rest.find((segment) => segment.includes('/'));
  if (slashed !== undefined) return refuse(400, encodedSlash(slashed));
  if (rest[0] === '-rev') return refuse(405, READ_ONLY);
  if (rest.length === 0) return found({ kind: 'packument', name });
  if (rest.length === 1 && rest[0] !== '-') {
    const spec = rest[0] ?? '';
    const checked = packageRef('npm', name, spec);
    return checked.ok ? found({ kind: 'version', name, spec }) : refuse(400, checked.error);
  }
  if (rest.length === 2 && rest[0] === '-') {
    const file = rest[1] ?? '';
    const problem = tarballFileProblem(file);
    return problem === undefined ? found({ kind: 'tarball', name, file }) : refuse(400, problem);
  }
  return refuse(404, `the registry has nothing at "${printable(segments.join('/'))}"`);
}

/**
 * The package name at the start of `segments`: one segment (`name`, `@scope/name` decoded
 * from `@scope%2fname`) or two (`@scope` then `name`). Checked by core's npm name rules.
 */
function takeName(segments: readonly string[]): Result<{ name: string; used: number }> {
  const first = segments[0];
  if (first === undefined) return failure('request path names no package');
  const scopedInTwo = first.startsWith('@') && !first.includes('/');
  const name = scopedInTwo ? `${first}/${segments[1] ?? ''}` : first;
  if (!first.startsWith('@') && first.includes('/')) return failure(encodedSlash(first));
  const checked = packageRef('npm', name);
  if (!checked.ok) return failure(`bad npm package name: ${checked.error}`);
  return success({ name: checked.value.name, used: scopedInTwo ? 2 : 1 });
}

function encodedSlash(segment: string): string {
  return `"${printable(segment)}" has an encoded "/" outside a scoped name`;
}

function found(request: NpmRequest): NpmRequestResult {
  return { ok: true, request };
}

function refuse(status: 400 | 404 | 405, reason: string): NpmRequestResult {
  return { ok: false, status, reason };
}
