// Preloaded into a measured Node child (`node --import ./bench/lib/report-max-rss.ts ...`):
// as the process exits, one JSON line on stderr gives its peak resident set size, as the
// kernel counted it (so a benchmark sees the child's own peak, not the parent's).
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `${JSON.stringify({ event: 'bench-max-rss', maxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
