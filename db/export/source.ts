import type { Register } from '../../shared/kit/define';
import type { Organisation, Settings } from '../../shared/domain/settings';
import { registerByName, registers as workbenchRegisters } from '../../shared/registers/index';
import { AppError } from '../../shared/errors';
import { createAuditLog } from '../audit';
import type { KitRecord } from '../kit/repository';
import type { Db } from '../open';
import { createRegisters } from '../registers';

/** What an export reads: the registers chosen, their records with derived facts, the settings and the log. */
export interface ExportSource {
  registers: readonly Register[];
  organisation: Organisation;
  settings: Settings;
  schemaVersion: number;
  audit: { count: number; headId: number; headHash: string | null };
  count(reg: Register): number;
  batches(reg: Register): Generator<KitRecord[]>;
  /** Every audit entry in order, a batch at a time. */
  auditBatches(): Generator<AuditRow[]>;
  /** Records of another register by id (an ICO layout reads an activity's vendors and transfers). */
  byIds(register: string, ids: readonly number[]): Map<number, KitRecord>;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: number;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  import_id: string | null;
  hash: string;
}

/** The registers an export names, in the workbench's order; an unknown name is an error naming it. */
export function chosenRegisters(names: readonly string[] | null): Register[] {
  if (!names || names.length === 0) return [...(workbenchRegisters as unknown as Register[])];
  const out: Register[] = [];
  for (const n of names) {
    const reg = registerByName(n);
    if (!reg) {
      throw new AppError(
        'VALIDATION',
        `There is no register named "${n}". Registers: ${workbenchRegisters.map((r) => r.name).join(', ')}.`,
        [{ path: 'registers', message: `There is no register named "${n}".` }],
      );
    }
    if (!out.includes(reg)) out.push(reg);
  }
  const order = workbenchRegisters as unknown as Register[];
  return out.sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * Reads the registers for an export, judged on `now`. The caller holds a read transaction around the whole
 * export, so every sheet shows the same moment of the database.
 */
export function exportSource(
  db: Db,
  options: { registers: readonly Register[]; includeArchived: boolean; now: Date },
): ExportSource {
  const audit = createAuditLog(db);
  const all = createRegisters(db, audit);
  const ctx = { now: () => options.now };
  const head = db.prepare('SELECT last_id, last_hash FROM audit_head WHERE id = 1').get() as
    { last_id: number; last_hash: string } | undefined;
  const count = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  return {
    registers: options.registers,
    organisation: all.settings.organisation(),
    settings: all.settings.get(),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    audit: { count, headId: head?.last_id ?? 0, headHash: head?.last_hash ?? null },
    count: (reg) => all.repoOf(reg.name).count(options.includeArchived),
    batches: (reg) => all.repoOf(reg.name).batches({ includeArchived: options.includeArchived }, ctx),
    *auditBatches() {
      const next = db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000');
      let after = 0;
      for (;;) {
        const rows = next.all(after) as AuditRow[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        yield rows;
      }
    },
    byIds: (register, ids) => all.repoOf(register).recordsByIds(ids, ctx, 1),
  };
}
