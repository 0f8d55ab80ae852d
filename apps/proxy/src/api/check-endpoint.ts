import { failure, packageRef, success, type Ecosystem, type PackageRef, type PolicyDecision, type Result } from '@palisade/core';
import { checkPackage, cooldownApplies, type PolicyView } from '@palisade/http';
import { apiError, apiJson } from './api-response.ts';
import { optionalEcosystem, optionalTime } from './query-values.ts';

/** What `GET /api/check` is asked: `ecosystem`, `name`, optionally `version` and `publishedAt` (for the cooldown). */
export interface CheckQuery {
  readonly ecosystem?: string | undefined;
  readonly name?: string | undefined;
  readonly version?: string | undefined;
  readonly publishedAt?: string | undefined;
}

const DECISIONS = { allow: 'allowed', deny: 'blocked', audit: 'audit' } as const;

function readQuery(query: CheckQuery): Result<{ ref: PackageRef; publishedAt: number | undefined }> {
  const ecosystem = optionalEcosystem(query.ecosystem);
  if (!ecosystem.ok) return ecosystem;
  if (ecosystem.value === undefined) return failure('ecosystem: required (npm, pypi or go)');
  if (query.name === undefined || query.name === '') return failure('name: required');
  const ref = packageRef(ecosystem.value, query.name, query.version === '' ? undefined : query.version);
  if (!ref.ok) return failure(`name or version: ${ref.error}`);
  const publishedAt = optionalTime('publishedAt', query.publishedAt);
  return publishedAt.ok ? success({ ref: ref.value, publishedAt: publishedAt.value }) : publishedAt;
}

/** The view without its reporting (a check is not a request: nothing is counted or logged), and without the cooldown when it cannot be judged. */
function checkingView(view: PolicyView, ref: PackageRef, judgeCooldown: boolean): PolicyView {
  const { report: _unused, ...quiet } = view;
  if (judgeCooldown) return quiet;
  const { cooldown } = view.settings;
  return { ...quiet, settings: { ...view.settings, cooldown: { ...cooldown, hours: { ...cooldown.hours, [ref.ecosystem]: 0 } } } };
}

function cooldownAnswer(view: PolicyView, ref: PackageRef, decision: PolicyDecision, judged: boolean) {
  const hours = view.settings.cooldown.hours[ref.ecosystem];
  if (ref.version === undefined || !cooldownApplies(view, ref)) return undefined;
  if (!judged) return { hours, checked: false, note: 'give publishedAt (the version\'s publish time) to check the cooldown; the proxy reads it from the registry' };
  return { hours, checked: true, verdict: decision.releaseAge?.kind ?? 'off' };
}

/**
 * `GET /api/check`: what the policy in force says of one package or version, without
 * fetching anything: 200 with the decision (`allowed`, `blocked`, `audit`), the mode, the
 * reasons (report and rule ids, summaries, URLs), the allow entry that applied and what it
 * set aside, and the cooldown's verdict when a publish time is given (else that it was not
 * checked); 400 for a bad query; 503 while no usable database is loaded.
 */
export function checkAnswer(viewOf: (ecosystem: Ecosystem) => PolicyView, query: CheckQuery): Response {
  const read = readQuery(query);
  if (!read.ok) return apiError(400, 'bad-request', read.error);
  const { ref, publishedAt } = read.value;
  const view = viewOf(ref.ecosystem);
  const judged = publishedAt !== undefined;
  const check = checkPackage(checkingView(view, ref, judged), ref, publishedAt);
  if (check.kind === 'unavailable') return apiError(503, 'database-unavailable', `Not checked: ${check.reason}`);
  const { decision } = check;
  const cooldown = cooldownAnswer(view, ref, decision, judged);
  return apiJson({
    ecosystem: ref.ecosystem,
    name: ref.name,
    ...(ref.version !== undefined && { version: ref.version }),
    mode: decision.mode,
    decision: DECISIONS[decision.outcome],
    reasons: decision.reasons,
    ...(decision.allowedBy && { allowedBy: { package: decision.allowedBy.package.text, reason: decision.allowedBy.reason }, overridden: decision.overridden ?? [] }),
    ...(decision.internal && { internal: decision.internal.text }),
    ...(cooldown && { cooldown }),
  });
}
