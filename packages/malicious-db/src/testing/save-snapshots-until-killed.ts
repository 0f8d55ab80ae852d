// Child process for the snapshot crash test: saves snapshots of growing indexes to the
// file named on the command line, over and over, until it is killed.
import { MaliciousPackageIndex } from '../malicious-package-index.ts';
import { saveSnapshot } from '../snapshot-file.ts';
import { makeReport } from './reports.ts';

const file = process.argv[2] as string;
const index = new MaliciousPackageIndex();
for (let round = 0; ; round++) {
  for (let i = 0; i < 20_000; i++) index.add(makeReport(`MAL-${round}-${i}`, 'npm', `package-${round}-${i}`));
  await saveSnapshot(file, index, { source: { location: 'test', commit: String(round) }, builtAt: new Date(0) });
  process.stdout.write(`saved ${index.size}\n`);
}
