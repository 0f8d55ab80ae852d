import { printable } from '../printable.ts';
import { failure, success, type Result } from '../result.ts';

// PEP 508: ASCII letters and digits, with `.`, `_` and `-` allowed inside.
const VALID_PYPI_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const SEPARATOR_RUNS = /[-_.]+/g;

/**
 * The PEP 503 normalised form of a PyPI project name (lower case, each run of `-`, `_`
 * and `.` replaced by one `-`), or why the name is not a valid project name.
 */
export function normalizePypiName(name: string): Result<string> {
  if (!VALID_PYPI_NAME.test(name)) {
    return failure(`"${printable(name)}" is not a valid PyPI project name`);
  }
  return success(name.replace(SEPARATOR_RUNS, '-').toLowerCase());
}
