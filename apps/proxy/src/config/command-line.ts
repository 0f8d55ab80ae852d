import { printable } from '@palisade/core';

/** What the command line asks for. */
export interface CommandLine {
  /** The `--config` path as given (not yet resolved). */
  readonly configPath: string | undefined;
  /** One message per bad argument. */
  readonly problems: readonly string[];
}

/**
 * Reads the proxy's arguments (`process.argv.slice(2)`): only `--config PATH` or
 * `--config=PATH`, at most once. Any other argument is a problem, so that a mistyped
 * option is reported rather than ignored.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const problems: string[] = [];
  let configPath: string | undefined;
  const take = (path: string | undefined) => {
    if (path === undefined || path === '' || path.startsWith('--')) problems.push('--config: expected a path after it');
    else if (configPath !== undefined) problems.push('--config: given more than once');
    else configPath = path;
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--config') take(argv[++index]);
    else if (argument.startsWith('--config=')) take(argument.slice('--config='.length));
    else if (argument.startsWith('-')) problems.push(`${printable(argument.split('=')[0] ?? '')}: unknown option (the only option is --config PATH)`);
    else problems.push(`"${printable(argument)}": unexpected argument (the only option is --config PATH)`);
  }
  return { configPath, problems };
}
