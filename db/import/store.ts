import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { ImportRecord, ImportRegister, MappingPreset } from '../../shared/import/types';
import type { Db } from '../open';

interface ImportRow {
  seq: number;
  id: string;
  register: ImportRegister;
  file_name: string;
  sheet: string | null;
  header_row: number;
  mapping: string;
  options: string;
  rows: number;
  created: number;
  updated: number;
  merged: number;
  skipped: number;
  invalid: number;
  actor: string;
  created_at: string;
  last_audit_id: number;
  undone_at: string | null;
  undone_by: string | null;
}

function toRecord(r: ImportRow): ImportRecord {
  return {
    id: r.id,
    register: r.register,
    fileName: r.file_name,
    sheet: r.sheet,
    headerRow: r.header_row,
    mapping: JSON.parse(r.mapping) as Record<string, string | null>,
    options: JSON.parse(r.options) as ImportRecord['options'],
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    merged: r.merged,
    skipped: r.skipped,
    invalid: r.invalid,
    actor: r.actor,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

/** What an import (or a workbook's round trip) records of itself when it commits. */
export interface NewImport {
  id: string;
  register: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  sheet: string | null;
  headerRow: number;
  mapping: Record<string, string | null>;
  options: unknown;
  counts: {
    rows: number;
    created: number;
    updated: number;
    merged: number;
    skipped: number;
    invalid: number;
  };
  actor: string;
  createdAt: string;
}

/** Records an import inside its transaction; returns its row number, for its own audit entry. */
export function insertImport(db: Db, i: NewImport): number {
  const info = db
    .prepare(
      `INSERT INTO imports (id, register, file_name, file_size, file_sha256, sheet, header_row, mapping, options,
         rows, created, updated, merged, skipped, invalid, actor, created_at, last_audit_id)
       VALUES (@id, @register, @file_name, @file_size, @file_sha256, @sheet, @header_row, @mapping, @options,
         @rows, @created, @updated, @merged, @skipped, @invalid, @actor, @created_at, 0)`,
    )
    .run({
      id: i.id,
      register: i.register,
      file_name: i.fileName,
      file_size: i.fileSize,
      file_sha256: i.fileSha256,
      sheet: i.sheet,
      header_row: i.headerRow,
      mapping: JSON.stringify(i.mapping),
      options: JSON.stringify(i.options),
      ...i.counts,
      actor: i.actor,
      created_at: i.createdAt,
    });
  return Number(info.lastInsertRowid);
}

/**
 * Marks the last audit entry an import wrote, once its entries are in: later entries on the same records are
 * changes made after it, which an undo must not lose.
 */
export function markImportEnd(db: Db, id: string): void {
  db.prepare(
    'UPDATE imports SET last_audit_id = (SELECT last_id FROM audit_head WHERE id = 1) WHERE id = ?',
  ).run(id);
}

/** A file's SHA-256, read as a stream (a 100 MB list is never held whole). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The record of past imports, newest first. */
export function listImports(
  db: Db,
  offset: number,
  limit: number,
): { rows: ImportRecord[]; total: number; offset: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
  const rows = db
    .prepare<[number, number], ImportRow>('SELECT * FROM imports ORDER BY seq DESC LIMIT ? OFFSET ?')
    .all(limit, offset);
  return { rows: rows.map(toRecord), total, offset };
}

/** One import's stored row, or NOT_FOUND. */
export function getImportRow(db: Db, id: string): ImportRow {
  const row = db.prepare<[string], ImportRow>('SELECT * FROM imports WHERE id = ?').get(id);
  if (!row) throw new AppError('NOT_FOUND', `There is no import with id ${id}.`, { id });
  return row;
}

interface PresetRow {
  register: ImportRegister;
  name: string;
  mapping: string;
  created_at: string;
  updated_at: string;
}

const toPreset = (r: PresetRow): MappingPreset => ({
  name: r.name,
  register: r.register,
  mapping: JSON.parse(r.mapping) as MappingPreset['mapping'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Saved column mappings: list, save (replacing one of the same name), delete. */
export function createPresetStore(db: Db) {
  return {
    list(register: ImportRegister): MappingPreset[] {
      return db
        .prepare<[string], PresetRow>('SELECT * FROM mapping_presets WHERE register = ? ORDER BY name')
        .all(register)
        .map(toPreset);
    },
    get(register: ImportRegister, name: string): MappingPreset | null {
      const r = db
        .prepare<[string, string], PresetRow>('SELECT * FROM mapping_presets WHERE register = ? AND name = ?')
        .get(register, name);
      return r ? toPreset(r) : null;
    },
    save(
      register: ImportRegister,
      name: string,
      mapping: Record<string, string | null>,
      now: Date,
    ): MappingPreset {
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO mapping_presets (register, name, mapping, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(register, name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
      ).run(register, name, JSON.stringify(mapping), at, at);
      return this.get(register, name)!;
    },
    remove(register: ImportRegister, name: string): boolean {
      return (
        db.prepare('DELETE FROM mapping_presets WHERE register = ? AND name = ?').run(register, name)
          .changes > 0
      );
    },
  };
}
