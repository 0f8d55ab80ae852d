import { describe, expect, it } from 'vitest';
import { GO_ERROR_DETAIL_BYTES, GO_ERROR_DETAIL_LINES, goRefusalText } from './go-refusal.ts';

/** What the go command prints after `server response:`, by its own rules (cmd/go/internal/web). */
function goShows(body: string): string {
  for (const char of body) if (!/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\s]/u.test(char)) return '';
  let detail = '';
  for (const [index, line] of body.split('\n').entries()) {
    if (line.trim() === '') break;
    if (index > 0) detail += '\n\t';
    if (index >= GO_ERROR_DETAIL_LINES) return `${detail}[Truncated: too many lines.]`;
    if (new TextEncoder().encode(detail + line).length > GO_ERROR_DETAIL_BYTES) return `${detail}[Truncated: too long.]`;
    detail += line;
  }
  return detail;
}

const report = (n: number, summary = `Malicious code in example.com/evil (go)`) => ({
  id: `MAL-2025-${n}`,
  summary,
  url: `https://osv.dev/vulnerability/MAL-2025-${n}`,
});

describe('goRefusalText', () => {
  it('names the module version and report, then the summary and URL', () => {
    const body = goRefusalText({ module: 'example.com/evil', version: 'v1.0.1', reasons: [report(1)] });
    expect(body).toBe(
      'example.com/evil@v1.0.1 is blocked by Palisade: MAL-2025-1\nMAL-2025-1: Malicious code in example.com/evil (go)\nhttps://osv.dev/vulnerability/MAL-2025-1\n',
    );
    expect(goShows(body)).toBe(body.trimEnd().replaceAll('\n', '\n\t'));
  });

  it('lists every id on the first line and a report without URL on one line', () => {
    const body = goRefusalText({ module: 'example.com/evil', version: 'v1.0.1', reasons: [{ id: 'MAL-1', summary: 'bad' }, report(2)] });
    expect(body.split('\n')).toEqual([
      'example.com/evil@v1.0.1 is blocked by Palisade: MAL-1, MAL-2025-2',
      'MAL-1: bad',
      'MAL-2025-2: Malicious code in example.com/evil (go)',
      'https://osv.dev/vulnerability/MAL-2025-2',
      '',
    ]);
  });

  it('says so when there is no report', () => {
    expect(goRefusalText({ module: 'example.com/evil', version: 'v1.0.1', reasons: [] })).toBe('example.com/evil@v1.0.1 is blocked by Palisade\n');
  });

  it('stays within what go shows, counting the reports left out', () => {
    const reasons = Array.from({ length: 10 }, (_, n) => report(n));
    const body = goRefusalText({ module: 'example.com/evil', version: 'v1.0.1', reasons });
    const lines = body.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(GO_ERROR_DETAIL_LINES);
    expect(lines.at(-1)).toMatch(/^\(\d+ more reports not shown\)$/);
    expect(goShows(body)).not.toContain('Truncated');
  });

  it('cuts long summaries and stays within go byte limit', () => {
    const reasons = [report(1, 'x'.repeat(5000)), report(2, 'é'.repeat(3000)), report(3, 'y'.repeat(300))];
    const body = goRefusalText({ module: `example.com/${'m'.repeat(500)}`, version: 'v1.0.1', reasons });
    expect(body.split('\n').every((line) => new TextEncoder().encode(line).length <= 200)).toBe(true);
    expect(goShows(body)).not.toContain('Truncated');
    expect(goShows(body)).toContain('not shown');
  });

  it('replaces what go would refuse to show, and never writes a blank line before the end', () => {
    const hostile = { id: 'MAL-\u0000-1', summary: 'line one\n\nline two\r\u001b[31mred\u202e\uD800', url: 'https://x.example/\t' };
    const body = goRefusalText({ module: 'example.com/evil', version: 'v1.0.1\n', reasons: [hostile] });
    expect(body).toBe(
      'example.com/evil@v1.0.1 is blocked by Palisade: MAL- -1\nMAL- -1: line one line two [31mred\nhttps://x.example/\n',
    );
    expect(goShows(body)).toBe(body.trimEnd().replaceAll('\n', '\n\t'));
  });

  it('keeps non-ASCII letters go shows', () => {
    const body = goRefusalText({ module: 'example.com/evil', version: 'v1.0.1', reasons: [{ id: 'MAL-1', summary: 'Schadcode für Ärger' }] });
    expect(body).toContain('MAL-1: Schadcode für Ärger\n');
  });
});

describe('goRefusalText for a whole module', () => {
  it('names the module alone when no version is given', () => {
    const text = goRefusalText({ module: 'example.com/evil', version: '', reasons: [{ id: 'MAL-1', summary: 'Malicious code in example.com/evil (Go)' }] });
    expect(text.split('\n')[0]).toBe('example.com/evil is blocked by Palisade: MAL-1');
  });
});
