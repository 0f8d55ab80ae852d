/** Variables that would let the machine's own package-manager settings leak into a test run. */
const INHERITED_SETTINGS = /^(npm_|pnpm_config_|yarn_|http_proxy$|https_proxy$|no_proxy$|all_proxy$|ci$)/i;

/**
 * The environment for a package-manager client in a test: the current environment without any
 * `npm_*` / `NPM_CONFIG_*` / `pnpm_config_*` / proxy / CI variables, with HOME and XDG folders
 * moved into `home` (so no user or global rc file is read), plus `extra`. PATH and
 * NODE_EXTRA_CA_CERTS are kept.
 */
export function clientEnvironment(home: string, extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_SETTINGS.test(name)) env[name] = value;
  }
  env['HOME'] = home;
  env['XDG_CONFIG_HOME'] = `${home}/.config`;
  env['XDG_CACHE_HOME'] = `${home}/.cache`;
  env['XDG_DATA_HOME'] = `${home}/.local/share`;
  env['XDG_STATE_HOME'] = `${home}/.local/state`;
  env['NO_UPDATE_NOTIFIER'] = '1';
  return { ...env, ...extra };
}
