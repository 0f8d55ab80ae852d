import type { PolicySettings } from '@palisade/core';
import { errorText } from './error-text.ts';
import { fileSignature, pollFile } from './file-poll.ts';
import { readPolicyFile } from './policy-file.ts';

export interface PolicyWatchOptions {
  /** The policy settings file. */
  readonly file: string;
  /** Milliseconds between checks (default 5000). */
  readonly intervalMs?: number;
  /** Puts settings read from a changed, valid file in force. */
  readonly use: (settings: PolicySettings) => void;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** The file's signature when the settings in force were read from it. */
  readonly seen: string;
}

/** A running watch of the policy file. */
export interface PolicyWatch {
  /** Checks now (after a check under way). */
  check(): Promise<void>;
  /** Stops watching; resolves once a check under way has finished. */
  close(): Promise<void>;
}

/** What a log line says of settings put in force. */
export function describeSettings(settings: PolicySettings): Record<string, unknown> {
  return {
    modes: settings.modes.length,
    allow: settings.allow.length,
    deny: settings.deny.length,
    internal: settings.internal.length,
    cooldownHours: settings.cooldown.hours,
    unknownPublishTime: settings.cooldown.unknownPublishTime,
  };
}

/**
 * Watches the policy file by polling its signature (inode, size, modification time), the
 * next check timed from the end of the last. A changed file is read and checked whole:
 * valid, its settings replace those in force at once (`policy-reloaded`); invalid or
 * unreadable (missing included), the settings in force stay and the log says why
 * (`policy-reload-failed`), once per change of the file.
 */
export function watchPolicyFile(options: PolicyWatchOptions): PolicyWatch {
  let seen = options.seen;
  async function checkOnce(): Promise<void> {
    const signature = await fileSignature(options.file);
    if (signature === seen) return;
    seen = signature;
    const read = await readPolicyFile(options.file);
    if (!read.ok) return void options.log('policy-reload-failed', { file: options.file, problem: read.error, kept: 'the policy settings in force stay in force' });
    options.use(read.value);
    options.log('policy-reloaded', { file: options.file, ...describeSettings(read.value) });
  }
  return pollFile(checkOnce, options.intervalMs ?? 5000, (error) => options.log('policy-watch-failed', { file: options.file, error: errorText(error) }));
}
