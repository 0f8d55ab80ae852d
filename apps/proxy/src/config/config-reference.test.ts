import { describe, expect, it } from 'vitest';
import { TTL_CLASSES } from '@palisade/cache';
import { configReference } from './config-reference.ts';
import { CONFIG_KEYS } from './settings.ts';

describe('CONFIG_KEYS', () => {
  it('gives every key an environment variable, a default and a description', () => {
    for (const key of CONFIG_KEYS) {
      expect(key.env, key.key).toMatch(/^PALISADE_[A-Z0-9_]+$/);
      expect(key.default, key.key).not.toBe('');
      expect(key.description.length, key.key).toBeGreaterThan(10);
    }
  });

  it('has no key or environment variable twice, and one row per TTL class', () => {
    expect(new Set(CONFIG_KEYS.map((key) => key.key)).size).toBe(CONFIG_KEYS.length);
    expect(new Set(CONFIG_KEYS.map((key) => key.env)).size).toBe(CONFIG_KEYS.length);
    expect(CONFIG_KEYS.filter((key) => key.key.startsWith('ttlSeconds.')).map((key) => key.key.slice(11))).toEqual([...TTL_CLASSES]);
  });
});

describe('configReference', () => {
  it('is a Markdown table with one row per key', () => {
    const lines = configReference().trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['| file key | environment variable | default | description |', '| --- | --- | --- | --- |']);
    expect(lines).toHaveLength(CONFIG_KEYS.length + 2);
    expect(lines).toContain('| `port` | `PALISADE_PORT` | `8780` | Port to listen on (0-65535); 0 picks a free port. |');
    expect(lines).toContain('| `ttlSeconds.npm-metadata` | `PALISADE_TTL_NPM_METADATA` | `3600` | Seconds a cached `npm-metadata` entry stays fresh. |');
    for (const line of lines) expect(line.split(/(?<!\\)\|/)).toHaveLength(6);
  });
});
