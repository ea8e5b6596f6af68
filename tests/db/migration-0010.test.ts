import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { migrations } from '../../db/migrations/index';
import { openDatabase } from '../../db/open';
import { ok, tempDir } from '../helpers/core';

let cleanup = () => {};
afterEach(() => cleanup());

describe('migration 10: vendors keyed by their brand', () => {
  it('keys a vendor stored as "Zendesk, Inc. (Zendesk)" by its brand, so a list imported again finds it', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'w.sqlite');
    const v9 = openDatabase(path, { migrations: migrations.slice(0, 9) });
    const at = '2026-01-01T00:00:00Z';
    const insert = v9.db.prepare(
      `INSERT INTO vendors (name, name_key, role, dpa_status, status, source_kind, processing_countries, created_at, updated_at)
       VALUES (?, ?, 'processor', 'none', 'active', 'manual', '["US"]', '${at}', '${at}')`,
    );
    insert.run('Zendesk, Inc. (Zendesk)', 'zendesk zendesk');
    insert.run('Google (Analytics)', 'google analytics');
    v9.db.close();

    const { db, fromVersion } = openDatabase(path, { migrations: migrations.slice(0, 10) });
    expect(fromVersion).toBe(9);
    expect(db.prepare('SELECT name, name_key FROM vendors ORDER BY id').all()).toEqual([
      { name: 'Zendesk, Inc. (Zendesk)', name_key: 'zendesk' },
      // No legal form on either side: the name stays whole, and its key with it.
      { name: 'Google (Analytics)', name_key: 'google analytics' },
    ]);
    db.close();

    const core = openCore({ dbPath: path, door: 'cli', actor: 'tester' });
    try {
      const csv = join(t.dir, 'again.csv');
      writeFileSync(csv, 'Sub-processor,Location\n"Zendesk, Inc. (Zendesk)",United States\n');
      const inspected = await ok(core, 'import:inspect', { source: { path: csv } });
      const r = await ok(core, 'import:commit', {
        source: { path: csv },
        sheet: inspected.sheet,
        headerRow: inspected.headerRow,
        columns: inspected.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
        options: { onDuplicate: 'skip', expandRegions: false, strict: false },
      });
      // Found, not added again: matched, or asked about when only one side gives the legal form.
      expect(r.created).toBe(0);
    } finally {
      core.close();
    }
  });
});
