/** What a refusal of one module version says: the version and the reports against it. */
export interface GoRefusal {
  readonly module: string;
  /** Empty when the whole module is blocked. */
  readonly version: string;
  readonly reasons: readonly { readonly id: string; readonly summary: string; readonly url?: string | undefined }[];
}

// The go command shows a text/plain error body after "server response:" only when every
// character is graphic or a space; it stops at the first blank line, at 8 lines, and before
// a line that would take the shown text (lines joined by "\n\t") past 8 * 81 bytes
// (cmd/go/internal/web: maxErrorDetailLines, maxErrorDetailBytes).
export const GO_ERROR_DETAIL_LINES = 8;
export const GO_ERROR_DETAIL_BYTES = GO_ERROR_DETAIL_LINES * 81;
const MAX_LINE_BYTES = 200;
const SEPARATOR_BYTES = 2;
const NOT_SHOWN = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]+/gu;

const utf8 = new TextEncoder();
const byteLength = (line: string) => utf8.encode(line).length;

/** One line go shows as it is: other characters become spaces, runs of space one space, long lines cut. */
function showable(text: string): string {
  const line = text.replace(NOT_SHOWN, ' ').replace(/ {2,}/g, ' ').trim();
  if (byteLength(line) <= MAX_LINE_BYTES) return line;
  let cut = '';
  for (const char of line) {
    if (byteLength(cut + char) > MAX_LINE_BYTES - 3) break;
    cut += char;
  }
  return `${cut}...`;
}

function bytesOf(lines: readonly string[]): number {
  return lines.reduce((total, line) => total + byteLength(line), 0) + SEPARATOR_BYTES * Math.max(lines.length - 1, 0);
}

function fits(lines: readonly string[]): boolean {
  return lines.length <= GO_ERROR_DETAIL_LINES && bytesOf(lines) <= GO_ERROR_DETAIL_BYTES;
}

function moreLine(count: number): string {
  return `(${count} more report${count === 1 ? '' : 's'} not shown)`;
}

/**
 * The `text/plain` body of a 403 for a blocked module version, worded for what the go command
 * prints after `server response:`: a first line naming `module@version` and the report ids,
 * then each report's id with its summary and, on its own line, its URL. Everything go would
 * refuse to show is replaced, and the text stays within go's 8 lines and 648 bytes: reports
 * that do not fit are counted on a last line instead.
 */
export function goRefusalText(refusal: GoRefusal): string {
  const ids = [...new Set(refusal.reasons.map((reason) => showable(reason.id)).filter((id) => id !== ''))];
  // A whole module is blocked when no version is named.
  const subject = showable(refusal.version === '' ? refusal.module : `${refusal.module}@${refusal.version}`) || 'this module version';
  const lines = [showable(`${subject} is blocked by Palisade${ids.length > 0 ? `: ${ids.join(', ')}` : ''}`)];
  let shown = 0;
  for (const reason of refusal.reasons) {
    const id = showable(reason.id);
    const summary = showable(reason.summary);
    const url = reason.url === undefined ? '' : showable(reason.url);
    const block = [showable([id, summary].filter((part) => part !== '').join(': ')), url].filter((line) => line !== '');
    const left = refusal.reasons.length - shown - 1;
    const candidate = [...lines, ...block, ...(left > 0 ? [moreLine(left)] : [])];
    if (!fits(candidate)) break;
    lines.push(...block);
    shown += 1;
  }
  const notShown = refusal.reasons.length - shown;
  if (notShown > 0) lines.push(moreLine(notShown));
  return `${lines.join('\n')}\n`;
}
