/** Where a report file sits in a repository laid out like OpenSSF malicious-packages. */
export type ReportArea = 'malicious' | 'withdrawn';

/** The area a repository-relative path belongs to, or undefined for files that are not reports. */
export function reportArea(path: string): ReportArea | undefined {
  if (!path.endsWith('.json')) return undefined;
  if (path.startsWith('osv/malicious/')) return 'malicious';
  if (path.startsWith('osv/withdrawn/')) return 'withdrawn';
  return undefined;
}

/** The file name without `.json`: the id of a pending report whose `id` field is empty. */
export function idFromReportPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
}
