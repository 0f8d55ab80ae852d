import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line.ts';

describe('parseCommandLine', () => {
  it('reads --config PATH and --config=PATH', () => {
    expect(parseCommandLine(['--config', 'palisade.json'])).toEqual({ configPath: 'palisade.json', problems: [] });
    expect(parseCommandLine(['--config=/etc/palisade.json'])).toEqual({ configPath: '/etc/palisade.json', problems: [] });
    expect(parseCommandLine([])).toEqual({ configPath: undefined, problems: [] });
  });

  it('reports a missing path', () => {
    expect(parseCommandLine(['--config']).problems).toEqual(['--config: expected a path after it']);
    expect(parseCommandLine(['--config=']).problems).toEqual(['--config: expected a path after it']);
    expect(parseCommandLine(['--config', '--port']).problems).toEqual(['--config: expected a path after it']);
  });

  it('reports --config given twice', () => {
    expect(parseCommandLine(['--config', 'a.json', '--config=b.json'])).toEqual({ configPath: 'a.json', problems: ['--config: given more than once'] });
  });

  it('reports unknown options and stray arguments by name', () => {
    expect(parseCommandLine(['--prot=80', '-v', 'serve']).problems).toEqual([
      '--prot: unknown option (the only option is --config PATH)',
      '-v: unknown option (the only option is --config PATH)',
      '"serve": unexpected argument (the only option is --config PATH)',
    ]);
  });

  it('quotes hostile arguments escaped and shortened', () => {
    const [problem] = parseCommandLine([`--\u001b[31m${'x'.repeat(10_000)}`]).problems;
    expect(problem).toContain('\\u001b');
    expect(problem?.length).toBeLessThan(200);
  });
});
