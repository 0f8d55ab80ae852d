import type { Context } from 'hono';
import { packageRef, PalisadeError, RELEASE_AGE_RULE_NAME } from '@palisade/core';
import { checkPackage, noteTarget } from '@palisade/http';
import { bulkAdvisories, mergeBulkAdvisories, parseAuditTree, parseBulkAuditRequest, quickAuditReport, type AuditFinding } from './index.ts';
import { readAuditBody } from './npm-audit-body.ts';
import type { NpmAppState } from './npm-app.ts';

const UPSTREAM_PATHS = { bulk: '-/npm/v1/security/advisories/bulk', quick: '-/npm/v1/security/audits/quick', full: '-/npm/v1/security/audits' } as const;

/**
 * What the policy finds against each requested version (deny and audit findings alike). The
 * release-age cooldown is no finding: a young version is held back from installs, not reported.
 */
function findingsFor(state: NpmAppState, packages: Iterable<readonly [string, string]>): AuditFinding[] {
  const view = state.options.policy();
  const findings: AuditFinding[] = [];
  for (const [name, version] of packages) {
    const ref = packageRef('npm', name, version);
    if (!ref.ok) continue;
    const check = checkPackage(view, ref.value);
    if (check.kind === 'unavailable') {
      if (check.refuse) throw new PalisadeError(503, 'database-unavailable', `No package can be audited against the malicious-package database: ${check.reason}`);
      continue;
    }
    const reasons = check.decision.reasons.filter((reason) => reason.rule !== RELEASE_AGE_RULE_NAME);
    if (reasons.length > 0) findings.push({ name, version, reasons });
  }
  return findings;
}

/** The registry's own audit answer, or undefined when it fails: Palisade's findings are returned either way. */
async function upstreamAudit(state: NpmAppState, endpoint: keyof typeof UPSTREAM_PATHS, body: unknown): Promise<unknown> {
  try {
    const response = await state.options.upstream.request({ path: UPSTREAM_PATHS[endpoint], method: 'POST', body: JSON.stringify(body), contentType: 'application/json', accept: 'application/json' });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The audit endpoints: npm's bulk advisories (`npm audit`, `npm install`) and the legacy
 * quick and full audits (`pnpm audit`). Each flagged version gains a critical advisory
 * naming its report, merged with what the registry returned.
 */
export async function handleAudit(c: Context, state: NpmAppState, endpoint: 'bulk' | 'quick' | 'full'): Promise<Response> {
  noteTarget(c, { kind: 'other' });
  const body = await readAuditBody(c.req.raw, state.maxAuditBytes);
  if (endpoint === 'bulk') {
    const request = parseBulkAuditRequest(body);
    if (!request.ok) throw new PalisadeError(400, 'bad-request', `The audit request is not a bulk advisory request: ${request.error}`);
    const pairs = [...request.value].flatMap(([name, versions]) => versions.map((version) => [name, version] as const));
    const findings = findingsFor(state, pairs);
    return c.json(mergeBulkAdvisories(await upstreamAudit(state, endpoint, body), bulkAdvisories(findings)));
  }
  const tree = parseAuditTree(body);
  if (!tree.ok) throw new PalisadeError(400, 'bad-request', `The audit request is not a dependency tree: ${tree.error}`);
  const findings = findingsFor(state, tree.value.map((node) => [node.name, node.version] as const));
  return c.json(quickAuditReport(findings, await upstreamAudit(state, endpoint, body), tree.value.length));
}
