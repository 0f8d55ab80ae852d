import { describe, expect, it } from 'vitest';
import {
  LEGACY_HTML_CONTENT_TYPE,
  negotiateSimpleContentType,
  negotiateSimpleFormat,
  SIMPLE_HTML_CONTENT_TYPE,
  SIMPLE_JSON_CONTENT_TYPE,
} from './simple-format.ts';

const PIP_23 = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01';

describe('negotiateSimpleFormat', () => {
  it('gives pip 23 the JSON page it asks for first', () => {
    expect(negotiateSimpleFormat(PIP_23)).toBe('json');
    expect(negotiateSimpleContentType(PIP_23)).toBe(SIMPLE_JSON_CONTENT_TYPE);
  });

  it('gives HTML when there is no Accept header, as PEP 503 does', () => {
    expect(negotiateSimpleFormat(undefined)).toBe('html');
    expect(negotiateSimpleFormat('')).toBe('html');
    expect(negotiateSimpleFormat('   ')).toBe('html');
    expect(negotiateSimpleContentType(undefined)).toBe(LEGACY_HTML_CONTENT_TYPE);
  });

  it.each([
    ['text/html', 'html', LEGACY_HTML_CONTENT_TYPE],
    [SIMPLE_HTML_CONTENT_TYPE, 'html', SIMPLE_HTML_CONTENT_TYPE],
    [SIMPLE_JSON_CONTENT_TYPE, 'json', SIMPLE_JSON_CONTENT_TYPE],
    ['application/vnd.pypi.simple.latest+json', 'json', SIMPLE_JSON_CONTENT_TYPE],
    ['application/vnd.pypi.simple.latest+html', 'html', SIMPLE_HTML_CONTENT_TYPE],
    ['APPLICATION/VND.PYPI.SIMPLE.V1+JSON', 'json', SIMPLE_JSON_CONTENT_TYPE],
    ['application/vnd.pypi.simple.v1+json; charset=utf-8', 'json', SIMPLE_JSON_CONTENT_TYPE],
  ] as const)('%s gives %s as %s', (accept, format, contentType) => {
    expect(negotiateSimpleFormat(accept)).toBe(format);
    expect(negotiateSimpleContentType(accept)).toBe(contentType);
  });

  it('lets the highest quality win, whatever the order', () => {
    expect(negotiateSimpleFormat('text/html;q=0.9, application/vnd.pypi.simple.v1+json;q=0.8')).toBe('html');
    expect(negotiateSimpleFormat('application/vnd.pypi.simple.v1+html;q=0.5, application/vnd.pypi.simple.v1+json;q=0.6')).toBe('json');
    expect(negotiateSimpleFormat('application/vnd.pypi.simple.v1+json;q=0.001, text/html;q=0')).toBe('json');
    expect(negotiateSimpleContentType('text/html;q=0.3, application/vnd.pypi.simple.v1+html;q=0.2')).toBe(LEGACY_HTML_CONTENT_TYPE);
  });

  it('on a tie between named types prefers JSON, then version 1 HTML, then text/html', () => {
    expect(negotiateSimpleFormat('text/html, application/vnd.pypi.simple.v1+json')).toBe('json');
    expect(negotiateSimpleContentType('text/html, application/vnd.pypi.simple.v1+html')).toBe(SIMPLE_HTML_CONTENT_TYPE);
    expect(negotiateSimpleFormat('application/vnd.pypi.simple.v1+html;q=0.5, application/vnd.pypi.simple.v1+json;q=0.5')).toBe('json');
  });

  it('gives wildcard-only clients what pypi.org gives them: legacy HTML', () => {
    expect(negotiateSimpleContentType('*/*')).toBe(LEGACY_HTML_CONTENT_TYPE);
    expect(negotiateSimpleContentType('application/*')).toBe(SIMPLE_HTML_CONTENT_TYPE);
    expect(negotiateSimpleContentType('text/*')).toBe(LEGACY_HTML_CONTENT_TYPE);
    expect(negotiateSimpleFormat('application/json, */*;q=0.1')).toBe('html');
  });

  it('prefers a named type over a wildcard of the same quality', () => {
    expect(negotiateSimpleFormat('*/*, application/vnd.pypi.simple.v1+json')).toBe('json');
    expect(negotiateSimpleFormat('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
  });

  it('takes each type\'s quality from the most specific range that matches it', () => {
    expect(negotiateSimpleFormat('*/*;q=0.9, text/html;q=0, application/vnd.pypi.simple.v1+html;q=0')).toBe('json');
    expect(negotiateSimpleFormat('application/vnd.pypi.simple.v1+json;q=0, */*')).toBe('html');
    expect(negotiateSimpleFormat('application/*;q=0.2, application/vnd.pypi.simple.v1+json;q=0.9, text/html;q=0.5')).toBe('json');
    expect(negotiateSimpleFormat('application/vnd.pypi.simple.v1+json;q=0.1, application/*;q=1')).toBe('html');
  });

  it.each([
    'application/json',
    'text/plain, image/*',
    'application/vnd.pypi.simple.v2+json',
    'application/vnd.pypi.simple.v1+json;q=0, text/html;q=0, application/vnd.pypi.simple.v1+html;q=0',
    '*/*;q=0',
    ',,,',
  ])('finds nothing acceptable in %j', (accept) => {
    expect(negotiateSimpleFormat(accept)).toBeUndefined();
    expect(negotiateSimpleContentType(accept)).toBeUndefined();
  });

  it('skips malformed members and keeps the well-formed ones', () => {
    expect(negotiateSimpleFormat('text/html;q=2, application/vnd.pypi.simple.v1+json;q=0.5')).toBe('json');
    expect(negotiateSimpleFormat('text/html;q=abc, application/vnd.pypi.simple.v1+json;q=0.5')).toBe('json');
    expect(negotiateSimpleFormat('text/html;q=0.1234')).toBeUndefined();
    expect(negotiateSimpleFormat('*/json, text//html, text/html/x')).toBeUndefined();
    expect(negotiateSimpleFormat('text/html;level="a,*/*";q=0.5, application/vnd.pypi.simple.v1+json;q=0.4')).toBe('html');
    expect(negotiateSimpleFormat('text/html;q=1.000, application/vnd.pypi.simple.v1+json;q=1.')).toBe('json');
  });

  it('copes with hostile headers', () => {
    expect(negotiateSimpleFormat('\u0000text/html')).toBeUndefined();
    expect(negotiateSimpleFormat(`${'x/y, '.repeat(100_000)}application/vnd.pypi.simple.v1+json`)).toBeUndefined();
    expect(negotiateSimpleFormat(`"${'a'.repeat(100_000)}`)).toBeUndefined();
  });
});
