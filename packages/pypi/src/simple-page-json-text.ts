import { failure, success, type Result } from '@palisade/core';
import { itemCuts, itemsEnd, memberValueStart, spaceEnd, stringEnd, stringValue, valueEnd } from './json-text-scan.ts';
import { jsonFileSpan, type JsonFileSpan } from './simple-page-json-file-span.ts';
import { readSimpleJsonDocument } from './simple-page-json.ts';
import type { PageDecisions } from './simple-page-text-decisions.ts';
import { TextEdits } from './text-edits.ts';

/** Where the parts of a PEP 691 page's text that filtering changes are. */
export interface JsonPageLayout {
  readonly files: readonly JsonFileSpan[];
  /** Where the `files` array starts. */
  readonly filesStart: number;
  /** The `versions` list (PEP 700), its entries' values and spans; empty when the page has none. */
  readonly versions: readonly string[];
  readonly versionStarts: readonly number[];
  readonly versionEnds: readonly number[];
  readonly versionsStart: number;
}

const unusual = failure('the page is not one the text filter reads');

/**
 * The layout of a PEP 691 page, read in one pass without parsing the whole document: the
 * text is checked to be JSON, the keys `parseSimpleJson` knows to have their types (the
 * members besides `files` are parsed and read by it), and the page to be one whose meaning
 * a text edit keeps exactly (no key written with escapes, repeated, or named `__proto__`).
 */
export function jsonPageLayout(text: string, pageUrl: string): Result<JsonPageLayout> {
  const seen = new Set<string>();
  const rest: string[] = [];
  const files: JsonFileSpan[] = [];
  const versions: string[] = [];
  const [versionStarts, versionEnds] = [[] as number[], [] as number[]];
  let [filesStart, versionsStart] = [-1, -1];
  const file = (start: number): number => {
    const span = jsonFileSpan(text, start, pageUrl);
    if (span !== undefined) files.push(span);
    return span === undefined ? -1 : span.end;
  };
  const version = (start: number): number => {
    const end = stringEnd(text, start);
    if (end >= 0) versions.push(stringValue(text, start, end)), versionStarts.push(start), versionEnds.push(end);
    return end;
  };
  const start = spaceEnd(text, 0);
  if (text.charCodeAt(start) !== 0x7b) return unusual;
  const end = itemsEnd(text, start, (keyStart) => {
    const valueStart = memberValueStart(text, keyStart);
    if (valueStart < 0) return -1;
    const key = text.slice(keyStart + 1, text.indexOf('"', keyStart + 1));
    if (key.includes('\\') || key === '__proto__' || seen.has(key)) return -1;
    seen.add(key);
    if (key === 'files') return text.charCodeAt(valueStart) === 0x5b ? itemsEnd(text, (filesStart = valueStart), file) : -1;
    const isList = key === 'versions' && text.charCodeAt(valueStart) === 0x5b;
    const end = isList ? itemsEnd(text, (versionsStart = valueStart), version) : valueEnd(text, valueStart);
    if (end >= 0) rest.push(text.slice(keyStart, end));
    return end;
  });
  if (end < 0 || spaceEnd(text, end) !== text.length || filesStart < 0) return unusual;
  const read = readSimpleJsonDocument(parsedOrUndefined(`{${[...rest, '"files":[]'].join(',')}}`), pageUrl);
  if (!read.ok) return read;
  return success({ files, filesStart, versions, versionStarts, versionEnds, versionsStart });
}

/** The page's text (in UTF-8) with the decisions made: files and versions cut, kept files' URLs replaced, unverifiable metadata cut. */
export function editJsonPage(text: string, layout: JsonPageLayout, decisions: PageDecisions): Buffer | undefined {
  const edits = new TextEdits(text);
  const { files, fileUrls, keepsPath } = { files: layout.files, fileUrls: decisions.fileUrls, keepsPath: decisions.keepsPath };
  const replaceUrl = urlReplacer(edits);
  const fileCuts = itemCuts(files.map((span) => span.start), files.map((span) => span.end), (i) => fileUrls[i] === undefined);
  const versionCuts = itemCuts(layout.versionStarts, layout.versionEnds, (i) => decisions.versionsKept[i] === false);
  const editFiles = () => {
    let cut = 0;
    for (let i = 0; i < files.length; i++) {
      const span = files[i] as JsonFileSpan;
      const url = fileUrls[i];
      if (url === undefined) {
        // Cuts come in file order, one per file cut (`itemCuts`).
        edits.replace(fileCuts[cut] ?? -1, fileCuts[cut + 1] ?? -1);
        cut += 2;
      } else editKeptFile(edits, span, url, keepsPath[i] === true, replaceUrl);
    }
  };
  const editVersions = () => {
    for (let i = 0; i < versionCuts.length; i += 2) edits.replace(versionCuts[i] ?? -1, versionCuts[i + 1] ?? -1);
  };
  if (layout.versionsStart >= 0 && layout.versionsStart < layout.filesStart) editVersions(), editFiles();
  else editFiles(), editVersions();
  return edits.bytes();
}

/**
 * Replaces a kept file's URL: the whole string, or, where the path stays as the page writes
 * it, only the part before the path (each prefix escaped once).
 */
type UrlReplacer = (span: JsonFileSpan, url: string, keepsPath: boolean) => void;

function urlReplacer(edits: TextEdits): UrlReplacer {
  const escaped = new Map<string, string>();
  return (span, url, keepsPath) => {
    if (!keepsPath) return edits.replace(span.urlStart, span.urlEnd, JSON.stringify(url));
    let inner = escaped.get(url);
    if (inner === undefined) escaped.set(url, (inner = JSON.stringify(url).slice(1, -1)));
    edits.replace(span.urlStart + 1, span.urlPathStart, inner);
  };
}

/** A kept file's URL replaced and its unverifiable metadata members cut, in text order. */
function editKeptFile(edits: TextEdits, span: JsonFileSpan, url: string, keepsPath: boolean, replaceUrl: UrlReplacer): void {
  const cuts = span.metadataCuts;
  if (cuts.length === 0) return replaceUrl(span, url, keepsPath);
  let urlDone = false;
  for (let i = 0; i <= cuts.length; i += 2) {
    const cutStart = cuts[i] ?? Number.MAX_SAFE_INTEGER;
    if (!urlDone && span.urlStart < cutStart) {
      replaceUrl(span, url, keepsPath);
      urlDone = true;
    }
    if (i < cuts.length) edits.replace(cutStart, cuts[i + 1] ?? -1);
  }
}

/** The members besides `files`, parsed (they were scanned as JSON: this does not fail but for depth). */
function parsedOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
