import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { migrations } from '../../../db/migrations/index';
import { tempDir } from '../../helpers/core';

let cleanup = () => {};
afterEach(() => cleanup());

describe('migration 3: imports and mapping presets', () => {
  it('migrates a version-2 database with vendors in it, keeping them, and adds the import tables', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'w.sqlite');
    const v2 = openDatabase(path, { migrations: migrations.slice(0, 2) });
    v2.db
      .prepare(
        `INSERT INTO vendors (name, name_key, role, dpa_status, status, source_kind, created_at, updated_at)
         VALUES ('Acme', 'acme', 'processor', 'none', 'active', 'manual', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    v2.db.close();

    const { db, fromVersion } = openDatabase(path, { migrations: migrations.slice(0, 3) });
    expect(fromVersion).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'Acme' }]);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN ('imports', 'mapping_presets')",
      )
      .all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['imports', 'mapping_presets']);
    for (const t of tables) expect(t.sql).toMatch(/STRICT/);
    const insertPreset = db.prepare(
      "INSERT INTO mapping_presets (register, name, mapping, created_at, updated_at) VALUES ('vendors', ?, ?, 'x', 'x')",
    );
    insertPreset.run('Procurement', '{"vendor":"name"}');
    expect(() => insertPreset.run('procurement', '{}')).toThrow(/UNIQUE/);
    expect(() => insertPreset.run('Other', '[]')).toThrow(/CHECK/);
    db.close();
  });
});
