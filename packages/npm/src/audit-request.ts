import { failure, packageRef, printable, success, type Result } from '@palisade/core';
import { isJsonObject } from './json-object.ts';

/** More packages than any lockfile holds: a body beyond this is refused, not walked. */
export const MAX_AUDIT_PACKAGES = 100_000;
/** More versions of one package than a dependency tree could install. */
const MAX_VERSIONS_PER_PACKAGE = 1_000;

/**
 * Reads the body npm posts to `/-/npm/v1/security/advisories/bulk`: an object mapping each
 * package name to the versions installed, `{"name": ["1.0.0", ...]}`. Versions are
 * deduplicated. Fails on anything else: a body that is not such an object, a name that is
 * not an npm name, a version that is not a string (or is empty or has control characters),
 * or more than 100,000 packages or 1,000 versions of one package.
 */
export function parseBulkAuditRequest(body: unknown): Result<Map<string, string[]>> {
  if (!isJsonObject(body)) return failure('bulk audit body is not a JSON object of package names');
  const names = Object.keys(body);
  if (names.length > MAX_AUDIT_PACKAGES) return failure(`bulk audit body names more than ${MAX_AUDIT_PACKAGES} packages`);
  const packages = new Map<string, string[]>();
  for (const name of names) {
    const versions = body[name];
    if (!Array.isArray(versions)) return failure(`bulk audit versions of "${printable(name)}" are not a list`);
    if (versions.length > MAX_VERSIONS_PER_PACKAGE) {
      return failure(`bulk audit lists more than ${MAX_VERSIONS_PER_PACKAGE} versions of "${printable(name)}"`);
    }
    const checked = packageRef('npm', name);
    if (!checked.ok) return failure(`bulk audit body: ${checked.error}`);
    const unique = new Set<string>();
    for (const version of versions) {
      if (typeof version !== 'string') return failure(`bulk audit lists a version of "${printable(name)}" that is not a string`);
      const ref = packageRef('npm', name, version);
      if (!ref.ok) return failure(`bulk audit body, "${printable(name)}": ${ref.error}`);
      unique.add(version);
    }
    packages.set(checked.value.name, [...unique]);
  }
  return success(packages);
}
