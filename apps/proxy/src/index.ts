export { configReference } from './config/config-reference.ts';
export { loadConfig } from './config/load-config.ts';
export type { LoadConfigOptions } from './config/load-config.ts';
export type { ProxyConfig } from './config/proxy-config.ts';
export { CONFIG_KEYS } from './config/settings.ts';
export type { ConfigKey } from './config/settings.ts';
