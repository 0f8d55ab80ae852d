export { loadSyncOptions, OPENSSF_REPOSITORY, parseDuration, parseSource } from './sync-options.ts';
export type { SyncOptions, SyncSource } from './sync-options.ts';
export { runSync, summaryOf } from './sync-run.ts';
export type { SyncDependencies } from './sync-run.ts';
export { realSleep, runScheduled } from './sync-schedule.ts';
export type { ScheduleOptions, Sleep } from './sync-schedule.ts';
