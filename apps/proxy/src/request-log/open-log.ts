import { join } from 'node:path';
import { openRequestLog, type RequestLog } from '@palisade/request-log';
import type { ProxyConfig } from '../config/proxy-config.ts';

/** Where the request log is kept under the data folder. */
export const requestLogFile = (dataDir: string) => join(dataDir, 'request-log.sqlite');

/**
 * Opens the request log the configuration asks for (undefined when it is off), with the
 * configured retention; write failures are logged as `request-log-failed`.
 */
export function openProxyRequestLog(config: ProxyConfig, log: (event: string, fields: Record<string, unknown>) => void, now: () => number): RequestLog | undefined {
  if (!config.requestLog.enabled) return undefined;
  const path = requestLogFile(config.dataDir);
  return openRequestLog({
    path,
    clock: now,
    retention: { days: config.requestLog.days, rows: config.requestLog.rows },
    onError: (error) => log('request-log-failed', { file: path, problem: error instanceof Error ? error.message : String(error) }),
  });
}
