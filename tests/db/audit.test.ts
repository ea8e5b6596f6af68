import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCore } from '../../db/core';
import { createAuditLog, entryHashOf } from '../../db/audit';
import { openDatabase } from '../../db/open';
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
    expect(await ok(t.core, 'audit:verify', {})).toMatchObject({
      ok: true,
      chainOk: true,
      entries: 5,
      firstBadId: null,
      reason: null,
      records: { checked: 2, total: 0, mismatches: [] },
      head: { id: 5 },
      anchor: { ok: true, message: null },
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

  describe('beyond the chain: tampering the chain alone cannot show', () => {
    const reopen = () => {
      t.core.close();
      const core = openCore({
        dbPath: t.dbPath,
        door: 'cli',
        actor: 'tester',
        anchorFile: join(t.dir, 'audit-heads.json'),
        importMode: 'inline',
      });
      t.core = core;
      return core;
    };
    /** Opens the database again, as the app would next time, with the heads it recorded before. */
    const openWithAnchors = () => {
      t.core = openCore({
        dbPath: t.dbPath,
        door: 'cli',
        actor: 'tester',
        anchorFile: join(t.dir, 'audit-heads.json'),
      });
      return t.core;
    };
    const raw = (sql: string) => {
      const db = new Database(t.dbPath);
      db.exec(sql);
      db.close();
    };

    it('names a record whose field was changed in the file behind the log', async () => {
      const id = await seeded();
      reopen();
      raw(`UPDATE vendors SET internal_owner = 'Mallory' WHERE id = ${id}`);
      const r = await ok(reopen(), 'audit:verify', {});
      expect(r).toMatchObject({ ok: false, chainOk: true });
      expect(r.records.mismatches).toEqual([
        { register: 'vendors', id, problem: 'Internal owner differs from what the log recorded' },
      ]);
    });

    it('names every record once the whole log and its head were deleted', async () => {
      await seeded();
      t.core.close();
      raw('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log; DELETE FROM audit_head;');
      const core = openCore({ dbPath: t.dbPath, door: 'cli', actor: 'tester', anchorFile: null });
      t.core = core;
      const r = await ok(core, 'audit:verify', {});
      expect(r).toMatchObject({ ok: false, chainOk: true, entries: 0 });
      expect(r.records.mismatches.map((m) => m.problem)).toEqual([
        'it has no entry in the log',
        'it has no entry in the log',
      ]);
    });

    it('reports, on the next open, a log whose last entries were cut and whose head was moved back', async () => {
      await seeded();
      reopen();
      t.core.close();
      raw(
        'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > 3; UPDATE audit_head SET last_id = 3, last_hash = (SELECT hash FROM audit_log WHERE id = 3);',
      );
      const core = openWithAnchors();
      const r = await ok(core, 'audit:verify', {});
      expect(r.chainOk).toBe(true);
      expect(r.ok).toBe(false);
      expect(r.anchor).toMatchObject({ ok: false, recordedId: 5 });
      expect(r.anchor.message).toContain('shorter than when this app last saw it');
      // The archive was cut from the log but not from the register: the replay names it too.
      expect(r.records.mismatches.map((m) => m.problem)).toContain('it is archived, unlike in the log');
    });

    it('reports a log rewritten with recomputed hashes to match an edited record', async () => {
      const id = await seeded();
      reopen();
      t.core.close();
      // Rewrite entry 2 (the rename) and every hash after it, so the chain and the replay both hold again.
      const db = new Database(t.dbPath);
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare('UPDATE audit_log SET new_value = \'"Mallory Hosting"\' WHERE id = 2').run();
      db.prepare("UPDATE vendors SET name = 'Mallory Hosting' WHERE id = ?").run(id);
      db.close();
      rehash(t.dbPath);
      const core = openWithAnchors();
      const r = await ok(core, 'audit:verify', {});
      expect(r).toMatchObject({ chainOk: true, ok: false, records: { total: 0 } });
      expect(r.anchor.message).toContain('was rewritten');
    });
  });

  it('holds its head through a run of appends: one chain, written once, and nothing when rolled back', () => {
    t = testCore();
    const { db } = openDatabase(join(t.dir, 'held.sqlite'));
    const log = createAuditLog(db);
    const ctx = { actor: 'tester', now: () => new Date('2026-03-02T10:00:00Z') };
    const entry = (n: number) => ({
      entity: 'vendor',
      entityId: n,
      action: 'create' as const,
      newValue: { n },
    });
    log.append(ctx, [entry(1)]);
    db.exec('BEGIN');
    const release = log.hold();
    for (let n = 2; n <= 5; n++) log.append(ctx, [entry(n)]);
    // While held, the head row still names the entry before the run.
    expect(db.prepare('SELECT last_id FROM audit_head').pluck().get()).toBe(1);
    release();
    db.exec('COMMIT');
    expect(db.prepare('SELECT last_id FROM audit_head').pluck().get()).toBe(5);
    expect(log.verify()).toMatchObject({ ok: true, entries: 5 });
    db.exec('BEGIN');
    const dropped = log.hold();
    log.append(ctx, [entry(6)]);
    dropped();
    db.exec('ROLLBACK');
    log.append(ctx, [entry(7)]);
    expect(log.verify()).toMatchObject({ ok: true, entries: 6 });
    // Rolled back before its release (SQLite ends a transaction itself on some errors): nothing is written.
    db.exec('BEGIN');
    const orphaned = log.hold();
    log.append(ctx, [entry(8)]);
    db.exec('ROLLBACK');
    orphaned();
    expect(db.prepare('SELECT last_id FROM audit_head').pluck().get()).toBe(6);
    expect(log.verify()).toMatchObject({ ok: true, entries: 6 });
    expect(() => log.hold()).toThrow(/inside a transaction/);
    db.close();
  });
});

/** What someone who knows the hashing would do: recompute every hash and the head after editing entries. */
function rehash(dbPath: string): void {
  const db = new Database(dbPath);
  let prev = '0'.repeat(64);
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
  const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const row of rows) {
    const { hash: _hash, ...rest } = row;
    const hash = entryHashOf({ ...rest, prev_hash: prev } as never);
    set.run(prev, hash, row.id);
    prev = hash;
  }
  db.prepare('UPDATE audit_head SET last_hash = ? WHERE id = 1').run(prev);
  db.close();
}
