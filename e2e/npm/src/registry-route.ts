/** What a request to the fixture registry asks for. */
export type RegistryRoute =
  | { readonly kind: 'packument'; readonly name: string }
  | { readonly kind: 'tarball'; readonly name: string; readonly fileName: string }
  | { readonly kind: 'bulk-advisories' }
  | { readonly kind: 'legacy-audit' }
  | { readonly kind: 'unknown' };

const LEGACY_AUDIT_PATHS = new Set(['/-/npm/v1/security/audits', '/-/npm/v1/security/audits/quick']);

/**
 * Reads a registry request path (query ignored). Scoped names are accepted as `@s%2fn`,
 * `@s%2Fn` and `@s/n`; anything else that does not look like a package is `unknown`.
 */
export function registryRoute(method: string, rawUrl: string): RegistryRoute {
  const path = rawUrl.split('?')[0] ?? '';
  if (method === 'POST') {
    if (path === '/-/npm/v1/security/advisories/bulk') return { kind: 'bulk-advisories' };
    if (LEGACY_AUDIT_PATHS.has(path)) return { kind: 'legacy-audit' };
    return { kind: 'unknown' };
  }
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'unknown' };
  const segments = path.replace(/%2f/gi, '/').split('/').slice(1);
  if (segments.some((s) => s === '' || s.includes('%') || s === '.' || s === '..')) return { kind: 'unknown' };
  const scoped = segments[0]?.startsWith('@') === true;
  const nameLength = scoped ? 2 : 1;
  if (segments.length < nameLength) return { kind: 'unknown' };
  const name = segments.slice(0, nameLength).join('/');
  const rest = segments.slice(nameLength);
  if (rest.length === 0) return { kind: 'packument', name };
  if (rest.length === 2 && rest[0] === '-' && rest[1]?.endsWith('.tgz') === true) return { kind: 'tarball', name, fileName: rest[1] };
  return { kind: 'unknown' };
}
