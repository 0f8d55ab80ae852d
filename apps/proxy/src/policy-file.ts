import { readFile } from 'node:fs/promises';
import { DEFAULT_POLICY_SETTINGS, failure, parsePolicySettings, printable, success, type PolicySettings, type Result } from '@palisade/core';
import { fileSignature } from './file-poll.ts';

/** A policy file longer than this is refused: even a long allow list is far smaller. */
const MAX_POLICY_FILE_BYTES = 16 << 20;

/** Why a file could not be read, without the stack: `ENOENT`, `EACCES`, or the message. */
function readError(error: unknown): string {
  if (error instanceof Error) return printable('code' in error && typeof error.code === 'string' ? error.code : error.message, 200);
  return 'unknown error';
}

/**
 * Reads the policy settings file at `path`: JSON (a UTF-8 byte order mark allowed) holding
 * what `parsePolicySettings` reads. The failure says what is wrong (unreadable, not JSON,
 * too large, or every problem with its key path), never throws.
 */
export async function readPolicyFile(path: string): Promise<Result<PolicySettings>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failure(`cannot be read (${readError(error)})`);
  }
  if (bytes.byteLength > MAX_POLICY_FILE_BYTES) return failure(`is larger than ${MAX_POLICY_FILE_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return failure(`is not valid JSON (${readError(error)})`);
  }
  return parsePolicySettings(value);
}

/** The policy settings a proxy starts with, and the signature of the file they were read from (for its watch). */
export interface StartingPolicy {
  readonly settings: PolicySettings;
  /** Set when they come from a policy file. */
  readonly file?: { readonly path: string; readonly signature: string };
}

/**
 * The policy settings to start with: read from `policyFile` when one is configured (its
 * signature taken first, so that a change made meanwhile is seen by the watch), else the
 * inline ones, else none. Fails with a message naming the file and its problem.
 */
export async function startingPolicy(policyFile: string | undefined, inline: PolicySettings | undefined): Promise<Result<StartingPolicy>> {
  if (policyFile === undefined) return success({ settings: inline ?? DEFAULT_POLICY_SETTINGS });
  const signature = await fileSignature(policyFile);
  const read = await readPolicyFile(policyFile);
  if (!read.ok) return failure(`policy file ${printable(policyFile, 400)}: ${read.error}`);
  return success({ settings: read.value, file: { path: policyFile, signature } });
}
