import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { migrations } from '../../db/migrations/index';
import { openDatabase } from '../../db/open';
import { ok, tempDir } from '../helpers/core';

let cleanup = () => {};
afterEach(() => cleanup());

describe('migration 6: breaches and rights requests', () => {
  it('migrates a version-5 database with settings, a vendor and an activity, and links the new records', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'w.sqlite');
    const v5 = openDatabase(path, { migrations: migrations.slice(0, 5) });
    const at = '2026-01-01T00:00:00Z';
    v5.db.exec(`
      INSERT INTO vendors (name, name_key, role, dpa_status, status, source_kind, processing_countries, created_at, updated_at)
      VALUES ('Acme', 'acme', 'processor', 'none', 'active', 'manual', '["US"]', '${at}', '${at}');
      INSERT INTO activities (name, name_key, screening, status, source_kind, created_at, updated_at)
      VALUES ('Support', 'support', '{"art35Cases":[],"criteria":[],"onAuthorityList":false,"reasonNotRequired":null}', 'draft', 'manual', '${at}', '${at}');
      INSERT INTO settings (key, value, updated_at) VALUES
        ('organisation', '{"name":"Example AS","country":"NO"}', '${at}'),
        ('deadlines', '{"readings":"cautious","extensionMethod":null,"smallProcessingAgent":false}', '${at}');
    `);
    v5.db.close();

    const { db, fromVersion, backupPath } = openDatabase(path, { migrations: migrations.slice(0, 6) });
    expect(fromVersion).toBe(5);
    expect(backupPath).toMatch(/before-v6/);
    expect(db.prepare('SELECT name FROM activities').all()).toEqual([{ name: 'Support' }]);
    expect(() =>
      db.prepare('INSERT INTO request_activities (request_id, activity_id) VALUES (1, 99)').run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();

    const core = openCore({
      dbPath: path,
      door: 'cli',
      actor: 'tester',
      checkOutput: true,
      now: () => new Date('2026-12-01T09:00:00Z'),
    });
    try {
      // The settings written before keep their values; what version 6 added takes its default.
      const settings = await ok(core, 'settings:get', {});
      expect(settings.organisation).toMatchObject({ name: 'Example AS', country: 'NO', timeZone: null });
      expect(settings.deadlines).toMatchObject({ readings: 'cautious', contactRetentionDays: 365 });
      const r = await ok(core, 'requests:create', {
        reference: 'DSAR-1',
        type: 'access',
        receivedOn: '2026-11-21',
        activities: ['Support'],
      });
      expect(r).toMatchObject({
        jurisdiction: 'GDPR',
        country: 'NO',
        due: '2026-12-21',
        activityNames: ['Support'],
      });
      const b = await ok(core, 'breaches:create', {
        title: 'Acme leak',
        awareAt: '2026-11-30T10:00:00Z',
        vendors: ['Acme'],
        activities: ['Support'],
      });
      expect(b).toMatchObject({ vendorNames: ['Acme'], activityNames: ['Support'] });
      expect(b.clock.state).toBe('running');
    } finally {
      core.close();
    }
  });
});
