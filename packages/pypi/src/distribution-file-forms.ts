import { checkVersion, failure, printable, success, type Result } from '@palisade/core';

/** `wheel`: a `.whl`; `sdist`: `.tar.gz` or `.zip`; `legacy`: any older archive, egg or installer. */
export type FileKind = 'wheel' | 'sdist' | 'legacy';

interface ReadVersion {
  readonly version: string;
  readonly kind: FileKind;
}

type VersionPart = (rest: string) => string | undefined;

// pip drops a `-pyX.Y` suffix from the version of a source archive (and then skips the file
// when X.Y is not the running Python), so the version is read without it here too.
const PY_VERSION_SUFFIX = /-py[123]\.?[0-9]?$/;
const EGG = /^(.+?)-py[0-9]+(?:\.[0-9]+)?(?:-.+)?$/;
const WININST = /^(.+?)\.(?:win32|win-amd64|win-arm32|win-arm64|win-ia64|linux-[a-z0-9_]+|macosx-[0-9.]+-[a-z0-9_]+)(?:-py[0-9]+(?:\.[0-9]+)?)?$/i;
const RPM = /^(.+)-[^-]+\.[a-z0-9_]+$/i;

const sourceArchive: VersionPart = (rest) => rest.replace(PY_VERSION_SUFFIX, '');

/** The extensions read, longest first where one ends another, with how to find the version after the name. */
const ARCHIVE_FORMS: readonly (readonly [suffix: string, kind: FileKind, versionPart: VersionPart])[] = [
  ['.tar.gz', 'sdist', sourceArchive],
  ['.zip', 'sdist', sourceArchive],
  ['.tgz', 'legacy', sourceArchive],
  ['.tar.bz2', 'legacy', sourceArchive],
  ['.tbz', 'legacy', sourceArchive],
  ['.tar.xz', 'legacy', sourceArchive],
  ['.txz', 'legacy', sourceArchive],
  ['.tar.lzma', 'legacy', sourceArchive],
  ['.tar.lz', 'legacy', sourceArchive],
  ['.tlz', 'legacy', sourceArchive],
  ['.tar', 'legacy', sourceArchive],
  ['.egg', 'legacy', (rest) => EGG.exec(rest)?.[1] ?? rest],
  ['.exe', 'legacy', (rest) => WININST.exec(rest)?.[1]],
  ['.msi', 'legacy', (rest) => WININST.exec(rest)?.[1]],
  ['.rpm', 'legacy', (rest) => RPM.exec(rest)?.[1]],
];

/**
 * The version of a wheel `{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl`
 * of `project` (normalised), with the wheel escaping of `-` as `_` in the version undone, as pip does.
 */
export function readWheelVersion(filename: string, project: string): Result<ReadVersion> {
  const parts = filename.slice(0, -'.whl'.length).split('-');
  if (parts.length !== 5 && parts.length !== 6) {
    return failure('is not a wheel name {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl');
  }
  const [name = '', written = '', ...tags] = parts;
  if (tags.some((tag) => tag === '' || /\s/.test(tag))) return failure('has an empty wheel tag or one with white space');
  if (tags.length === 4 && !/^[0-9]/.test(tags[0] ?? '')) return failure('has a build tag that does not start with a digit');
  if (!namesProject(name, project)) return failure(`is a wheel of "${printable(name)}", not of "${project}"`);
  if (/\s/.test(written)) return failure(`has white space in its version "${printable(written)}"`);
  return readVersion(written.replaceAll('_', '-'), 'wheel');
}

/**
 * The version of a source archive, egg or installer of `project` (normalised): the name is
 * taken to end at the first `-` where the part before it, normalised, is `project`, as pip
 * splits names that are ambiguous (`python-dateutil-2.8.2.tar.gz`, `zope.interface-5.4.0.zip`).
 */
export function readArchiveVersion(filename: string, project: string): Result<ReadVersion> {
  const lower = filename.toLowerCase();
  const form = ARCHIVE_FORMS.find(([suffix]) => lower.endsWith(suffix));
  if (form === undefined) return failure('is neither a wheel nor a source archive, egg or installer of a known extension');
  const [suffix, kind, versionPart] = form;
  const stem = filename.slice(0, -suffix.length);
  const rest = afterProjectName(stem, project);
  if (rest === undefined) return failure(`does not start with the name of "${project}" followed by "-"`);
  const written = versionPart(rest);
  if (written === undefined) return failure(`has no platform (nor, for .rpm, release) after its version, which its ${suffix} form needs`);
  return readVersion(written, kind);
}

/** What follows the first `-` of `stem` before which the text, normalised, is `project`. */
function afterProjectName(stem: string, project: string): string | undefined {
  for (let dash = stem.indexOf('-'); dash >= 0; dash = stem.indexOf('-', dash + 1)) {
    if (namesProject(stem.slice(0, dash), project)) return stem.slice(dash + 1);
  }
  return undefined;
}

/** Whether a name from a file names `project`, compared as pip's `canonicalize_name` compares. */
function namesProject(name: string, project: string): boolean {
  return name.replace(/[-_.]+/g, '-').toLowerCase() === project;
}

/**
 * The version written in a file name, checked as PEP 440. Surrounding white space is dropped
 * and the four letters Python's case-insensitive matching equates with ASCII ones (`ſ`, `ı`,
 * `İ`, Kelvin `K`) are read as those, because pip's `packaging` accepts them: a version pip
 * would install must not go unread here.
 */
function readVersion(written: string, kind: FileKind): Result<ReadVersion> {
  const version = written.trim().replace(/[ſıİK]/g, (letter) => PYTHON_CASELESS[letter] ?? letter);
  if (version === '') return failure('has no version');
  const checked = checkVersion('pypi', version);
  if (!checked.ok) return failure(`has no valid version: ${checked.error}`);
  return success({ version, kind });
}

const PYTHON_CASELESS: Readonly<Record<string, string>> = { 'ſ': 's', 'ı': 'i', 'İ': 'i', 'K': 'k' };
