import { describe, expect, it } from 'vitest';
import { offersThinPack, withThinPack } from './thin-pack-http.ts';

const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
const WANT = 'want d02e71436bb7b9b5934dc966667d95a9d2457132 multi_ack_detailed no-done side-band-64k ofs-delta agent=git/isomorphic-git\n';
const REST = `${pkt('shallow 8a3bb0acca743a748abd295e3a94bda321d5312a\n')}${pkt('deepen 1\n')}0000${pkt('have 8a3bb0acca743a748abd295e3a94bda321d5312a\n')}${pkt('done\n')}`;

describe('withThinPack', () => {
  it('adds thin-pack to the first want line, its length prefix rewritten, and leaves the rest', () => {
    const asked = withThinPack(pkt(WANT) + REST);
    expect(asked).toBe(pkt(WANT.replace(/\n$/, ' thin-pack\n')) + REST);
    expect(asked.slice(0, 4)).toBe((4 + WANT.length + ' thin-pack'.length).toString(16).padStart(4, '0'));
  });

  it('leaves a request that asks already, or that does not start with a want, as it was', () => {
    const already = pkt(WANT.replace(/\n$/, ' thin-pack\n')) + REST;
    expect(withThinPack(already)).toBe(already);
    for (const request of [REST, '', '00', 'zzzzwant x\n', `0fff${WANT}`, `0004${WANT}`]) expect(withThinPack(request)).toBe(request);
  });
});

describe('offersThinPack', () => {
  const advertisement = (capabilities: string) => `001e# service=git-upload-pack\n0000${pkt(`d02e71436bb7b9b5934dc966667d95a9d2457132 HEAD\0${capabilities}\n`)}0000`;
  it('reads the capabilities after the first ref', () => {
    expect(offersThinPack(advertisement('multi_ack thin-pack side-band-64k ofs-delta shallow'))).toBe(true);
    expect(offersThinPack(advertisement('multi_ack side-band-64k ofs-delta shallow thin-packs'))).toBe(false);
    expect(offersThinPack('no capabilities here')).toBe(false);
  });
});
