import { decide, type Decision, type PackageRef, type Policy } from '@palisade/core';

/** The policy an adapter applies, as it stands at the moment of a request. */
export interface PolicyView {
  /** Mode and rules for this ecosystem. */
  readonly policy: Policy;
  /**
   * Names the data the rules read (the database build). Documents derived from it, such
   * as a filtered packument, are reused while it stays the same.
   */
  readonly revision: string;
  /**
   * Set while the data the rules need is not loaded, saying why. In `enforce` mode every
   * package request is then refused with 503 rather than served unchecked.
   */
  readonly unavailable?: string | undefined;
}

/** Reads the policy in force; called once per request. */
export type PolicySource = () => PolicyView;

/** What the policy says about one package or version. */
export type PackageCheck =
  | { readonly kind: 'decided'; readonly decision: Decision }
  /** No database loaded: `enforce` refuses (503), other modes serve without a check. */
  | { readonly kind: 'unavailable'; readonly reason: string; readonly refuse: boolean };

/** Applies the policy to a package reference. */
export function checkPackage(view: PolicyView, ref: PackageRef): PackageCheck {
  if (view.unavailable !== undefined && view.policy.mode !== 'off') {
    return { kind: 'unavailable', reason: view.unavailable, refuse: view.policy.mode !== 'audit' };
  }
  return { kind: 'decided', decision: decide(ref, view.policy) };
}
