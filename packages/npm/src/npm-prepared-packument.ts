import type { Decision } from '@palisade/core';
import { prepareBody, PreparedAnswers, type PreparedBody } from '@palisade/http';

/**
 * A packument made ready to serve: filtered under one database revision, its tarball URLs
 * rewritten, serialised once and compressed once (see `PreparedBody`).
 */
export interface PreparedPackument {
  readonly body: PreparedBody;
  /** Versions removed by the policy. */
  readonly removed: readonly string[];
  /** Findings served anyway (audit mode), for the decision headers. */
  readonly audited: readonly Decision[];
}

/**
 * Or, when the policy denied every version, the refusal to send instead. Either holds until
 * `validUntil` (ms since the epoch: when a version the cooldown held back comes of age; `Infinity` for never).
 */
export type PreparedAnswer = ({ readonly kind: 'document'; readonly packument: PreparedPackument } | { readonly kind: 'blocked'; readonly decision: Decision }) & { readonly validUntil: number };

/** A filtered document's JSON, made ready to serve. */
export function preparePackument(identity: Uint8Array, removed: readonly string[], audited: readonly Decision[]): PreparedPackument {
  return { body: prepareBody(identity), removed, audited };
}

// Compressed packuments are a fifth to a tenth of their size: a third is a safe allowance.
const sizeOf = (answer: PreparedAnswer) => (answer.kind === 'document' ? Math.ceil(answer.packument.body.identity.byteLength * 1.34) + 256 : 1024);

/** Prepared packuments in memory, bounded by `maxBytes`, each prepared again once its decisions stop holding. */
export const preparedPackuments = (maxBytes: number) => new PreparedAnswers<PreparedAnswer>(maxBytes, sizeOf, (answer) => answer.validUntil);
