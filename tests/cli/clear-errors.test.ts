import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpoInProcess } from '../helpers/cli';
import { ok, tempDir, testCore } from '../helpers/core';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

const dpo = dpoInProcess;

/** One line on stderr, exit 2, and nothing on stdout: what a script calling `dpo` can rely on. */
function oneLine(r: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe('clear errors at the command line', () => {
  it('refuses an empty --db instead of using a throw-away database', async () => {
    oneLine(await dpo('--db', '', 'vendors', 'list'), /^dpo: No database file was given/);
  });

  it('refuses a folder, and a path below a file', async () => {
    oneLine(await dpo('--db', dir, 'vendors', 'list'), /is a folder, not a database file/);
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'notes');
    oneLine(
      await dpo('--db', join(file, 'w.sqlite'), 'vendors', 'list'),
      /notes\.txt is a file, not a folder/,
    );
  });

  it("leaves another application's SQLite file untouched", async () => {
    const other = join(dir, 'other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)');
    raw.close();
    const before = readFileSync(other);
    oneLine(await dpo('--db', other, 'vendors', 'list'), /is not a DPO Workbench database/);
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  it('says in one line what is wrong with an option, without the whole help', async () => {
    oneLine(await dpo('vendors', 'list', '--bogus'), /^dpo: unknown option '--bogus' \(see --help\)$/m);
    oneLine(await dpo('deadline', '--jurisdiction', 'gdpr'), /required option '--type <type>' not specified/);
  });

  it('refuses dates outside 1900–2199', async () => {
    oneLine(
      await dpo(
        'deadline',
        '--jurisdiction',
        'gdpr',
        '--type',
        'access',
        '--received',
        '9999-12-31',
        '--country',
        'DE',
      ),
      /between 1900 and 2199/,
    );
  });
});

describe('--read-only', () => {
  it('lists, verifies and exports without writing a byte of the database, and refuses a change in one line', async () => {
    const t = testCore();
    await ok(t.core, 'demo:load', {});
    t.core.close();
    const before = readFileSync(t.dbPath);
    try {
      const list = await dpo('--db', t.dbPath, '--read-only', 'vendors', 'list', '--json');
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toHaveLength(14);
      expect((await dpo('--db', t.dbPath, '--read-only', 'audit', 'verify')).code).toBe(0);
      const out = join(t.dir, 'audit.xlsx');
      expect((await dpo('--db', t.dbPath, '--read-only', 'export', '--out', out)).code).toBe(0);
      oneLine(
        await dpo('--db', t.dbPath, '--read-only', 'vendors', 'archive', '1'),
        /^dpo: The database is open read-only .*nothing can be changed or saved\.$/m,
      );
      expect(readFileSync(t.dbPath).equals(before)).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});

describe('control characters', () => {
  it('are refused in every text field, naming the field, before they reach SQLite', async () => {
    const t = testCore();
    try {
      const r = await t.core.dispatch('vendors:create', { name: '\u0000Evil Corp', notes: 'ok' });
      expect(!r.ok && r.error.code).toBe('VALIDATION');
      expect(!r.ok && r.error.details).toEqual([
        { path: 'name', message: 'Remove the control character (such as NUL) from this text.' },
      ]);
      const labels = await t.core.dispatch('vendors:create', { name: 'Fine', services: ['Host\u0007ing'] });
      expect(!labels.ok && (labels.error.details as { path: string }[])[0]!.path).toBe('services.0');
      // Line breaks and tabs are text, not control.
      await ok(t.core, 'vendors:create', { name: 'Fine Ltd', notes: 'line one\nline\ttwo' });
    } finally {
      t.close();
    }
  });
});
