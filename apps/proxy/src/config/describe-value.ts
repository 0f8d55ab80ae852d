import { printable } from '@palisade/core';

/**
 * A configuration value as an error message quotes it: strings quoted and made printable
 * (escaped and shortened), numbers and booleans as written, other JSON values by kind.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${printable(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
