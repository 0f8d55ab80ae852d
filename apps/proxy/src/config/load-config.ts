import { readFile as readFileFromDisk } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TTL_CLASSES, type TtlClass } from '@palisade/cache';
import { describeValue, failure, parsePolicySettings, printable, success, type PolicySettings, type Result } from '@palisade/core';
import { parseCommandLine } from './command-line.ts';
import { fileLabel, readConfigFile } from './config-file.ts';
import type { ProxyConfig } from './proxy-config.ts';
import { parseTtlSeconds, SETTINGS, ttlEnvName, type SettingValues } from './settings.ts';

/** Where the configuration comes from; everything is passed in so that tests need no process state. */
export interface LoadConfigOptions {
  /** The command-line arguments after the program name (`process.argv.slice(2)`). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved against. */
  readonly cwd: string;
  /** Reads the configuration file (default: from disk, as UTF-8). */
  readonly readFile?: (path: string) => Promise<string>;
}

const TTL_KEY = 'ttlSeconds';
const POLICY_KEY = 'policy';
const FILE_KEYS: readonly string[] = [...Object.keys(SETTINGS), TTL_KEY, POLICY_KEY];

/**
 * The proxy's configuration: the JSON file named by `--config` or `PALISADE_CONFIG`, then
 * the environment (`PALISADE_*`, which overrides the file), then defaults. Every value is
 * checked; the failure lists every problem, one per line, each naming the key as it was
 * given (`PALISADE_PORT: ...`, `config file /etc/palisade.json: port: ...`).
 * An empty environment variable counts as unset.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Result<ProxyConfig>> {
  const { cwd } = options;
  const env = (name: string) => (options.env[name] === '' ? undefined : options.env[name]);
  const commandLine = parseCommandLine(options.argv);
  const problems = [...commandLine.problems];
  const configPath = commandLine.configPath ?? env('PALISADE_CONFIG');
  if (configPath?.includes('\0')) problems.push(`${commandLine.configPath === undefined ? 'PALISADE_CONFIG' : '--config'}: ${describeValue(configPath)} is not a path`);
  const configFile = configPath === undefined || configPath.includes('\0') ? undefined : resolve(cwd, configPath);
  const file = configFile === undefined ? undefined : await readConfigFile(configFile, FILE_KEYS, options.readFile ?? ((path) => readFileFromDisk(path, 'utf8')));
  problems.push(...(file?.problems ?? []));
  const label = configFile === undefined ? '' : fileLabel(configFile);

  /** A value from the environment, else the file, else the default; problems with either are recorded. */
  function setting<K extends keyof SettingValues>(key: K): SettingValues[K] | undefined {
    const spec: (typeof SETTINGS)[K] = SETTINGS[key];
    const read = (raw: unknown, where: string): SettingValues[K] | undefined => {
      if (raw === undefined) return undefined;
      const parsed = spec.parse(raw, cwd);
      if (parsed.ok) return parsed.value;
      problems.push(`${where}: ${parsed.error}`);
      return undefined;
    };
    const fromFile = read(file?.values.get(key), `${label}: ${key}`);
    const fromEnv = read(env(spec.env), spec.env);
    return fromEnv ?? fromFile ?? read(spec.default, `default of ${key}`);
  }

  const mode = setting('mode') ?? 'enforce';
  const values = {
    host: setting('host') ?? '',
    port: setting('port') ?? 0,
    publicUrl: setting('publicUrl'),
    dataDir: setting('dataDir') ?? '',
    upstreams: { npm: setting('npmUpstream') ?? '', pypi: setting('pypiUpstream') ?? '', go: setting('goUpstream') ?? '' },
    pypiFileOrigins: setting('pypiFileOrigins') ?? [],
    goSumdb: sumdbOf(setting('goSumdb') ?? '', setting('goSumdbName')),
    dbSource: setting('dbSource'),
    database: { pollSeconds: setting('dbPollSeconds') ?? 0, maxAgeSeconds: setting('dbMaxAgeSeconds') ?? 0, refuseWhenStale: setting('dbStaleRefuse') ?? false },
    modes: { npm: setting('npmMode') ?? mode, pypi: setting('pypiMode') ?? mode, go: setting('goMode') ?? mode },
    policyFile: setting('policyFile'),
    policy: inlinePolicy(file?.values.get(POLICY_KEY), label, problems),
    cache: {
      diskBytes: setting('cacheDiskBytes') ?? 0,
      memoryBytes: setting('cacheMemoryBytes') ?? 0,
      maxStaleSeconds: setting('maxStaleSeconds') ?? 0,
      ttlSeconds: ttlOverrides(file?.values.get(TTL_KEY), label, env, problems),
    },
    upstream: { timeoutMs: setting('upstreamTimeoutMs') ?? 0, retries: setting('upstreamRetries') ?? 0, forwardAuthorization: setting('forwardAuthorization') ?? false },
    proxyName: setting('proxyName') ?? '',
    access: { adminToken: setting('adminToken'), clientTokens: setting('clientTokens') ?? [], trustForwardedFor: setting('trustForwardedFor') ?? false },
    requestLog: { enabled: setting('requestLog') ?? true, days: setting('requestLogDays') ?? 0, rows: setting('requestLogRows') ?? 0 },
    configFile,
  };
  if (values.policyFile !== undefined && values.policy !== undefined) problems.push(`${label}: ${POLICY_KEY}: policy settings are given both here and in a policy file (policyFile, PALISADE_POLICY_FILE): keep one`);
  return problems.length > 0 ? failure(problems.join('\n')) : success(values);
}

/** Policy settings written inline in the configuration file; their problems are named by key path within it (`policy: allow[0].reason: ...`). */
function inlinePolicy(inFile: unknown, label: string, problems: string[]): PolicySettings | undefined {
  if (inFile === undefined) return undefined;
  const parsed = parsePolicySettings(inFile);
  if (parsed.ok) return parsed.value;
  problems.push(`${label}: ${POLICY_KEY}: ${parsed.error}`);
  return undefined;
}

/** The checksum database's URL and name: the name defaults to the URL's host. */
function sumdbOf(url: string, name: string | undefined): { url: string; name: string } {
  return { url, name: name ?? (URL.canParse(url) ? new URL(url).host : '') };
}

/** The TTL classes set by the file's `ttlSeconds` object or by `PALISADE_TTL_<CLASS>`, the environment winning. */
function ttlOverrides(inFile: unknown, label: string, env: (name: string) => string | undefined, problems: string[]): Partial<Record<TtlClass, number>> {
  const overrides: Partial<Record<TtlClass, number>> = {};
  const take = (ttlClass: TtlClass, raw: unknown, where: string) => {
    const parsed = parseTtlSeconds(raw);
    if (parsed.ok) overrides[ttlClass] = parsed.value;
    else problems.push(`${where}: ${parsed.error}`);
  };
  if (inFile !== undefined) {
    if (typeof inFile !== 'object' || inFile === null || Array.isArray(inFile)) {
      problems.push(`${label}: ${TTL_KEY}: expected an object keyed by TTL class (${TTL_CLASSES.join(', ')}), found ${describeValue(inFile)}`);
    } else {
      for (const [name, raw] of Object.entries(inFile)) {
        const ttlClass = TTL_CLASSES.find((candidate) => candidate === name);
        if (ttlClass === undefined) problems.push(`${label}: ${TTL_KEY}.${printable(name)}: unknown TTL class (${TTL_CLASSES.join(', ')})`);
        else take(ttlClass, raw, `${label}: ${TTL_KEY}.${ttlClass}`);
      }
    }
  }
  for (const ttlClass of TTL_CLASSES) {
    const raw = env(ttlEnvName(ttlClass));
    if (raw !== undefined) take(ttlClass, raw, ttlEnvName(ttlClass));
  }
  return overrides;
}
