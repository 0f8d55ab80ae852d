import type { Context } from 'hono';

/**
 * The raw path of the request below the sub-app's root, still percent-encoded, without the
 * query: mounted with `app.route('/npm', npmApp)`, the route is `/npm/*` and `/npm` is cut.
 * Hono's own `c.req.path` may be decoded; adapters parse the raw form themselves.
 */
export function rawPathBelowRoute(c: Context): string {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  const path = url.slice(start, query < 0 ? undefined : query);
  const root = c.req.routePath.replace(/\/?\*$/, '');
  return root !== '' && path.startsWith(`${root}/`) ? path.slice(root.length) : path;
}
