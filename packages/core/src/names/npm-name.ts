import { printable } from '../printable.ts';
import { failure, success, type Result } from '../result.ts';

/** An npm package name split into its scope (without `@`) and its bare name. */
export interface NpmName {
  /** The full name as the registry knows it: `name` or `@scope/name`. */
  readonly full: string;
  readonly scope: string | undefined;
  readonly bare: string;
}

const MAX_LENGTH = 214;
// The characters encodeURIComponent leaves alone: names made of them are URL-safe.
const URL_SAFE = /^[A-Za-z0-9\-_.!~*'()]+$/;
const RESERVED = new Set(['node_modules', 'favicon.ico']);

/**
 * Checks an npm package name as given (npm names are case-sensitive and older packages
 * have capitals, so nothing is folded) and splits a scoped name `@scope/name`.
 */
export function parseNpmName(name: string): Result<NpmName> {
  if (name.length === 0 || name.length > MAX_LENGTH) {
    return failure(`npm package name must be 1 to ${MAX_LENGTH} characters long`);
  }
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash < 0) return failure(`scoped npm package name "${printable(name)}" has no "/"`);
    const scope = name.slice(1, slash);
    const bare = name.slice(slash + 1);
    const problem = checkPart(scope, 'scope') ?? checkPart(bare, 'name');
    return problem ? failure(`"${printable(name)}": ${problem}`) : success({ full: name, scope, bare });
  }
  const problem = checkPart(name, 'name');
  return problem ? failure(`"${printable(name)}": ${problem}`) : success({ full: name, scope: undefined, bare: name });
}

function checkPart(part: string, what: 'scope' | 'name'): string | undefined {
  if (part.length === 0) return `empty ${what}`;
  if (!URL_SAFE.test(part)) return `${what} has characters that are not URL-safe`;
  if (part.startsWith('.') || part.startsWith('_')) return `${what} starts with "${part[0]}"`;
  if (what === 'name' && RESERVED.has(part.toLowerCase())) return `"${part}" is a reserved name`;
  return undefined;
}
