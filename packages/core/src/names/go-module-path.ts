import { printable } from '../printable.ts';
import { failure, success, type Result } from '../result.ts';

// Module paths and versions follow the rules of the go command (golang.org/x/mod/module).
// The module proxy protocol writes upper-case letters as "!" plus the lower-case letter,
// so that paths stay distinct on case-insensitive file systems.

const WINDOWS_RESERVED = new Set([
  'con', 'prn', 'aux', 'nul',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`]),
]);

type ElementKind = 'module' | 'file';

const MODULE_PATH_CHAR = /^[A-Za-z0-9\-._~]$/;
const FIRST_ELEMENT_CHAR = /^[a-z0-9\-.]$/;
const FILE_NAME_CHAR = /^(?:[A-Za-z0-9!#$%&()+,\-.=@[\]^_{}~ ]|\p{L})$/u;

function checkElement(elem: string, kind: ElementKind): string | undefined {
  if (elem === '') return 'empty path element';
  if (/^\.+$/.test(elem)) return `invalid path element "${printable(elem)}"`;
  if (kind === 'module' && elem.startsWith('.')) return 'leading dot in path element';
  if (elem.endsWith('.')) return 'trailing dot in path element';
  const allowed = kind === 'module' ? MODULE_PATH_CHAR : FILE_NAME_CHAR;
  for (const char of elem) {
    if (!allowed.test(char)) return `invalid char "${printable(char)}"`;
  }
  const short = elem.split('.', 1)[0] ?? elem;
  if (WINDOWS_RESERVED.has(short.toLowerCase())) return `"${short}" disallowed as path element component on Windows`;
  if (kind === 'module' && /~[0-9]+$/.test(short)) return 'trailing tilde and digits in path element';
  return undefined;
}

/** Whether the last element is a valid major-version suffix (`/vN` with N >= 2, or gopkg.in's `.vN`). */
function hasValidMajorSuffix(path: string): boolean {
  if (path.startsWith('gopkg.in/')) return /\.v(?:0|[1-9][0-9]*(?:-unstable)?)$/.test(path);
  const suffix = /\/v[0-9.]+$/.exec(path);
  if (!suffix) return true;
  return /^\/v[1-9][0-9]*$/.test(suffix[0]) && suffix[0] !== '/v1';
}

/** Checks a module path (not escaped) by the go command's rules; failure says why. */
export function checkModulePath(path: string): Result<string> {
  const problem = modulePathProblem(path);
  return problem ? failure(`malformed module path "${printable(path)}": ${problem}`) : success(path);
}

function modulePathProblem(path: string): string | undefined {
  if (path === '') return 'empty string';
  if (path.startsWith('/')) return 'leading slash';
  if (path.startsWith('-')) return 'leading dash';
  if (path.includes('//')) return 'double slash';
  if (path.endsWith('/')) return 'trailing slash';
  for (const elem of path.split('/')) {
    const problem = checkElement(elem, 'module');
    if (problem) return problem;
  }
  const first = path.split('/', 1)[0] ?? '';
  if (!first.includes('.')) return 'missing dot in first path element';
  for (const char of first) {
    if (!FIRST_ELEMENT_CHAR.test(char)) return `invalid char "${printable(char)}" in first path element`;
  }
  if (!hasValidMajorSuffix(path)) return 'invalid version';
  return undefined;
}

function checkVersionText(version: string): string | undefined {
  if (version.includes('!')) return 'contains "!"';
  return checkElement(version, 'file');
}

function escape(text: string): Result<string> {
  let escaped = '';
  for (const char of text) {
    if (char === '!' || char > '\x7f') return failure(`cannot escape "${printable(text)}"`);
    escaped += char >= 'A' && char <= 'Z' ? `!${char.toLowerCase()}` : char;
  }
  return success(escaped);
}

function unescape(escaped: string): string | undefined {
  let text = '';
  let bang = false;
  for (const char of escaped) {
    if (char > '\x7f') return undefined;
    if (bang) {
      if (char < 'a' || char > 'z') return undefined;
      text += char.toUpperCase();
      bang = false;
    } else if (char === '!') {
      bang = true;
    } else if (char >= 'A' && char <= 'Z') {
      return undefined;
    } else {
      text += char;
    }
  }
  return bang ? undefined : text;
}

/** The case-encoded form of a module path, as it appears in module proxy URLs. */
export function escapeModulePath(path: string): Result<string> {
  const checked = checkModulePath(path);
  return checked.ok ? escape(path) : checked;
}

/** The module path a case-encoded proxy path stands for, checked by the go command's rules. */
export function unescapeModulePath(escaped: string): Result<string> {
  const path = unescape(escaped);
  if (path === undefined) return failure(`invalid escaped module path "${printable(escaped)}"`);
  const checked = checkModulePath(path);
  return checked.ok ? checked : failure(`invalid escaped module path "${printable(escaped)}": ${checked.error}`);
}

/** The case-encoded form of a module version (any valid file name without "!"). */
export function escapeModuleVersion(version: string): Result<string> {
  const problem = checkVersionText(version);
  if (problem) return failure(`disallowed version string "${printable(version)}": ${problem}`);
  return escape(version);
}

/** The version a case-encoded proxy version stands for. */
export function unescapeModuleVersion(escaped: string): Result<string> {
  const version = unescape(escaped);
  if (version === undefined) return failure(`invalid escaped version "${printable(escaped)}"`);
  const problem = checkElement(version, 'file');
  return problem ? failure(`invalid escaped version "${printable(escaped)}": ${problem}`) : success(version);
}
