import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { LRUCache } from 'lru-cache';
import type { Ecosystem } from '@palisade/core';
import { CACHE_HEADER, DECISION_HEADER, REASON_HEADER } from './proxy-headers.ts';
import type { PolicySource, PolicyView } from './policy-view.ts';
import { requestClient } from './request-client.ts';
import { outcomeOf, type RequestRecord, type RequestTarget } from './request-record.ts';

/** A 200 answer an adapter made from a fresh cache entry, which the proxy may send again, byte for byte, to the same request. */
export interface HotAnswer {
  readonly ecosystem: Ecosystem;
  /** What the request was for, as the adapter noted it. */
  readonly target: RequestTarget;
  /** Every header of the answer, `Content-Length` included (`X-Cache` is HIT on a repeat). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /**
   * Asked before every repeat: whether the answer still holds (the cache entries it came
   * from are fresh, the policy it was decided under is the one in force). Once false, the
   * answer is dropped and the request goes to the adapter.
   */
  readonly holds: () => boolean;
}

/** What an answer was made under: the policy view and public URL read before it was made, and its cache entry. */
export interface AnswerProvenance {
  readonly view: PolicyView;
  readonly base: string;
  /** The cache answer's `isFresh`. */
  readonly isFresh: () => boolean;
  /** Until when its decisions hold, in the view's clock (ms since the epoch; see `VersionDecisions.validUntil`); default `Infinity`. */
  readonly validUntil?: number | undefined;
}

/**
 * A `HotAnswer.holds` for an answer made under `provenance`: true while its cache entry is
 * fresh, the policy source still hands out the same view (a new database or new settings,
 * a new view), the public URL is the same and the view's clock has not reached `validUntil`.
 */
export function holdsWhile(provenance: AnswerProvenance, policy: PolicySource, publicUrl: () => string): () => boolean {
  const { view, base, isFresh } = provenance;
  const validUntil = provenance.validUntil ?? Number.POSITIVE_INFINITY;
  if (validUntil === Number.POSITIVE_INFINITY) return () => isFresh() && policy() === view && publicUrl() === base;
  return () => isFresh() && policy() === view && publicUrl() === base && view.now() < validUntil;
}

export interface HotAnswersOptions {
  /** Memory for remembered bodies, in bytes. */
  readonly maxBytes: number;
  /** Seconds from any origin, for request durations. */
  readonly clock: () => number;
  /** Told of every request answered by a repeat, as the adapters tell of theirs. */
  readonly observe?: ((record: RequestRecord) => void) | undefined;
}

export interface HotAnswersStats {
  /** Requests answered by a repeat. */
  readonly served: number;
  readonly entries: number;
  readonly bytes: number;
}

/** Request headers that can make an answer differ from the one remembered for the same URL and Accept headers. */
const VARYING_HEADERS = ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'range', 'authorization', 'cookie', 'via'] as const;

interface Remembered {
  /** The headers as Node writes them fastest: names and values in one flat list. */
  readonly rawHeaders: string[];
  readonly body: Uint8Array;
  readonly holds: () => boolean;
  /** The request's path, without its query. */
  readonly path: string;
  /** What the record of a repeat takes from the answer. */
  readonly record: Pick<RequestRecord, 'ecosystem' | 'kind' | 'outcome' | 'package' | 'version' | 'reasons'>;
}

/**
 * Answers remembered by request, and repeated without going through the app. The proxy's
 * request listener offers every request to `serve` first; a request it does not answer
 * goes on to the app, where an adapter that answers it from a fresh cache entry may
 * `remember` its answer. A request is the same request when its method is GET, its URL
 * and its `Accept` and `Accept-Encoding` headers are the same strings, and it carries no
 * conditional, range, credential or `Via` header. Bounded by bytes, least recently used first.
 */
export class HotAnswers {
  readonly #options: HotAnswersOptions;
  readonly #answers: LRUCache<string, Remembered>;
  /** The key of each request `serve` passed on, for `remember`. */
  readonly #keys = new WeakMap<IncomingMessage, string>();
  #served = 0;

  constructor(options: HotAnswersOptions) {
    this.#options = options;
    this.#answers = new LRUCache<string, Remembered>({ maxSize: Math.max(1, options.maxBytes), sizeCalculation: (answer) => answer.body.byteLength + 512 });
  }

  /** Sends the remembered answer to this request when one holds; false when the request must go on to the app. */
  serve(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
    if (incoming.method !== 'GET') return false;
    const started = this.#options.clock();
    const headers = incoming.headers;
    for (const name of VARYING_HEADERS) if (headers[name] !== undefined) return false;
    const url = incoming.url ?? '/';
    const key = `${url}\n${headers.accept ?? ''}\n${headers['accept-encoding'] ?? ''}`;
    const answer = this.#answers.get(key);
    if (answer === undefined || !answer.holds()) {
      if (answer) this.#answers.delete(key);
      this.#keys.set(incoming, key);
      return false;
    }
    outgoing.writeHead(200, answer.rawHeaders);
    outgoing.end(answer.body);
    this.#served++;
    const observe = this.#options.observe;
    if (observe === undefined) return true;
    // Every property written in the order `observeRequests` writes them: records of one shape.
    const { record } = answer;
    const client = requestClient(incoming);
    observe({
      clientAddress: client.clientAddress,
      userAgent: client.userAgent,
      identity: client.identity,
      ecosystem: record.ecosystem,
      kind: record.kind,
      method: 'GET',
      path: answer.path,
      status: 200,
      cache: 'HIT',
      outcome: record.outcome,
      package: record.package,
      version: record.version,
      reasons: record.reasons,
      durationSeconds: Math.max(0, this.#options.clock() - started),
    });
    return true;
  }

  /**
   * Remembers the answer an adapter is sending to this request. Not remembered: a request
   * `serve` was not offered (the adapter used on its own), a body larger than an eighth of
   * the memory allowed.
   */
  remember(c: Context, answer: HotAnswer): void {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming === undefined) return;
    const key = this.#keys.get(incoming);
    if (key === undefined || answer.body.byteLength > this.#options.maxBytes / 8) return;
    const { headers, target } = answer;
    const reasons = headers[REASON_HEADER];
    const url = incoming.url ?? '/';
    const query = url.indexOf('?');
    this.#answers.set(key, {
      rawHeaders: Object.entries({ ...headers, [CACHE_HEADER]: 'HIT' }).flat(),
      body: answer.body,
      holds: answer.holds,
      path: query < 0 ? url : url.slice(0, query),
      record: {
        ecosystem: answer.ecosystem,
        kind: target.kind,
        outcome: outcomeOf(200, headers[DECISION_HEADER], null, target),
        package: target.package,
        version: target.version,
        reasons: reasons ? reasons.split(', ') : [],
      },
    });
  }

  /** Forgets every answer (when something they were made from changed outside their `holds` checks). */
  clear(): void {
    this.#answers.clear();
  }

  stats(): HotAnswersStats {
    return { served: this.#served, entries: this.#answers.size, bytes: this.#answers.calculatedSize };
  }
}
