import { failure, isEcosystem, printable, success, type Ecosystem, type Result } from '@palisade/core';

// Readers of the operator API's query parameters: a bad value is a failure naming it, never an exception.

/** An ecosystem (`npm`, `pypi`, `go`), or undefined when not given. */
export function optionalEcosystem(value: string | undefined): Result<Ecosystem | undefined> {
  if (value === undefined || value === '') return success(undefined);
  return isEcosystem(value) ? success(value) : failure(`ecosystem: "${printable(value, 40)}" is not npm, pypi or go`);
}

/** A positive whole number such as a page size, or undefined when not given. */
export function optionalCount(name: string, value: string | undefined): Result<number | undefined> {
  if (value === undefined || value === '') return success(undefined);
  return /^[1-9][0-9]{0,8}$/.test(value) ? success(Number(value)) : failure(`${name}: "${printable(value, 40)}" is not a positive whole number`);
}

/** A time: ISO 8601 (`2025-01-31`, `2025-01-31T12:00:00Z`) or milliseconds since the epoch; undefined when not given. */
export function optionalTime(name: string, value: string | undefined): Result<number | undefined> {
  if (value === undefined || value === '') return success(undefined);
  if (/^[0-9]{1,15}$/.test(value)) return success(Number(value));
  const time = /^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? success(time) : failure(`${name}: "${printable(value, 40)}" is not a time (ISO 8601, or milliseconds since the epoch)`);
}
