import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { parseCountry } from '../../shared/countries';
import { AppError, type FieldIssue } from '../../shared/errors';
import type { RoundTripChange, RoundTripIssue, RoundTripResult } from '../../shared/export';
import type { Register } from '../../shared/kit/define';
import type { AnyField } from '../../shared/kit/fields';
import { exportColumns, type ExportColumn } from '../../shared/kit/export';
import { readableValue } from '../../shared/kit/readable';
import { readCountry } from '../../shared/import/countries-cell';
import { foldText } from '../../shared/import/text';
import type { CellValue } from '../../shared/import/types';
import { parseBoolean } from '../../shared/import/values';
import { registerByName } from '../../shared/registers/index';
import { createAuditLog } from '../audit';
import { fileProblem } from '../import/detect';
import type { JobContext } from '../import/job-context';
import { openRowSource, type SheetRow } from '../import/row-source';
import { fileSha256, insertImport, markImportEnd } from '../import/store';
import type { KitRecord } from '../kit/repository';
import type { Db } from '../open';
import { createRegisters } from '../registers';
import { cellOf, comparable, rowFingerprint, textOf } from './cells';
import { META_MARK, META_SHEET, META_VERSION, parseIdRanges, VERSION_KEY } from './workbook';

export interface RoundTripParams {
  path: string;
  fileName: string;
  archiveMissing: boolean;
  actor: string;
  now: Date;
}

interface MetaSheet {
  sheet: string;
  register: Register;
  keys: string[];
  headers: string[];
  ids: number[];
}

interface Meta {
  exportedAt: string;
  sheets: MetaSheet[];
}

const MAX_CHANGES = 2_000;
const MAX_ISSUES = 1_000;
const BATCH = 250;

/** Reads the hidden `_meta` sheet; null when the workbook is not an export of the workbench. */
export async function readMeta(path: string, fileName: string): Promise<Meta | null> {
  const probe = await openRowSource(path, fileName, null);
  const has = probe.sheets.some((s) => s.name === META_SHEET);
  await probe.close();
  if (!has) return null;
  const source = await openRowSource(path, fileName, META_SHEET);
  const byName = new Map<string, MetaSheet>();
  let mark = false;
  let exportedAt = '';
  try {
    for await (const r of source.rows()) {
      const c = r.cells.map(textOf);
      if (r.row === 1) {
        mark = c[0] === META_MARK && Number(c[1]) <= META_VERSION;
        if (!mark) return null;
        continue;
      }
      if (c[0] === 'exportedAt') exportedAt = c[1] ?? '';
      const sheet = c[1] ?? '';
      if (c[0] === 'sheet') {
        const register = registerByName(c[2] ?? '');
        if (!register)
          throw fileProblem('changed', `${fileName} names a register this version does not have (${c[2]}).`);
        byName.set(sheet, { sheet, register, keys: [], headers: [], ids: [] });
      }
      const s = byName.get(sheet);
      if (!s) continue;
      if (c[0] === 'columns') s.keys = c.slice(2).filter((k) => k !== '');
      if (c[0] === 'headers') s.headers = c.slice(2, 2 + s.keys.length);
      if (c[0] === 'ids') s.ids.push(...parseIdRanges(c[2] ?? ''));
    }
  } finally {
    await source.close();
  }
  return mark ? { exportedAt, sheets: [...byName.values()] } : null;
}

/** A list cell as entries: semicolons and line breaks separate. */
const entries = (text: string) =>
  text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** "Norway (NO)", "Norway" or "NO" → "NO". */
function countryOfCell(text: string): string | null {
  const code = /\(([A-Z]{2})\)\s*$/.exec(text)?.[1];
  return code ?? parseCountry(text) ?? readCountry(text);
}

type Read = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * An edited cell read back as the field's input value: the inverse of the export's cell (labels to values,
 * names to codes, "; " lists to arrays). References stay names; the repository resolves them.
 */
export function readBack(field: AnyField, cell: CellValue): Read {
  let text = textOf(cell);
  // A CSV export puts an apostrophe before a text that would read as a formula; it is not part of the value.
  if (/^'[=+\-@\t\r]/.test(text)) text = text.slice(1);
  if (text === '') {
    if (['labels', 'countries', 'choices', 'refs'].includes(field.kind)) return { ok: true, value: [] };
    return { ok: true, value: null };
  }
  switch (field.kind) {
    case 'text':
    case 'longText':
    case 'ref':
      return { ok: true, value: text };
    case 'labels':
      return { ok: true, value: entries(text) };
    case 'refs':
      return { ok: true, value: entries(text) };
    case 'country': {
      const code = countryOfCell(text);
      return code ? { ok: true, value: code } : { ok: false, message: `"${text}" is not a country we know.` };
    }
    case 'countries': {
      const out: string[] = [];
      for (const e of entries(text)) {
        const code = countryOfCell(e);
        if (!code) return { ok: false, message: `"${e}" is not a country we know.` };
        if (!out.includes(code)) out.push(code);
      }
      return { ok: true, value: out };
    }
    case 'date': {
      if (cell instanceof Date) return { ok: true, value: cell.toISOString().slice(0, 10) };
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: true, value: text };
      return { ok: false, message: `"${text}" is not a date; write it as YYYY-MM-DD.` };
    }
    case 'instant': {
      if (cell instanceof Date)
        return {
          ok: true,
          value: new Date(Math.round(cell.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
        };
      // The column is in UTC: a moment written without its offset is read as UTC, as the header says.
      const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
      const t = Date.parse(withZone);
      if (Number.isNaN(t))
        return { ok: false, message: `"${text}" is not a moment; write it as YYYY-MM-DD HH:MM (UTC).` };
      return { ok: true, value: new Date(t).toISOString().replace('.000Z', 'Z') };
    }
    case 'bool': {
      if (field.yesNo) {
        if (foldText(text) === foldText(field.yesNo.yes)) return { ok: true, value: true };
        if (foldText(text) === foldText(field.yesNo.no)) return { ok: true, value: false };
      }
      const b = parseBoolean(cell);
      return b.ok ? b : { ok: false, message: b.message };
    }
    case 'int': {
      if (field.choices) {
        const hit = field.choices.find(
          (c) => foldText(c.label) === foldText(text) || String(c.value) === text,
        );
        if (hit) return { ok: true, value: hit.value };
        return {
          ok: false,
          message: `"${text}" is not one of: ${field.choices.map((c) => c.label).join('; ')}.`,
        };
      }
      const n = typeof cell === 'number' ? cell : Number(text.replace(/[\s,]/g, ''));
      return Number.isInteger(n)
        ? { ok: true, value: n }
        : { ok: false, message: `"${text}" is not a whole number.` };
    }
    case 'enum': {
      const hit = field.options?.find((o) => foldText(o.label) === foldText(text) || o.value === text);
      if (hit) return { ok: true, value: hit.value };
      return {
        ok: false,
        message: `"${text}" is not one of: ${(field.options ?? []).map((o) => o.label).join('; ')}.`,
      };
    }
    case 'choices': {
      const out: string[] = [];
      for (const e of entries(text)) {
        const hit = field.options?.find((o) => foldText(o.label) === foldText(e) || o.value === e);
        if (!hit)
          return {
            ok: false,
            message: `"${e}" is not one of: ${(field.options ?? []).map((o) => o.label).join('; ')}.`,
          };
        if (!out.includes(hit.value)) out.push(hit.value);
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: false, message: 'This column is edited in the workbench, not in a spreadsheet.' };
  }
}

/**
 * Reads a workbook the workbench exported and someone edited, and works out what changed: rows are matched to
 * records by their ID, and a cell counts as changed only when it differs from what the export would write for
 * the record today, so an untouched file changes nothing. Changed cells are read back into their fields and the
 * record is validated as a whole; rows without an ID become new records; records whose rows were deleted are
 * reported (and archived only when asked). A row whose record changed in the workbench after the export, and
 * that the file changes too, is refused rather than overwriting that work.
 *
 * In "commit" everything is written in one transaction, through the registers' repositories, each register's
 * changes recorded as an import (its audit entries carry the import's id, and it can be undone).
 */
export async function runRoundTrip(
  db: Db,
  params: RoundTripParams,
  mode: 'preview' | 'commit',
  job: JobContext,
): Promise<RoundTripResult> {
  const meta = await readMeta(params.path, params.fileName);
  if (!meta) {
    throw new AppError(
      'VALIDATION',
      `${params.fileName} is not a workbook exported by the workbench (it has no ${META_SHEET} sheet). Import it as a spreadsheet instead.`,
      { problem: 'not-an-export' },
    );
  }
  const audit = createAuditLog(db);
  const all = createRegisters(db, audit);
  const changes: RoundTripChange[] = [];
  let changesTotal = 0;
  const issues: RoundTripIssue[] = [];
  let issuesTotal = 0;
  const note = (i: RoundTripIssue) => {
    issuesTotal++;
    if (issues.length < MAX_ISSUES) issues.push(i);
  };
  const sheets: RoundTripResult['sheets'] = [];
  const readCtx = { now: () => params.now };
  let fileInfo: { size: number; sha256: string } | undefined;
  if (mode === 'commit') db.exec('BEGIN IMMEDIATE');
  try {
    for (const m of meta.sheets) {
      const reg = m.register;
      const repo = all.repoOf(reg.name);
      const importId = mode === 'commit' ? randomUUID() : 'preview';
      const ctx = { actor: params.actor, now: () => params.now, importId };
      const columns = new Map(exportColumns(reg).map((c) => [c.key, c]));
      const summary = {
        sheet: m.sheet,
        register: reg.name,
        rows: 0,
        unchanged: 0,
        updated: 0,
        created: 0,
        invalid: 0,
      };
      const seen = new Set<number>();
      const source = await openRowSource(params.path, params.fileName, m.sheet).catch((err: unknown) => {
        if (err instanceof AppError) {
          note({
            sheet: m.sheet,
            row: null,
            column: null,
            message: `The sheet "${m.sheet}" is no longer in the file; nothing in it was read.`,
            severity: 'error',
          });
          return null;
        }
        throw err;
      });
      if (!source) continue;
      /** File column (0-based) → export column key. */
      let layout: { index: number; key: string }[] = [];
      let pending: SheetRow[] = [];
      const flush = () => {
        if (pending.length === 0) return;
        const ids = pending.map((r) => idOf(r)).filter((id): id is number => typeof id === 'number');
        const records = repo.byIds(ids, readCtx);
        const stored = repo.storedByIds(ids);
        for (const r of pending) handleRow(r, records, stored);
        pending = [];
        job.checkCancelled();
        job.progress({
          rows: summary.rows,
          total: m.ids.length || null,
          percent: m.ids.length ? Math.min(100, (100 * summary.rows) / m.ids.length) : 0,
        });
      };
      const idIndex = () => layout.find((l) => l.key === 'id')?.index ?? -1;
      const idOf = (r: SheetRow): number | null | 'bad' => {
        const v = r.cells[idIndex()] ?? null;
        if (v === null || textOf(v) === '') return null;
        const n = typeof v === 'number' ? v : Number(textOf(v));
        return Number.isInteger(n) && n > 0 ? n : 'bad';
      };
      const headerOf = (key: string) => columns.get(key)?.header ?? key;
      /** The hidden cell: the record's last change at the export, and the row's fingerprint then. */
      const versionOf = (r: SheetRow): { updatedAt: string | null; fingerprint: string | null } => {
        const at = layout.find((l) => l.key === VERSION_KEY);
        const [updatedAt, fingerprint] = (at ? textOf(r.cells[at.index] ?? null) : '').split(' ');
        return { updatedAt: updatedAt || null, fingerprint: fingerprint || null };
      };
      /** The row's fingerprint as the file has it, over the columns of the export in their exported order. */
      const exportedOrder = m.keys.filter((k) => k !== VERSION_KEY).flatMap((k) => columns.get(k) ?? []);
      const fileFingerprint = (r: SheetRow): string => {
        const at = new Map(layout.map((l) => [l.key, l.index]));
        return rowFingerprint(
          exportedOrder,
          exportedOrder.map((c) => (at.has(c.key) ? (r.cells[at.get(c.key)!] ?? null) : null)),
        );
      };
      const handleRow = (
        r: SheetRow,
        records: Map<number, KitRecord>,
        storedAll: Map<number, Record<string, unknown>>,
      ) => {
        summary.rows++;
        const id = idOf(r);
        const rowIssue = (
          message: string,
          column: string | null = null,
          severity: 'error' | 'warning' = 'error',
        ) => note({ sheet: m.sheet, row: r.row, column, message, severity });
        if (id === 'bad') {
          summary.invalid++;
          // Its record is not reported as deleted: the row is still there, only its ID was mistyped.
          const digits = Number(textOf(r.cells[idIndex()] ?? null).replace(/\D/g, ''));
          if (Number.isInteger(digits) && digits > 0) seen.add(digits);
          rowIssue(
            `The ID "${textOf(r.cells[idIndex()] ?? null)}" is not a record number; leave it as exported, or empty for a new ${reg.noun.one}.`,
            'ID',
          );
          return;
        }
        const record = id === null ? null : records.get(id);
        if (id !== null) {
          if (!record) {
            summary.invalid++;
            rowIssue(
              `There is no ${reg.noun.one} with ID ${id} in this workbench: was the file exported from another database?`,
              'ID',
            );
            return;
          }
          if (seen.has(id)) {
            summary.invalid++;
            rowIssue(`ID ${id} appears twice in the sheet; only its first row was read.`, 'ID');
            return;
          }
          seen.add(id);
          // A row as it was exported, fingerprint and all, is untouched: nothing in it is a change, even where
          // the registers moved on since (a derived fact, or an edit made in the workbench).
          const version = versionOf(r);
          if (version.fingerprint && version.fingerprint === fileFingerprint(r)) {
            summary.unchanged++;
            return;
          }
        }
        const edits: Record<string, unknown> = {};
        /** What the file said, before links were kept: references as the names written. */
        const written: Record<string, unknown> = {};
        const edited: string[] = [];
        for (const { index, key } of layout) {
          if (key === 'id' || key === VERSION_KEY) continue;
          const col = columns.get(key);
          if (!col) continue;
          const cell = r.cells[index] ?? null;
          if (record) {
            const now = comparable(col.kind, cellOf(col.kind, col.value(record)));
            if (comparable(col.kind, cell) === now) continue;
          } else if (textOf(cell) === '') continue;
          if (!col.field) {
            // Derived facts follow the record; risks, filings and the like are edited in the workbench.
            if (record && reg.fields[key]) {
              rowIssue(
                `${col.header} is edited in the workbench; the change in this cell is ignored.`,
                col.header,
                'warning',
              );
            }
            continue;
          }
          const field = reg.fields[col.field]!;
          if (typeof cell === 'string' && cell.endsWith('[cut: the full text is in the workbench]')) {
            rowIssue(
              `${col.header} was cut to fit a cell when exported; edit it in the workbench.`,
              col.header,
            );
            summary.invalid++;
            return;
          }
          const read = readBack(field, cell);
          if (!read.ok) {
            summary.invalid++;
            rowIssue(`${col.header}: ${read.message}`, col.header);
            return;
          }
          written[col.field] = read.value;
          edits[col.field] = keepLinks(field, col.field, read.value, record ?? null);
          edited.push(col.field);
        }
        if (edited.length === 0) {
          if (record) summary.unchanged++;
          return;
        }
        if (record) {
          const version = versionOf(r);
          if (version.updatedAt && version.updatedAt !== record.updatedAt) {
            summary.invalid++;
            rowIssue(
              `This ${reg.noun.one} was changed in the workbench on ${record.updatedAt.slice(0, 16).replace('T', ' ')} UTC, after the export; its row was left out so that change is not overwritten. Export again and edit the new file, or edit it in the workbench.`,
            );
            return;
          }
        }
        const base = record ? { ...storedAll.get(record.id)! } : blankRecord(reg);
        const input = { ...base, ...edits };
        let prepared: Record<string, unknown>;
        try {
          const parsed = reg.schemas.input.safeParse(input);
          if (!parsed.success) {
            throw new AppError(
              'VALIDATION',
              parsed.error.issues[0]!.message,
              parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message })),
            );
          }
          prepared = repo.prepared(parsed.data as Record<string, unknown>, record?.id ?? null);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
          summary.invalid++;
          const details = (err.details as FieldIssue[] | undefined) ?? [{ path: '', message: err.message }];
          for (const d of details) {
            const key = d.path.split('.')[0] ?? '';
            rowIssue(`${reg.fields[key]?.label ?? key}: ${d.message}`, key ? headerOf(key) : null);
          }
          return;
        }
        const title = record ? reg.titleOf(record as never) : reg.titleOf(prepared as never);
        // Every field the write would change, the ones the file changed and any the core fills in (a default
        // from the settings), so the preview shows all that the commit writes.
        const changed = reg.fieldList
          .filter((f) => !f.field.personal && (record || edited.includes(f.name)))
          .filter(
            (f) =>
              JSON.stringify(record ? (base[f.name] ?? null) : null) !==
              JSON.stringify(prepared[f.name] ?? null),
          )
          .map((f) => f.name);
        if (record && changed.length === 0) {
          summary.unchanged++;
          return;
        }
        // Written in a savepoint: a record the write itself refuses is left out, the rest of the file goes in.
        if (mode === 'commit') {
          db.exec('SAVEPOINT roundtrip_row');
          try {
            if (record) repo.updateOne(record.id, prepared, ctx);
            else {
              repo.insertOne(
                {
                  ...prepared,
                  sourceKind: 'import',
                  sourceDetail:
                    `Added in ${params.fileName.slice(0, 400)}, sheet ${m.sheet}, row ${r.row}`.slice(0, 500),
                },
                ctx,
              );
            }
            db.exec('RELEASE roundtrip_row');
          } catch (err) {
            db.exec('ROLLBACK TO roundtrip_row');
            db.exec('RELEASE roundtrip_row');
            if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
            summary.invalid++;
            rowIssue(err.message);
            return;
          }
        }
        for (const key of changed) {
          changesTotal++;
          if (changes.length < MAX_CHANGES) {
            changes.push({
              sheet: m.sheet,
              row: r.row,
              id: record?.id ?? null,
              title,
              field: key,
              label: reg.fields[key]!.label,
              old: record ? wordsOf(reg, key, base[key], record) : '—',
              new: wordsOf(reg, key, prepared[key], null, written[key]),
            });
          }
        }
        if (record) summary.updated++;
        else summary.created++;
      };

      try {
        for await (const r of source.rows()) {
          if (r.row === 1) {
            layout = headerLayout(r.cells, m, columns, (message) =>
              note({ sheet: m.sheet, row: 1, column: null, message, severity: 'warning' }),
            );
            if (!layout.some((l) => l.key === 'id')) {
              throw new AppError(
                'VALIDATION',
                `The sheet "${m.sheet}" has lost its ID column; the rows cannot be matched to records. Nothing was written.`,
                { problem: 'changed' },
              );
            }
            continue;
          }
          if (r.cells.every((c) => textOf(c) === '')) continue;
          pending.push(r);
          if (pending.length >= BATCH) flush();
        }
        flush();
      } finally {
        await source.close();
      }

      // Records exported in this sheet whose rows are gone.
      const gone = m.ids.filter((id) => !seen.has(id));
      const goneRecords = repo.storedByIds(gone);
      const titles = repo.titles(gone, 1);
      const missing: { id: number; title: string; archived: boolean }[] = [];
      for (const id of gone) {
        const rec = goneRecords.get(id);
        if (!rec) continue;
        const current = db.prepare(`SELECT archived_at FROM ${reg.table} WHERE id = ?`).get(id) as {
          archived_at: string | null;
        };
        if (current.archived_at !== null) continue;
        const archived = params.archiveMissing;
        if (archived && mode === 'commit') repo.archive(id, ctx);
        missing.push({ id, title: titles.get(id) ?? `#${id}`, archived });
      }
      // A sheet that changed something is recorded as an import of its own, so it can be undone.
      const recorded =
        mode === 'commit' && (summary.updated > 0 || summary.created > 0 || missing.some((x) => x.archived));
      if (recorded) {
        fileInfo ??= { size: statSync(params.path).size, sha256: await fileSha256(params.path) };
        insertImport(db, {
          id: importId,
          register: reg.name,
          fileName: params.fileName,
          fileSize: fileInfo.size,
          fileSha256: fileInfo.sha256,
          sheet: m.sheet,
          headerRow: 1,
          mapping: {},
          options: { roundTrip: true, archiveMissing: params.archiveMissing },
          counts: {
            rows: summary.rows,
            created: summary.created,
            updated: summary.updated,
            merged: 0,
            skipped: summary.unchanged,
            invalid: summary.invalid,
          },
          actor: params.actor,
          createdAt: params.now.toISOString(),
        });
        markImportEnd(db, importId);
      }
      sheets.push({ ...summary, missing, importId: recorded ? importId : null });
    }
    job.checkCancelled();
    if (mode === 'commit') db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return {
    exportedAt: meta.exportedAt,
    sheets,
    changes,
    changesTotal,
    issues,
    issuesTotal,
    committed: mode === 'commit',
  };
}

/**
 * References read back by name keep the records they already point to: a name the record links to now stays that
 * link (even if the name is shared or the record archived since); only a new name is looked up.
 */
function keepLinks(field: AnyField, name: string, value: unknown, record: KitRecord | null): unknown {
  if (!record) return value;
  if (field.kind === 'ref' && typeof value === 'string') {
    return record[field.ref!.nameKey] === value ? record[name] : value;
  }
  if (field.kind === 'refs' && Array.isArray(value)) {
    const ids = (record[name] as number[] | undefined) ?? [];
    const names = (record[field.refs!.nameKey] as (string | null)[] | undefined) ?? [];
    return (value as string[]).map((n) => {
      const at = names.indexOf(n);
      return at >= 0 ? ids[at]! : n;
    });
  }
  return value;
}

/** A new row's starting point: every field empty, required text as "" so its own message says what is missing. */
function blankRecord(reg: Register): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, field } of reg.fieldList) {
    if (field.required && (field.kind === 'text' || field.kind === 'longText')) out[name] = '';
  }
  return out;
}

/** A field's value in words for the change list: references by the names a DPO reads, never by id. */
function wordsOf(
  reg: Register,
  key: string,
  value: unknown,
  record: KitRecord | null,
  given?: unknown,
): string {
  const f = reg.fields[key]!;
  if (f.kind === 'ref' || f.kind === 'refs') {
    if (given !== undefined) {
      const list = Array.isArray(given) ? given : given === null ? [] : [given];
      return list.length ? list.map(String).join('; ') : '—';
    }
    if (record) {
      const names =
        f.kind === 'ref' ? [record[f.ref!.nameKey]] : ((record[f.refs!.nameKey] as unknown[]) ?? []);
      const shown = names.filter((n) => n !== null && n !== undefined).map(String);
      return shown.length ? shown.join('; ') : '—';
    }
  }
  return readableValue(reg, key, value);
}

/** Which file column holds which exported column, by header; columns added by hand are reported and left. */
function headerLayout(
  cells: readonly CellValue[],
  m: MetaSheet,
  columns: ReadonlyMap<string, ExportColumn>,
  warn: (message: string) => void,
): { index: number; key: string }[] {
  const byHeader = new Map<string, string>();
  m.headers.forEach((h, i) => byHeader.set(foldText(h), m.keys[i]!));
  const out: { index: number; key: string }[] = [];
  const used = new Set<string>();
  cells.forEach((c, index) => {
    const header = textOf(c);
    if (header === '') return;
    const key = byHeader.get(foldText(header));
    if (!key || (!columns.has(key) && key !== VERSION_KEY)) {
      warn(`The column "${header}" is not one the workbench exported; it was not read.`);
      return;
    }
    if (used.has(key)) {
      warn(`The column "${header}" appears twice; only the first was read.`);
      return;
    }
    used.add(key);
    out.push({ index, key });
  });
  return out;
}
