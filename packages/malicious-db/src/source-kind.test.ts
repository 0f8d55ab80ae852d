import { describe, expect, it } from 'vitest';
import { databaseSourceKind } from './source-kind.ts';

describe('databaseSourceKind', () => {
  it.each([
    ['https://github.com/ossf/malicious-packages.git', 'git'],
    ['ssh://git@host/repo.git', 'git'],
    ['/data/npm-all.ZIP', 'zip'],
    ['fixtures/malicious-packages', 'folder'],
  ] as const)('%s is a %s source', (source, kind) => {
    expect(databaseSourceKind(source)).toBe(kind);
  });
});
