import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';

const ROOT = join(import.meta.dirname, '..', '..');
let cleanup = () => {};
afterEach(() => cleanup());

function dpo(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dpo.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dpo command', () => {
  it('shows help', () => {
    const r = dpo(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'demo', 'vendors', 'audit']) expect(r.stdout).toContain(c);
  });

  it('loads the demo, lists vendors as JSON, verifies and then catches a tampered audit log', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, 'w.sqlite');
    expect(dpo(['demo', '--db', db]).stdout).toMatch(
      /Loaded the demo data: 14 vendors \(0 already there\), 4 transfers/,
    );
    const list = dpo(['vendors', 'list', '--json'], { DPO_DB: db });
    expect(list.code).toBe(0);
    const vendors = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(vendors).toHaveLength(14);
    for (const v of vendors) {
      for (const key of ['id', 'name', 'role', 'services', 'processingCountries', 'dpaStatus', 'status'])
        expect(v).toHaveProperty(key);
    }
    expect(vendors.find((v) => v.name === 'OpenAI')?.processingCountries).toEqual(['US']);

    // 14 vendors, 4 transfers, 8 processing activities, 1 DPIA, 5 rights requests, 2 breaches, and the
    // organisation's name, country and time zone.
    const intact = dpo(['audit', 'verify', '--db', db]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /^The audit log is intact: 37 entries, and the 34 records hold what it says\. Last entry 37, hash [0-9a-f]{64}\.\n$/,
    );
    const raw = new Database(db);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 7;");
    raw.close();
    const broken = dpo(['audit', 'verify', '--db', db]);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('broken at entry 7');
  });

  it('fails clearly on bad input and on a database from a newer version', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, 'w.sqlite');
    const bad = dpo(['vendors', 'list', '--db', db, '--country', 'Narnia']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Not a country we recognise');
    const raw = new Database(db);
    raw.pragma('user_version = 999');
    raw.close();
    const future = dpo(['vendors', 'list', '--db', db]);
    expect(future.code).not.toBe(0);
    expect(future.stderr).toMatch(/newer version of DPO Workbench/);
    expect(dpo(['no-such-command']).code).not.toBe(0);
  });
});
