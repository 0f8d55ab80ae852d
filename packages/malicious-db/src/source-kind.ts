/** What a database source setting names: a git repository, an OSV zip export, or a folder in the repository's layout. */
export type DatabaseSourceKind = 'git' | 'zip' | 'folder';

/** A URL is a git repository, a path ending in `.zip` an OSV export, any other path a folder. */
export function databaseSourceKind(source: string): DatabaseSourceKind {
  if (/^(https?|git|ssh):\/\//.test(source)) return 'git';
  return source.toLowerCase().endsWith('.zip') ? 'zip' : 'folder';
}
