import type { SimpleFile, SimplePage } from './simple-page.ts';

/** How `filterSimplePage` learns versions and the policy's verdict on them. */
export interface SimplePageFilterOptions {
  /** The version a file name carries, `undefined` when it cannot be read. */
  versionOf(filename: string): string | undefined;
  /** Whether the policy refuses this version. */
  isDenied(version: string): boolean;
}

/** A filtered page and what filtering did to it. */
export interface FilteredSimplePage {
  readonly page: SimplePage;
  /** Denied versions taken out of `files` or `versions`, each once, in page order. */
  readonly removed: readonly string[];
  /** Files kept because no version could be read from their names. */
  readonly unparsed: readonly string[];
  /** Distinct versions left, counted over `versions` and the kept files. */
  readonly remaining: number;
}

/**
 * Removes the files of denied versions from a project page, and those versions from its
 * PEP 700 `versions` list. Files whose version cannot be read are kept and reported. Every
 * other key of the page and of the kept files is left as it was.
 */
export function filterSimplePage(page: SimplePage, options: SimplePageFilterOptions): FilteredSimplePage {
  const verdicts = new Map<string, boolean>();
  const denied = (version: string): boolean => {
    let verdict = verdicts.get(version);
    if (verdict === undefined) {
      verdict = options.isDenied(version);
      verdicts.set(version, verdict);
    }
    return verdict;
  };
  const removed = new Set<string>();
  const kept = new Set<string>();
  const unparsed: string[] = [];
  const files: SimpleFile[] = [];
  for (const file of page.files) {
    const version = options.versionOf(file.filename);
    if (version === undefined) {
      unparsed.push(file.filename);
      files.push(file);
    } else if (denied(version)) {
      removed.add(version);
    } else {
      kept.add(version);
      files.push(file);
    }
  }
  const versions = page.versions?.filter((version) => {
    if (!denied(version)) kept.add(version);
    else removed.add(version);
    return !denied(version);
  });
  return {
    page: { ...page, ...(versions === undefined ? {} : { versions }), files },
    removed: [...removed],
    unparsed,
    remaining: kept.size,
  };
}
