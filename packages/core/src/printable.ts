/**
 * A rejected input made safe to quote in a message: shortened to `max` characters and
 * with control and non-ASCII characters escaped as JSON escapes them.
 */
export function printable(input: string, max = 80): string {
  const shortened = input.length > max ? `${input.slice(0, max)}...` : input;
  return JSON.stringify(shortened)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
