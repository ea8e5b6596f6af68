import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { migrations } from '../../db/migrations/index';
import { openDatabase } from '../../db/open';
import { ok, tempDir } from '../helpers/core';

let cleanup = () => {};
afterEach(() => cleanup());

describe('migration 4: transfers, settings, and imports open to every register', () => {
  it('migrates a version-3 database with a vendor, an import and a preset, keeping them', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'w.sqlite');
    const v3 = openDatabase(path, { migrations: migrations.slice(0, 3) });
    v3.db.exec(`
      INSERT INTO vendors (name, name_key, role, dpa_status, status, source_kind, created_at, updated_at)
      VALUES ('Acme', 'acme', 'processor', 'none', 'active', 'manual', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
      INSERT INTO imports (id, register, file_name, file_size, file_sha256, header_row, mapping, options, rows,
        created, updated, merged, skipped, invalid, actor, created_at, last_audit_id)
      VALUES ('imp-1', 'vendors', 'a.xlsx', 10, 'x', 1, '{}', '{}', 1, 1, 0, 0, 0, 0, 'me', '2026-01-01T00:00:00Z', 0);
      INSERT INTO mapping_presets (register, name, mapping, created_at, updated_at)
      VALUES ('vendors', 'Procurement', '{"vendor":"name"}', 'x', 'x');
    `);
    v3.db.close();

    const { db, fromVersion, backupPath } = openDatabase(path, { migrations: migrations.slice(0, 4) });
    expect(fromVersion).toBe(3);
    expect(backupPath).toMatch(/before-v4/);
    expect(db.prepare('SELECT name, dpf_certified FROM vendors').all()).toEqual([
      { name: 'Acme', dpf_certified: 0 },
    ]);
    expect(db.prepare('SELECT id, register FROM imports').all()).toEqual([
      { id: 'imp-1', register: 'vendors' },
    ]);
    expect(db.prepare('SELECT name FROM mapping_presets').all()).toEqual([{ name: 'Procurement' }]);
    // Any register may now be recorded; the app checks the name.
    db.prepare(
      "INSERT INTO mapping_presets (register, name, mapping, created_at, updated_at) VALUES ('transfers', 'T', '{}', 'x', 'x')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO transfers (importer_id, destination_country, mechanism, source_kind, identity_key, validity_status, derived_until, created_at, updated_at) VALUES (99, 'US', 'none', 'manual', 'k', 'invalid', 'x', 'x', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();

    const core = openCore({ dbPath: path, door: 'cli', actor: 'tester', checkOutput: true });
    try {
      const acme = (await ok(core, 'vendors:list', {})).rows[0]!;
      const tr = await ok(core, 'transfers:create', {
        importer: 'Acme',
        destinationCountry: 'US',
        exporterCountry: 'DE',
      });
      expect([tr.importer, tr.validity.status]).toEqual([acme.id, 'invalid']);
    } finally {
      core.close();
    }
  });
});
