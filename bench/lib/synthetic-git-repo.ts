// A synthetic OpenSSF malicious-packages git repository for the sync benchmark: the
// reports of synthetic-reports.ts as `osv/malicious/<ecosystem>/<package>/MAL-*.json`
// (one in a hundred already in `osv/withdrawn/`), written as git objects straight into a
// pack of a bare repository (trees built bottom-up in memory, no working files), then
// repacked with deltas, as GitHub serves it. Later commits add, change and withdraw
// reports, through git fast-import.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { FolderTree } from './folder-tree.ts';
import { PackWriter } from './git-pack-writer.ts';
import { syntheticReports } from './synthetic-reports.ts';

/** A report file kept aside for later commits to change or withdraw. */
interface KeptReport {
  readonly path: string;
  readonly text: string;
}

/** The repository made, and the reports kept for the commits that follow. */
export interface SyntheticRepo {
  readonly gitdir: string;
  commit: string;
  readonly files: number;
  readonly withdrawnFiles: number;
  /** Report text, in bytes. */
  readonly bytes: number;
  readonly kept: KeptReport[];
}

/** What the later commits did. */
export interface TouchCounts {
  readonly commits: number;
  readonly added: number;
  readonly changed: number;
  readonly withdrawn: number;
  readonly head: string;
}

const WITHDRAWN_EVERY = 100;
const FIRST_COMMIT_SECONDS = 1_700_000_000;

const withdrawnText = (text: string, when: string) => JSON.stringify({ ...(JSON.parse(text) as object), withdrawn: when, modified: when }, null, 2);

/**
 * Writes `count` synthetic reports as the first commit of a new bare repository at
 * `gitdir` (branch main), then repacks it with deltas. Every `keepEvery`-th report is kept
 * aside (path and text) for `touchReports` to change or withdraw.
 */
export async function createSyntheticRepo(gitdir: string, count: number, keepEvery: number): Promise<SyntheticRepo> {
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', gitdir]);
  const pack = new PackWriter();
  const tree = new FolderTree();
  tree.set('README.md', pack.blob('# malicious-packages (synthetic)\n'));
  const kept: KeptReport[] = [];
  let files = 0;
  let withdrawnFiles = 0;
  let bytes = 0;
  for (let { path, text } of syntheticReports(count)) {
    if (files % WITHDRAWN_EVERY === 50) {
      path = path.replace('osv/malicious/', 'osv/withdrawn/');
      text = withdrawnText(text, '2025-06-01T00:00:00Z');
      withdrawnFiles++;
    } else if (files % keepEvery === 1 % keepEvery) kept.push({ path, text });
    files++;
    bytes += Buffer.byteLength(text);
    tree.set(path, pack.blob(text));
  }
  const commit = pack.commit(tree.write(pack), undefined, `${count} reports`, FIRST_COMMIT_SECONDS);
  await pack.save(gitdir);
  execFileSync('git', ['--git-dir', gitdir, 'update-ref', 'refs/heads/main', commit]);
  execFileSync('git', ['--git-dir', gitdir, 'repack', '-a', '-d', '-f', '-q', '--window=10', '--depth=50']);
  return { gitdir, commit, files, withdrawnFiles, bytes, kept };
}

/** A `git fast-import` of `gitdir`, fed through `write` (with back-pressure); `done` waits for it. */
function fastImport(gitdir: string): { write: (text: string) => Promise<void>; done: () => Promise<void> } {
  const child = spawn('git', ['--git-dir', gitdir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(child, 'close');
  return {
    async write(text) {
      if (!child.stdin.write(text)) await once(child.stdin, 'drain');
    },
    async done() {
      child.stdin.end('done\n');
      const [code] = (await exited) as [number | null];
      if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
    },
  };
}

const inline = (path: string, text: string) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;

/**
 * Adds `commits` commits to `repo` touching `touched` reports in all: in turn a new report,
 * then an existing one changed (a version added to its list, `modified` moved on) or, one
 * time in five, withdrawn (moved to `osv/withdrawn/` with a `withdrawn` date): half new,
 * 40% changed, 10% withdrawn. New reports (`MAL-2026-*`) mostly name new packages. The
 * commits go through `git fast-import`, which writes each changed tree as a delta of its
 * previous version, as a repository's history holds them.
 */
export async function touchReports(repo: SyntheticRepo, commits: number, touched: number): Promise<TouchCounts> {
  const importer = fastImport(repo.gitdir);
  const fresh = syntheticReports(Math.ceil(touched / 2) + 1, 20260101);
  const pool = [...repo.kept];
  let added = 0;
  let changed = 0;
  let withdrawn = 0;
  for (let c = 0; c < commits; c++) {
    const share = Math.floor(((c + 1) * touched) / commits) - Math.floor((c * touched) / commits);
    let body = '';
    for (let t = 0; t < share; t++) {
      const n = added + changed + withdrawn;
      const next = n % 2 === 0 ? undefined : pool.pop();
      if (next === undefined) {
        const step = fresh.next();
        if (step.done) throw new Error('ran out of new reports');
        body += inline(step.value.path.replace('MAL-2025-', 'MAL-2026-'), step.value.text.replaceAll('MAL-2025-', 'MAL-2026-'));
        added++;
      } else if (n % 10 === 1) {
        body += `D ${next.path}\n${inline(next.path.replace('osv/malicious/', 'osv/withdrawn/'), withdrawnText(next.text, '2026-01-02T00:00:00Z'))}`;
        withdrawn++;
      } else {
        const report = JSON.parse(next.text) as { modified: string; affected: { versions?: string[] }[] };
        report.modified = '2026-01-02T00:00:00Z';
        const affected = report.affected[0] as { versions?: string[] };
        affected.versions = [...(affected.versions ?? []), '99.0.0'];
        body += inline(next.path, JSON.stringify(report, null, 2));
        changed++;
      }
    }
    const message = `update ${c + 1}`;
    const who = `Palisade bench <bench@palisade.invalid> ${FIRST_COMMIT_SECONDS + (c + 1) * 1800} +0000`;
    await importer.write(`commit refs/heads/main\nauthor ${who}\ncommitter ${who}\ndata ${message.length}\n${message}\n${c === 0 ? 'from refs/heads/main^0\n' : ''}${body}`);
  }
  await importer.done();
  repo.commit = execFileSync('git', ['--git-dir', repo.gitdir, 'rev-parse', 'refs/heads/main'], { encoding: 'utf8' }).trim();
  return { commits, added, changed, withdrawn, head: repo.commit };
}
