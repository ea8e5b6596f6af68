import { AppError } from '../../shared/errors';
import type { UndoResult } from '../../shared/import/types';
import { createAuditLog } from '../audit';
import type { Db } from '../open';
import { createVendorRepository, vendorFields } from '../vendors';
import type { JobContext } from './job-context';
import { getImportRow } from './store';

export interface UndoParams {
  importId: string;
  actor: string;
  now: Date;
}

const BATCH = 250;

/**
 * Undoes a whole import in one transaction: the vendors it created are removed and the vendors it updated
 * get back the values they had before it, each change audited with the import's id; then the import is
 * marked undone, audited too. Refused, with nothing changed, when a vendor it touched was changed since
 * (undoing would lose that work) or when another vendor now names one it created as parent.
 */
export function undoImport(db: Db, params: UndoParams, job: JobContext): UndoResult {
  const audit = createAuditLog(db);
  const repo = createVendorRepository(db, audit);
  const ctx = { actor: params.actor, now: () => params.now, importId: params.importId };
  const run = db.transaction((): UndoResult => {
    const imp = getImportRow(db, params.importId);
    if (imp.undone_at) {
      throw new AppError(
        'CONFLICT',
        `This import was already undone on ${imp.undone_at.slice(0, 10)} by ${imp.undone_by}.`,
        {
          id: params.importId,
        },
      );
    }
    const later = db
      .prepare<[number, string, string], { entity_id: number; name: string | null }>(
        `SELECT DISTINCT a.entity_id, v.name FROM audit_log a LEFT JOIN vendors v ON v.id = a.entity_id
         WHERE a.id > ? AND a.entity = 'vendor' AND (a.import_id IS NULL OR a.import_id <> ?)
           AND a.entity_id IN (SELECT entity_id FROM audit_log WHERE import_id = ? AND entity = 'vendor')
         LIMIT 11`,
      )
      .all(imp.last_audit_id, params.importId, params.importId);
    if (later.length > 0) {
      const names = later.slice(0, 10).map((l) => l.name ?? `#${l.entity_id}`);
      throw new AppError(
        'CONFLICT',
        `Vendors from this import were changed after it (${names.join(', ')}${later.length > 10 ? ', …' : ''}); undoing it would lose those changes. Nothing was undone.`,
        { id: params.importId, vendors: later.map((l) => l.entity_id) },
      );
    }
    const entries = db
      .prepare<
        [string],
        { entity_id: number; action: string; field: string | null; old_value: string | null }
      >(
        `SELECT entity_id, action, field, old_value FROM audit_log
         WHERE import_id = ? AND entity = 'vendor' ORDER BY id`,
      )
      .iterate(params.importId);
    const created = new Set<number>();
    const before = new Map<number, Map<string, unknown>>();
    for (const e of entries) {
      if (e.action === 'create') created.add(e.entity_id);
      else if (e.action === 'update' && e.field && !created.has(e.entity_id)) {
        let fields = before.get(e.entity_id);
        if (!fields) before.set(e.entity_id, (fields = new Map()));
        // The oldest value of each field is what the vendor had before the import.
        if (!fields.has(e.field)) fields.set(e.field, e.old_value === null ? null : JSON.parse(e.old_value));
      }
    }
    let done = 0;
    const tick = () => {
      done++;
      if (done % BATCH === 0) {
        job.checkCancelled();
        job.progress({
          rows: done,
          total: created.size + before.size,
          percent: (100 * done) / (created.size + before.size),
        });
      }
    };
    // Children first, so a vendor created by the import as another's parent can go after its child.
    const createdIds = [...created].sort((a, b) => b - a);
    for (const id of createdIds) {
      repo.removeOne(id, ctx);
      tick();
    }
    for (const [id, fields] of before) {
      const current = vendorFields(repo.get(id, ctx)) as unknown as Record<string, unknown>;
      for (const [f, v] of fields) current[f] = v;
      repo.updateOne(id, current as unknown as ReturnType<typeof vendorFields>, ctx);
      tick();
    }
    const at = params.now.toISOString();
    db.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(
      at,
      params.actor,
      params.importId,
    );
    audit.append(ctx, [
      {
        entity: 'import',
        entityId: imp.seq,
        action: 'update',
        field: 'undoneAt',
        oldValue: null,
        newValue: at,
      },
    ]);
    job.checkCancelled();
    return { importId: params.importId, removed: created.size, reverted: before.size };
  });
  return run.immediate();
}
