/** The content type of a PEP 691 JSON page, API version 1. */
export const SIMPLE_JSON_CONTENT_TYPE = 'application/vnd.pypi.simple.v1+json';
/** The content type of a PEP 503 HTML page, API version 1, as PEP 691 names it. */
export const SIMPLE_HTML_CONTENT_TYPE = 'application/vnd.pypi.simple.v1+html';
/** The legacy content type of a PEP 503 HTML page, which PEP 691 treats as version 1 HTML. */
export const LEGACY_HTML_CONTENT_TYPE = 'text/html';

/** The two forms of a Simple repository page. */
export type SimpleFormat = 'json' | 'html';

interface Offer {
  readonly format: SimpleFormat;
  readonly contentType: string;
  /** The media types that name this offer exactly: its own and PEP 691's `latest` alias. */
  readonly names: readonly string[];
}

const JSON_OFFER: Offer = {
  format: 'json',
  contentType: SIMPLE_JSON_CONTENT_TYPE,
  names: [SIMPLE_JSON_CONTENT_TYPE, 'application/vnd.pypi.simple.latest+json'],
};
const HTML_OFFER: Offer = {
  format: 'html',
  contentType: SIMPLE_HTML_CONTENT_TYPE,
  names: [SIMPLE_HTML_CONTENT_TYPE, 'application/vnd.pypi.simple.latest+html'],
};
const LEGACY_HTML_OFFER: Offer = { format: 'html', contentType: LEGACY_HTML_CONTENT_TYPE, names: [LEGACY_HTML_CONTENT_TYPE] };

// On equal quality: a client that names a type understands it, so the most expressive one it
// names wins, text/html last (PEP 691's recommendation); a client matched by wildcards only
// gets what pypi.org gives it, legacy HTML first.
const BY_NAME = [JSON_OFFER, HTML_OFFER, LEGACY_HTML_OFFER];
const BY_WILDCARD = [LEGACY_HTML_OFFER, HTML_OFFER, JSON_OFFER];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const QUALITY = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;
// Ranges past this many are ignored: no client lists more than a handful.
const MAX_RANGES = 64;

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly quality: number;
}

/**
 * The form of a Simple repository page to answer a request with, by PEP 691 server-driven
 * content negotiation on its `Accept` header: version 1 JSON, version 1 HTML and `text/html`
 * (HTML), `latest` meaning version 1, `type/*` and `*\/*` wildcards, quality values (`q=0`:
 * not acceptable; absent: 1). Each offer takes the quality of the most specific range that
 * matches it; the highest quality wins; ties go as described above. No header (or an empty
 * one) means HTML, the PEP 503 default; undefined means nothing acceptable (answer 406).
 */
export function negotiateSimpleFormat(accept: string | undefined): SimpleFormat | undefined {
  return negotiate(accept)?.format;
}

/**
 * The `Content-Type` to answer with after the same negotiation: the JSON or HTML version 1
 * type, or `text/html` when that is what the client asked for (or for no header, as pip
 * before PEP 691 accepts no other).
 */
export function negotiateSimpleContentType(accept: string | undefined): string | undefined {
  return negotiate(accept)?.contentType;
}

function negotiate(accept: string | undefined): Offer | undefined {
  if (accept === undefined || accept.trim() === '') return LEGACY_HTML_OFFER;
  const ranges = parseAccept(accept);
  let best: { offer: Offer; quality: number; named: boolean } | undefined;
  for (const offer of BY_NAME) {
    const match = bestRange(offer, ranges);
    if (match === undefined || match.range.quality === 0) continue;
    const candidate = { offer, quality: match.range.quality, named: match.specificity === 2 };
    if (best === undefined || beats(candidate, best)) best = candidate;
  }
  return best?.offer;
}

function beats(a: { offer: Offer; quality: number; named: boolean }, b: { offer: Offer; quality: number; named: boolean }): boolean {
  if (a.quality !== b.quality) return a.quality > b.quality;
  if (a.named !== b.named) return a.named;
  const order = a.named ? BY_NAME : BY_WILDCARD;
  return order.indexOf(a.offer) < order.indexOf(b.offer);
}

/** The first of the most specific ranges matching `offer`: 2 names it, 1 is `type/*`, 0 is `*\/*`. */
function bestRange(offer: Offer, ranges: readonly MediaRange[]): { range: MediaRange; specificity: number } | undefined {
  const [offerType] = offer.contentType.split('/');
  let best: { range: MediaRange; specificity: number } | undefined;
  for (const range of ranges) {
    let specificity: number;
    if (range.type === '*') specificity = 0;
    else if (range.subtype === '*') specificity = range.type === offerType ? 1 : -1;
    else specificity = offer.names.includes(`${range.type}/${range.subtype}`) ? 2 : -1;
    if (specificity >= 0 && (best === undefined || specificity > best.specificity)) best = { range, specificity };
  }
  return best;
}

/** The well-formed media ranges of an `Accept` value; malformed members are skipped. */
function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const member of splitOutsideQuotes(accept, ',').slice(0, MAX_RANGES)) {
    const [mediaRange = '', ...parameters] = splitOutsideQuotes(member, ';').map((part) => part.trim());
    const [type = '', subtype = '', extra] = mediaRange.toLowerCase().split('/');
    if (extra !== undefined || !TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) continue;
    const qualityParameter = parameters.find((parameter) => /^q\s*=/i.test(parameter));
    const qualityText = qualityParameter?.slice(qualityParameter.indexOf('=') + 1).trim() ?? '1';
    if (!QUALITY.test(qualityText)) continue;
    ranges.push({ type, subtype, quality: Number(qualityText) });
  }
  return ranges;
}

/** `text` split at each `separator` that is not inside a quoted string. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\' && quoted) index += 1;
    else if (character === '"') quoted = !quoted;
    else if (character === separator && !quoted) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
