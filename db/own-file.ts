import type Database from 'better-sqlite3';

/**
 * The workbench's mark in the SQLite header (`PRAGMA application_id`, "DPOW"): a file carrying another mark, or
 * none while it already holds tables, is another application's database and is never written to.
 */
export const APPLICATION_ID = 0x44504f57;

/** What a read-only look at a file found: its schema version, its mark, its tables. */
export interface FileProbe {
  userVersion: number;
  applicationId: number;
  /** Tables in the file; none for an empty (new) database. */
  tables: string[];
}

/** Reads a probe from a connection (throws SQLite's own error when the file is not a database). */
export function readProbe(db: Database.Database): FileProbe {
  return {
    userVersion: db.pragma('user_version', { simple: true }) as number,
    applicationId: db.pragma('application_id', { simple: true }) as number,
    tables: (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name),
  };
}

/** Files from before the mark existed: the workbench's own tables, no mark yet. */
const WORKBENCH_TABLES = ['audit_log', 'vendors'];

/**
 * Whose file it is: the workbench's (marked), an unmarked one of an earlier version (recognised by its tables),
 * an empty one (a new database), or another application's.
 */
export function ownerOf(p: FileProbe): 'workbench' | 'earlier' | 'empty' | 'foreign' {
  if (p.applicationId === APPLICATION_ID) return 'workbench';
  if (p.tables.length === 0 && p.userVersion === 0) return 'empty';
  if (p.applicationId === 0 && WORKBENCH_TABLES.every((t) => p.tables.includes(t))) return 'earlier';
  return 'foreign';
}
