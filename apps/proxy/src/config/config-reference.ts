import { CONFIG_KEYS } from './settings.ts';

/** Makes text safe inside a Markdown table cell. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * A Markdown table of every configuration key (file key, environment variable, default,
 * description), for the README. Generated from `CONFIG_KEYS`, so it cannot drift from
 * what `loadConfig` reads.
 */
export function configReference(): string {
  const rows = CONFIG_KEYS.map((key) => `| \`${key.key}\` | \`${key.env}\` | ${cell(key.default)} | ${cell(key.description)} |`);
  return ['| file key | environment variable | default | description |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
