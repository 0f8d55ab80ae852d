// Upload times in the PyPI JSON API: each file of `releases[version]` carries
// `upload_time_iso_8601` (`2024-01-02T03:04:05.123456Z`) and `upload_time` (the same
// instant in UTC, without a zone).

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** When one file of the JSON API was uploaded, in ms since the epoch; NaN when it does not say. */
function uploadedAt(file: unknown): number {
  if (!isObject(file)) return Number.NaN;
  const iso = file['upload_time_iso_8601'];
  if (typeof iso === 'string') return Date.parse(iso);
  const plain = file['upload_time'];
  return typeof plain === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?$/.test(plain) ? Date.parse(`${plain}Z`) : Number.NaN;
}

/**
 * When each version of a JSON API document (`/pypi/<project>/json`) was published: the
 * earliest upload time of its files in `releases`. Versions without a readable time, and
 * documents of another shape, give nothing (their times stay unknown).
 */
export function jsonApiUploadTimes(document: unknown): Map<string, number> {
  const times = new Map<string, number>();
  const releases = isObject(document) ? document['releases'] : undefined;
  if (!isObject(releases)) return times;
  for (const [version, files] of Object.entries(releases)) {
    if (!Array.isArray(files)) continue;
    for (const file of files) {
      const at = uploadedAt(file);
      if (Number.isFinite(at)) times.set(version, Math.min(times.get(version) ?? at, at));
    }
  }
  return times;
}
