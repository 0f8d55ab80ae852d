import type { Ecosystem } from '../ecosystem.ts';
import { normalizePackageName } from '../names/package-name.ts';
import { printable } from '../printable.ts';
import { failure, success, type Result } from '../result.ts';

/**
 * A package name, or a glob over names, of one ecosystem: `*` stands for any run of
 * characters (`/` included, so `corp.example/*` matches `corp.example/a/b`) and `?` for
 * exactly one. No ecosystem's names may use either character, so neither is ever literal.
 * In Go, a glob ending in `/*` also matches the path before it (`corp.example/*` matches
 * `corp.example`): the go command looks a module up by each prefix of its path.
 */
export interface NamePattern {
  readonly ecosystem: Ecosystem;
  /** The pattern normalised as names of its ecosystem are (see `normalizePackageName`), runs of `*` made one. */
  readonly text: string;
  /** Whether the pattern has a wildcard; an exact pattern matches one name only. */
  readonly isGlob: boolean;
  /** How many characters of `text` are not wildcards: among globs, more is more specific. */
  readonly literalLength: number;
  /** Whether a name, already normalised by `normalizePackageName`, matches. */
  matches(name: string): boolean;
}

/** Longer patterns are refused: no ecosystem's names come near, and matching stays cheap. */
export const MAX_PATTERN_LENGTH = 512;

const WILDCARDS = /[*?]/;
// What a wildcard is tried as when checking that a glob can match some valid name: a
// glob is valid when one of these makes it a valid name (`*/x` in Go needs `a.a`).
const STAR_WITNESSES = ['a', 'a.a', 'a/a'];

const NORMALIZE_TEXT: Readonly<Record<Ecosystem, (text: string) => string>> = {
  npm: (text) => text,
  // PEP 503, as `normalizePypiName` applies it to names.
  pypi: (text) => text.replace(/[-_.]+/g, '-').toLowerCase(),
  go: (text) => text,
};

/** An exact name or a glob, normalised as names of the ecosystem; fails, saying why, when it can match no valid name. */
export function packageNamePattern(ecosystem: Ecosystem, pattern: string): Result<NamePattern> {
  if (pattern.length === 0) return failure('package pattern is empty');
  if (pattern.length > MAX_PATTERN_LENGTH) return failure(`package pattern "${printable(pattern)}" is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (!WILDCARDS.test(pattern)) {
    const name = normalizePackageName(ecosystem, pattern);
    return name.ok ? success(exactPattern(ecosystem, name.value)) : name;
  }
  const text = NORMALIZE_TEXT[ecosystem](pattern.replace(/\*+/g, '*'));
  const literalLength = text.replace(/[*?]/g, '').length;
  if (literalLength === 0) {
    return failure(`package pattern "${printable(pattern)}" would match every ${ecosystem} package: it needs a character besides * and ?`);
  }
  const canMatch = STAR_WITNESSES.some((star) => normalizePackageName(ecosystem, pattern.replace(/\*+/g, star).replaceAll('?', 'a')).ok);
  if (!canMatch) return failure(`package pattern "${printable(pattern)}" cannot match any valid ${ecosystem} package name`);
  // A Go module path's prefixes are paths the go command looks up too: `corp.example/*` covers `corp.example`.
  const prefix = ecosystem === 'go' && text.endsWith('/*') ? text.slice(0, -2) : undefined;
  const matches = prefix === undefined ? (name: string) => globMatches(text, name) : (name: string) => name === prefix || globMatches(text, name);
  return success({ ecosystem, text, isGlob: true, literalLength, matches });
}

function exactPattern(ecosystem: Ecosystem, text: string): NamePattern {
  return { ecosystem, text, isGlob: false, literalLength: text.length, matches: (name) => name === text };
}

/**
 * Whether `name` matches the glob `pattern`, by one pass with a single back-track point
 * (no regular expression, so no catastrophic back-tracking): O(pattern x name) at worst.
 */
export function globMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const char = pattern[p];
    if (char === '*') {
      star = p++;
      resume = n;
    } else if (char !== undefined && (char === '?' || char === name[n])) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Orders patterns most specific first: an exact name before any glob, then the glob with
 * more literal characters (`@corp/web-*` before `@corp/*`). Equal patterns compare 0;
 * callers keep their own order (the order of the file) for those.
 */
export function compareSpecificity(a: NamePattern, b: NamePattern): number {
  if (a.isGlob !== b.isGlob) return a.isGlob ? 1 : -1;
  return b.literalLength - a.literalLength;
}
