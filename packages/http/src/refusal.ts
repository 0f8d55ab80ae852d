import { describeDecision, printable, type Decision } from '@palisade/core';
import { DECISION_HEADER, REASON_HEADER } from './proxy-headers.ts';
import { reasonPhrase } from './reason-phrase.ts';

/** A refusal's body, in the client's format. */
export interface RefusalBody {
  readonly body: string;
  readonly contentType: string;
}

/** One line naming a blocked package, its version, the report ids and the first summary. */
export function blockMessage(decision: Decision): string {
  const first = decision.reasons[0];
  const summary = first ? ` ${printable(first.summary, 160)}` : '';
  const urls = decision.reasons.flatMap((reason) => (reason.url ? [reason.url] : []));
  return `${describeDecision(decision)}.${summary}${urls.length > 0 ? ` See ${urls.slice(0, 3).join(' ')}` : ''}`;
}

/** The report ids of a decision, for the `X-Palisade-Reason` header. */
export function reasonIds(decision: Decision): string {
  return reasonPhrase([...new Set(decision.reasons.map((reason) => reason.id))].join(', '));
}

/**
 * The response to a request the policy refused: 403, a reason phrase naming the block
 * (`Blocked by Palisade: npm package x@1.0.0 blocked: MAL-2025-1`), the decision headers
 * and a body rendered for the client.
 */
export function blockedResponse(decision: Decision, render: (message: string) => RefusalBody, headers: Record<string, string> = {}): Response {
  const message = blockMessage(decision);
  const { body, contentType } = render(message);
  return new Response(body, {
    status: 403,
    statusText: reasonPhrase(`Blocked by Palisade: ${describeDecision(decision)}`),
    headers: { ...headers, 'Content-Type': contentType, [DECISION_HEADER]: 'blocked', [REASON_HEADER]: reasonIds(decision) },
  });
}

/** The headers that tell an operator audit mode served what enforce would refuse. */
export function auditHeaders(decision: Decision): Record<string, string> {
  return decision.outcome === 'audit' ? { [DECISION_HEADER]: 'audit', [REASON_HEADER]: reasonIds(decision) } : {};
}
