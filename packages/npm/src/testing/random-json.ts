/** A JSON value whose objects keep their members as written: in order, keys possibly repeated. */
export type Json = null | boolean | number | string | Json[] | Members;

/** An object's members, as they will be written. */
export class Members {
  readonly entries: [string, Json][];
  constructor(entries: [string, Json][]) {
    this.entries = entries;
  }
}

/** A deterministic pseudo-random source (mulberry32) giving numbers in [0, 1). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, picked by `next`. */
export const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** The items in an order picked by `next` (Fisher-Yates). */
export function shuffle<T>(next: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const WHITESPACE = [' ', '\n', '  ', '\t', '\r\n', '\n    '];
const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/**
 * Writes `value` as JSON the way some other serialiser might: whitespace between tokens
 * (when `spaced`), and characters of strings, keys included, written as `\uXXXX` or `\/`
 * escapes at `escapeRate`. Characters that must be escaped always are.
 */
export function writeJson(value: Json, next: () => number, style: { spaced: boolean; escapeRate: number }): string {
  const space = () => (style.spaced && next() < 0.5 ? pick(next, WHITESPACE) : '');
  const string = (text: string) => {
    let out = '"';
    for (const unit of text.split('')) {
      const code = unit.charCodeAt(0);
      const must = unit === '"' || unit === '\\' || code < 0x20;
      if (!must && next() >= style.escapeRate) out += unit;
      else if (unit === '/') out += next() < 0.5 ? '\\/' : '\\u002f';
      else if (SHORT_ESCAPES[unit] !== undefined && next() < 0.5) out += SHORT_ESCAPES[unit];
      else out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
    return `${out}"`;
  };
  const write = (item: Json): string => {
    if (typeof item === 'string') return string(item);
    if (item === null || typeof item !== 'object') return JSON.stringify(item);
    const [open, close, parts] = Array.isArray(item)
      ? ['[', ']', item.map(write)]
      : ['{', '}', item.entries.map(([key, member]) => `${string(key)}${space()}:${space()}${write(member)}`)];
    return `${open}${space()}${parts.join(`${space()},${space()}`)}${space()}${close}`;
  };
  return `${space()}${write(value)}${space()}`;
}

/**
 * A value's JSON with object keys sorted (JSON.parse's reading of repeated keys already
 * applied): two values are deeply equal exactly when their canonical texts are.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(',')}}`;
}
