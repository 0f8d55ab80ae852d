import { describe, expect, it } from 'vitest';
import { filterPackument } from './packument-filter.ts';
import { filterPackumentText, type FilteredPackumentText } from './packument-text-filter.ts';
import { denying, packument } from './testing/packument.ts';
import { canonicalJson, random } from './testing/random-json.ts';
import { randomPackument } from './testing/random-packument.ts';

const VERSIONS = ['1.0.0', '1.1.0', '2.0.0-rc.1', '2.0.0', '2.1.0'];

/** The filtered packument, its JSON as a string. */
function filteredText(text: string, ...denied: string[]): Omit<FilteredPackumentText, 'json'> & { text: string } {
  const result = filterPackumentText(Buffer.from(text), denying('pkg', ...denied).options);
  if (!result.ok) throw new Error(result.error);
  const { json, ...facts } = result.value;
  return { ...facts, text: json.toString('utf8') };
}

/** Options denying `denied`, recording what was asked. */
function options(denied: ReadonlySet<string>) {
  const asked: string[] = [];
  const isDenied = (version: string) => (asked.push(version), denied.has(version));
  // The file as it is (encodeURIComponent would throw on the lone surrogates some generated names hold).
  return { asked, options: { isDenied, tarballUrl: (file: string) => `https://proxy.test/npm/x/-/${file}` } };
}

describe('filterPackumentText: the same outcome as filterPackument, on text', () => {
  it('removes denied versions, re-points dist-tags, rewrites tarballs, and leaves every other byte', () => {
    const doc = packument('pkg', VERSIONS, { latest: '2.1.0', next: '2.0.0-rc.1', beta: '2.0.0' });
    const text = JSON.stringify(doc, null, 2);
    const result = filteredText(text, '2.1.0', '1.0.0');
    const expected = filterPackument(doc, denying('pkg', '2.1.0', '1.0.0').options);
    if (!expected.ok) throw new Error(expected.error);
    expect(JSON.parse(result.text)).toEqual(expected.value.document);
    expect(result.removed).toEqual(['1.0.0', '2.1.0']);
    expect(result.distTags).toEqual([{ tag: 'latest', from: '2.1.0', to: '2.0.0' }]);
    expect(result.remaining).toBe(3);
    // The readme and the rest stay as written (pretty-printed here), tarballs excepted.
    const kept = text.replaceAll('https://registry.npmjs.org/pkg/', 'https://proxy.test/npm/pkg/');
    expect(result.text.length).toBeLessThan(kept.length);
    expect(kept.startsWith(result.text.slice(0, result.text.indexOf('"dist-tags"')))).toBe(true);
  });

  it('changes nothing but tarball URLs when nothing is denied', () => {
    const text = JSON.stringify(packument('pkg', VERSIONS, { latest: '2.1.0' }), null, '\t');
    const result = filteredText(text);
    expect(result.text).toBe(text.replaceAll('https://registry.npmjs.org/pkg/', 'https://proxy.test/npm/pkg/'));
    expect(result.removed).toEqual([]);
  });

  it('returns the same text when there is nothing to change', () => {
    const text = '{"name":"pkg","versions":{"1.0.0":{"dist":{"shasum":"ab"}}},"time":{"1.0.0":"x"}}';
    const result = filteredText(text);
    expect(result.text).toBe(text);
    expect(result.keptTarballUrls).toEqual(['1.0.0']);
  });

  it('cuts every version and its time entry when all are denied', () => {
    const text = '{"versions":{"1.0.0":{},"2.0.0":{}},"time":{"1.0.0":"a","created":"b","2.0.0":"c"},"dist-tags":{"latest":"2.0.0"}}';
    const result = filteredText(text, '1.0.0', '2.0.0');
    expect(result.text).toBe('{"versions":{},"time":{"created":"b"},"dist-tags":{}}');
    expect(result.remaining).toBe(0);
  });

  it('agrees with filterPackument on 1,500 generated packuments', { timeout: 60_000 }, () => {
    const next = random(20_240_601);
    let agreed = 0;
    let fellBack = 0;
    for (let round = 0; round < 1_500; round++) {
      const generated = randomPackument(next);
      const bytes = Buffer.from(generated.text);
      const parsed = options(generated.denied);
      const expected = filterPackument(JSON.parse(bytes.toString('utf8')), parsed.options);
      const text = options(generated.denied);
      const result = filterPackumentText(bytes, text.options);
      if (!result.ok) {
        expect(text.asked).toEqual([]);
        if (expected.ok) expect({ fellBack: result.error, unusual: generated.unusual }).toMatchObject({ unusual: true });
        fellBack++;
        continue;
      }
      if (!expected.ok) throw new Error(`the text filter accepted what filterPackument refused: ${generated.text}`);
      const { document, ...facts } = expected.value;
      const { json, ...textFacts } = result.value;
      expect(canonicalJson(JSON.parse(json.toString('utf8'))), generated.text).toBe(canonicalJson(document));
      expect(textFacts).toEqual(facts);
      expect(text.asked).toEqual(parsed.asked);
      agreed++;
    }
    expect(agreed).toBeGreaterThan(1_200); // most documents take the text path
    expect(fellBack).toBeGreaterThan(20); // and the unusual ones exercise the fallback
  });
});

describe('filterPackumentText: documents left to filterPackument', () => {
  it.each([
    ['a repeated version', '{"versions":{"1.0.0":{},"1.0.0":{}}}', /repeats version "1.0.0"/],
    ['a repeated versions key', '{"versions":{},"versions":{"1.0.0":{}}}', /repeats "versions"/],
    ['a repeated escaped time key', '{"versions":{},"time":{},"\\u0074ime":{}}', /repeats "time"/],
    ['an array-index version', '{"versions":{"2.0.0":{},"1":{}}}', /array index/],
    ['no versions', '{"name":"pkg"}', /no "versions" object/],
    ['versions not an object', '{"versions":[]}', /no "versions" object/],
    ['dist-tags not an object', '{"versions":{},"dist-tags":null}', /"dist-tags" is not an object/],
    ['a top level that is not an object', '["versions"]', /not a JSON object/],
  ])('fails on %s without asking about any version', (_case, text, error) => {
    const { asked, options: filterOptions } = denying('pkg');
    const result = filterPackumentText(Buffer.from(text), filterOptions);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
    expect(asked).toEqual([]);
  });

  it('fails, never throws, on text that is not JSON in UTF-8', () => {
    const good = JSON.stringify(packument('pkg', VERSIONS, { latest: '2.1.0' }));
    const hostile = [
      '', 'null', '"x"', '{', good.slice(0, -1), good.slice(0, good.length / 2), `${good}}`, `${good},`, good.replace('}', ']'),
      good.replace('"dist"', '"dist\n"'), good.replace('{"1.0.0"', '{"1.0.0\\q"'), '{"versions":'.repeat(50_000), '['.repeat(1e6),
      `{"versions":{"1.0.0":${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}}}`, '\ufeff{"versions":{}}',
    ];
    const notUtf8 = Buffer.concat([Buffer.from('{"versions":{"1.0.0":{"description":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}}')]);
    expect(filterPackumentText(notUtf8, denying('pkg').options).ok).toBe(false);
    for (const text of hostile) {
      const { asked, options: filterOptions } = denying('pkg');
      expect(filterPackumentText(Buffer.from(text), filterOptions).ok).toBe(false);
      expect(asked).toEqual([]);
    }
  });
});
