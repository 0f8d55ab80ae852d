import type { Ecosystem } from '@palisade/core';
import type { CacheState } from '@palisade/cache';

// The headers of the proxy's contract with operators and clients.

/** Which protocol adapter answered: `npm`, `pypi` or `go`. */
export const PROXY_TYPE_HEADER = 'X-Proxy-Type';
/** Where the body came from: `HIT`, `MISS`, `STALE`, or `BYPASS` for routes that are not cached. */
export const CACHE_HEADER = 'X-Cache';
/** `blocked` on a refused request, `audit` when audit mode served what enforce would refuse, `unchecked` when no database was loaded. */
export const DECISION_HEADER = 'X-Palisade-Decision';
/** The report ids behind a block or an audit finding, comma-separated. */
export const REASON_HEADER = 'X-Palisade-Reason';

/** What `X-Cache` says. */
export type CacheStatus = CacheState | 'BYPASS';

/** The proxy type an ecosystem's routes announce. */
export const proxyTypeOf = (ecosystem: Ecosystem): string => ecosystem;
