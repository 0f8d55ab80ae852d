import type { Cache, CacheStats } from '@palisade/cache';
import type { RequestLog } from '@palisade/request-log';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DatabasePolicy } from '../database-policy.ts';
import type { UpstreamStatus } from '../upstream-health.ts';
import { adminGuard } from './admin-guard.ts';
import { apiError } from './api-response.ts';
import { checkAnswer } from './check-endpoint.ts';
import { alertsAnswer, requestsAnswer } from './log-endpoints.ts';
import { purgeAnswer, reloadAnswer } from './maintenance-endpoints.ts';
import { statusAnswer } from './status-endpoint.ts';

/** What the operator API reads and acts on. */
export interface ApiWiring {
  /** The bearer token; undefined: the API is disabled (403). */
  readonly adminToken: string | undefined;
  readonly policy: DatabasePolicy;
  readonly cache: Pick<Cache, 'purgePackage' | 'purgeAll'>;
  /** The shared cache's figures, repeated answers counted as hits. */
  readonly cacheStats: () => CacheStats;
  readonly upstreams: () => readonly UpstreamStatus[];
  /** Undefined while the request log is off. */
  readonly requestLog: RequestLog | undefined;
  /** Checks the database snapshot now (the database watch's `check`). */
  readonly reloadDatabase: () => Promise<void>;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  readonly now: () => number;
}

/** Purge bodies are a few dozen bytes. */
const MOST_BODY_BYTES = 4096;

/**
 * The operator API, mounted under `/api`: every route behind the admin token (see
 * `adminGuard`). `GET /check`, `GET /requests`, `GET /status`, `GET /alerts`,
 * `POST /cache/purge`, `POST /db/reload`; anything else 404, JSON throughout.
 */
export function createApiApp(wiring: ApiWiring): Hono {
  const api = new Hono();
  api.use(adminGuard(wiring.adminToken));
  api.get('/check', (c) => checkAnswer((ecosystem) => wiring.policy.view(ecosystem), c.req.query()));
  api.get('/requests', (c) => requestsAnswer(wiring.requestLog, c.req.query()));
  api.get('/alerts', (c) => alertsAnswer(wiring.requestLog, c.req.query()));
  api.get('/status', () => statusAnswer({ policy: wiring.policy, cache: wiring.cacheStats, upstreams: wiring.upstreams, requestLog: wiring.requestLog && (() => (wiring.requestLog as RequestLog).stats()), now: wiring.now }));
  const limit = bodyLimit({ maxSize: MOST_BODY_BYTES, onError: () => apiError(413, 'body-too-large', `The body is larger than ${MOST_BODY_BYTES} bytes`) });
  api.post('/cache/purge', limit, async (c) => purgeAnswer(await c.req.text(), wiring.cache, wiring.log));
  api.post('/db/reload', () => reloadAnswer(wiring.reloadDatabase, wiring.policy));
  api.all('*', () => apiError(404, 'not-found', 'Not found: the operator API has GET /api/check, /api/requests, /api/status, /api/alerts and POST /api/cache/purge, /api/db/reload'));
  return api;
}
