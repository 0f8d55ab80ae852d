import { closestName, describeValue, printable } from '@palisade/core';

/** A configuration file's top-level values, and what is wrong with it as a whole. */
export interface ConfigFileContents {
  readonly values: ReadonlyMap<string, unknown>;
  /** Complete messages (`config file PATH: ...`), one per problem. */
  readonly problems: readonly string[];
}

/** The prefix of every message about the file at `path`. */
export function fileLabel(path: string): string {
  return `config file ${printable(path, 400)}`;
}

/** Why a file could not be read, without the stack: `ENOENT`, `EACCES`, or the message. */
function readError(error: unknown): string {
  if (error instanceof Error) return printable('code' in error && typeof error.code === 'string' ? error.code : error.message, 200);
  return 'unknown error';
}

/**
 * Reads the JSON configuration file at `path` (absolute). It must hold one object whose
 * keys are among `knownKeys`; unknown keys are problems, with the key they were probably
 * meant to be when one is close, so that a typo is not silently ignored.
 */
export async function readConfigFile(path: string, knownKeys: readonly string[], readFile: (path: string) => Promise<string>): Promise<ConfigFileContents> {
  const label = fileLabel(path);
  const failed = (why: string): ConfigFileContents => ({ values: new Map(), problems: [`${label}: ${why}`] });
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    return failed(`cannot be read (${readError(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return failed(`is not valid JSON (${readError(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failed(`expected a JSON object, found ${describeValue(parsed)}`);
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (knownKeys.includes(key)) {
      values.set(key, value);
      continue;
    }
    const suggestion = closestName(key, knownKeys);
    problems.push(`${label}: ${printable(key)}: unknown key${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`);
  }
  return { values, problems };
}
