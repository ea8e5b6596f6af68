import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../shared/errors';
import { registers as workbenchRegisters } from '../shared/registers/index';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { ownerOf, readProbe, type FileProbe } from './own-file';
import type { Db } from './open';

/** Why a snapshot was taken. */
export type BackupReason = 'daily' | 'before-import' | `before-v${number}` | 'before-restore' | 'manual';

export interface BackupInfo {
  file: string;
  name: string;
  /** When it was taken, ISO-8601 UTC (from its name). */
  at: string;
  reason: string;
  bytes: number;
  schemaVersion: number;
  /** Current (not archived) records per register. */
  counts: Record<string, number>;
}

/**
 * Kept by the rotation: every snapshot of the last 24 hours, and beyond them the newest of each of the last 7
 * days, 4 weeks and 12 months that have one. Backups taken by hand are never deleted by it.
 */
export const ROTATION = { daily: 7, weekly: 4, monthly: 12 } as const;

/** The folder of a database's snapshots: beside it, named after it (`workbench.sqlite.backups`). */
export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.backups`);
}

const stampOf = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)-([a-z0-9-]+)\.sqlite$/;

function atOf(name: string): string | null {
  const m = NAME.exec(name);
  return m ? m[1]!.replace(/T(\d{2})-(\d{2})-(\d{2})Z/, 'T$1:$2:$3Z') : null;
}

/**
 * Reads a file that should be a workbench database, read-only: refuses another application's file, a file from a
 * newer version (the same message as opening one), and a damaged one (SQLite's integrity check).
 */
export function inspectBackup(
  file: string,
  options: { check: boolean } = { check: true },
): { schemaVersion: number; counts: Record<string, number> } {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AppError('VALIDATION', `${file} cannot be opened: ${(err as Error).message}.`, { path: file });
  }
  try {
    let probe: FileProbe;
    try {
      probe = readProbe(db);
    } catch {
      throw new AppError(
        'NOT_A_WORKBENCH_DB',
        `${file} is not a DPO Workbench database; nothing was changed.`,
        {
          path: file,
        },
      );
    }
    // An empty database is no backup either: only the workbench's own files, marked or from before the mark.
    const owner = ownerOf(probe);
    if (owner !== 'workbench' && owner !== 'earlier') {
      throw new AppError(
        'NOT_A_WORKBENCH_DB',
        `${file} is not a DPO Workbench database; nothing was changed.`,
        {
          path: file,
        },
      );
    }
    const version = probe.userVersion;
    const tables = new Set(probe.tables);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'DB_FROM_FUTURE',
        `The backup ${file} was written by a newer version of DPO Workbench (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update the app; nothing was changed.`,
        { path: file, schemaVersion: version, supported: LATEST_SCHEMA_VERSION },
      );
    }
    const check = options.check ? (db.pragma('integrity_check', { simple: true }) as string) : 'ok';
    if (check !== 'ok') {
      throw new AppError('VALIDATION', `${file} is damaged (${check}); nothing was changed.`, { path: file });
    }
    const counts: Record<string, number> = {};
    for (const reg of workbenchRegisters) {
      if (!tables.has(reg.table)) continue;
      counts[reg.name] = (
        db.prepare(`SELECT count(*) AS n FROM ${reg.table} WHERE archived_at IS NULL`).get() as { n: number }
      ).n;
    }
    return { schemaVersion: version, counts };
  } finally {
    db.close();
  }
}

/** Every snapshot of a database, newest first, with its size and record counts. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const at = atOf(name);
    if (!at) continue;
    const file = join(dir, name);
    let facts: { schemaVersion: number; counts: Record<string, number> };
    try {
      // Listing reads the counts only: each snapshot was checked whole when taken, and is again before a restore.
      facts = inspectBackup(file, { check: false });
    } catch {
      facts = { schemaVersion: -1, counts: {} };
    }
    out.push({ file, name, at, reason: NAME.exec(name)![2]!, bytes: statSync(file).size, ...facts });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/** Monday of the ISO week of a day, as its key. */
function weekKey(at: string): string {
  const d = new Date(`${at.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * The snapshots to keep (newest first in, names out): the newest of each of the 7 most recent days that have
 * one, of the 4 most recent weeks, and of the 12 most recent months.
 */
export function keptByRotation(ats: readonly { name: string; at: string }[]): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...ats].sort((a, b) => b.at.localeCompare(a.at));
  const take = (key: (at: string) => string, n: number) => {
    const seen = new Set<string>();
    for (const s of newestFirst) {
      const k = key(s.at);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      keep.add(s.name);
    }
  };
  take((at) => at.slice(0, 10), ROTATION.daily);
  take(weekKey, ROTATION.weekly);
  take((at) => at.slice(0, 7), ROTATION.monthly);
  return keep;
}

/** Deletes the snapshots the rotation no longer keeps (never `just`, the one just taken). */
export function rotate(dbPath: string, just?: string): string[] {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return [];
  const all = readdirSync(dir).flatMap((name) => {
    const at = atOf(name);
    return at ? [{ name, at }] : [];
  });
  const keep = keptByRotation(all);
  if (just) keep.add(just);
  const newest = all.reduce((m, s) => (s.at > m ? s.at : m), '');
  for (const s of all) {
    if (s.name.endsWith('-manual.sqlite')) keep.add(s.name);
    if (Date.parse(newest) - Date.parse(s.at) < 24 * 3600 * 1000) keep.add(s.name);
  }
  const removed = all.filter((s) => !keep.has(s.name)).map((s) => s.name);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}

/**
 * Takes a snapshot of the open database: `VACUUM INTO` a file in the backups folder (a consistent copy, the WAL
 * included), checked with SQLite's integrity check before it counts; then the rotation runs. A snapshot that
 * fails its check is deleted and the failure reported.
 */
export function takeSnapshot(
  db: Db,
  dbPath: string,
  reason: BackupReason,
  now: Date,
  out?: string,
): BackupInfo {
  const dir = backupDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const name = `${stampOf(now)}-${reason}.sqlite`;
  const file = out ?? join(dir, name);
  if (existsSync(file)) rmSync(file);
  db.prepare('VACUUM INTO ?').run(file);
  let facts: { schemaVersion: number; counts: Record<string, number> };
  try {
    facts = inspectBackup(file);
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
  if (!out) rotate(dbPath, name);
  return { file, name: basename(file), at: now.toISOString(), reason, bytes: statSync(file).size, ...facts };
}

/** True when the newest snapshot is older than a day (or there is none). */
export function dailyDue(dbPath: string, now: Date): boolean {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return true;
  const newest = readdirSync(dir)
    .map(atOf)
    .filter((a): a is string => a !== null)
    .sort()
    .at(-1);
  return !newest || now.getTime() - Date.parse(newest) > 24 * 3600 * 1000;
}

/**
 * Puts a backup in place of the database file (no connection may be open on it): the backup is checked first,
 * the current file is snapshotted, then the backup is copied beside the database and renamed over it, and the
 * old journal files are removed. The caller opens the database again and records the restore in its audit log.
 */
export function replaceWithBackup(dbPath: string, backup: string, now: Date): { before: BackupInfo } {
  inspectBackup(backup);
  // Copied first: the snapshot below rotates the backups folder, which may hold the backup being restored.
  const staging = `${dbPath}.restoring`;
  copyFileSync(backup, staging);
  const current = new Database(dbPath, { fileMustExist: true });
  let before: BackupInfo;
  try {
    // No other connection may be open on the file: the app elsewhere would go on writing to the file replaced.
    current.pragma('busy_timeout = 0');
    current.pragma('locking_mode = EXCLUSIVE');
    try {
      current.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch {
      rmSync(staging, { force: true });
      throw new AppError(
        'CONFLICT',
        `${dbPath} is open in the app or another command; close it, then restore.`,
      );
    }
    before = takeSnapshot(current, dbPath, 'before-restore', now);
  } catch (err) {
    rmSync(staging, { force: true });
    throw err;
  } finally {
    current.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  renameSync(staging, dbPath);
  return { before };
}
