import { randomUUID } from 'node:crypto';
import { AppError, type FieldIssue } from '../../shared/errors';
import { REGION_RULE } from '../../shared/import/countries-cell';
import { importProfile, lowerLabel, unmappedRequired } from '../../shared/import/profile';
import {
  createRowMapper,
  given,
  mergeFields,
  validateRow,
  type MappedColumn,
  type RowFields,
} from '../../shared/import/row';
import { cellText } from '../../shared/import/text';
import type {
  CellValue,
  CommitResult,
  DuplicateGroup,
  ImportCounts,
  ImportIssue,
  ImportRequestParsed,
  MappedRow,
  PreviewResult,
  RowAction,
  UnsureMatch,
} from '../../shared/import/types';
import { registerByName } from '../../shared/registers/index';
import { createAuditLog } from '../audit';
import type { Db } from '../open';
import { createRegisters } from '../registers';
import { fileProblem } from './detect';
import { headerLabel, headerTexts, headingAfter, rowKind, type GroupHeading } from './header-row';
import type { JobContext } from './job-context';
import { openRowSource } from './row-source';
import { fileSha256, insertImport, markImportEnd } from './store';

export interface RunImportParams {
  path: string;
  fileName: string;
  request: ImportRequestParsed;
  actor: string;
  /** The job's clock: one import is one moment in the audit log. */
  now: Date;
}

const BATCH = 250;
const MAX_PREVIEW_ISSUES = 1_000;
const MAX_RESULT_INVALID = 10_000;
const MAX_RESULT_WARNINGS = 1_000;
const MAX_GROUPS = 200;
const MAX_GROUP_ROWS = 20;
const SAMPLE_ROWS = 50;
/** Unsure matches listed for the user to answer. */
const MAX_QUESTIONS = 200;

/**
 * A company the file names, kept for the rest of the file: the fields it is told apart from another company
 * with the same identity key by, and the row that wrote or matched it. One small object per company, so a list
 * of 100,000 companies keeps its memory flat.
 */
interface Entity {
  /** The identity key, with "#n" for the n-th other company under the same key (Atlassian Pty Ltd, B.V.). */
  key: string;
  name: unknown;
  legalEntity: unknown;
  /** The row that first named it, and its title there. */
  row: number;
  title: string;
  /** The row that wrote or matched it (0 until one did), its title and the record. */
  seenRow: number;
  seenTitle: string;
  recordId: number | null;
}

/**
 * Preview only: how many records it remembers as the import would leave them, to fold later rows of the same
 * company into them. Memory stays bounded on a huge file; duplicates usually sit close together, and one
 * further away is still counted as merged, only its merged values go unchecked until the commit checks them.
 */
const PREVIEW_FIELDS_WINDOW = 10_000;

interface Group {
  name: string;
  rows: number[];
  existing: number | null;
}

function outcomeText(
  policy: ImportRequestParsed['options']['onDuplicate'],
  existing: boolean,
  noun: string,
): string {
  if (policy === 'skip')
    return existing ? 'Skipped: already in the register.' : 'Later rows skipped; the first is imported.';
  if (policy === 'create') return `Each row becomes a new ${noun}.`;
  return existing
    ? `The register's ${noun} is updated; lists gain the rows’ entries.`
    : 'Later rows are merged into the first: lists gain their entries.';
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/**
 * Reads the file below its header row and works out, row by row, what the import does: each row mapped and
 * validated with the register's input schema, matched on the register's identity (a vendor's normalised legal
 * name) against earlier rows and the register, and created, updated, merged, skipped or reported invalid by the
 * duplicate policy.
 *
 * In "preview" nothing is written. In "commit" everything happens in one write transaction on `db` (the
 * worker's own connection): records through the repository with their audit entries carrying the import's id,
 * then the import's record. Any failure or a cancel rolls the transaction back: all or nothing.
 */
export async function runImport(
  db: Db,
  params: RunImportParams,
  mode: 'preview',
  job: JobContext,
): Promise<PreviewResult>;
export async function runImport(
  db: Db,
  params: RunImportParams,
  mode: 'commit',
  job: JobContext,
): Promise<CommitResult>;
export async function runImport(
  db: Db,
  params: RunImportParams,
  mode: 'preview' | 'commit',
  job: JobContext,
): Promise<PreviewResult | CommitResult> {
  const { request, fileName } = params;
  const reg = registerByName(request.register)!;
  const profile = importProfile(reg);
  const columns: MappedColumn[] = request.columns.flatMap((c) =>
    c.field
      ? [{ column: c.column, header: c.header, field: c.field, dateOrder: c.dateOrder, scale: c.scale }]
      : [],
  );
  checkMapping(profile, columns);
  const policy = request.options.onDuplicate;
  const mapRow = createRowMapper(profile, columns, { expandRegions: request.options.expandRegions });
  const audit = createAuditLog(db);
  const all = createRegisters(db, audit);
  const repo = all.repoOf(reg.name);
  /** A row's title as the register shows it, with the names of the records its references point to. */
  const rowTitle = (fields: RowFields): string => {
    const named: Record<string, unknown> = { ...fields };
    for (const f of reg.fieldList) {
      const ref = f.field.ref;
      const id = named[f.name];
      if (!ref || typeof id !== 'number') continue;
      named[ref.nameKey] = all.repoOf(ref.register).titles([id], 1).get(id) ?? null;
    }
    return reg.titleOf(named as never);
  };
  /** A record's stored fields, for merging (its derived facts are not needed, nor judged). */
  const storedFields = (id: number) => {
    const fields = repo.storedByIds([id]).get(id);
    if (!fields) throw new Error(`Record ${id} disappeared during the import.`);
    return fields;
  };
  const importId = mode === 'commit' ? randomUUID() : 'preview';
  const ctx = { actor: params.actor, now: () => params.now, importId };
  /**
   * New records wait here and are written a batch at a time. The reading and checking of a row between two
   * inserts crowds the table's pages out of the processor's caches; written together, the inserts take less CPU.
   * A row that needs what is written (a duplicate of an earlier row, a match in the register, a reference by
   * name to a record of this register) writes the waiting records first, so every row sees the register as if
   * each row were written when read.
   */
  const waiting: { fields: RowFields; entity: Entity | null }[] = [];
  const writeWaiting = () => {
    for (const w of waiting) {
      const id = repo.insertOne(w.fields, ctx, { prepared: true });
      if (w.entity) w.entity.recordId = id;
    }
    waiting.length = 0;
  };
  // References to this register's own records (another register's records are not waiting here).
  const refNames = reg.fieldList
    .filter((f) => (f.field.ref ?? f.field.refs)?.register === reg.name)
    .map((f) => f.name);
  const refersByName = (fields: RowFields) => refNames.some((n) => given(fields[n]));
  const existing = repo.identityIndex();
  const titleOf = (id: number) => repo.titles([id], 1).get(id) ?? `#${id}`;

  const counts: ImportCounts = {
    rows: 0,
    created: 0,
    updated: 0,
    merged: 0,
    skipped: 0,
    invalid: 0,
    warnings: 0,
  };
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let errorTotal = 0;
  const recent = new Map<string, RowFields>();
  const keep = (key: string, fields: RowFields) => {
    if (mode !== 'preview' || policy !== 'update') return;
    recent.delete(key);
    recent.set(key, fields);
    if (recent.size > PREVIEW_FIELDS_WINDOW) recent.delete(recent.keys().next().value!);
  };
  const groups = new Map<string, Group>();
  const sample: MappedRow[] = [];
  const errorCap = mode === 'commit' ? MAX_RESULT_INVALID : MAX_PREVIEW_ISSUES;
  const warningCap = mode === 'commit' ? MAX_RESULT_WARNINGS : MAX_PREVIEW_ISSUES;

  const noteIssue = (issue: ImportIssue) => {
    if (issue.severity === 'error') {
      errorTotal++;
      if (errors.length < errorCap) errors.push(issue);
    } else {
      counts.warnings++;
      if (warnings.length < warningCap) warnings.push(issue);
    }
  };
  const group = (key: string, name: string, row: number, match: number | null) => {
    let g = groups.get(key);
    if (!g) {
      g = { name, rows: [], existing: match };
      groups.set(key, g);
    }
    if (g.rows.length < MAX_GROUP_ROWS && !g.rows.includes(row)) g.rows.push(row);
  };
  /** The fields the row being read gave (its columns, and what a cell gave besides: a link, a legal entity). */
  let rowGiven: readonly string[] = [];
  const remember = (
    row: number,
    action: RowAction,
    recordId: number | null,
    dupOf: number | null,
    values: Record<string, unknown>,
  ) => {
    if (mode === 'preview' && sample.length < SAMPLE_ROWS) {
      // As the register would show them: a reference by the name of the record it points to, and the facts its
      // columns show instead of a stored value (a signed DPA past its expiry shows as expired). An invalid row's
      // references are still the names the file gave.
      const shown =
        action === 'invalid'
          ? { ...values }
          : { ...values, ...repo.refTitles(values), ...repo.shownValues(values, ctx) };
      sample.push({ row, action, recordId, duplicateOfRow: dupOf, values: shown, given: [...rowGiven] });
    }
  };
  const sourceDetail = (row: number) => {
    const where = `${request.sheet ? `, sheet ${request.sheet}` : ''}, row ${row}`;
    return `Imported from ${fileName.slice(0, 400)}${where}`.slice(0, 500);
  };
  /** Validates a merge; on failure the row is reported and left out. */
  const validMerge = (row: number, merged: RowFields): RowFields | null => {
    const r = reg.schemas.input.safeParse(merged);
    if (r.success) return r.data;
    for (const i of r.error.issues) {
      noteIssue({
        row,
        column: null,
        field: i.path.length ? String(i.path[0]) : null,
        value: null,
        message: `Merged with the existing ${reg.noun.one}: ${i.message}`,
        severity: 'error',
      });
    }
    return null;
  };
  /** References named in cells (a transfer's importer) resolved to records; each problem reported by column. */
  const resolved = (
    fields: RowFields,
    cells: readonly CellValue[],
  ): { ok: true; fields: RowFields } | { ok: false; issues: ImportIssue[] } => {
    try {
      // As a write would store them: references resolved, the settings' defaults in, the checks passed again.
      return { ok: true, fields: repo.prepared(fields) };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
      const details = (err.details as FieldIssue[] | undefined) ?? [];
      return {
        ok: false,
        issues: details.map((d) => {
          const col = columns.find((c) => c.field === d.path);
          return {
            row: 0,
            column: col?.header ?? null,
            field: d.path,
            value: col ? cellText(cells[col.column - 1] ?? null).slice(0, 200) || null : null,
            message: d.message,
            severity: 'error' as const,
          };
        }),
      };
    }
  };

  /**
   * A row with a usable name is imported even when some of its other cells cannot be read (a DPA status "In
   * progress", a date "December 31st, 2025"): such a field is left empty, the cell is kept word for word in the
   * notes, and a warning names its row, column and reason. Only a row whose essential fields (a vendor's name) are
   * unusable is invalid. `strict` keeps every problem an error (and the commit all or nothing).
   */
  const lenient = !request.options.strict;
  const essential = (field: string | null) => {
    const f = field ? reg.fields[field] : undefined;
    return !f || (f.required === true && f.kind !== 'enum');
  };
  const hasNotes = profile.byName.has('notes');
  const keepInNotes = (input: Record<string, unknown>, column: string | null, value: string | null) => {
    if (!hasNotes || !column || !value) return;
    const line = `${column} (not read): ${value}`;
    input.notes = input.notes ? `${String(input.notes)}\n${line}` : line;
  };
  const LEFT_EMPTY = 'Left empty; the cell is kept in the notes.';
  /** Cell problems on fields the record can do without become warnings; the field is left empty. */
  const forgiving = (
    mapped: Record<string, unknown>,
    issues: readonly Omit<ImportIssue, 'row'>[],
    cells: readonly CellValue[],
  ) => {
    const input = { ...mapped };
    const out: Omit<ImportIssue, 'row'>[] = [];
    for (const i of issues) {
      if (i.severity !== 'error' || essential(i.field)) {
        out.push(i);
        continue;
      }
      const spec = i.field ? profile.byName.get(i.field) : undefined;
      // A list keeps the entries that could be read ("Germany, Atlantis" keeps Germany).
      if (i.field && !(spec && ['labels', 'countries', 'choices', 'refs'].includes(spec.kind)))
        delete input[i.field];
      const col = columns.find((c) => c.header === i.column);
      keepInNotes(input, i.column, i.value ?? (col ? cellText(cells[col.column - 1] ?? null) : null));
      out.push({ ...i, severity: 'warning', message: `${i.message.replace(/\.?$/, '.')} ${LEFT_EMPTY}` });
    }
    return { input, issues: out };
  };
  type Check = { ok: true; fields: RowFields } | { ok: false; issues: Omit<ImportIssue, 'row'>[] };
  /**
   * Validates a row as a write would (schema, cross-field checks, references); leniently, a problem with a field
   * the record can do without drops that field (or, when the field named is empty, the cell that contradicts it:
   * a DPA status "Signed" without a signing date) and validates again.
   */
  const validated = (
    input: Record<string, unknown>,
    cells: readonly CellValue[],
    check: (input: Record<string, unknown>) => Check,
  ):
    | { ok: true; fields: RowFields; issues: Omit<ImportIssue, 'row'>[] }
    | { ok: false; issues: Omit<ImportIssue, 'row'>[] } => {
    const notes: Omit<ImportIssue, 'row'>[] = [];
    let current = { ...input };
    for (let round = 0; round < 6; round++) {
      const r = check(current);
      if (r.ok) return { ok: true, fields: r.fields, issues: notes };
      const problem = r.issues.find((i) => !essential(i.field));
      if (!lenient || !problem || r.issues.some((i) => essential(i.field)))
        return { ok: false, issues: [...notes, ...r.issues] };
      const candidates =
        problem.field && current[problem.field] !== undefined && current[problem.field] !== null
          ? [problem.field]
          : columns
              .map((c) => c.field)
              .filter((f) => !essential(f) && f !== 'notes' && current[f] !== undefined);
      let next: Record<string, unknown> | null = null;
      let dropped: string | null = null;
      for (const f of candidates) {
        const trial = { ...current };
        delete trial[f];
        const again = check(trial);
        if (
          again.ok ||
          !again.issues.some((i) => i.message === problem.message && i.field === problem.field)
        ) {
          next = trial;
          dropped = f;
          break;
        }
      }
      if (!next || !dropped) return { ok: false, issues: [...notes, ...r.issues] };
      const col = columns.find((c) => c.field === dropped);
      const value = col ? cellText(cells[col.column - 1] ?? null).slice(0, 200) || null : null;
      keepInNotes(next, col?.header ?? null, value);
      notes.push({
        column: col?.header ?? null,
        field: dropped,
        value,
        message: `${problem.message.replace(/\.?$/, '.')} ${LEFT_EMPTY}`,
        severity: 'warning',
      });
      current = next;
    }
    return { ok: false, issues: notes };
  };

  /**
   * Two companies whose names read the same without their legal forms (Atlassian Pty Ltd, Atlassian B.V.) are
   * two records: the register's `compare` tells them apart, in the file and against the register. A name with no
   * legal form beside one with a form is matched, and said.
   */
  const compare = reg.identity.compare;
  const compareBy = (fields: RowFields) => ({ name: fields.name, legalEntity: fields.legalEntity });
  /** The companies named so far, by identity key: one, or the several told apart under the key. */
  const entities = new Map<string, Entity | Entity[]>();
  /** Unsure matches, listed for the user to confirm or keep apart (`options.apart`). */
  const questions: UnsureMatch[] = [];
  const keptApart = new Set(request.options.apart);
  const UNSURE_REASON = 'one name gives a legal form, the other none';
  /**
   * An unsure match: kept apart when the user said so (false), else taken as the same company, said, and listed
   * as a question (true).
   */
  const unsure = (row: number, other: string, name: string): boolean => {
    if (keptApart.has(row)) {
      apart(row, other, 'you said they are different companies', name);
      return false;
    }
    if (questions.length < MAX_QUESTIONS)
      questions.push({ row, name: name.slice(0, 200), sameAs: other, reason: UNSURE_REASON });
    noteIssue({
      row,
      column: null,
      field: null,
      value: name.slice(0, 200),
      message: `Taken as the same company as ${other}: ${UNSURE_REASON}. Check they are one company.`,
      severity: 'warning',
    });
    return true;
  };
  const apart = (row: number, other: string, reason: string, name: string) =>
    noteIssue({
      row,
      column: null,
      field: null,
      value: name.slice(0, 200),
      message: `Not merged with ${other}: ${reason}.`,
      severity: 'warning',
    });
  /** The company a row names: one named before under its identity key, or a new one. */
  const entityOf = (identityKey: string, fields: RowFields, row: number, title: string): Entity => {
    const found = entities.get(identityKey);
    const list = found === undefined ? [] : Array.isArray(found) ? found : [found];
    for (const e of list) {
      if (!compare) return e;
      const c = compare(compareBy(fields), { name: e.name, legalEntity: e.legalEntity });
      if (c.verdict === 'distinct') {
        apart(row, `row ${e.row} (${e.title})`, c.reason, title);
        continue;
      }
      if (c.verdict === 'unsure' && !unsure(row, `row ${e.row} (${e.title})`, title)) continue;
      return e;
    }
    const entity: Entity = {
      key: list.length === 0 ? identityKey : `${identityKey}#${list.length}`,
      name: fields.name,
      legalEntity: fields.legalEntity,
      row,
      title,
      seenRow: 0,
      seenTitle: '',
      recordId: null,
    };
    entities.set(identityKey, list.length === 0 ? entity : [...list, entity]);
    return entity;
  };
  /** Marks the row that wrote or matched a company. */
  const see = (entity: Entity, row: number, title: string, recordId: number | null) => {
    entity.seenRow = row;
    entity.seenTitle = title;
    entity.recordId = recordId;
  };
  const matchOf = (identityKey: string, fields: RowFields, row: number, name: string): number | null => {
    const ids = existing.get(identityKey) ?? [];
    if (!compare) return ids[0] ?? null;
    for (const id of ids) {
      const stored = storedFields(id);
      const c = compare(compareBy(fields), compareBy(stored));
      if (c.verdict === 'distinct') {
        apart(row, `the register's ${titleOf(id)}`, c.reason, name);
        continue;
      }
      if (c.verdict === 'unsure' && !unsure(row, `the register's ${titleOf(id)}`, name)) continue;
      return id;
    }
    return null;
  };

  // Links only when a mapped field takes them (a vendor's name linked to its website).
  const takesLinks = columns.some((c) => profile.byName.get(c.field)?.link);
  const source = await openRowSource(params.path, fileName, request.sheet, takesLinks);
  // The audit chain's head is held while the rows are written (this import's own log object: a rollback leaves
  // nothing to let go of).
  let releaseAudit: (() => void) | null = null;
  // The new records' full-text rows are written after the rows, in one statement (repository `holdIndex`).
  let heldIndex: ReturnType<typeof repo.holdIndex> | null = null;
  if (mode === 'commit') {
    db.exec('BEGIN IMMEDIATE');
    releaseAudit = audit.hold();
    // Stored verdicts whose day has come are judged here, inside the import's transaction: while it holds the
    // write lock, lists elsewhere cannot do it (and do not wait to).
    for (const r of all.list) all.repoOf(r.name).refreshStored(ctx);
    heldIndex = repo.holdIndex();
  }
  try {
    let read = 0;
    /** The header row's texts, to know the headers again further down. */
    let header: string[] | undefined;
    // The register's list of countries, and the countries a group's heading gives the rows below it that give
    // none ("These sub-processors are located in the United States:").
    const places = profile.fields.find((f) => f.kind === 'countries') ?? null;
    let heading: GroupHeading | null = null;
    for await (const r of source.rows()) {
      read++;
      if (read % BATCH === 0) {
        job.checkCancelled();
        const p = source.progress();
        job.progress({
          rows: counts.rows,
          // A count judged from a sample is not shown as the total (the percentage, by bytes, is exact).
          total: request.rowsEstimated ? null : (request.expectedRows ?? null),
          percent: p.total ? Math.min(100, (100 * p.done) / p.total) : 0,
        });
      }
      if (r.row < request.headerRow) continue;
      if (r.row === request.headerRow) {
        checkHeader(r.cells, request, fileName);
        header = headerTexts(r.cells);
        continue;
      }
      const kind = rowKind(r.cells, columns.length, header);
      if (kind?.kind === 'blank') continue;
      if (places) heading = headingAfter(heading, kind, r.row);
      if (kind) {
        noteIssue({
          row: r.row,
          column: null,
          field: null,
          value: kind.text,
          message:
            kind.kind === 'note'
              ? `This row looks like a note, not ${article(reg.noun.one)}; it was skipped.`
              : kind.kind === 'total'
                ? 'This row is a total or a count, not a record; it was skipped.'
                : kind.kind === 'header'
                  ? 'This row repeats the column headers; it was skipped.'
                  : `This row heads a section of the list, not ${article(reg.noun.one)}; it was skipped.`,
          severity: 'warning',
        });
        continue;
      }
      counts.rows++;
      const mapped = mapRow(r.cells, r.links);
      if (mode === 'preview') rowGiven = mapped.provided;
      if (heading && places && !given(mapped.input[places.name]) && !given(mapped.input.unclearLocations)) {
        mapped.input[places.name] = [...heading.countries];
        mapped.provided.push(places.name);
        mapped.issues.push({
          column: null,
          field: places.name,
          value: heading.text,
          message: `${places.label} taken from the heading in row ${heading.row}.`,
          severity: 'warning',
        });
      }
      const row = lenient
        ? forgiving(mapped.input, mapped.issues, r.cells)
        : { input: mapped.input, issues: [...mapped.issues] };
      const rowIssues: ImportIssue[] = row.issues.map((i) => ({ ...i, row: r.row }));
      let fields: RowFields | null = null;
      if (!rowIssues.some((i) => i.severity === 'error')) {
        const checked = validated(
          { ...row.input, sourceKind: 'import', sourceDetail: sourceDetail(r.row) },
          r.cells,
          (input) => {
            const v = validateRow(profile, input, columns, r.cells);
            if (!v.ok) return { ok: false as const, issues: v.issues };
            if (waiting.length > 0 && refersByName(v.fields)) writeWaiting();
            const refs = resolved(v.fields, r.cells);
            return refs.ok
              ? { ok: true as const, fields: refs.fields }
              : { ok: false as const, issues: refs.issues };
          },
        );
        rowIssues.push(...checked.issues.map((i) => ({ ...i, row: r.row })));
        if (checked.ok) fields = checked.fields;
      }
      for (const i of rowIssues) noteIssue(i);
      if (!fields) {
        counts.invalid++;
        // An invalid row shows what its cells gave: a cell that could not be read, as the file gave it.
        const asGiven: Record<string, unknown> = { ...mapped.input };
        for (const i of rowIssues)
          if (i.severity === 'error' && i.field && i.value !== null && !given(asGiven[i.field]))
            asGiven[i.field] = i.value;
        remember(r.row, 'invalid', null, null, asGiven);
        continue;
      }

      const identityKey = reg.identity.key(fields);
      const name = rowTitle(fields);
      // The entity this row names: its identity key, told apart from another entity with the same key.
      const entity = identityKey ? entityOf(identityKey, fields, r.row, name) : null;
      if (waiting.length > 0 && entity && entity.seenRow > 0) writeWaiting();
      const key = entity?.key ?? '';
      const prior =
        entity && entity.seenRow > 0
          ? { row: entity.seenRow, name: entity.seenTitle, recordId: entity.recordId }
          : undefined;
      const match =
        identityKey && !prior ? matchOf(identityKey, fields, r.row, name) : (prior?.recordId ?? null);
      if (waiting.length > 0 && match !== null) writeWaiting();
      if (prior) {
        group(key, prior.name, prior.row, match);
        group(key, prior.name, r.row, match);
        if (policy === 'skip') {
          counts.skipped++;
          remember(r.row, 'skip', prior.recordId, prior.row, fields);
          continue;
        }
        if (policy === 'update') {
          const base = mode === 'commit' ? storedFields(prior.recordId!) : recent.get(key);
          const merged = base
            ? validMerge(r.row, mergeFields(profile, base, fields, mapped.provided))
            : fields;
          if (!merged) {
            counts.invalid++;
            continue;
          }
          if (mode === 'commit') repo.updateOne(prior.recordId!, merged, ctx);
          else if (base) keep(key, merged);
          counts.merged++;
          remember(r.row, 'merge', prior.recordId, prior.row, merged);
          continue;
        }
      } else if (match !== null) {
        group(key, name, r.row, match);
        if (policy === 'skip') {
          counts.skipped++;
          see(entity!, r.row, name, match);
          remember(r.row, 'skip', match, null, fields);
          continue;
        }
        if (policy === 'update') {
          const base = storedFields(match);
          const merged = validMerge(r.row, mergeFields(profile, base, fields, mapped.provided));
          if (!merged) {
            counts.invalid++;
            continue;
          }
          const changed = JSON.stringify(merged) !== JSON.stringify(base);
          if (changed && mode === 'commit') repo.updateOne(match, merged, ctx);
          if (changed) counts.updated++;
          else counts.skipped++;
          see(entity!, r.row, name, match);
          keep(key, merged);
          remember(r.row, changed ? 'update' : 'skip', match, null, merged);
          continue;
        }
      }
      // A new record: no duplicate, or the policy is "create".
      counts.created++;
      if (entity && !prior) {
        see(entity, r.row, name, null);
        keep(key, fields);
      }
      if (mode === 'commit') {
        waiting.push({ fields, entity: entity && !prior ? entity : null });
        if (waiting.length >= BATCH) writeWaiting();
      }
      remember(r.row, 'create', null, prior?.row ?? null, fields);
    }
    writeWaiting();
    if (read === 0) throw fileProblem('empty', `${fileName} has no rows.`);
    job.checkCancelled();
    // The rows are written: the audit chain's head goes back to its table, where the import's own entry and
    // its end mark read it.
    releaseAudit?.();
    heldIndex?.write();

    const duplicates: DuplicateGroup[] = [...groups.entries()]
      .filter(([, g]) => g.rows.length > 1 || g.existing)
      .map(([key, g]) => ({
        key,
        name: g.name,
        rows: [...g.rows].sort((a, b) => a - b),
        existing: g.existing === null ? null : { id: g.existing, name: titleOf(g.existing) },
        outcome: outcomeText(policy, g.existing !== null, reg.noun.one),
      }));

    if (mode === 'preview') {
      const issues = [...errors, ...warnings].slice(0, MAX_PREVIEW_ISSUES);
      return {
        counts,
        issues,
        issuesTotal: errorTotal + counts.warnings,
        duplicates: duplicates.slice(0, MAX_GROUPS),
        duplicatesTotal: duplicates.length,
        unsure: questions,
        sample,
        regionRule: REGION_RULE,
      };
    }

    const mapping: Record<string, string | null> = {};
    for (const c of request.columns) mapping[c.header] = c.field;
    const report = {
      jobId: '',
      rows: counts.rows,
      created: counts.created,
      updated: counts.updated,
      merged: counts.merged,
      skipped: counts.skipped,
      invalid: errors.map((e) => ({ row: e.row, field: e.field, message: e.message })),
      invalidRows: counts.invalid,
      invalidTotal: errorTotal,
      warnings: warnings.map((e) => ({ row: e.row, field: e.field, message: e.message })),
      mapping,
      duplicates: duplicates.slice(0, MAX_GROUPS),
      unsure: questions,
    };
    if (request.options.strict && counts.invalid > 0) {
      db.exec('ROLLBACK');
      const first = errors[0];
      throw new AppError(
        'VALIDATION',
        `Nothing was imported (all or nothing): ${counts.invalid} of ${counts.rows} rows are invalid${first ? `, the first in row ${first.row}${first.field ? `, ${first.field}` : ''}: ${first.message}` : ''}.`,
        { problem: 'strict', invalid: report.invalid.slice(0, 200) },
      );
    }
    if (counts.created + counts.updated + counts.merged === 0) {
      // Nothing to write (every row already in the register as the file gives it, or invalid): no import is
      // recorded, so the history and undo hold only imports that changed something.
      db.exec('ROLLBACK');
      return { ...report, importId: null };
    }
    const sha256 = await fileSha256(params.path);
    const seq = insertImport(db, {
      id: importId,
      register: request.register,
      fileName,
      fileSize: source.fileSize,
      fileSha256: sha256,
      sheet: request.sheet,
      headerRow: request.headerRow,
      mapping,
      options: request.options,
      counts: {
        rows: counts.rows,
        created: counts.created,
        updated: counts.updated,
        merged: counts.merged,
        skipped: counts.skipped,
        invalid: counts.invalid,
      },
      actor: params.actor,
      createdAt: params.now.toISOString(),
    });
    audit.append(ctx, [
      {
        entity: 'import',
        entityId: seq,
        action: 'create',
        newValue: { fileName, sha256, register: request.register, sheet: request.sheet, ...counts },
      },
    ]);
    markImportEnd(db, importId);
    job.checkCancelled();
    db.exec('COMMIT');
    return { ...report, importId };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    heldIndex?.drop();
    await source.close();
  }
}

/** Refuses a mapping without a column for each field every row needs (a vendor's name). */
function checkMapping(profile: ReturnType<typeof importProfile>, columns: readonly MappedColumn[]): void {
  for (const f of unmappedRequired(
    profile,
    columns.map((c) => c.field),
  )) {
    const noun = profile.register.noun.one;
    throw new AppError(
      'VALIDATION',
      `Map one column to ${f.label}: ${article(noun)} needs ${article(lowerLabel(f.label))}.`,
      [{ path: 'columns', message: `Map one column to ${f.label}.` }],
    );
  }
}

/**
 * Refuses a file whose header row no longer says what inspect saw (the file changed between preview and
 * commit, or the wrong header row was given): mapping by column number would then put values in wrong fields.
 */
function checkHeader(cells: readonly CellValue[], request: ImportRequestParsed, fileName: string): void {
  for (const c of request.columns) {
    const raw = headerLabel(cells[c.column - 1] ?? null);
    if (!raw || /^Column [A-Z]+$/.test(c.header)) continue;
    const label = c.header.replace(/ \(\d+\)$/, '');
    if (raw !== label && raw !== c.header) {
      throw fileProblem(
        'changed',
        `${fileName} changed since it was inspected: column ${c.column} of row ${request.headerRow} says "${raw}", not "${label}". Inspect the file again.`,
      );
    }
  }
}
