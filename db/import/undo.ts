import { AppError } from '../../shared/errors';
import type { UndoResult } from '../../shared/import/types';
import { registerByName } from '../../shared/registers/index';
import { createAuditLog } from '../audit';
import type { Db } from '../open';
import { createRegisters } from '../registers';
import type { JobContext } from './job-context';
import { getImportRow } from './store';

export interface UndoParams {
  importId: string;
  actor: string;
  now: Date;
}

const BATCH = 250;

/**
 * Undoes a whole import in one transaction: the records it created are removed and the records it updated
 * get back the values they had before it, each change audited with the import's id; then the import is
 * marked undone, audited too. Refused, with nothing changed, when a record it touched was changed since
 * (undoing would lose that work) or when another record now refers to one it created.
 */
export function undoImport(db: Db, params: UndoParams, job: JobContext): UndoResult {
  const audit = createAuditLog(db);
  const registers = createRegisters(db, audit);
  const ctx = { actor: params.actor, now: () => params.now, importId: params.importId };
  const run = db.transaction((): UndoResult => {
    const imp = getImportRow(db, params.importId);
    const reg = registerByName(imp.register);
    if (!reg)
      throw new AppError(
        'NOT_FOUND',
        `The import ${params.importId} filled a register this version does not have.`,
      );
    const repo = registers.repoOf(reg.name);
    const entity = reg.entity;
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
      .prepare<[number, string, string, string, string], { entity_id: number }>(
        `SELECT DISTINCT a.entity_id FROM audit_log a
         WHERE a.id > ? AND a.entity = ? AND (a.import_id IS NULL OR a.import_id <> ?)
           AND a.entity_id IN (SELECT entity_id FROM audit_log WHERE import_id = ? AND entity = ?)
         LIMIT 11`,
      )
      .all(imp.last_audit_id, entity, params.importId, params.importId, entity);
    if (later.length > 0) {
      const ids = later.map((l) => l.entity_id);
      const titles = repo.titles(ids.slice(0, 10), 1);
      const names = ids.slice(0, 10).map((id) => titles.get(id) ?? `#${id}`);
      const Noun = reg.noun.other.charAt(0).toUpperCase() + reg.noun.other.slice(1);
      throw new AppError(
        'CONFLICT',
        `${Noun} from this import were changed after it (${names.join(', ')}${later.length > 10 ? ', …' : ''}); undoing it would lose those changes. Nothing was undone.`,
        { id: params.importId, records: ids },
      );
    }
    const entries = db
      .prepare<
        [string, string],
        { entity_id: number; action: string; field: string | null; old_value: string | null }
      >(
        `SELECT entity_id, action, field, old_value FROM audit_log
         WHERE import_id = ? AND entity = ? ORDER BY id`,
      )
      .iterate(params.importId, entity);
    const created = new Set<number>();
    // Records a workbook's round trip archived (their rows were deleted from the file, and archiving was asked).
    const archived = new Set<number>();
    const before = new Map<number, Map<string, unknown>>();
    for (const e of entries) {
      if (e.action === 'create') created.add(e.entity_id);
      else if (e.action === 'archive' && !created.has(e.entity_id)) archived.add(e.entity_id);
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
          total: created.size + before.size + archived.size,
          percent: (100 * done) / (created.size + before.size + archived.size),
        });
      }
    };
    // Children first, so a record created by the import as another's parent can go after its child.
    const createdIds = [...created].sort((a, b) => b - a);
    for (const id of createdIds) {
      repo.removeOne(id, ctx);
      tick();
    }
    for (const id of archived) {
      repo.restore(id, ctx);
      tick();
    }
    for (const [id, fields] of before) {
      const current = repo.storedByIds([id]).get(id);
      if (!current)
        throw new AppError('CONFLICT', `Record ${id} no longer exists; the import cannot be undone.`);
      for (const [f, v] of fields) current[f] = v;
      repo.updateOne(id, current, ctx, undefined, true);
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
    return {
      importId: params.importId,
      register: imp.register,
      removed: created.size,
      reverted: before.size + archived.size,
    };
  });
  return run.immediate();
}
