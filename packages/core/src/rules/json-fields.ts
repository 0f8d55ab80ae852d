import { printable } from '../printable.ts';
import { closestName } from './closest-name.ts';

/** A JSON object as `JSON.parse` gives it. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Where the problems of one parse are collected, each starting with its key path. */
export type Problems = string[];

// Every Unicode control character: C0, DEL and C1.
const CONTROL_CHARACTER = /\p{Cc}/u;

/** A value as a message quotes it: strings quoted, escaped and shortened; other values by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${printable(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records each key of `object` that is not among `known`, with the known key it was probably meant to be. */
export function refuseUnknownKeys(path: string, object: JsonObject, known: readonly string[], problems: Problems): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    const at = path === '' ? printable(key) : `${path}.${printable(key)}`;
    problems.push(`${at}: unknown key${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`);
  }
}

/**
 * A string of at most `maxLength` characters, without control characters, trimmed of
 * white space and not empty; undefined (with a problem recorded) otherwise.
 */
export function readText(value: unknown, path: string, maxLength: number, problems: Problems): string | undefined {
  if (typeof value !== 'string') {
    problems.push(value === undefined ? `${path}: is required` : `${path}: expected a string, found ${describeValue(value)}`);
    return undefined;
  }
  const text = value.trim();
  if (text === '') problems.push(`${path}: must not be empty`);
  else if (text.length > maxLength) problems.push(`${path}: longer than ${maxLength} characters`);
  else if (CONTROL_CHARACTER.test(text)) problems.push(`${path}: "${printable(text)}" has a control character`);
  else return text;
  return undefined;
}

/** One of `choices`, or undefined with a problem naming them. */
export function readChoice<T extends string>(value: unknown, path: string, choices: readonly T[], problems: Problems): T | undefined {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  const found = value === undefined ? 'nothing' : describeValue(value);
  problems.push(`${path}: expected one of ${choices.join(', ')}, found ${found}`);
  return undefined;
}

/** The problems as one message: the first ten, then how many more there are. */
export function joinProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, 10).join('; ');
  return problems.length > 10 ? `${shown}; and ${problems.length - 10} more problems` : shown;
}
