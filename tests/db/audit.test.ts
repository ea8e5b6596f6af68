import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t.close());

async function seeded() {
  t = testCore();
  const a = await ok(t.core, 'vendors:create', { name: 'Acme Hosting', processingCountries: ['DE'] });
  await ok(t.core, 'vendors:update', {
    id: a.id,
    values: { name: 'Acme Hosting GmbH', processingCountries: ['DE', 'US'] },
  });
  await ok(t.core, 'vendors:archive', { id: a.id });
  await ok(t.core, 'vendors:create', { name: 'Beta Mail' });
  return a.id;
}

describe('audit log', () => {
  it('records who, when, entity, id, field, old and new for each change', async () => {
    const id = await seeded();
    const history = await ok(t.core, 'audit:history', { entity: 'vendor', entityId: id });
    expect(history.map((h) => [h.action, h.field])).toEqual([
      ['archive', 'archived'],
      ['update', 'processingCountries'],
      ['update', 'name'],
      ['create', null],
    ]);
    const nameChange = history.find((h) => h.field === 'name')!;
    expect(nameChange).toMatchObject({
      actor: 'tester',
      entity: 'vendor',
      entityId: id,
      oldValue: 'Acme Hosting',
      newValue: 'Acme Hosting GmbH',
    });
    expect(nameChange.at).toBe('2026-03-02T10:00:00.000Z');
  });

  it('verifies an intact chain', async () => {
    await seeded();
    expect(await ok(t.core, 'audit:verify', {})).toEqual({
      ok: true,
      entries: 5,
      firstBadId: null,
      reason: null,
    });
  });

  it('refuses updates and deletes through SQL', async () => {
    await seeded();
    expect(() => t.core.db.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 1").run()).toThrowError(
      /append-only/,
    );
    expect(() => t.core.db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrowError(/append-only/);
  });

  // Someone with the file and a SQLite shell can drop the guard triggers; the hash chain still tells.
  function tamper(sql: string) {
    const raw = new Database(t.dbPath);
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    raw.exec(sql);
    raw.close();
  }

  it('detects an altered entry and names it', async () => {
    await seeded();
    tamper(`UPDATE audit_log SET new_value = '"Evil Corp"' WHERE id = 2`);
    const r = await ok(t.core, 'audit:verify', {});
    expect(r).toMatchObject({ ok: false, firstBadId: 2 });
    expect(r.reason).toMatch(/altered/);
  });

  it('detects a deleted entry in the middle', async () => {
    await seeded();
    tamper('DELETE FROM audit_log WHERE id = 3');
    expect(await ok(t.core, 'audit:verify', {})).toMatchObject({ ok: false, firstBadId: 3 });
  });

  it('detects a deleted last entry', async () => {
    await seeded();
    tamper('DELETE FROM audit_log WHERE id = 5');
    expect(await ok(t.core, 'audit:verify', {})).toMatchObject({ ok: false, firstBadId: 5 });
  });

  it('detects a rewritten entry whose hash was recomputed without the chain', async () => {
    await seeded();
    tamper("UPDATE audit_log SET actor = 'someone else', hash = prev_hash WHERE id = 1");
    expect(await ok(t.core, 'audit:verify', {})).toMatchObject({ ok: false, firstBadId: 1 });
  });
});
