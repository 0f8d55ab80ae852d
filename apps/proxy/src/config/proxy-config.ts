import type { TtlClass } from '@palisade/cache';
import type { Ecosystem, Mode, PolicySettings } from '@palisade/core';
import type { ClientToken } from './access-tokens.ts';

/** Everything the proxy is configured with, after defaults, the file and the environment. */
export interface ProxyConfig {
  /** Address to listen on. */
  readonly host: string;
  /** Port to listen on; 0 lets the system pick a free one. */
  readonly port: number;
  /** The URL clients reach the proxy at, ending in `/`; undefined: derived from the bound address. */
  readonly publicUrl: string | undefined;
  /** Absolute folder for the cache and the database snapshot. */
  readonly dataDir: string;
  /** Upstream registry base URLs, each ending in exactly one `/`. */
  readonly upstreams: Readonly<Record<Ecosystem, string>>;
  /** Origins PyPI files may be fetched from besides the index's own, each `scheme://host[:port]/`. */
  readonly pypiFileOrigins: readonly string[];
  /** The Go checksum database the sumdb pass-through goes to, ending in `/`, and the name `go` knows it by. */
  readonly goSumdb: { readonly url: string; readonly name: string };
  /** Absolute folder laid out like the OpenSSF malicious-packages repository (`osv/malicious/<ecosystem>/...`); not checked to exist. */
  readonly dbSource: string | undefined;
  /** How the saved database snapshot is watched, and when it counts as too old. */
  readonly database: {
    /** Seconds between checks of the snapshot file for a new one. */
    readonly pollSeconds: number;
    /** Seconds since it was built past which the database is stale. */
    readonly maxAgeSeconds: number;
    /** Whether `enforce` mode refuses package requests (503) while the database is stale. */
    readonly refuseWhenStale: boolean;
  };
  /** How decisions are applied, per ecosystem. */
  readonly modes: Readonly<Record<Ecosystem, Mode>>;
  /** The absolute path of the policy settings file, read at start and watched; undefined when there is none. */
  readonly policyFile: string | undefined;
  /** Policy settings given inline in the configuration file (`policy`); undefined when none are (never with `policyFile`). */
  readonly policy: PolicySettings | undefined;
  readonly cache: {
    readonly diskBytes: number;
    readonly memoryBytes: number;
    readonly maxStaleSeconds: number;
    /** Only the classes that were configured; the others keep the cache's defaults. */
    readonly ttlSeconds: Readonly<Partial<Record<TtlClass, number>>>;
  };
  readonly upstream: {
    readonly timeoutMs: number;
    /** Retries after a failed upstream request (0-10). */
    readonly retries: number;
    /** Whether a client's `Authorization` header is passed on to the upstream registry. */
    readonly forwardAuthorization: boolean;
  };
  /** The pseudonym in `Via` headers, also used to detect request loops. */
  readonly proxyName: string;
  /** Who may use the proxy: the operator API's token, and the credentials package routes require. */
  readonly access: {
    /** The operator API's bearer token; undefined: the API is disabled. */
    readonly adminToken: string | undefined;
    /** Tokens package routes accept; empty: package routes are open. */
    readonly clientTokens: readonly ClientToken[];
    /** Whether the client address logged comes from the last `X-Forwarded-For` entry rather than the socket. */
    readonly trustForwardedFor: boolean;
  };
  /** The request log under the data folder. */
  readonly requestLog: {
    readonly enabled: boolean;
    /** Days a request is kept. */
    readonly days: number;
    /** Requests kept at most. */
    readonly rows: number;
  };
  /** The absolute path of the configuration file read, if any. */
  readonly configFile: string | undefined;
}
