import { createHash } from 'node:crypto';
import type { AuditEntry } from '../shared/domain/vendor';
import type { Db } from './open';

export type AuditAction = AuditEntry['action'];

export interface AuditRecord {
  entity: string;
  entityId: number;
  action: AuditAction;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: number;
  action: AuditAction;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  import_id: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** An entry's hash (exported for the tests that play an attacker who knows it). */
export function entryHashOf(row: Omit<AuditRow, 'hash'>): string {
  return entryHash(row);
}

/** An entry's fields in the order its hash covers them, which is also the order of its columns in the table. */
const hashedFields = (row: Omit<AuditRow, 'hash'>) => [
  row.id,
  row.at,
  row.actor,
  row.entity,
  row.entity_id,
  row.action,
  row.field,
  row.old_value,
  row.new_value,
  row.import_id,
  row.prev_hash,
];

const hashOf = (fields: readonly unknown[]): string =>
  createHash('sha256').update(JSON.stringify(fields)).digest('hex');

function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return hashOf(hashedFields(row));
}

const encode = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const decode = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

export interface AuditContext {
  actor: string;
  now: () => Date;
  importId?: string | null;
}

/** The append-only, hash-chained audit log. Callers append inside the transaction of the change itself. */
export function createAuditLog(db: Db) {
  const head = db.prepare<[], { last_id: number; last_hash: string }>(
    'SELECT last_id, last_hash FROM audit_head WHERE id = 1',
  );
  const setHead = db.prepare(
    `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)
     ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`,
  );
  // An entry written by an import names the file and the day it was imported, not only its id.
  const byEntity = db.prepare<
    [string, number],
    AuditRow & { import_file: string | null; import_at: string | null }
  >(
    `SELECT a.*, i.file_name AS import_file, i.created_at AS import_at FROM audit_log a
     LEFT JOIN imports i ON i.id = a.import_id
     WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.id DESC`,
  );
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id');

  const insert = db.prepare(
    `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, field, old_value, new_value, import_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** The chain's head while a caller holds it (`hold`): read once, written once when released. */
  let held: { lastId: number; prev: string; dirty: boolean } | null = null;
  const readHead = () => {
    const h = head.get();
    return { lastId: h?.last_id ?? 0, prev: h?.last_hash ?? GENESIS, dirty: false };
  };

  return {
    /**
     * Holds the chain's head in memory for a run of appends inside one transaction (an import appends one entry
     * per row): the head row is read once here and written once by the returned release, which the caller runs
     * before it commits. Appends through another log object meanwhile would fork the chain, so the holder must be
     * the only writer of the transaction.
     */
    hold(): () => void {
      if (!db.inTransaction) throw new Error('The audit head is held only inside a transaction.');
      held = readHead();
      return () => {
        const h2 = held;
        held = null;
        // Outside its transaction (SQLite rolled it back on an error) the held head names entries that are gone.
        if (h2?.dirty && db.inTransaction) setHead.run(h2.lastId, h2.prev);
      };
    },

    /** Appends entries; must run inside the caller's transaction so the change and its audit land together. */
    append(ctx: AuditContext, records: AuditRecord[]): void {
      if (records.length === 0) return;
      const chain = held ?? readHead();
      const at = ctx.now().toISOString();
      for (const r of records) {
        const row = {
          id: chain.lastId + 1,
          at,
          actor: ctx.actor,
          entity: r.entity,
          entity_id: r.entityId,
          action: r.action,
          field: r.field ?? null,
          old_value: encode(r.oldValue),
          new_value: encode(r.newValue),
          import_id: ctx.importId ?? null,
          prev_hash: chain.prev,
        };
        const fields = hashedFields(row);
        const hash = hashOf(fields);
        insert.run(...fields, hash);
        chain.lastId = row.id;
        chain.prev = hash;
      }
      if (held) held.dirty = true;
      else setHead.run(chain.lastId, chain.prev);
    },

    /** The history of one record, newest first. */
    history(entity: string, entityId: number): AuditEntry[] {
      return byEntity.all(entity, entityId).map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        field: r.field,
        oldValue: decode(r.old_value),
        newValue: decode(r.new_value),
        importId: r.import_id,
        importFile: r.import_file,
        importAt: r.import_at,
      }));
    },

    /**
     * Recomputes the chain from the first entry. Reports the first entry whose hash, link or number does not
     * hold, which is where a row was altered, inserted or deleted; a removed last entry shows at the head.
     */
    verify(): { ok: boolean; entries: number; firstBadId: number | null; reason: string | null } {
      let prev = GENESIS;
      let expectedId = 1;
      let entries = 0;
      for (const row of all.iterate()) {
        entries++;
        if (row.id !== expectedId) {
          return {
            ok: false,
            entries,
            firstBadId: expectedId,
            reason: `entry ${expectedId} is missing (deleted)`,
          };
        }
        if (row.prev_hash !== prev) {
          return {
            ok: false,
            entries,
            firstBadId: row.id,
            reason: `entry ${row.id} does not link to the entry before it`,
          };
        }
        const { hash, ...rest } = row;
        if (entryHash(rest) !== hash) {
          return {
            ok: false,
            entries,
            firstBadId: row.id,
            reason: `entry ${row.id} was altered after it was written`,
          };
        }
        prev = hash;
        expectedId++;
      }
      const h = head.get();
      const lastId = expectedId - 1;
      if ((h?.last_id ?? 0) !== lastId || (h?.last_hash ?? GENESIS) !== prev) {
        const missing = (h?.last_id ?? 0) > lastId ? lastId + 1 : (h?.last_id ?? 0) + 1;
        return {
          ok: false,
          entries,
          firstBadId: missing,
          reason: `the chain ends at entry ${lastId} but its head records entry ${h?.last_id ?? 0}`,
        };
      }
      return { ok: true, entries, firstBadId: null, reason: null };
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
