export { startProxyUnderTest } from './proxy-under-test.ts';
export type { ProxyOptions, ProxyUnderTest } from './proxy-under-test.ts';
export { describeResult, runCommand } from './run-command.ts';
export type { CommandResult, RunOptions } from './run-command.ts';
export { createTempFolder } from './temp-folder.ts';
export type { TempFolder } from './temp-folder.ts';
export { writeZip } from './zip-writer.ts';
export type { ArchiveEntry, ZipCompression } from './zip-writer.ts';
