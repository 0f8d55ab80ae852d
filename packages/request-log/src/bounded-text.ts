/** The longest value kept for each kind of untrusted string, in UTF-16 code units. */
export const TEXT_BOUNDS = {
  package: 512,
  version: 256,
  path: 2048,
  method: 16,
  clientAddress: 128,
  userAgent: 512,
  identity: 256,
  reason: 512,
  reportId: 128,
} as const;

/** At most this many reasons, report ids or versions are kept from one list. */
export const LIST_BOUND = 64;

/**
 * `value` shortened to at most `max` code units, without leaving half a surrogate pair at
 * the cut; `null` for anything that is not a string.
 */
export function boundedText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  if (value.length <= max) return value;
  const end = isHighSurrogate(value.charCodeAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/** The strings of `values` (at most `most` of them), each bounded to `max`; anything else is skipped. */
export function boundedList(values: unknown, max: number, most: number = LIST_BOUND): string[] {
  if (!Array.isArray(values)) return [];
  const kept: string[] = [];
  for (const value of values) {
    if (kept.length >= most) break;
    const text = boundedText(value, max);
    if (text !== null) kept.push(text);
  }
  return kept;
}

/** A stored JSON list read back: the strings in it, or none if the text is not such a list. */
export function parseStoredList(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
