import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../shared/errors';
import { APPLICATION_ID, ownerOf, readProbe, type FileProbe } from './own-file';
import { takeSnapshot } from './backups';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations/index';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** The schema version the file had before opening (0 for a new file). */
  fromVersion: number;
  /** Where a copy of the file was taken before migrating it, if one was. */
  backupPath: string | null;
}

export { APPLICATION_ID };

/**
 * Refuses, with one clear sentence, a database path that cannot be one: empty (SQLite would silently use a
 * throw-away database), a folder, a path below a file, or a file or folder that cannot be written.
 */
function checkPath(path: string, exists: boolean, readOnly = false): void {
  const refuse = (message: string, problem: string) => {
    throw new AppError('VALIDATION', message, { path, problem });
  };
  if (path.trim() === '')
    refuse('No database file was given: --db (or DPO_DB) needs a file path.', 'no-path');
  if (exists && statSync(path).isDirectory()) {
    refuse(
      `${path} is a folder, not a database file. Give a file, such as ${join(path, 'workbench.sqlite')}.`,
      'folder',
    );
  }
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    refuse(`${path} cannot be created: ${dir} is a file, not a folder.`, 'parent-is-file');
  }
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (readOnly) {
    if (!exists) refuse(`${path} does not exist; there is nothing to open read-only.`, 'missing');
    return;
  }
  if (exists && !writable(path)) {
    refuse(
      `${path} is read-only: the workbench cannot save changes to it. Make it writable, or copy it elsewhere.`,
      'read-only',
    );
  }
  if (existsSync(dir) && dir === dirname(path) && !writable(dir)) {
    refuse(
      `The folder ${dir} is read-only: the workbench keeps its journal beside the database (-wal, -shm) and cannot open it there.`,
      'read-only',
    );
  }
}

function probeFile(path: string): FileProbe {
  let probe: Db;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AppError('INTERNAL', `Could not open the database at ${path}: ${(err as Error).message}`);
  }
  try {
    return readProbe(probe);
  } catch (err) {
    throw new AppError(
      'NOT_A_WORKBENCH_DB',
      `${path} is not a DPO Workbench database (${(err as Error).message}); it was left untouched.`,
      { path },
    );
  } finally {
    probe.close();
  }
}

/**
 * Refuses, before a byte is written, a file that is not the workbench's: another mark in its header, or tables
 * without the mark that are not the workbench's own (an unmarked file from an earlier version is recognised by
 * its tables and marked when opened).
 */
function checkOwnFile(path: string, p: FileProbe): void {
  if (ownerOf(p) !== 'foreign') return;
  const what =
    p.applicationId !== 0
      ? `it belongs to another application (application id ${p.applicationId})`
      : `it holds another application's tables (${p.tables.slice(0, 5).join(', ')}${p.tables.length > 5 ? ', …' : ''})`;
  throw new AppError(
    'NOT_A_WORKBENCH_DB',
    `${path} is not a DPO Workbench database: ${what}. It was left untouched; choose another file, or a new one.`,
    { path, applicationId: p.applicationId },
  );
}

/**
 * Opens (creating when absent) the workbench database and brings its schema up to date.
 * - Refuses, untouched, a file written by a newer version (DB_FROM_FUTURE).
 * - Takes a checked snapshot of an existing file before migrating it (in its backups folder, db/backups.ts).
 * - Runs pending migrations in one transaction and sets `PRAGMA user_version`.
 * Then sets WAL, foreign keys and a busy timeout.
 */
export function openDatabase(
  path: string,
  options: {
    migrations?: readonly Migration[];
    now?: () => Date;
    /** Open without writing a byte (an auditor's look, a file on read-only media). */
    readOnly?: boolean;
  } = {},
): OpenResult {
  const list = options.migrations ?? migrations;
  const latest = options.migrations ? list.length : LATEST_SCHEMA_VERSION;
  const isMemory = path === ':memory:';
  const exists = !isMemory && existsSync(path);
  if (!isMemory) checkPath(path, exists, options.readOnly);

  let fromVersion = 0;
  if (exists) {
    // A read-only look first, so another application's file or a file from the future is never written to.
    const probe = probeFile(path);
    checkOwnFile(path, probe);
    fromVersion = probe.userVersion;
    if (fromVersion > latest) {
      throw new AppError(
        'DB_FROM_FUTURE',
        `The database at ${path} was written by a newer version of DPO Workbench (schema ${fromVersion}; this version knows up to ${latest}). Update the app; the file was left untouched.`,
        { path, schemaVersion: fromVersion, supported: latest },
      );
    }
  } else if (!isMemory) {
    mkdirSync(dirname(path), { recursive: true });
  }

  if (options.readOnly) {
    if (fromVersion < latest) {
      throw new AppError(
        'VALIDATION',
        `${path} is from an earlier version and needs a schema update, which cannot be written while it is open read-only. Open it where it can be written.`,
        { path, problem: 'read-only' },
      );
    }
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    return { db, fromVersion, backupPath: null };
  }

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Erased personal data (a requester's contact past its retention) is overwritten in the file, not left in
  // free space where a disk image would still show it.
  db.pragma('secure_delete = ON');
  // A register of 100,000 vendors with its indexes and audit log is ~170 MB: reading it through a memory map
  // and a 64 MiB page cache keeps list queries off the system-call path. Both are per connection.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');

  let backupPath: string | null = null;
  if (exists && fromVersion < latest && fromVersion > 0) {
    // A checked snapshot in the backups folder before the schema changes (VACUUM INTO: a consistent copy,
    // including what is still in the WAL).
    backupPath = takeSnapshot(db, path, `before-v${latest}`, options.now?.() ?? new Date()).file;
  }

  if (fromVersion < latest) {
    const migrate = db.transaction(() => {
      for (const m of list.slice(fromVersion, latest)) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
    });
    try {
      migrate.immediate();
    } catch (err) {
      db.close();
      throw new AppError(
        'INTERNAL',
        `Updating the database schema failed; nothing was changed: ${(err as Error).message}`,
      );
    }
  }
  if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }
  // Keep the planner's statistics current (SQLite's advice: optimize on open, with a bounded analysis), so a
  // register that grew from a few rows to many after the last ANALYZE still gets good plans.
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
  return { db, fromVersion, backupPath };
}
