// The proxy's command: `node apps/proxy/src/main.ts [--config PATH]`, configured by the
// file and PALISADE_* environment variables (see the README). Exits 2 on a bad configuration
// or policy file, or when the proxy cannot start (the reason on stderr).
import { loadConfig } from './config/load-config.ts';
import { startProxy } from './start-proxy.ts';

const loaded = await loadConfig({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() });
if (!loaded.ok) {
  console.error(`palisade: the configuration is not valid:\n${loaded.error}`);
  process.exit(2);
}
const proxy = await startProxy(loaded.value).catch((error: unknown) => {
  console.error(`palisade: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
const stop = (signal: string) => {
  console.log(JSON.stringify({ time: new Date().toISOString(), event: 'stopping', signal }));
  proxy.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
