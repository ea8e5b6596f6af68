import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appDataDir } from './paths';
import type { Db } from './open';

/** The audit log's head as the app last saw it: its last entry and that entry's hash. */
export interface HeadAnchor {
  id: number;
  hash: string;
  at: string;
}

export interface AnchorCheck {
  /** False when the log no longer holds the entry last seen, or holds it with another hash. */
  ok: boolean;
  message: string | null;
  /** The head recorded when the app last closed this database (null: never seen, or no anchor file). */
  recorded: HeadAnchor | null;
}

/**
 * The heads of the audit logs this app has seen, kept outside the database files (in the app-data folder), one
 * per database path. Someone who rewrites a database's log, or cuts its last entries and moves its head back,
 * cannot rewrite this record too unless they find and edit it: the next open reports a log that shrank or forked.
 */
export function createAnchorStore(file: string) {
  const read = (): Record<string, HeadAnchor> => {
    if (!existsSync(file)) return {};
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, HeadAnchor>;
    } catch {
      return {};
    }
  };
  const store = {
    get: (key: string): HeadAnchor | null => read()[key] ?? null,
    set(key: string, anchor: HeadAnchor | null): void {
      const all = read();
      if (anchor) all[key] = anchor;
      else delete all[key];
      mkdirSync(dirname(file), { recursive: true });
      // Written beside and renamed, so a crash never leaves half a file.
      writeFileSync(`${file}.tmp`, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
    /** Forgets a database's head (a restore put an older log in place on purpose). */
    forget(key: string): void {
      store.set(key, null);
    },
  };
  return store;
}

/** Where the heads are kept: `DPO_AUDIT_HEADS`, else `audit-heads.json` in the app-data folder. */
export function defaultAnchorFile(): string {
  return process.env.DPO_AUDIT_HEADS ?? join(appDataDir(), 'audit-heads.json');
}
export type AnchorStore = ReturnType<typeof createAnchorStore>;

/** The key a database is known by in the anchor file: its real path. */
export function anchorKey(dbPath: string): string {
  try {
    return realpathSync(dbPath);
  } catch {
    return dbPath;
  }
}

/** The log's head now. */
export function currentHead(db: Db, now: Date): HeadAnchor | null {
  const h = db.prepare('SELECT last_id, last_hash FROM audit_head WHERE id = 1').get() as
    { last_id: number; last_hash: string } | undefined;
  return h && h.last_id > 0 ? { id: h.last_id, hash: h.last_hash, at: now.toISOString() } : null;
}

/** Compares the log with the head recorded when the app last closed this database. */
export function checkAnchor(db: Db, recorded: HeadAnchor | null): AnchorCheck {
  if (!recorded) return { ok: true, message: null, recorded };
  const row = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(recorded.id) as
    { hash: string } | undefined;
  const when = recorded.at.slice(0, 16).replace('T', ' ');
  if (!row) {
    return {
      ok: false,
      message: `The audit log is shorter than when this app last saw it on ${when} UTC: entry ${recorded.id} is gone.`,
      recorded,
    };
  }
  if (row.hash !== recorded.hash) {
    return {
      ok: false,
      message: `The audit log was rewritten after ${when} UTC: entry ${recorded.id} no longer has the hash this app recorded (${recorded.hash.slice(0, 12)}…).`,
      recorded,
    };
  }
  return { ok: true, message: null, recorded };
}
