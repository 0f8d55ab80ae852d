import { MAX_DISTRIBUTION_FILE_LENGTH, parseDistributionFile } from './distribution-file.ts';

// The common spellings, read without the general parser: a plain release, pre-, post- or
// dev-release (no epoch, no local part, lower case), after a name of letters, digits,
// `.` and `_` (sdists: `-` too) that starts and ends with a letter or digit.
const VERSION = /^[0-9]+(?:\.[0-9]+)*(?:(?:a|b|rc)[0-9]+)?(?:\.post[0-9]+)?(?:\.dev[0-9]+)?$/;
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** A wheel's name after its version: an optional build tag, then the python, abi and platform tags. */
const WHEEL_TAGS = /(?:-[0-9][A-Za-z0-9._]*)?-[A-Za-z0-9._]+-[A-Za-z0-9._]+-[A-Za-z0-9._]+\.whl$/y;

/**
 * Reads the versions of a project's distribution files as `parseDistributionFile` does,
 * quickly for the common names: wheels `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`
 * and sdists `{name}-{version}.tar.gz|.zip` with a plain version are read by position, each
 * distinct name and version checked once; any other name goes through `parseDistributionFile`.
 */
export class FileVersionReader {
  readonly #project: string;
  readonly #names = new Map<string, boolean>();
  readonly #versions = new Map<string, boolean>();
  // A page lists a version's files one after another: the last name and version read are
  // compared first, which is quicker than a lookup.
  #lastName = '';
  #lastNameVerdict = false;
  #lastVersion = '';
  #lastVersionVerdict = false;

  /** `project`: PEP 503-normalised. */
  constructor(project: string) {
    this.#project = project;
  }

  /** The version `filename` carries, or undefined when none can be read. */
  read(filename: string): string | undefined {
    const common = this.common(filename);
    if (common !== undefined) return common;
    const parsed = parseDistributionFile(filename, this.#project);
    return parsed.ok ? parsed.value.version : undefined;
  }

  /** The version of a wheel or sdist named the common way, or undefined when the name is not such a name. */
  common(filename: string): string | undefined {
    if (filename.length > MAX_DISTRIBUTION_FILE_LENGTH) return undefined;
    let [nameEnd, versionEnd] = [-1, -1];
    if (filename.endsWith('.whl')) {
      nameEnd = filename.indexOf('-');
      versionEnd = filename.indexOf('-', nameEnd + 1);
      WHEEL_TAGS.lastIndex = versionEnd;
      if (nameEnd < 0 || versionEnd < 0 || !WHEEL_TAGS.test(filename)) return undefined;
    } else {
      versionEnd = filename.length - (filename.endsWith('.tar.gz') ? 7 : filename.endsWith('.zip') ? 4 : filename.length);
      nameEnd = filename.lastIndexOf('-', versionEnd - 1);
      if (versionEnd <= 0 || nameEnd < 0) return undefined;
    }
    const version = filename.slice(nameEnd + 1, versionEnd);
    return this.#namesProject(filename.slice(0, nameEnd)) && this.#isPlainVersion(version) ? version : undefined;
  }

  #namesProject(name: string): boolean {
    if (name === this.#lastName) return this.#lastNameVerdict;
    let verdict = this.#names.get(name);
    if (verdict === undefined) {
      verdict = NAME.test(name) && name.replace(/[-_.]+/g, '-').toLowerCase() === this.#project;
      this.#names.set(name, verdict);
    }
    [this.#lastName, this.#lastNameVerdict] = [name, verdict];
    return verdict;
  }

  #isPlainVersion(version: string): boolean {
    if (version === this.#lastVersion) return this.#lastVersionVerdict;
    let verdict = this.#versions.get(version);
    if (verdict === undefined) {
      verdict = VERSION.test(version);
      this.#versions.set(version, verdict);
    }
    [this.#lastVersion, this.#lastVersionVerdict] = [version, verdict];
    return verdict;
  }
}

/** The version a distribution file of `project` (PEP 503-normalised) carries, or undefined when none can be read. */
export function fileVersion(filename: string, project: string): string | undefined {
  return new FileVersionReader(project).read(filename);
}
