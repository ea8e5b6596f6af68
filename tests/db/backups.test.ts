import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDir, keptByRotation, listBackups } from '../../db/backups';
import { openCore } from '../../db/core';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { dpoInProcess } from '../helpers/cli';
import { ok, testCore } from '../helpers/core';
import { writeCsv } from './import/fixtures';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

const reopen = (now: string) => {
  t.core.close();
  t.core = openCore({
    dbPath: t.dbPath,
    door: 'cli',
    actor: 'tester',
    now: () => new Date(now),
    importMode: 'inline',
    anchorFile: join(t.dir, 'audit-heads.json'),
  });
};

const dpo = dpoInProcess;

describe('the rotation', () => {
  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months', () => {
    // A snapshot every day for two years, newest 2026-12-01.
    const all = Array.from({ length: 730 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 11, 1) - i * 86_400_000).toISOString();
      return { name: `${at}.sqlite`, at };
    });
    const kept = [...keptByRotation(all)].map((n) => n.slice(0, 10)).sort();
    // 7 days (25 Nov–1 Dec); the newest of each of the 4 latest ISO weeks (1 Dec, the Sundays 29, 22 and 15
    // Nov); the newest of each of the 12 latest months (1 Dec, 30 Nov, 31 Oct … 31 Jan).
    expect(kept.filter((d) => d >= '2026-11-25')).toHaveLength(7);
    expect(kept).toContain('2026-11-22');
    expect(kept).toContain('2026-11-15');
    expect(kept).not.toContain('2026-11-08');
    expect(kept).toContain('2026-10-31');
    expect(kept).toContain('2026-01-31');
    expect(kept).not.toContain('2025-12-31');
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
  });
});

describe('automatic snapshots', () => {
  it('takes one a day on open, checked, with its counts; none for a new empty database', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    expect(existsSync(backupDir(t.dbPath))).toBe(false);
    await ok(t.core, 'vendors:create', { name: 'Acme Cloud' });
    reopen('2026-03-02T18:00:00Z');
    const first = listBackups(t.dbPath);
    expect(first).toMatchObject([{ reason: 'daily', at: '2026-03-02T18:00:00Z', counts: { vendors: 1 } }]);
    reopen('2026-03-02T23:00:00Z');
    expect(listBackups(t.dbPath)).toHaveLength(1);
    reopen('2026-03-04T09:00:00Z');
    expect(listBackups(t.dbPath).map((b) => b.reason)).toEqual(['daily', 'daily']);
    const copy = new Database(listBackups(t.dbPath)[0]!.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('takes one before an import is written', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    const csv = join(t.dir, 'list.csv');
    writeCsv(csv, [['Vendor'], ['Acme'], ['Beta']]);
    const i = await ok(t.core, 'import:inspect', { source: { path: csv } });
    await ok(t.core, 'import:commit', {
      source: { path: csv },
      sheet: i.sheet,
      headerRow: i.headerRow,
      columns: i.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
      options: { onDuplicate: 'create' },
    });
    const list = await ok(t.core, 'backups:list', {});
    expect(list).toMatchObject([{ reason: 'before-import', counts: { vendors: 0 } }]);
  });
});

describe('backup and restore', () => {
  it('restores a backup, keeping the database as it was and recording the restore in the audit log', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    await ok(t.core, 'vendors:create', { name: 'Acme Cloud' });
    const taken = await ok(t.core, 'backups:create', {});
    expect(taken).toMatchObject({ reason: 'manual', counts: { vendors: 1 } });
    await ok(t.core, 'vendors:create', { name: 'Beta Mail' });
    t.core.close();
    process.env.DPO_AUDIT_HEADS = join(t.dir, 'audit-heads.json');
    try {
      const r = await dpo('--db', t.dbPath, 'restore', taken.file, '--json');
      expect(r.code, r.stderr).toBe(0);
      const result = JSON.parse(r.stdout) as { previousSavedAs: string };
      expect(existsSync(result.previousSavedAs)).toBe(true);
      const verify = await dpo('--db', t.dbPath, 'audit', 'verify');
      expect(verify.code, verify.stderr).toBe(0);
    } finally {
      delete process.env.DPO_AUDIT_HEADS;
    }
    t.core = openCore({ dbPath: t.dbPath, door: 'cli', actor: 'tester', anchorFile: null });
    const names = (await ok(t.core, 'vendors:list', {})).rows.map((v) => v.name);
    expect(names).toEqual(['Acme Cloud']);
    const last = t.core.db.prepare('SELECT entity, action FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ entity: 'database', action: 'restore' });
  });

  it('refuses a backup from a newer version, or of another application, and changes nothing', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    await ok(t.core, 'vendors:create', { name: 'Acme Cloud' });
    const taken = await ok(t.core, 'backups:create', {});
    t.core.close();
    const future = new Database(taken.file);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.close();
    const before = readFileSync(t.dbPath);
    const files = readdirSync(t.dir).sort();
    const r = await dpo('--db', t.dbPath, 'restore', taken.file);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/written by a newer version of DPO Workbench .* nothing was changed/);
    const other = join(t.dir, 'other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const foreign = await dpo('--db', t.dbPath, 'restore', other);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/is not a DPO Workbench database/);
    expect(readFileSync(t.dbPath).equals(before)).toBe(true);
    expect(readdirSync(t.dir).sort()).toEqual([...files, 'other.sqlite'].sort());
    t.core = openCore({ dbPath: t.dbPath, door: 'cli', actor: 'tester', anchorFile: null });
  });
});
