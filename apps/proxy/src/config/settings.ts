import { DEFAULT_MAX_STALE_SECONDS, DEFAULT_TTL_SECONDS, TTL_CLASSES, type TtlClass } from '@palisade/cache';
import type { Mode, Result } from '@palisade/core';
import { databaseSourceKind } from '@palisade/malicious-db';
import { parseAdminToken, parseClientTokens, type ClientToken } from './access-tokens.ts';
import { parseByteSize } from './byte-size.ts';
import { parseHttpUrl, parseOriginList } from './http-url.ts';
import { parseBoolean, parseDecimal, parseHost, parseInteger, parseMode, parsePath, parsePort, parseToken } from './value-parsers.ts';

/** One configuration key: where it is set, what it defaults to, how its values are read. */
export interface Setting<T> {
  /** The environment variable that overrides the file. */
  readonly env: string;
  /** The value used when neither sets it, in the form the file or environment would give it. */
  readonly default: string | number | boolean | undefined;
  /** The default as documented when `default` alone does not say it. */
  readonly shownDefault?: string;
  readonly description: string;
  /** Reads a value from the file (any JSON value) or the environment (a string); `cwd` resolves paths. */
  readonly parse: (value: unknown, cwd: string) => Result<T>;
}

/** The typed value of each flat configuration key. */
export interface SettingValues {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  npmUpstream: string;
  pypiUpstream: string;
  pypiFileOrigins: string[];
  goUpstream: string;
  goSumdb: string;
  goSumdbName: string;
  dbSource: string;
  dbPollSeconds: number;
  dbMaxAgeSeconds: number;
  dbStaleRefuse: boolean;
  mode: Mode;
  npmMode: Mode;
  pypiMode: Mode;
  goMode: Mode;
  policyFile: string;
  cacheDiskBytes: number;
  cacheMemoryBytes: number;
  maxStaleSeconds: number;
  upstreamTimeoutMs: number;
  upstreamRetries: number;
  forwardAuthorization: boolean;
  proxyName: string;
  adminToken: string;
  clientTokens: ClientToken[];
  trustForwardedFor: boolean;
  requestLog: boolean;
  requestLogDays: number;
  requestLogRows: number;
}

/** A database source: a git URL as given, else a path resolved against the working directory. */
function parseDbSource(value: unknown, cwd: string): Result<string> {
  if (typeof value === 'string' && databaseSourceKind(value) === 'git') return { ok: true, value };
  return parsePath(value, cwd);
}

const TEN_YEARS_SECONDS = 10 * 365 * 24 * 3600;
const seconds = (value: unknown) => parseInteger(value, 0, TEN_YEARS_SECONDS, 'a number of seconds');
const URL_NOTE = 'An http(s) URL; a path prefix is kept, a query or fragment is refused, user credentials are allowed (keep them private).';
const modeOf = (ecosystem: string): Setting<Mode> => ({
  env: `PALISADE_${ecosystem.toUpperCase()}_MODE`,
  default: undefined,
  shownDefault: 'the value of `mode`',
  description: `The mode for ${ecosystem} requests.`,
  parse: parseMode,
});

/** Every flat key of the configuration file, in documentation order. */
export const SETTINGS: { readonly [K in keyof SettingValues]: Setting<SettingValues[K]> } = {
  host: { env: 'PALISADE_HOST', default: '127.0.0.1', description: 'Address to listen on (an IP address or host name).', parse: parseHost },
  port: { env: 'PALISADE_PORT', default: 8780, description: 'Port to listen on (0-65535); 0 picks a free port.', parse: parsePort },
  publicUrl: { env: 'PALISADE_PUBLIC_URL', default: undefined, shownDefault: 'derived from the bound address', description: `The URL clients reach the proxy at, used in rewritten links. ${URL_NOTE}`, parse: parseHttpUrl },
  dataDir: { env: 'PALISADE_DATA_DIR', default: './data', description: 'Folder for the cache, the database snapshot and the request log; relative to the working directory.', parse: parsePath },
  npmUpstream: { env: 'PALISADE_NPM_UPSTREAM', default: 'https://registry.npmjs.org/', description: `The npm registry. ${URL_NOTE}`, parse: parseHttpUrl },
  pypiUpstream: { env: 'PALISADE_PYPI_UPSTREAM', default: 'https://pypi.org/simple/', description: `The PyPI simple index. ${URL_NOTE}`, parse: parseHttpUrl },
  pypiFileOrigins: {
    env: 'PALISADE_PYPI_FILE_ORIGINS',
    default: 'https://files.pythonhosted.org/',
    description: "Where PyPI distribution files may be fetched from, besides the index's own origin: origins (`https://host:port/`) separated by commas. A file an index page links anywhere else is dropped from the page.",
    parse: parseOriginList,
  },
  goUpstream: { env: 'PALISADE_GO_UPSTREAM', default: 'https://proxy.golang.org/', description: `The Go module proxy. ${URL_NOTE}`, parse: parseHttpUrl },
  goSumdb: {
    env: 'PALISADE_GO_SUMDB',
    default: 'https://sum.golang.org/',
    description: `The Go checksum database that \`/go/sumdb/<name>/\` passes through to, so \`go\` verifies modules through the proxy with \`GOSUMDB\` unchanged. ${URL_NOTE}`,
    parse: parseHttpUrl,
  },
  goSumdbName: {
    env: 'PALISADE_GO_SUMDB_NAME',
    default: undefined,
    shownDefault: 'the host of `goSumdb`',
    description: 'The name `go` knows that checksum database by (the name in `GOSUMDB`, such as `sum.golang.org`); requests for other names are not passed through.',
    parse: parseToken,
  },
  dbSource: {
    env: 'PALISADE_DB_SOURCE',
    default: undefined,
    shownDefault: 'none',
    description: 'Where the malicious-package database comes from, shared with the sync (`apps/sync`): a git URL (the sync keeps the snapshot current; the proxy reads the snapshot), an OSV `.zip` export (likewise), or a folder laid out like the OpenSSF repository (`osv/malicious/<ecosystem>/...`, relative to the working directory), which the proxy also reads itself at start.',
    parse: parseDbSource,
  },
  dbPollSeconds: {
    env: 'PALISADE_DB_POLL_SECONDS',
    default: 5,
    description: 'How often the saved database snapshot (`<dataDir>/database/malicious-packages.snapshot`) is checked for a new one, which is then put in use without a restart: seconds (0.05-3600, decimals allowed).',
    parse: (value) => parseDecimal(value, 0.05, 3600, 'a number of seconds'),
  },
  dbMaxAgeSeconds: {
    env: 'PALISADE_DB_MAX_AGE_SECONDS',
    default: 2 * 24 * 3600,
    description: 'Age (seconds since it was built) past which the database counts as stale: a warning is logged and `palisade_database_stale` is 1 (60 up to ten years).',
    parse: (value) => parseInteger(value, 60, TEN_YEARS_SECONDS, 'a number of seconds'),
  },
  dbStaleRefuse: {
    env: 'PALISADE_DB_STALE_REFUSE',
    default: false,
    description: 'Whether package requests in `enforce` mode are refused (503) while the database is stale, rather than checked against it (true, false, 1, 0).',
    parse: parseBoolean,
  },
  mode: { env: 'PALISADE_MODE', default: 'enforce', description: '`enforce` refuses flagged versions, `audit` serves them and reports, `off` checks nothing.', parse: parseMode },
  npmMode: modeOf('npm'),
  pypiMode: modeOf('pypi'),
  goMode: modeOf('go'),
  policyFile: {
    env: 'PALISADE_POLICY_FILE',
    default: undefined,
    shownDefault: 'none',
    description:
      'A JSON file of policy settings beyond the database: per-package modes, allow and deny entries, internal names and the release-age cooldown (see "Policy settings"), relative to the working directory. Read at start (an invalid file stops the proxy) and checked for changes every `dbPollSeconds`: a changed valid file is put in force without a restart, an invalid one is logged and the settings in force are kept. Instead, the configuration file may hold the same object under `policy` (read at start only).',
    parse: parsePath,
  },
  cacheDiskBytes: { env: 'PALISADE_CACHE_DISK_BYTES', default: '10 GiB', description: 'Bytes of cached bodies kept on disk: an integer or a size such as `500MB`, `10GiB`.', parse: parseByteSize },
  cacheMemoryBytes: { env: 'PALISADE_CACHE_MEMORY_BYTES', default: '256 MiB', description: 'Bytes of cached bodies held in memory, written like `cacheDiskBytes`.', parse: parseByteSize },
  maxStaleSeconds: { env: 'PALISADE_MAX_STALE_SECONDS', default: DEFAULT_MAX_STALE_SECONDS, description: 'How long past its TTL a cached entry may still be served while the upstream fails.', parse: seconds },
  upstreamTimeoutMs: { env: 'PALISADE_UPSTREAM_TIMEOUT_MS', default: 30000, description: 'Milliseconds an upstream request may take (1-3600000).', parse: (value) => parseInteger(value, 1, 3_600_000, 'a number of milliseconds') },
  upstreamRetries: { env: 'PALISADE_UPSTREAM_RETRIES', default: 2, description: 'Retries after a failed upstream request (0-10).', parse: (value) => parseInteger(value, 0, 10, 'a retry count') },
  forwardAuthorization: { env: 'PALISADE_FORWARD_AUTHORIZATION', default: false, description: "Whether a client's `Authorization` header is passed on upstream (true, false, 1, 0).", parse: parseBoolean },
  proxyName: { env: 'PALISADE_PROXY_NAME', default: 'palisade', description: 'The pseudonym in `Via` headers, also used to detect request loops (HTTP token characters).', parse: parseToken },
  adminToken: {
    env: 'PALISADE_ADMIN_TOKEN',
    default: undefined,
    shownDefault: 'none: the operator API is disabled',
    description: 'The bearer token of the operator API under `/api/` (see "Operator API"): 16-512 visible ASCII characters, no spaces or commas. Without one, every `/api/` request is refused with 403.',
    parse: parseAdminToken,
  },
  clientTokens: {
    env: 'PALISADE_CLIENT_TOKENS',
    default: undefined,
    shownDefault: 'none: package routes are open',
    description:
      'Credentials package routes require (see "Client credentials"): tokens separated by commas (an array of strings in the file), each `token` or `name:token`, the name being the identity the request log records (else `token-` and 8 hex digits of its SHA-256). Accepted as a bearer token (npm) or as the password of Basic authorization (pip, go).',
    parse: parseClientTokens,
  },
  trustForwardedFor: {
    env: 'PALISADE_TRUST_FORWARDED_FOR',
    default: false,
    description: "Whether the client address logged is the last one of `X-Forwarded-For` (set it only behind one reverse proxy that appends the address it saw) rather than the socket's peer (true, false, 1, 0).",
    parse: parseBoolean,
  },
  requestLog: {
    env: 'PALISADE_REQUEST_LOG',
    default: true,
    description: 'Whether every package request is recorded in the request log (`<dataDir>/request-log.sqlite`), which the operator API lists and retroactive alerts read (true, false, 1, 0).',
    parse: parseBoolean,
  },
  requestLogDays: { env: 'PALISADE_REQUEST_LOG_DAYS', default: 30, description: 'Days a request stays in the request log (1-3650).', parse: (value) => parseInteger(value, 1, 3650, 'a number of days') },
  requestLogRows: {
    env: 'PALISADE_REQUEST_LOG_ROWS',
    default: 1_000_000,
    description: 'Requests the request log keeps at most, the oldest deleted first (1000-1000000000).',
    parse: (value) => parseInteger(value, 1000, 1_000_000_000, 'a number of requests'),
  },
};

/** The environment variable overriding one TTL class: `npm-metadata` → `PALISADE_TTL_NPM_METADATA`. */
export function ttlEnvName(ttlClass: TtlClass): string {
  return `PALISADE_TTL_${ttlClass.toUpperCase().replaceAll('-', '_')}`;
}

/** Reads a TTL override in seconds. */
export function parseTtlSeconds(value: unknown): Result<number> {
  return seconds(value);
}

/** A row of the configuration reference. */
export interface ConfigKey {
  /** The key in the configuration file; TTL classes are `ttlSeconds.<class>` (an object in the file). */
  readonly key: string;
  readonly env: string;
  /** The default, as documented. */
  readonly default: string;
  readonly description: string;
}

const shown = (setting: Setting<unknown>) => setting.shownDefault ?? `\`${String(setting.default)}\``;

/** Every configuration key with its environment variable, default and description. */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  ...Object.entries(SETTINGS).map(([key, setting]) => ({ key, env: setting.env, default: shown(setting), description: setting.description })),
  ...TTL_CLASSES.map((ttlClass) => ({
    key: `ttlSeconds.${ttlClass}`,
    env: ttlEnvName(ttlClass),
    default: `\`${DEFAULT_TTL_SECONDS[ttlClass]}\``,
    description: `Seconds a cached \`${ttlClass}\` entry stays fresh.`,
  })),
];
