import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase } from '../../db/open';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from '../../db/migrations/index';
import { tempDir } from '../helpers/core';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function freshPath() {
  const t = tempDir();
  cleanup = t.cleanup;
  return { dir: t.dir, path: join(t.dir, 'w.sqlite') };
}

describe('openDatabase', () => {
  it('creates a new file at the latest schema with WAL, foreign keys and STRICT tables', () => {
    const { path } = freshPath();
    const { db, fromVersion, backupPath } = openDatabase(path);
    expect(fromVersion).toBe(0);
    expect(backupPath).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as {
      name: string;
      sql: string;
    }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
    db.close();
  });

  it('migrates each version from the one before it, copying the file first', () => {
    for (let target = 1; target <= LATEST_SCHEMA_VERSION; target++) {
      const { dir, path } = freshPath();
      const older = openDatabase(path, { migrations: migrations.slice(0, target - 1) });
      older.db.close();
      const { db, fromVersion, backupPath } = openDatabase(path, {
        now: () => new Date('2026-01-01T00:00:00Z'),
      });
      expect(fromVersion).toBe(target - 1);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      if (target > 1) {
        expect(backupPath).not.toBeNull();
        expect(existsSync(backupPath!)).toBe(true);
        const copy = new Database(backupPath!, { readonly: true });
        expect(copy.pragma('user_version', { simple: true })).toBe(target - 1);
        copy.close();
      }
      db.close();
      cleanup();
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const { dir, path } = freshPath();
    const raw = new Database(path);
    raw.exec('CREATE TABLE t (x INTEGER) STRICT');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(path);
    const filesBefore = readdirSync(dir).sort();
    expect(() => openDatabase(path)).toThrowError(/newer version/);
    try {
      openDatabase(path);
    } catch (err) {
      expect((err as { code: string }).code).toBe('DB_FROM_FUTURE');
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('runs pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const { path } = freshPath();
    openDatabase(path).db.close();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(path, { migrations: [...migrations, broken] })).toThrowError(
      /nothing was changed/,
    );
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('refuses a file that is not a database with a clear message', async () => {
    const { path } = freshPath();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'this is not sqlite at all, just some text that is long enough to have a header');
    expect(() => openDatabase(path)).toThrowError(
      /is not a DPO Workbench database \(file is not a database\); it was left untouched/,
    );
  });

  it("marks its files, and refuses another application's SQLite file before writing a byte", () => {
    const { dir, path } = freshPath();
    const { db } = openDatabase(path);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();

    const foreign = [
      // Another application's mark, with its own schema version.
      (raw: Database.Database) => {
        raw.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
        raw.pragma('application_id = 1234567');
        raw.pragma('user_version = 3');
      },
      // No mark, but tables that are not the workbench's (and a schema version of 0).
      (raw: Database.Database) => {
        raw.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)');
        raw.exec("INSERT INTO contacts (email) VALUES ('a@example.com')");
      },
    ];
    for (const [i, make] of foreign.entries()) {
      const other = join(dir, `other-${i}.sqlite`);
      const raw = new Database(other);
      make(raw);
      raw.close();
      const before = readFileSync(other);
      const filesBefore = readdirSync(dir).sort();
      let code = '';
      try {
        openDatabase(other);
      } catch (err) {
        code = (err as { code: string }).code;
        expect((err as Error).message).toMatch(/is not a DPO Workbench database.*left untouched/);
      }
      expect(code).toBe('NOT_A_WORKBENCH_DB');
      expect(readFileSync(other).equals(before)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(filesBefore);
      const check = new Database(other, { readonly: true });
      expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
      check.close();
    }
  });

  it('recognises an unmarked file of an earlier version by its tables, and marks it', () => {
    const { path } = freshPath();
    const older = openDatabase(path, { migrations: migrations.slice(0, 2) });
    older.db.pragma('application_id = 0');
    older.db.close();
    const { db, fromVersion } = openDatabase(path, { now: () => new Date('2026-01-01T00:00:00Z') });
    expect(fromVersion).toBe(2);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });
});
