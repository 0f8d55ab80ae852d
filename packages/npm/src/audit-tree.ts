import { failure, packageRef, success, type Result } from '@palisade/core';
import { isJsonObject, type JsonObject } from './json-object.ts';

/** A package version found in an audit tree. */
export interface AuditedPackage {
  readonly name: string;
  readonly version: string;
}

/** Deeper nesting than any real dependency tree: refused rather than walked. */
export const MAX_AUDIT_TREE_DEPTH = 256;
/** More nodes than any real dependency tree: refused rather than walked. */
export const MAX_AUDIT_TREE_NODES = 500_000;

/**
 * Reads the dependency tree pnpm (and npm 6) post to `/-/npm/v1/security/audits[/quick]`:
 * `{name?, version?, requires, dependencies: {name: {version, requires?, dependencies?}}}`
 * nested to any depth. Gives every package version in it once, in the order first met.
 * Nodes whose name is not an npm name (pnpm's workspace projects, such as `.`) or whose
 * version is missing are not listed, but their dependencies are. Walks without recursion;
 * fails when the body is not an object, a `dependencies` is not an object, or the tree is
 * deeper than 256 levels or has more than 500,000 nodes.
 */
export function parseAuditTree(body: unknown): Result<AuditedPackage[]> {
  if (!isJsonObject(body)) return failure('audit body is not a JSON object');
  const found = new Map<string, AuditedPackage>();
  const pending: { node: JsonObject; depth: number }[] = [{ node: body, depth: 0 }];
  let nodes = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const dependencies = next.node['dependencies'];
    if (dependencies === undefined) continue;
    if (!isJsonObject(dependencies)) return failure('audit body has a "dependencies" that is not an object');
    if (next.depth >= MAX_AUDIT_TREE_DEPTH) return failure(`audit tree is deeper than ${MAX_AUDIT_TREE_DEPTH} levels`);
    const children: { node: JsonObject; depth: number }[] = [];
    for (const [name, child] of Object.entries(dependencies)) {
      if (++nodes > MAX_AUDIT_TREE_NODES) return failure(`audit tree has more than ${MAX_AUDIT_TREE_NODES} nodes`);
      if (!isJsonObject(child)) continue;
      const version = child['version'];
      const ref = typeof version === 'string' ? packageRef('npm', name, version) : undefined;
      if (ref?.ok === true && ref.value.version !== undefined) {
        const key = `${ref.value.name}@${ref.value.version}`;
        if (!found.has(key)) found.set(key, { name: ref.value.name, version: ref.value.version });
      }
      children.push({ node: child, depth: next.depth + 1 });
    }
    // Reversed onto the stack so siblings are met in document order.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return success([...found.values()]);
}
