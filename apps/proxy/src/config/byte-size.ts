import { describeValue, failure, success, type Result } from '@palisade/core';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const SIZE = /^([0-9]{1,16}(?:\.[0-9]{1,6})?) ?([a-z]{1,3})?$/i;

/**
 * A number of bytes: a non-negative integer (JSON number or digits), or a number with a
 * unit, case-insensitive: `B`, decimal `KB` `MB` `GB` `TB` (powers of 1000) or binary
 * `KiB` `MiB` `GiB` `TiB` (powers of 1024). `1.5GiB` is allowed; fractions of a byte are
 * dropped.
 */
export function parseByteSize(value: unknown): Result<number> {
  const refuse = () => failure(`${describeValue(value)} is not a size in bytes (such as 1048576, 512MiB, 10GiB, 500MB)`);
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? success(value) : refuse();
  if (typeof value !== 'string') return refuse();
  const match = SIZE.exec(value.trim());
  if (match === null) return refuse();
  const [, amount = '', unit = 'b'] = match;
  const factor = UNITS[unit.toLowerCase()];
  if (factor === undefined) return refuse();
  if (factor === 1 && amount.includes('.')) return refuse();
  const bytes = Math.floor(Number(amount) * factor);
  return Number.isSafeInteger(bytes) ? success(bytes) : refuse();
}
