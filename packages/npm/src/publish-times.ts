import { JsonScanner } from './json-spans.ts';
import { isJsonObject } from './json-object.ts';

const OPEN_BRACE = 0x7b;
/** Longer `time` values are not dates: skipped rather than handed to the date parser. */
const MAX_TIME_LENGTH = 64;

/**
 * When each version of a package was published, in ms since the epoch, read from the `time`
 * object of a full packument's JSON text (UTF-8): `{"time": {"1.0.0": "2024-01-02T03:04:05.000Z", ...}}`.
 * Only `time` is parsed, the rest of the text is scanned (once). Entries whose value is not
 * a readable date are left out, as are `created` and `modified`; a document without `time`
 * (an abbreviated packument), or that is not a JSON object, gives an empty map. Never throws.
 */
export function packumentPublishTimes(json: Uint8Array): ReadonlyMap<string, number> {
  const times = new Map<string, number>();
  const scanner = new JsonScanner(json);
  const start = scanner.space(0);
  const found = [-1, -1];
  if (scanner.bytes[start] !== OPEN_BRACE || scanner.lastMember(start, 'time', found) < 0) return times;
  const [valueStart = -1, valueEnd = -1] = found;
  if (valueStart < 0 || scanner.bytes[valueStart] !== OPEN_BRACE) return times;
  let time: unknown;
  try {
    time = JSON.parse(scanner.bytes.toString('utf8', valueStart, valueEnd));
  } catch {
    return times;
  }
  if (!isJsonObject(time)) return times;
  for (const [version, value] of Object.entries(time)) {
    if (version === 'created' || version === 'modified' || typeof value !== 'string' || value.length > MAX_TIME_LENGTH) continue;
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) times.set(version, ms);
  }
  return times;
}
