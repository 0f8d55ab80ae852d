import { failure, normalizePypiName, printable, success, type Result } from '@palisade/core';
import { readArchiveVersion, readWheelVersion, type FileKind } from './distribution-file-forms.ts';

/** What a distribution file's name says about it. */
export interface DistributionFile {
  /** The project, PEP 503 normalised (`zope-interface`). */
  readonly project: string;
  /** The version as the file name writes it (`2.8.2`, `1!2.0`, `2.1.0+cpu`), a valid PEP 440 version. */
  readonly version: string;
  /** `wheel`: a `.whl`; `sdist`: `.tar.gz` or `.zip`; `legacy`: any older archive, egg or installer. */
  readonly kind: FileKind;
}

/** Longer names are refused: PyPI's longest file names are well under this. */
export const MAX_DISTRIBUTION_FILE_LENGTH = 512;

// Every Unicode control character: C0 (NUL included), DEL and C1.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Reads the project and version of a distribution file of `project` from its file name, as
 * pip reads them: wheels per the wheel specification, sdists per the sdist naming rules,
 * and the older forms PyPI still holds (`python-dateutil-2.8.2.tar.gz`, `.tar.bz2`, `.tgz`,
 * `.tar.xz`, `.tar`, `.egg`, bdist_wininst `.exe` and `.msi`, bdist_rpm `.rpm`). Names whose
 * split between project and version is ambiguous are split where the prefix, normalised,
 * is `project`. Fails, with the reason, for a name that is not a file of `project`, has no
 * valid PEP 440 version, or is hostile (a path, control characters, broken Unicode,
 * overlong). Never throws.
 */
export function parseDistributionFile(filename: string, project: string): Result<DistributionFile> {
  const normalized = normalizePypiName(project);
  if (!normalized.ok) return normalized;
  const problem = fileNameProblem(filename);
  if (problem !== undefined) return failure(problem);
  const read = filename.toLowerCase().endsWith('.whl')
    ? readWheelVersion(filename, normalized.value)
    : readArchiveVersion(filename, normalized.value);
  if (!read.ok) return failure(`"${printable(filename)}": ${read.error}`);
  return success({ project: normalized.value, version: read.value.version, kind: read.value.kind });
}

/** Why a string cannot be a distribution file name at all, or undefined. */
function fileNameProblem(filename: string): string | undefined {
  if (filename.length > MAX_DISTRIBUTION_FILE_LENGTH) {
    return `distribution file name is longer than ${MAX_DISTRIBUTION_FILE_LENGTH} characters`;
  }
  if (!filename.isWellFormed()) return `distribution file name "${printable(filename)}" is not well-formed Unicode`;
  if (CONTROL_CHARACTER.test(filename)) return `distribution file name "${printable(filename)}" has control characters`;
  if (/[/\\]/.test(filename)) return `distribution file name "${printable(filename)}" is a path, not a file name`;
  if (filename.startsWith('.')) return `distribution file name "${printable(filename)}" starts with "."`;
  return undefined;
}
