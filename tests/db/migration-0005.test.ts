import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { migrations } from '../../db/migrations/index';
import { openDatabase } from '../../db/open';
import { ok, tempDir } from '../helpers/core';

let cleanup = () => {};
afterEach(() => cleanup());

describe('migration 5: processing activities and DPIAs', () => {
  it('migrates a version-4 database with vendors and a transfer, keeping them, and links the new records', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'w.sqlite');
    const v4 = openDatabase(path, { migrations: migrations.slice(0, 4) });
    v4.db.exec(`
      INSERT INTO vendors (name, name_key, role, dpa_status, status, source_kind, processing_countries, created_at, updated_at)
      VALUES ('Acme', 'acme', 'processor', 'none', 'active', 'manual', '["US"]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    `);
    v4.db.close();

    const { db, fromVersion, backupPath } = openDatabase(path, { migrations: migrations.slice(0, 5) });
    expect(fromVersion).toBe(4);
    expect(backupPath).toMatch(/before-v5/);
    expect(db.prepare('SELECT name FROM vendors').all()).toEqual([{ name: 'Acme' }]);
    // A link to a vendor that does not exist is refused by the schema itself.
    db.exec(`INSERT INTO activities (name, name_key, screening, status, source_kind, created_at, updated_at)
      VALUES ('X', 'x', '{"art35Cases":[],"criteria":["large-scale","sensitive-data"],"onAuthorityList":false,"reasonNotRequired":null}', 'draft', 'manual', 'x', 'x')`);
    expect(() =>
      db.prepare('INSERT INTO activity_vendors (activity_id, vendor_id) VALUES (1, 99)').run(),
    ).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT dpia_screening_calls AS calls FROM activities').get()).toEqual({ calls: 1 });
    db.exec('DELETE FROM activities');
    db.close();

    const core = openCore({ dbPath: path, door: 'cli', actor: 'tester', checkOutput: true });
    try {
      const a = await ok(core, 'activities:create', { name: 'Support', vendors: ['Acme'] });
      expect(a).toMatchObject({ vendorNames: ['Acme'], thirdCountries: ['US'], transferGaps: ['US'] });
      const d = await ok(core, 'dpias:create', { title: 'DPIA: support', activities: [a.id] });
      expect(d.activityNames).toEqual(['Support']);
    } finally {
      core.close();
    }
  });
});
