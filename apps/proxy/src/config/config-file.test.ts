import { describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.ts';

const KNOWN = ['host', 'port', 'ttlSeconds'];
const fileWith = (text: string) => async () => text;

describe('readConfigFile', () => {
  it('returns the known keys of a JSON object', async () => {
    const contents = await readConfigFile('/etc/p.json', KNOWN, fileWith('{"host": "::", "port": 0}'));
    expect(contents.problems).toEqual([]);
    expect([...contents.values]).toEqual([['host', '::'], ['port', 0]]);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const contents = await readConfigFile('/etc/p.json', KNOWN, fileWith('\uFEFF{"port": 1}'));
    expect(contents.values.get('port')).toBe(1);
  });

  it('reports each unknown key, with a suggestion when one is close', async () => {
    const contents = await readConfigFile('/etc/p.json', KNOWN, fileWith('{"prot": 1, "listen": "x", "__proto__": {}, "host": "a"}'));
    expect(contents.problems).toEqual([
      'config file /etc/p.json: prot: unknown key (did you mean port?)',
      'config file /etc/p.json: listen: unknown key',
      'config file /etc/p.json: __proto__: unknown key',
    ]);
    expect(contents.values.get('host')).toBe('a');
  });

  it.each([
    ['{"port": ', 'is not valid JSON'],
    ['', 'is not valid JSON'],
    ['[1, 2]', 'expected a JSON object, found an array'],
    ['null', 'expected a JSON object, found null'],
    ['"port"', 'expected a JSON object, found "port"'],
  ])('reports a file holding %j', async (text, why) => {
    const contents = await readConfigFile('/etc/p.json', KNOWN, fileWith(text));
    expect(contents.problems).toHaveLength(1);
    expect(contents.problems[0]).toMatch(new RegExp(`^config file /etc/p.json: ${why.replace(/[[\]()]/g, '\\$&')}`));
  });

  it('reports a file that cannot be read by its error code', async () => {
    const missing = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    const contents = await readConfigFile('/etc/missing.json', KNOWN, () => Promise.reject(missing));
    expect(contents.problems).toEqual(['config file /etc/missing.json: cannot be read (ENOENT)']);
  });
});
