import type { Register } from '../shared/kit/define';
import type { Db } from './open';
import type { Registers } from './registers';

/** A record whose stored fields are not what its audit entries say they should be. */
export interface ReplayMismatch {
  register: string;
  id: number;
  problem: string;
}

const MAX_LISTED = 50;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const empty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/**
 * Replays the audit log against the registers: every current record must have a creating entry, and each of its
 * fields must hold the value its last entry wrote (the creation, then each update in order), its archived state
 * the last archive or restore. So a record changed, added or removed in the file behind the app's back shows,
 * even when the log's hash chain was recomputed to match, unless the log was rewritten to tell the same story.
 * Personal fields are left out: the log never holds their values.
 */
export function replayAudit(
  db: Db,
  registers: Registers,
): { checked: number; mismatches: ReplayMismatch[]; total: number } {
  const mismatches: ReplayMismatch[] = [];
  let total = 0;
  let checked = 0;
  const note = (m: ReplayMismatch) => {
    total++;
    if (mismatches.length < MAX_LISTED) mismatches.push(m);
  };
  for (const reg of registers.list as readonly Register[]) {
    const repo = registers.repoOf(reg.name);
    const fields = reg.fieldList.filter((f) => !f.field.personal).map((f) => f.name);
    const rowOf = db.prepare(`SELECT * FROM ${reg.table} WHERE id = ?`);
    const entries = db
      .prepare(
        `SELECT entity_id, action, field, new_value FROM audit_log WHERE entity = ? ORDER BY entity_id, id`,
      )
      .iterate(reg.entity) as IterableIterator<{
      entity_id: number;
      action: string;
      field: string | null;
      new_value: string | null;
    }>;
    const seen = new Set<number>();
    let current: {
      id: number;
      created: boolean;
      deleted: boolean;
      archived: boolean;
      values: Map<string, unknown>;
    } | null = null;
    const settle = () => {
      if (!current) return;
      const c = current;
      seen.add(c.id);
      const row = rowOf.get(c.id) as Record<string, unknown> | undefined;
      if (c.deleted) {
        if (row)
          note({
            register: reg.name,
            id: c.id,
            problem: 'it was removed in the log but is still in the register',
          });
        return;
      }
      if (!row) {
        if (c.created)
          note({ register: reg.name, id: c.id, problem: 'it is in the log but missing from the register' });
        return;
      }
      checked++;
      if (!c.created) {
        note({ register: reg.name, id: c.id, problem: 'it has no creating entry in the log' });
        return;
      }
      const stored = repo.decodeFields(row as never) as Record<string, unknown>;
      const differ = fields.filter((f) => {
        const logged = c.values.has(f) ? c.values.get(f) : null;
        return !(same(logged, stored[f]) || (empty(logged) && empty(stored[f])));
      });
      if (differ.length > 0) {
        note({
          register: reg.name,
          id: c.id,
          problem: `${differ.map((f) => reg.fields[f]?.label ?? f).join(', ')} differ${differ.length === 1 ? 's' : ''} from what the log recorded`,
        });
      }
      if ((row.archived_at !== null) !== c.archived) {
        note({
          register: reg.name,
          id: c.id,
          problem: `it is ${c.archived ? 'not ' : ''}archived, unlike in the log`,
        });
      }
    };
    for (const e of entries) {
      if (!current || current.id !== e.entity_id) {
        settle();
        current = { id: e.entity_id, created: false, deleted: false, archived: false, values: new Map() };
      }
      const value = e.new_value === null ? null : (JSON.parse(e.new_value) as unknown);
      if (e.action === 'create') {
        current.created = true;
        current.deleted = false;
        current.archived = false;
        current.values = new Map(Object.entries((value ?? {}) as Record<string, unknown>));
      } else if (e.action === 'update' && e.field) {
        current.values.set(e.field, value);
      } else if (e.action === 'archive') current.archived = true;
      else if (e.action === 'restore') current.archived = false;
      else if (e.action === 'delete') current.deleted = true;
    }
    settle();
    // Records with no entry at all: added to the file behind the log's back.
    for (const { id } of db.prepare(`SELECT id FROM ${reg.table} ORDER BY id`).iterate() as IterableIterator<{
      id: number;
    }>) {
      if (seen.has(id)) continue;
      checked++;
      note({ register: reg.name, id, problem: 'it has no entry in the log' });
    }
  }
  return { checked, mismatches, total };
}
