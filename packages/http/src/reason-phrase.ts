// The HTTP reason phrase is the one text every client shows when a request is refused
// (npm, pnpm and pip print it; most hide the body). It must be a single line of visible
// ASCII: anything else is replaced, and long phrases are cut.

const MAX_PHRASE = 200;

/** `text` made safe to send as an HTTP reason phrase. */
export function reasonPhrase(text: string): string {
  const ascii = text.replace(/\s+/g, ' ').replace(/[^\x20-\x7e]/g, '?').trim();
  return ascii.length > MAX_PHRASE ? `${ascii.slice(0, MAX_PHRASE - 3)}...` : ascii;
}
