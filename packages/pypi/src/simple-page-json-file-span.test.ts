import { describe, expect, it } from 'vitest';
import { jsonFileSpan } from './simple-page-json-file-span.ts';

const PAGE_URL = 'https://pypi.test/simple/demo/';
const URL_TEXT = '"https://files.test/p/demo-1.0.tar.gz#sha256=ab"';
/** A file object with `extra` members before and after the usual ones. */
const file = (before = '', after = '') => `{${before}"filename":"demo-1.0.tar.gz","url":${URL_TEXT},"hashes":{"sha256":"ab"}${after}}`;
const span = (text: string) => jsonFileSpan(`[${text}]`, 1, PAGE_URL);

describe('jsonFileSpan', () => {
  it('reads the name, the URL without its fragment, and where the URL and the object are', () => {
    const text = file('', ',"size":12,"yanked":false');
    const read = span(text);
    expect(read).toMatchObject({ start: 1, end: text.length + 1, filename: 'demo-1.0.tar.gz', metadataCuts: [] });
    expect(read?.url).toMatchObject({ protocol: 'https:', host: 'files.test', pathname: '/p/demo-1.0.tar.gz' });
    expect(`[${text}]`.slice(read?.urlStart, read?.urlEnd)).toBe(URL_TEXT);
  });

  it('reads a spaced-out object and a relative URL', () => {
    const read = span('{ "url" : "../../p/x-1.0.zip" ,\n\t"filename" : "x-1.0.zip" }');
    expect(read?.url).toMatchObject({ host: 'pypi.test', pathname: '/p/x-1.0.zip' });
    expect(read?.filename).toBe('x-1.0.zip');
  });

  it('declines a key read here met twice, and any key written with an escape', () => {
    for (const text of [
      file('', `,"url":"https://evil.test/x.tar.gz"`),
      file('"filename":"other-2.0.tar.gz",'),
      file('', ',"core-metadata":true,"core-metadata":{"sha256":"cd"}'),
      file('', ',"\\u0075rl":"https://evil.test/x.tar.gz"'),
      file('', ',"x\\"y":1'),
      file('', ',"dist-info-metadata":true'),
    ]) {
      expect(span(text), text).toBeUndefined();
    }
    expect(span(file('"extra":1,', ',"extra":2'))?.filename).toBe('demo-1.0.tar.gz');
  });

  it('takes only the object\'s own `url`: not one nested deeper, nor one written inside a string', () => {
    const nested = file('"extra":{"url":"https://evil.test/a","files":[{"url":"https://evil.test/b"}]},');
    const quoted = file('"yanked":"\\",\\"url\\":\\"https://evil.test/c",', ',"provenance":"\\"url\\":\\"https://evil.test/d\\""');
    for (const text of [nested, quoted]) {
      const read = span(text);
      expect(read?.url.host).toBe('files.test');
      expect(`[${text}]`.slice(read?.urlStart, read?.urlEnd)).toBe(URL_TEXT);
    }
  });

  it('reads values nested deep, up to a limit', () => {
    const deep = (depth: number) => file(`"extra":${'['.repeat(depth)}${']'.repeat(depth)},`);
    expect(span(deep(200))?.filename).toBe('demo-1.0.tar.gz');
    expect(span(deep(100_000))).toBeUndefined();
  });

  it('checks the types parseSimpleJson requires', () => {
    for (const member of ['"size":-1', '"size":01', '"size":1.5', '"size":9007199254740993', '"size":"1"', '"yanked":1', '"gpg-sig":"x"', '"requires-python":1', '"core-metadata":"x"']) {
      expect(span(file('', `,${member}`)), member).toBeUndefined();
    }
    for (const member of ['"size":0', '"size":123456789012345', '"size":1.0e2', '"size":null', '"yanked":"broken"', '"gpg-sig":null', '"upload-time":null']) {
      expect(span(file('', `,${member}`))?.filename, member).toBe('demo-1.0.tar.gz');
    }
    const bare = (hashes: string) => span(`{"filename":"x.zip","url":"https://files.test/x","hashes":${hashes}}`);
    expect([bare('{}'), bare('null'), bare('{"md5":"ab","sha256":"cd"}')].map((read) => read?.filename)).toEqual(['x.zip', 'x.zip', 'x.zip']);
    expect([bare('{"sha256":1}'), bare('[]'), bare('"ab"'), bare('{"sha256":"ab"')]).toEqual([undefined, undefined, undefined, undefined]);
    expect(span('{"filename":"","url":"https://files.test/x"}')).toBeUndefined();
    expect(span('{"url":"https://files.test/x"}')).toBeUndefined();
    expect(span('{"filename":"x.zip","url":"https://files.test/x",}')).toBeUndefined();
  });

  it('cuts metadata members that carry no SHA-256, keeps those that do, and declines a mix', () => {
    const cut = (members: string) => {
      const text = `[${file('', members)}]`;
      const cuts = jsonFileSpan(text, 1, PAGE_URL)?.metadataCuts;
      if (cuts === undefined) return undefined;
      let kept = text.slice(0, cuts[0]);
      for (let i = 0; i < cuts.length; i += 2) kept += text.slice(cuts[i + 1], cuts[i + 2] ?? text.length);
      return cuts.length === 0 ? text : kept;
    };
    expect(cut(',"core-metadata":true,"size":1,"data-dist-info-metadata":{"sha256":""}')).toBe(`[${file('', ',"size":1')}]`);
    expect(cut(',"core-metadata":{"sha256":"cd"},"data-dist-info-metadata":{"SHA256":"cd","md5":"ef"}')).toBe(`[${file('', ',"core-metadata":{"sha256":"cd"},"data-dist-info-metadata":{"SHA256":"cd","md5":"ef"}')}]`);
    expect(cut(',"core-metadata":{"sha256":"a\\"b"}')).toContain('core-metadata');
    expect(cut(',"core-metadata":{"sha256":"cd"},"data-dist-info-metadata":true')).toBeUndefined();
    expect(cut(',"core-metadata":null')).toContain('core-metadata');
  });
});
