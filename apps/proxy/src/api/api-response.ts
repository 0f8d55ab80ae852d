/** A JSON answer of the operator API; never cached by anything in between. */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } });
}

/** An error of the operator API: `{"error": message, "code": code}`. */
export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return apiJson({ error: message, code }, status, headers);
}

/** A time as the API shows it: ISO 8601, UTC. */
export const isoTime = (ms: number) => new Date(ms).toISOString();
