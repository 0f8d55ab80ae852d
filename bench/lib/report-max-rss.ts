// Preloaded into a measured Node child (`node --import ./bench/lib/report-max-rss.ts ...`):
// as the process exits, one JSON line on stderr gives its peak resident set size. On Linux
// that is VmHWM from /proc/self/status, the high-water mark of the process's own memory:
// `process.resourceUsage().maxRSS` (getrusage) also counts the memory of the parent it was
// forked from, as it stood at the fork, so a child of a large benchmark process would
// report the parent's size. Elsewhere maxRSS is all there is.
import { readFileSync, writeSync } from 'node:fs';

function peakKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: getrusage's figure, which may include the parent's at the fork.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  writeSync(2, `${JSON.stringify({ event: 'bench-max-rss', maxRssKiB: peakKiB() })}\n`);
});
