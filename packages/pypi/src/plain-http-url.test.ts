import { describe, expect, it } from 'vitest';
import { plainHttpUrl } from './plain-http-url.ts';
import { random } from './testing/random-simple-page.ts';

/** What `URL` gives for the parts `plainHttpUrl` reads, or undefined when it refuses the link. */
function parsed(link: string) {
  const url = URL.parse(link);
  return url === null ? undefined : { protocol: url.protocol, host: url.host, pathname: url.pathname };
}

const SCHEMES = ['https://', 'http://', 'HTTPS://', 'Http://', 'https:/', 'https:\\\\', 'ftp://', 'https:///', ' https://', ''];
const HOSTS = [
  'files.pythonhosted.org', 'FILES.Example.TEST', 'a', 'a-b.c-d', '-x-.y', 'x.1a', '1.2.3.4', '1.2.3', '0x7f.1', 'a.0x10', 'a.09', 'a.b.', '.a', 'a..b',
  'xn--nxasmq6b.test', 'a.XN--nxasmq6b', 'xn--abc', 'user@host', 'user:pw@host', '[::1]', 'h_st', 'hö.test', 'a%41.test', 'a b', 'a\tb', 'host\\', '',
];
const PORTS = ['', ':443', ':80', ':0443', ':080', ':8443', ':8080', ':65535', ':65536', ':99999', ':123456', ':', ':0', ':1', ':x'];
const SEGMENTS = [
  'packages', 'ab', 'x-1.0.tar.gz', '.', '..', '.hidden', 'a.', '%2e', '%2E%2e', '.%2e', 'a%2eb', '%41%zz', '%', "!$&'()*+,;=:@~_-", 'a b', 'a"b', 'a<b>',
  'a`b', 'a{b}', 'a|b', 'a^b', 'a[b]', 'ä', 'a\\b', 'a?b=c', 'a#frag', 'a\tb', 'a\nb', '\u0000', '',
];

function randomLink(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const segments = Array.from({ length: Math.floor(next() * 5) }, () => (next() < 0.6 ? pick(SEGMENTS.slice(0, 3)) : pick(SEGMENTS)));
  const path = next() < 0.9 ? `/${segments.join('/')}` : segments.join('/');
  return `${next() < 0.8 ? pick(SCHEMES.slice(0, 2)) : pick(SCHEMES)}${next() < 0.6 ? pick(HOSTS.slice(0, 3)) : pick(HOSTS)}${next() < 0.7 ? '' : pick(PORTS)}${path}`;
}

describe('plainHttpUrl', () => {
  it('reads the links pypi.org writes without URL, as URL does', () => {
    const link = 'https://files.pythonhosted.org/packages/ab/cd/ef0123/demo_pkg-1.0-py3-none-any.whl';
    expect(plainHttpUrl(link)).toEqual(parsed(link));
    expect(plainHttpUrl('http://Mirror.Test:8443/p/x%20y.zip')).toEqual({ protocol: 'http:', host: 'mirror.test:8443', pathname: '/p/x%20y.zip' });
  });

  it('leaves to URL what it would read differently', () => {
    const hostile = ['https://1.2.3/x', 'https://0x7f.1/x', 'https://a.09/x', 'https://xn--abc/x', 'https://h:443/x', 'https://h:0443/x', 'http://h:80/x', 'https://h:65536/x',
      'https://u@h/x', 'https://h/a/../x', 'https://h/%2e%2E/x', 'https://h/a/./x', 'https://h/a\\x', 'https://h/a?b', 'https://h/a b', 'https://h', 'https://h/é', 'HTTPS://h/x', '/x', 'h/x'];
    for (const link of hostile) expect({ link, read: plainHttpUrl(link) }).toEqual({ link, read: undefined });
  });

  it('agrees with URL on 50,000 generated and hostile links', { timeout: 60_000 }, () => {
    const next = random(3986);
    let read = 0;
    for (let i = 0; i < 50_000; i++) {
      const link = randomLink(next);
      const plain = plainHttpUrl(link);
      if (plain === undefined) continue;
      read++;
      expect({ link, plain }).toEqual({ link, plain: parsed(link) });
    }
    expect(read).toBeGreaterThan(10_000);
  });
});
