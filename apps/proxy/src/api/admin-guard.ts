import type { MiddlewareHandler } from 'hono';
import { apiError } from './api-response.ts';
import { bearerToken, TokenSet } from './token-set.ts';

const CHALLENGE = 'Bearer realm="palisade-api"';

/**
 * Guards the operator API. Without a configured admin token the API is disabled: every
 * request gets 403 `api-disabled` (never open). With one, a request needs
 * `Authorization: Bearer <adminToken>`: none gets 401 `unauthenticated`, another token 401
 * `invalid-token`, both with a `WWW-Authenticate` challenge. Tokens are compared in
 * constant time (see `TokenSet`).
 */
export function adminGuard(adminToken: string | undefined): MiddlewareHandler {
  if (adminToken === undefined) {
    return async () => apiError(403, 'api-disabled', 'The operator API is disabled: set an admin token (adminToken, PALISADE_ADMIN_TOKEN) to enable it');
  }
  const tokens = new TokenSet([{ name: 'admin', token: adminToken }]);
  return async (c, next) => {
    const presented = bearerToken(c.req.header('authorization'));
    if (presented === undefined) return apiError(401, 'unauthenticated', 'The operator API needs the admin token: Authorization: Bearer <adminToken>', { 'WWW-Authenticate': CHALLENGE });
    if (tokens.identify(presented) === undefined) return apiError(401, 'invalid-token', 'The admin token presented is not the one configured', { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` });
    await next();
  };
}
