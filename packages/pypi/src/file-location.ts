import { failure, printable, success, type Result } from '@palisade/core';
import type { ResolvedLink } from './plain-http-url.ts';

/**
 * Where Palisade serves a distribution file: below its files root, the project's
 * normalised name, the upstream host (with its port, if any) and the upstream path, as
 * `<project>/<host>/<path>`. The project in the path says which index page must list the
 * file: a file is only ever served as listed there, with the hash published there.
 */
export interface FileLocation {
  /** The PEP 503-normalised project name. */
  readonly project: string;
  /** `host` or `host:port`, lowercase. */
  readonly host: string;
  /** The upstream path, percent-encoded as the index wrote it, starting with `/`. */
  readonly path: string;
}

const HOST = /^[a-z0-9.-]+(?::[0-9]{1,5})?$/;
const PROJECT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// What a path segment may hold: RFC 3986 pchar, percent-escapes included.
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

/** Whether a percent-encoded path segment decodes to `.`, `..`, or something with a slash, backslash or control character. */
function hostileSegment(segment: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true;
  }
  return decoded === '.' || decoded === '..' || /[/\\\u0000-\u001f\u007f]/.test(decoded);
}

/** The location for a file the index links at `url` (absolute: a `URL`, or a link read by `plainHttpUrl`), under `project`. */
export function fileLocation(project: string, url: Pick<ResolvedLink, 'host' | 'pathname'>): FileLocation {
  return { project, host: url.host.toLowerCase(), path: url.pathname };
}

/** The path below the files root for a location: `<project>/<host>/<path without its leading slash>`. */
export function formatFileLocation(location: FileLocation): string {
  return `${location.project}/${location.host}${location.path}`;
}

/** Reads a path below the files root back into a location; hostile or malformed paths are failures with a reason. */
export function parseFileLocation(path: string): Result<FileLocation> {
  const [project = '', encodedHost = '', ...segments] = path.replace(/^\//, '').split('/');
  // Clients quote the port's colon (pip sends `127.0.0.1%3A8080`).
  const host = /^[A-Za-z0-9.%-]*$/.test(encodedHost) && !hostileSegment(encodedHost) ? decodeURIComponent(encodedHost).toLowerCase() : encodedHost;
  if (!PROJECT.test(project)) return failure(`"${printable(project)}" is not a normalised project name`);
  if (!HOST.test(host)) return failure(`"${printable(host)}" is not a host`);
  if (segments.length === 0 || segments.some((segment) => !SEGMENT.test(segment) || hostileSegment(segment))) {
    return failure(`"${printable(segments.join('/'))}" is not a file path`);
  }
  return success({ project, host, path: `/${segments.join('/')}` });
}

/** A location's path with its percent-escapes decoded: how two spellings of one path compare equal. */
export function decodedPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
