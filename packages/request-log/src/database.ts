import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** The schema this code writes, kept in the file's `user_version`. */
export const SCHEMA_VERSION = 2;

/**
 * How long a connection waits for the other's write to end: the writer thread writes
 * requests while the caller's connection writes alerts, each transaction short.
 */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The condition of the index by decision: it holds blocked and audited requests only, so
 * the allowed ones (nearly all of them) cost no write to it. Schema 1 indexed every
 * request by decision; opening such a file replaces that index with this one.
 */
export const NOT_ALLOWED = "decision <> 'allowed'";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  package TEXT,
  version TEXT,
  kind TEXT NOT NULL,
  decision TEXT NOT NULL,
  reasons TEXT,
  report_ids TEXT,
  mode TEXT NOT NULL,
  cache TEXT NOT NULL,
  status INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  method TEXT,
  path TEXT NOT NULL,
  client_address TEXT,
  user_agent TEXT,
  identity TEXT
);
CREATE INDEX IF NOT EXISTS requests_by_time ON requests (time);
CREATE INDEX IF NOT EXISTS requests_by_package ON requests (ecosystem, package, time);
DROP INDEX IF EXISTS requests_by_decision;
CREATE INDEX IF NOT EXISTS requests_refused ON requests (decision, time) WHERE ${NOT_ALLOWED};
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  package TEXT NOT NULL,
  versions TEXT NOT NULL,
  report_ids TEXT NOT NULL,
  fetches TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (time);
`;

/**
 * Opens (or creates, with its folder) the log's SQLite file at `path` (`:memory:` for a
 * log that lives in memory) in WAL mode with `synchronous=NORMAL`, and makes sure its
 * schema is there. A file that is not such a database (corrupt, unreadable, written by a
 * newer schema) is refused here, with an Error naming the path, rather than failing later.
 */
export function openDatabase(path: string): DatabaseSync {
  let database: DatabaseSync | undefined;
  try {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
    database = new DatabaseSync(path);
    database.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
    const found = Number(database.prepare('PRAGMA user_version').get()?.['user_version']);
    if (found > SCHEMA_VERSION) throw new Error(`it was written with schema ${found}, newer than this version of Palisade reads (${SCHEMA_VERSION})`);
    database.exec(`BEGIN; ${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION}; COMMIT;`);
    return database;
  } catch (error) {
    try {
      database?.close();
    } catch {
      // The open failed already; that error is the one to report.
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the request log ${path} cannot be opened: ${reason}`, { cause: error });
  }
}
