import type { ReportProblem } from './report-collector.ts';
import type { SnapshotHeader } from './snapshot-format.ts';

/** The steps of a sync, in the order they happen. */
export type SyncPhase = 'clone' | 'fetch' | 'diff' | 'read' | 'save';

/**
 * A progress event a person can follow: `message` says what is happening, `done` and
 * `total` (when known) count objects received or files read.
 */
export interface SyncProgress {
  readonly phase: SyncPhase;
  readonly message: string;
  readonly done?: number;
  readonly total?: number;
}

export type SyncProgressListener = (progress: SyncProgress) => void;

/** What one sync did: the commit it reached, how the index changed, and the snapshot it saved. */
export interface SyncResult {
  /** The source commit the snapshot reflects (git sources only). */
  readonly commit?: string;
  /** Reports new to the index; after a full rebuild, every report indexed. */
  readonly added: number;
  readonly changed: number;
  /** Reports that left the index (withdrawn or removed upstream). */
  readonly withdrawn: number;
  readonly fullRebuild: boolean;
  /** Why the index was rebuilt from every report rather than updated. */
  readonly rebuildReason?: string;
  /** Whether the local clone was made anew because its object store had grown past the bound. */
  readonly recloned?: boolean;
  /** Size of the clone's object store after the sync, in bytes. */
  readonly storeBytes?: number;
  /** Report files read but not indexed as they stand, and why. */
  readonly problems: readonly ReportProblem[];
  readonly durationMs: number;
  readonly snapshot: SnapshotHeader;
}
