import { describe, expect, it } from 'vitest';
import { jsonApiUploadTimes } from './json-api-times.ts';

describe('jsonApiUploadTimes', () => {
  it('takes the earliest upload time of each version, from the ISO form or the plain UTC one', () => {
    const document = {
      releases: {
        '1.0': [{ upload_time_iso_8601: '2024-01-02T00:00:00.000000Z' }, { upload_time_iso_8601: '2024-01-01T12:00:00.500000Z' }],
        '2.0': [{ upload_time: '2025-06-01T10:00:00' }],
        '3.0': [],
        '4.0': [{ upload_time: 'yesterday' }, { upload_time_iso_8601: 42 }, null],
      },
    };
    expect(Object.fromEntries(jsonApiUploadTimes(document))).toEqual({ '1.0': Date.UTC(2024, 0, 1, 12, 0, 0, 500), '2.0': Date.UTC(2025, 5, 1, 10) });
  });

  it('gives nothing for documents of another shape', () => {
    for (const document of [undefined, null, 'x', [], { releases: [] }, { releases: { '1.0': 'files' } }]) expect(jsonApiUploadTimes(document).size).toBe(0);
  });
});
