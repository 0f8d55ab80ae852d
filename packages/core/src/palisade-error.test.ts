import { describe, expect, it } from 'vitest';
import { PalisadeError } from './palisade-error.ts';

describe('PalisadeError', () => {
  it('carries a status, a code, a message and its cause', () => {
    const cause = new Error('socket hang up');
    const error = new PalisadeError(502, 'upstream-unavailable', 'registry.npmjs.org did not answer', { cause });
    expect(error).toBeInstanceOf(Error);
    expect([error.status, error.code, error.message, error.name, error.cause]).toEqual([
      502, 'upstream-unavailable', 'registry.npmjs.org did not answer', 'PalisadeError', cause,
    ]);
  });
});
