import { describe, expect, it } from 'vitest';
import { MAX_AUDIT_TREE_DEPTH, parseAuditTree } from './audit-tree.ts';

// The shape pnpm's lockfileToAuditTree posts: workspace projects at the top, packages below.
const PNPM_TREE = {
  install: [],
  remove: [],
  metadata: {},
  dev: false,
  requires: { '.': '1.0.0', packages__app: '0.0.0' },
  dependencies: {
    '.': {
      version: '1.0.0',
      dev: false,
      requires: { lodash: '4.17.21', '@scope/evil': '1.0.1' },
      dependencies: {
        lodash: { version: '4.17.21', dev: false, integrity: 'sha512-x' },
        '@scope/evil': {
          version: '1.0.1',
          dev: true,
          requires: { 'left-pad': '1.3.0' },
          dependencies: { 'left-pad': { version: '1.3.0', dev: true } },
        },
      },
    },
    packages__app: {
      version: '0.0.0',
      dependencies: { lodash: { version: '4.17.21' }, 'left-pad': { version: '1.2.0' } },
    },
  },
};

describe('parseAuditTree', () => {
  it('lists every package version of a pnpm tree once, in the order first met', () => {
    expect(parseAuditTree(PNPM_TREE)).toEqual({
      ok: true,
      value: [
        { name: 'packages__app', version: '0.0.0' },
        { name: 'lodash', version: '4.17.21' },
        { name: '@scope/evil', version: '1.0.1' },
        { name: 'left-pad', version: '1.3.0' },
        { name: 'left-pad', version: '1.2.0' },
      ],
    });
  });

  it('reads an npm 6 tree with a named root', () => {
    const tree = { name: 'app', version: '1.0.0', requires: {}, dependencies: { a: { version: '1.0.0', requires: {} } } };
    expect(parseAuditTree(tree)).toEqual({ ok: true, value: [{ name: 'a', version: '1.0.0' }] });
  });

  it('gives nothing for a tree without dependencies', () => {
    expect(parseAuditTree({ name: 'app', version: '1.0.0' })).toEqual({ ok: true, value: [] });
  });

  it('skips nodes without a usable version or name but walks below them', () => {
    const tree = {
      dependencies: {
        linked: { version: 5, dependencies: { a: { version: '1.0.0' } } },
        bare: { dependencies: { b: { version: '2.0.0' } } },
        odd: 'not a node',
        '.hidden': { version: '1.0.0', dependencies: { c: { version: '3.0.0' } } },
        d: { version: '' },
      },
    };
    expect(parseAuditTree(tree)).toEqual({
      ok: true,
      value: [
        { name: 'a', version: '1.0.0' },
        { name: 'b', version: '2.0.0' },
        { name: 'c', version: '3.0.0' },
      ],
    });
  });

  it('accepts a tree just within the depth limit', () => {
    expect(parseAuditTree(chain(MAX_AUDIT_TREE_DEPTH - 1)).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', '{}'],
    ['dependencies as an array', { dependencies: [] }],
    ['nested dependencies as a string', { dependencies: { a: { version: '1.0.0', dependencies: 'b' } } }],
    ['a tree deeper than the limit', chain(MAX_AUDIT_TREE_DEPTH + 1)],
    ['a tree of a hundred thousand levels', chain(100_000)],
    ['a tree with too many nodes', doubling(25)],
  ])('refuses %s', (_case, body) => {
    const result = parseAuditTree(body);
    expect(result.ok).toBe(false);
  });

  it('stops on a cyclic object instead of walking forever', () => {
    const node: Record<string, unknown> = { version: '1.0.0' };
    node['dependencies'] = { a: node };
    expect(parseAuditTree({ dependencies: { a: node } })).toMatchObject({ ok: false });
  });
});

/** A tree `levels` dependencies deep, built without recursion. */
function chain(levels: number): Record<string, unknown> {
  let node: Record<string, unknown> = { version: '1.0.0' };
  for (let level = 0; level < levels; level++) node = { version: '1.0.0', dependencies: { [`p${level}`]: node } };
  return node;
}

/** A tree of 2^levels nodes made of `levels` objects, each level naming the next twice. */
function doubling(levels: number): Record<string, unknown> {
  let node: Record<string, unknown> = { version: '1.0.0' };
  for (let level = 0; level < levels; level++) node = { version: '1.0.0', dependencies: { a: node, b: node } };
  return node;
}
