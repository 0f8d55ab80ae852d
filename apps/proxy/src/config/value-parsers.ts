import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { describeValue, failure, MODES, success, type Mode, type Result } from '@palisade/core';

/**
 * Parsers of single configuration values. Each takes a value as it came from the
 * environment (always a string) or from the JSON file (any JSON value), and returns the
 * typed value or a message that quotes the value but not the key (the loader adds that).
 */

const DIGITS = /^[0-9]{1,16}$/;

/** An integer in [min, max], given as a JSON number or a string of decimal digits. */
export function parseInteger(value: unknown, min: number, max: number, what = 'an integer'): Result<number> {
  const number = typeof value === 'number' ? value : typeof value === 'string' && DIGITS.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(number) && number >= min && number <= max) return success(number);
  return failure(`${describeValue(value)} is not ${what} (${min}-${max})`);
}

const DECIMAL = /^[0-9]{1,16}(?:\.[0-9]{1,9})?$/;

/** A number in [min, max], decimals allowed, given as a JSON number or a string such as `0.5`. */
export function parseDecimal(value: unknown, min: number, max: number, what = 'a number'): Result<number> {
  const number = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (Number.isFinite(number) && number >= min && number <= max) return success(number);
  return failure(`${describeValue(value)} is not ${what} (${min}-${max})`);
}

/** A TCP port; 0 asks the system for a free one. */
export function parsePort(value: unknown): Result<number> {
  return parseInteger(value, 0, 65535, 'a port');
}

const BOOLEANS = new Map<unknown, boolean>([[true, true], [false, false], ['true', true], ['false', false], ['1', true], ['0', false]]);

/** `true`/`false`, as JSON booleans or the strings `true`, `false`, `1`, `0`. */
export function parseBoolean(value: unknown): Result<boolean> {
  const parsed = BOOLEANS.get(value);
  return parsed === undefined ? failure(`${describeValue(value)} is not a boolean (true, false, 1, 0)`) : success(parsed);
}

/** One of `enforce`, `audit`, `off`. */
export function parseMode(value: unknown): Result<Mode> {
  const mode = MODES.find((candidate) => candidate === value);
  return mode === undefined ? failure(`${describeValue(value)} is not a mode (${MODES.join(', ')})`) : success(mode);
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** An address to listen on: an IPv4 or IPv6 address (without brackets) or a host name. */
export function parseHost(value: unknown): Result<string> {
  if (typeof value === 'string' && (isIP(value) !== 0 || HOSTNAME.test(value))) return success(value);
  return failure(`${describeValue(value)} is not an IP address or host name`);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]{1,64}$/i;

/** An HTTP token (RFC 9110 `tchar`s) of 1 to 64 characters, as a `Via` pseudonym must be. */
export function parseToken(value: unknown): Result<string> {
  if (typeof value === 'string' && TOKEN.test(value)) return success(value);
  return failure(`${describeValue(value)} is not a name of 1-64 token characters (letters, digits, !#$%&'*+-.^_\`|~)`);
}

/** A file-system path, made absolute against `cwd`. Whether it exists is not checked here. */
export function parsePath(value: unknown, cwd: string): Result<string> {
  if (typeof value !== 'string' || value === '') return failure(`${describeValue(value)} is not a path`);
  if (value.includes('\0')) return failure(`${describeValue(value)} is not a path (it contains a NUL character)`);
  return success(resolve(cwd, value));
}
