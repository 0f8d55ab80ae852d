/** The parts of a proxy response the scenarios check, gathered so a failed assertion shows them all. */
export interface ProxyAnswer {
  readonly status: number;
  /** The HTTP reason phrase (a refusal names the block there). */
  readonly reasonPhrase: string;
  readonly proxyType: string | null;
  readonly cache: string | null;
  readonly decision: string | null;
  readonly reason: string | null;
  readonly contentType: string | null;
  /** The body's `error` field when it is JSON with one. */
  readonly error: string | undefined;
  /** The body as text. */
  readonly body: string;
}

/** Reads a response (consuming its body) into a `ProxyAnswer`. */
export async function proxyAnswer(response: Response): Promise<ProxyAnswer> {
  const body = await response.text();
  let error: string | undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') error = parsed.error;
  } catch {
    error = undefined;
  }
  return {
    status: response.status,
    reasonPhrase: response.statusText,
    proxyType: response.headers.get('x-proxy-type'),
    cache: response.headers.get('x-cache'),
    decision: response.headers.get('x-palisade-decision'),
    reason: response.headers.get('x-palisade-reason'),
    contentType: response.headers.get('content-type'),
    error,
    body,
  };
}
