import { localIsoDate } from '../../shared/today';
import { countryName } from '../../shared/countries';
import { AppError, type FieldIssue } from '../../shared/errors';
import type { AuditEntry, DeriveEnv, Register, TreeLink } from '../../shared/kit/define';
import type { Organisation, SqlEnv } from '../../shared/kit/fields';
import type { Settings } from '../../shared/domain/settings';
import { editDistance } from '../../shared/legal-name';
import { whyMatched } from '../../shared/kit/search-match';
import type { AuditContext, AuditLog, AuditRecord } from '../audit';
import type { Db } from '../open';
import { decodeValue, encodeValue } from './codec';
import { countList, pageRows, planList, type ListQuery } from './list';
import { createStatementCache } from './statements';

/** A record's stored fields by name. */
export type Fields = Record<string, unknown>;
/** A record as the doors return it: id, fields, referred titles, state, dates and derived facts. */
export type KitRecord = Record<string, unknown> & { id: number; archived: boolean; updatedAt: string };
type Row = Record<string, unknown> & { id: number; archived_at: string | null; updated_at: string };

/** What a repository needs from the others: their repositories, and the organisation's settings. */
export interface RepositoryDeps {
  repoOf(register: string): Repository;
  /** Every register, to find the ones that refer to this one. */
  registers(): readonly Register[];
  organisation(): Organisation;
  settings(): Settings;
}

/** Today's date where the user is, as YYYY-MM-DD. */
export { localIsoDate };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** What the change history keeps of a data subject's personal data: that there was some, never what. */
const PERSONAL = '(personal data, not kept in the history)';
const personalMark = (v: unknown) => (v === null || v === undefined || v === '' ? null : PERSONAL);
const NEVER = '9999-12-31';
/** The `derived_until` of a row whose stored facts must be judged again at the next read. */
export const STALE = '0000-00-00';

/**
 * The repository of one register, built from its declaration alone: list (sort, filter, full-text search,
 * paging in SQL), get with history, tree and linked records, create and update with an audit entry per changed
 * field, archive and restore, likely duplicates, and the search hits of the global search. Derived facts are
 * computed for every record returned; stored ones are kept in their columns and judged again when their day
 * comes or the records they depend on change.
 */
export function createRepository(db: Db, audit: AuditLog, reg: Register, deps: RepositoryDeps) {
  const stmts = createStatementCache(db);
  const fieldList = reg.fieldList;
  const storedFacts = Object.entries(reg.derived).filter(([, f]) => f.store);
  const factsNeedRefs = new Set(Object.values(reg.derived).flatMap((f) => f.needs?.refs ?? []));
  const factsNeedRelated = new Set(Object.values(reg.derived).flatMap((f) => f.needs?.related ?? []));
  const factsNeedLinked = new Set(Object.values(reg.derived).flatMap((f) => f.needs?.linked ?? []));
  const linkFields = fieldList.filter((f) => f.field.refs);
  const derivedRows = fieldList.filter((f) => f.field.rows?.derive);
  const derivedStructs = fieldList.filter((f) => f.field.structDerive);
  // Every fact either reads back from its column or reads nothing but the record itself.
  const restorable =
    storedFacts.some(([, f]) => f.store!.read) &&
    Object.values(reg.derived).every((f) => f.store?.read || !f.needs) &&
    derivedRows.length === 0 &&
    derivedStructs.length === 0;
  const ftsColumns = fieldList.filter((f) => f.field.fts === 'column');
  const otherFts = fieldList.filter((f) => f.field.fts === 'other');
  const countryTables = fieldList.filter((f) => f.field.kind === 'countries' && f.field.countryTable);
  const refFields = fieldList.filter((f) => f.field.ref);
  const tree = reg.tree ? fieldList.find((f) => f.name === reg.tree!.field)! : null;
  const one = (text: string) => stmts.get(text);

  const writeColumns = [
    ...fieldList.map((f) => f.column),
    reg.identity.column,
    'search_extra',
    ...storedFacts.map(([, f]) => f.store!.column),
    ...(storedFacts.length > 0 ? ['derived_until'] : []),
  ];
  // Positional parameters: an import inserts a record per row, and binding an array skips a lookup per column.
  const insertSql = `INSERT INTO ${reg.table} (${writeColumns.join(', ')}, import_id, created_at, updated_at)
     VALUES (${writeColumns.map(() => '?').join(', ')}, ?, ?, ?)`;
  const updateSql = `UPDATE ${reg.table} SET ${writeColumns.map((c) => `${c} = @${c}`).join(', ')},
     updated_at = @now WHERE id = @id`;
  const ftsInsertSql = `INSERT INTO ${reg.ftsTable} (rowid, ${[...ftsColumns.map((f) => f.name), 'other'].join(', ')})
     VALUES (${['?', ...ftsColumns.map(() => '?'), '?'].join(', ')})`;
  const ftsArgs = (id: number, p: Record<string, unknown>) => [
    id,
    ...ftsColumns.map((f) => p[f.column]),
    p.search_extra,
  ];
  /** The statements that keep one row's country table and link tables, prepared once. */
  const countryInserts = countryTables.map((f) => ({
    name: f.name,
    sql: `INSERT OR IGNORE INTO ${f.field.countryTable!.table} (country, ${f.field.countryTable!.idColumn}) VALUES (?, ?)`,
  }));
  const linkInserts = linkFields.map((f) => ({
    name: f.name,
    sql: `INSERT OR IGNORE INTO ${f.field.refs!.link.table} (${f.field.refs!.link.idColumn}, ${f.field.refs!.link.refColumn}) VALUES (?, ?)`,
  }));

  const env = (ctx: { now: () => Date }): SqlEnv => ({
    today: localIsoDate(ctx.now()),
    now: ctx.now().toISOString(),
    organisation: deps.organisation(),
    settings: deps.settings(),
  });

  function decodeFields(row: Record<string, unknown>): Fields {
    const out: Fields = {};
    for (const f of fieldList) out[f.name] = decodeValue(f.field, row[f.column]);
    return out;
  }

  function requireRow(id: number): Row {
    const row = one(`SELECT * FROM ${reg.table} WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', `There is no ${reg.noun.one} with id ${id}.`, { id });
    return row;
  }

  function rowsByIds(ids: readonly number[]): Row[] {
    if (ids.length === 0) return [];
    return stmts.rows(
      `SELECT * FROM ${reg.table} WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...new Set(ids)]),
    ) as Row[];
  }

  /**
   * The record before its derived facts: fields, state, dates, and the titles of the records it refers to
   * (taken from `known` records already read, else read; left out when `titled` is false: records read only for
   * another record's facts need none).
   */
  function bases(
    rows: readonly Row[],
    depth: number,
    known: ReadonlyMap<string, ReadonlyMap<number, KitRecord>> = new Map(),
    titled = true,
  ): KitRecord[] {
    const out: KitRecord[] = [];
    for (const r of rows) {
      // Built field by field (no spread): thousands of records pass here for one page of linked records.
      const b: Record<string, unknown> = { id: r.id };
      for (const f of fieldList) b[f.name] = decodeValue(f.field, r[f.column]);
      b.archived = r.archived_at !== null;
      b.createdAt = r.created_at;
      b.updatedAt = r.updated_at;
      out.push(b as KitRecord);
    }
    for (const f of refFields) {
      const ids = out.map((b) => b[f.name]).filter((v): v is number => typeof v === 'number');
      const titles =
        titled && depth < 2 && ids.length > 0
          ? deps.repoOf(f.field.ref!.register).titles(ids, depth + 1)
          : null;
      for (const b of out) {
        const id = b[f.name];
        b[f.field.ref!.nameKey] = typeof id === 'number' ? (titles?.get(id) ?? null) : null;
      }
    }
    for (const f of linkFields) {
      const ids = out.flatMap((b) => b[f.name] as number[]);
      const read = known.get(f.name);
      const target = deps.repoOf(f.field.refs!.register);
      const titles = read
        ? new Map([...read].map(([id, r]) => [id, target.register.titleOf(r)]))
        : titled && depth < 2 && ids.length > 0
          ? target.titles(ids, depth + 1)
          : null;
      for (const b of out) {
        b[f.field.refs!.nameKey] = (b[f.name] as number[]).map((id) => titles?.get(id) ?? null);
      }
    }
    return out;
  }

  /** The records the refs fields link to, whole, for the facts that read them (`needs.linked`). */
  function linkedRecords(rows: readonly Row[], ctx: { now: () => Date }, depth: number) {
    const linked = new Map<string, Map<number, KitRecord>>();
    if (depth > 0) return linked;
    for (const name of factsNeedLinked) {
      const f = fieldList.find((x) => x.name === name)!;
      const ids = rows.flatMap((r) => decodeValue(f.field, r[f.column]) as number[]);
      linked.set(name, deps.repoOf(f.field.refs!.register).recordsByIds(ids, ctx, depth + 1));
    }
    return linked;
  }

  /** What the derived facts of these records may read: referred records and records pointing here. */
  function deriveEnvs(
    records: readonly KitRecord[],
    ctx: { now: () => Date },
    depth: number,
    linked: ReadonlyMap<string, ReadonlyMap<number, KitRecord>> = new Map(),
    /** A record not yet written: nothing can point to it, so no related records are looked for. */
    unwritten = false,
  ) {
    const base = env(ctx);
    const refs = new Map<string, Map<number, Fields>>();
    for (const name of factsNeedRefs) {
      const f = fieldList.find((x) => x.name === name)!;
      const ids = records.map((r) => r[name]).filter((v): v is number => typeof v === 'number');
      refs.set(name, deps.repoOf(f.field.ref!.register).storedByIds(ids));
    }
    const related = new Map<string, Map<number, KitRecord[]>>();
    for (const name of unwritten ? [] : factsNeedRelated) {
      const rel = reg.relations[name]!;
      related.set(
        name,
        // Two levels deep at most: an activity reads its vendors (1), which read their transfers (2).
        depth > 1
          ? new Map()
          : deps.repoOf(rel.register).pointingTo(
              rel.via,
              records.map((r) => r.id),
              ctx,
              depth + 1,
            ),
      );
    }
    return (record: KitRecord): DeriveEnv => ({
      ...base,
      refs: Object.fromEntries([...refs].map(([name, m]) => [name, m.get(record[name] as number) ?? null])),
      related: Object.fromEntries([...related].map(([name, m]) => [name, m.get(record.id) ?? []])),
      linked: Object.fromEntries(
        [...linked].map(([name, m]) => [
          name,
          ((record[name] as number[] | undefined) ?? []).flatMap((id) => m.get(id) ?? []),
        ]),
      ),
    });
  }

  /**
   * Records with their derived facts, judged on the context's today. Two links away from the record asked for
   * (depth 2: an activity's vendors' transfers), facts kept in a column are read back from it while it holds,
   * when every other fact needs nothing more.
   */
  function finish(rows: readonly Row[], ctx: { now: () => Date }, depth = 0, titled = true): KitRecord[] {
    if (depth >= 2 && restorable) {
      const today = localIsoDate(ctx.now());
      if (rows.every((r) => (r.derived_until as string) > today)) {
        const records = bases(rows, depth, new Map(), false);
        const e = { ...env(ctx), refs: {}, related: {}, linked: {} };
        for (const [i, r] of records.entries()) {
          for (const [name, fact] of Object.entries(reg.derived)) {
            r[name] = fact.store?.read
              ? fact.store.read(rows[i]![fact.store.column] as string | number | null)
              : fact.compute(r as never, e);
          }
        }
        return records;
      }
    }
    const linked = linkedRecords(rows, ctx, depth);
    const records = bases(rows, depth, linked, titled);
    const envOf = deriveEnvs(records, ctx, depth, linked);
    for (const r of records) {
      // Values computed per entry of a rows field (a risk's level) ride with the entries; they are not stored.
      for (const f of derivedRows) {
        const derive = f.field.rows!.derive!;
        r[f.name] = (r[f.name] as Record<string, unknown>[]).map((entry) => ({ ...entry, ...derive(entry) }));
      }
      for (const f of derivedStructs) {
        const value = r[f.name] as Record<string, unknown>;
        r[f.name] = { ...value, ...f.field.structDerive!(value) };
      }
      const e = envOf(r);
      for (const [name, fact] of Object.entries(reg.derived)) r[name] = fact.compute(r as never, e);
    }
    return records;
  }

  /** Referred titles for a record about to be written. */
  function refTitles(fields: Fields): Record<string, string | null | (string | null)[]> {
    const out: Record<string, string | null | (string | null)[]> = {};
    for (const f of refFields) {
      const id = fields[f.name];
      out[f.field.ref!.nameKey] =
        typeof id === 'number' ? (deps.repoOf(f.field.ref!.register).titles([id], 1).get(id) ?? null) : null;
    }
    for (const f of linkFields) {
      const ids = (fields[f.name] as number[] | undefined) ?? [];
      const titles = ids.length > 0 ? deps.repoOf(f.field.refs!.register).titles(ids, 1) : new Map();
      out[f.field.refs!.nameKey] = ids.map((id) => (titles.get(id) as string | undefined) ?? null);
    }
    return out;
  }

  /** Words of the shared "other" column of the full-text index: labels of enums, names of countries, titles. */
  function searchExtra(fields: Fields, titles: Record<string, string | null | (string | null)[]>): string {
    const words: string[] = [];
    for (const { name, field } of otherFts) {
      const v = fields[name];
      if (v === null || v === undefined || v === '') continue;
      if (field.kind === 'enum') {
        words.push(String(v), field.options?.find((o) => o.value === v)?.label ?? '');
      } else if (field.kind === 'country') {
        words.push(String(v), countryName(String(v)));
      } else if (field.kind === 'countries') {
        for (const c of v as string[]) words.push(c, countryName(c));
      } else if (field.kind === 'labels') {
        words.push(...(v as string[]));
      } else if (field.kind === 'ref') {
        words.push((titles[field.ref!.nameKey] as string | null) ?? '');
      } else if (field.kind === 'refs') {
        for (const t of (titles[field.refs!.nameKey] as (string | null)[]) ?? []) words.push(t ?? '');
      } else if (field.kind === 'choices') {
        for (const c of v as string[]) words.push(field.options?.find((o) => o.value === c)?.label ?? c);
      } else if (field.kind === 'rows') {
        for (const entry of v as Record<string, unknown>[]) {
          for (const x of Object.values(entry)) if (typeof x === 'string') words.push(x);
        }
      } else if (field.kind === 'struct') {
        continue;
      } else {
        words.push(String(v));
      }
    }
    return words.filter(Boolean).join(' ');
  }

  /**
   * A record about to be written as its derived facts read it, with what they may read. A new one (id 0) has
   * nothing pointing to it yet, so no related records are looked for.
   */
  function unsaved(
    fields: Fields,
    meta: { id: number; archived: boolean; now: string },
    ctx: { now: () => Date },
  ): { record: KitRecord; e: DeriveEnv } {
    const record = {
      ...fields,
      ...refTitles(fields),
      id: meta.id,
      archived: meta.archived,
      createdAt: meta.now,
      updatedAt: meta.now,
    } as KitRecord;
    return { record, e: deriveEnvs([record], ctx, 1, new Map(), meta.id === 0)(record) };
  }

  /** The stored derived facts of a record about to be written, with the day they stop holding. */
  function storedValues(
    fields: Fields,
    meta: { id: number; archived: boolean; now: string },
    ctx: AuditContext,
  ) {
    const out: Record<string, unknown> = {};
    if (storedFacts.length === 0) return out;
    const { record, e } = unsaved(fields, meta, ctx);
    let until = NEVER;
    for (const [, fact] of storedFacts) {
      out[fact.store!.column] = fact.store!.value(fact.compute(record as never, e));
      const day = fact.store!.until(record as never, e) ?? NEVER;
      if (day < until) until = day;
    }
    out.derived_until = until;
    return out;
  }

  /** The derived facts a field's column shows in its stead (`table.shows`: the DPA column's effective status). */
  const shownFacts = [
    ...new Set(
      fieldList.map((f) => (f.field.table ? f.field.table.shows : undefined)).filter((n) => n !== undefined),
    ),
  ].map((name) => [name, reg.derived[name]!] as const);

  /**
   * The facts the register's columns show instead of stored values, judged for a record not yet written (an
   * import's preview shows its rows as the register will).
   */
  function shownValues(fields: Fields, ctx: { now: () => Date }): Record<string, unknown> {
    if (shownFacts.length === 0) return {};
    const { record, e } = unsaved(fields, { id: 0, archived: false, now: ctx.now().toISOString() }, ctx);
    return Object.fromEntries(shownFacts.map(([name, fact]) => [name, fact.compute(record as never, e)]));
  }

  function params(fields: Fields, meta: { id: number; archived: boolean; now: string }, ctx: AuditContext) {
    const p: Record<string, unknown> = {};
    for (const f of fieldList) p[f.column] = encodeValue(f.field, fields[f.name]);
    p[reg.identity.column] = reg.identity.key(fields);
    p.search_extra = searchExtra(fields, refTitles(fields));
    return { ...p, ...storedValues(fields, meta, ctx) };
  }

  /**
   * Records inserted while the index is held (`holdIndex`), not yet in the full-text index or the country
   * tables. Written between a long import's rows, their pages crowd the table's own out of the caches (a bare
   * script inserting 100,000 vendors with a full-text row each spent 12 s of CPU on the vendor rows, 3.4 s
   * without); written after them, one statement for a run of records, they take under a second. In the import,
   * with its own work between the rows, the gain is a few per cent.
   */
  let unindexed: Set<number> | null = null;
  /** The rows `index` writes for the records with ids from ? to ?, read back from the columns it takes them from. */
  const indexFromTableSql = [
    `INSERT INTO ${reg.ftsTable} (rowid, ${[...ftsColumns.map((f) => f.name), 'other'].join(', ')})
     SELECT id, ${[...ftsColumns.map((f) => f.column), 'search_extra'].join(', ')} FROM ${reg.table}
     WHERE id BETWEEN ? AND ?`,
    ...countryTables.map(
      (
        f,
      ) => `INSERT OR IGNORE INTO ${f.field.countryTable!.table} (country, ${f.field.countryTable!.idColumn})
     SELECT j.value, r.id FROM ${reg.table} r, json_each(r.${f.column}) j WHERE r.id BETWEEN ? AND ?`,
    ),
  ];

  /**
   * Holds back the full-text rows and country rows of the records inserted from now on (the caller holds the
   * write transaction), until `write` adds them, each run of consecutive ids in one statement. `drop` forgets
   * them: the transaction is rolled back. A record updated or removed meanwhile is indexed then, and not again.
   */
  function holdIndex(): { write: () => void; drop: () => void } {
    if (unindexed) throw new Error(`The ${reg.name} index is already held.`);
    const held = new Set<number>();
    unindexed = held;
    const drop = () => {
      if (unindexed === held) unindexed = null;
    };
    return {
      write: () => {
        drop();
        // The held ids as runs of consecutive ids, [first, last].
        const runs: [number, number][] = [];
        for (const id of [...held].sort((a, b) => a - b)) {
          const run = runs[runs.length - 1];
          if (run && id === run[1] + 1) run[1] = id;
          else runs.push([id, id]);
        }
        for (const text of indexFromTableSql) {
          const insert = one(text);
          for (const [first, last] of runs) insert.run(first, last);
        }
      },
      drop,
    };
  }

  /** Keeps the full-text index, the country tables and the link tables in step with one row. */
  function index(id: number, p: Record<string, unknown>, fields: Fields, replace: boolean): void {
    if (replace) unindex(id);
    if (unindexed && !replace) {
      unindexed.add(id);
    } else {
      one(ftsInsertSql).run(ftsArgs(id, p));
      for (const { name, sql } of countryInserts) {
        const countries = fields[name] as string[];
        if (countries.length === 0) continue;
        const insert = one(sql);
        for (const c of countries) insert.run(c, id);
      }
    }
    for (const { name, sql } of linkInserts) {
      const refs = fields[name] as number[];
      if (refs.length === 0) continue;
      const insert = one(sql);
      for (const ref of refs) insert.run(id, ref);
    }
  }

  function unindex(id: number): void {
    if (!unindexed?.delete(id)) one(`DELETE FROM ${reg.ftsTable} WHERE rowid = ?`).run(id);
    for (const f of countryTables) {
      one(`DELETE FROM ${f.field.countryTable!.table} WHERE ${f.field.countryTable!.idColumn} = ?`).run(id);
    }
    for (const f of linkFields) {
      const l = f.field.refs!.link;
      one(`DELETE FROM ${l.table} WHERE ${l.idColumn} = ?`).run(id);
    }
  }

  /** SQL giving the ids of this register's records whose field `name` points at the record `?`. */
  function referringIds(name: string): string {
    const f = fieldList.find((x) => x.name === name)!;
    if (f.field.refs) {
      const l = f.field.refs.link;
      return `SELECT ${l.idColumn} FROM ${l.table} WHERE ${l.refColumn} = ?`;
    }
    return `SELECT id FROM ${reg.table} WHERE ${f.column} = ?`;
  }

  const invalid = (path: string, message: string, summary = message): AppError =>
    new AppError('VALIDATION', summary, [{ path, message }] satisfies FieldIssue[]);

  /** Refuses a parent that does not exist, is the record itself, or sits below it in the tree. */
  function checkTree(id: number | null, parentId: unknown): void {
    if (!tree || typeof parentId !== 'number') return;
    const noun = reg.noun.one;
    const parent = one(`SELECT id FROM ${reg.table} WHERE id = ?`).get(parentId);
    if (!parent)
      throw invalid(
        tree.name,
        `There is no ${noun} with id ${parentId}.`,
        `The parent ${noun} does not exist.`,
      );
    if (id === null) return;
    if (parentId === id) throw invalid(tree.name, `A ${noun} cannot be its own parent.`);
    const chain = [{ id: parentId }, ...ancestorRows(parentId)];
    const at = chain.findIndex((a) => a.id === id);
    if (at >= 0) {
      const titleOf = (x: number) => titles([x], 1).get(x) ?? `#${x}`;
      const loop = [titleOf(id), ...chain.slice(0, at + 1).map((a) => titleOf(a.id))].join(' → ');
      throw invalid(
        tree.name,
        `This would make a loop: ${loop}.`,
        `That parent would make a loop in the ${reg.tree!.name}: ${loop}.`,
      );
    }
  }

  /** Turns names given for references into ids, and checks that referred records exist. */
  function resolveRefs(fields: Fields): Fields {
    const out = { ...fields };
    for (const f of refFields) {
      const value = out[f.name];
      if (value === null || value === undefined) continue;
      if (tree && f.name === tree.name && typeof value === 'number') continue;
      const target = deps.repoOf(f.field.ref!.register);
      out[f.name] = target.resolve(value as number | string, f.name, f.field.label);
    }
    for (const f of linkFields) {
      const values = (out[f.name] as (number | string)[] | undefined) ?? [];
      const target = deps.repoOf(f.field.refs!.register);
      const ids = values.map((v, i) => target.resolve(v, `${f.name}.${i}`, f.field.label));
      out[f.name] = [...new Set(ids)];
    }
    return out;
  }

  /**
   * Validated input as it will be stored: references resolved, what the input leaves empty taken from the
   * settings (not when restoring stored values: an undo puts back exactly what was there). The declaration's
   * cross-field checks run again on the resolved values (a name and an id may point at the same record).
   */
  function prepare(input: Fields, id: number | null, restoring = false): Fields {
    let fields = resolveRefs(input);
    if (reg.defaults && !restoring) fields = reg.defaults(fields, deps.organisation(), deps.settings());
    const problems = reg.checks?.(fields, 'stored') ?? [];
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION',
        problems.map((p) => `${p.path}: ${p.message}`).join(' '),
        problems.map((p) => ({ path: p.path, message: p.message })),
      );
    }
    if (tree) checkTree(id, fields[tree.name]);
    return fields;
  }

  const ancestorRows = (id: number) => {
    const col = tree!.column;
    return one(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT ${col}, 1 FROM ${reg.table} WHERE id = ? AND ${col} IS NOT NULL
         UNION ALL
         SELECT r.${col}, up.depth + 1 FROM ${reg.table} r JOIN up ON r.id = up.id
         WHERE r.${col} IS NOT NULL AND up.depth < 100
       )
       SELECT r.*, up.depth AS tree_depth FROM up JOIN ${reg.table} r ON r.id = up.id ORDER BY up.depth`,
    ).all(id) as (Row & { tree_depth: number })[];
  };
  const descendantRows = (id: number) => {
    const col = tree!.column;
    return one(
      `WITH RECURSIVE down(id, depth) AS (
         SELECT id, 1 FROM ${reg.table} WHERE ${col} = ?
         UNION ALL
         SELECT r.id, down.depth + 1 FROM ${reg.table} r JOIN down ON r.${col} = down.id WHERE down.depth < 100
       )
       SELECT r.*, down.depth AS tree_depth FROM down JOIN ${reg.table} r ON r.id = down.id`,
    ).all(id) as (Row & { tree_depth: number })[];
  };
  function links(rows: (Row & { tree_depth: number })[]): TreeLink[] {
    const recs = bases(rows, 1);
    return rows.map((r, i) => ({
      id: r.id,
      name: reg.titleOf(recs[i]!),
      role: reg.tree!.nodeKind(recs[i]!),
      note: reg.tree!.nodeNote?.(recs[i]!) ?? null,
      archived: r.archived_at !== null,
      depth: r.tree_depth,
    }));
  }

  /** Records read whole for another register's facts, while the database stays as it is (see recordsByIds). */
  const linkedCache = { at: '', records: new Map<number, KitRecord>() };

  const anyArchived = () =>
    (
      one(
        `SELECT EXISTS (SELECT 1 FROM ${reg.table} INDEXED BY ${reg.table}_archived WHERE archived_at IS NOT NULL) AS yes`,
      ).get() as { yes: number }
    ).yes === 1;

  /**
   * Judges again the stored facts whose day has come (or that a change elsewhere made stale), so the list
   * filters, sorts and counts on what holds today. Nothing to do on most days: one indexed look-up.
   */
  function refreshStored(ctx: { now: () => Date }): boolean {
    // A read-only connection (an import preview) cannot write; it reads the rows judged afresh anyway.
    if (storedFacts.length === 0 || db.readonly) return false;
    const today = localIsoDate(ctx.now());
    const probe = one(`SELECT id FROM ${reg.table} WHERE derived_until <= ? LIMIT 1`);
    if (!probe.get(today)) return false;
    const set = [...storedFacts.map(([, f]) => f.store!.column), 'derived_until'];
    const update = one(`UPDATE ${reg.table} SET ${set.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    const batch = one(`SELECT * FROM ${reg.table} WHERE derived_until <= ? ORDER BY id LIMIT 500`);
    const auditCtx = { actor: 'system', now: ctx.now };
    // Never wait for the write lock on a read: another connection (an import) holding it would stall every
    // list for the busy timeout. The import judges due rows itself before it commits.
    const wait = db.inTransaction ? null : (db.pragma('busy_timeout', { simple: true }) as number);
    if (wait !== null) db.pragma('busy_timeout = 0');
    try {
      db.transaction(() => {
        for (;;) {
          const rows = batch.all(today) as Row[];
          if (rows.length === 0) break;
          for (const r of rows) {
            const values = storedValues(
              decodeFields(r),
              { id: r.id, archived: r.archived_at !== null, now: r.updated_at },
              auditCtx,
            );
            update.run({ ...values, id: r.id });
            // A verdict judged again may change what another register's stored facts read (a vendor's gaps).
            touchOwners(r.id as number);
          }
        }
      }).immediate();
    } catch (err) {
      // Another connection (an import) holds the write lock: the records returned are judged afresh anyway;
      // the stored columns catch up at the next read.
      if (!(err instanceof Error && /SQLITE_BUSY|database is locked/i.test(err.message))) throw err;
      return false;
    } finally {
      if (wait !== null) db.pragma(`busy_timeout = ${wait}`);
    }
    return true;
  }

  const erasable = fieldList.filter((f) => f.field.personal && f.field.erase);
  let erasedOn = '';

  /**
   * Erases the personal fields whose time has come (a requester's contact, the set number of days after the
   * request was completed), once a day, each erasure in the change history without the value.
   */
  function erasePersonal(ctx: { now: () => Date }): void {
    const today = localIsoDate(ctx.now());
    if (erasable.length === 0 || erasedOn === today || db.readonly) return;
    erasedOn = today;
    for (const f of erasable) {
      const after = fieldList.find((x) => x.name === f.field.erase!.after)!;
      const cutoff = new Date(
        Date.parse(`${today}T00:00:00Z`) - f.field.erase!.days(deps.settings()) * 86_400_000,
      )
        .toISOString()
        .slice(0, 10);
      const due = one(
        `SELECT id FROM ${reg.table} WHERE ${f.column} IS NOT NULL AND ${after.column} IS NOT NULL AND ${after.column} < ?`,
      ).all(cutoff) as { id: number }[];
      if (due.length === 0) continue;
      const auditCtx = { actor: 'system', now: ctx.now };
      try {
        db.transaction(() => {
          for (const { id } of due) {
            const fields = decodeFields(requireRow(id));
            updateOne(id, { ...fields, [f.name]: null }, auditCtx, undefined, true);
          }
        }).immediate();
      } catch (err) {
        // Locked by another connection's write: tried again at the next read.
        erasedOn = '';
        if (!(err instanceof Error && /SQLITE_BUSY|database is locked/i.test(err.message))) throw err;
      }
    }
  }

  /** Every register's stored facts that a list on this one may read (its own, and the ones its twins join). */
  const refreshAll = (ctx: { now: () => Date }) => {
    for (const r of deps.registers()) deps.repoOf(r.name).erasePersonal(ctx);
    // A register judged again may mark records of one judged before it (a transfer's verdict, its vendor's
    // gaps): go round again while anything was judged, a few times at most.
    for (let pass = 0; pass < 3; pass++) {
      let judged = false;
      for (const r of deps.registers()) judged = deps.repoOf(r.name).refreshStored(ctx) || judged;
      if (!judged) break;
    }
  };

  function list(q: ListQuery, ctx: { now: () => Date }) {
    refreshAll(ctx);
    const { total, ids } = planList(reg, q, env(ctx), stmts, anyArchived);
    return { rows: finish(pageRows(reg, q, ids, stmts) as Row[], ctx), total, offset: q.offset };
  }

  /**
   * How many current records match some filters (given as the list query takes them), counted exactly as the
   * list counts them. Stored facts are brought up to date by the caller (`refreshAll`), once for many counts.
   */
  function countMatching(filters: Record<string, unknown>, ctx: { now: () => Date }): number {
    const q = reg.schemas.query.parse({ filters }) as ListQuery;
    return countList(reg, q, env(ctx), stmts, anyArchived);
  }

  function get(id: number, ctx: { now: () => Date }): KitRecord {
    refreshAll(ctx);
    return finish([requireRow(id)], ctx)[0]!;
  }

  function auditValue(fields: Fields): Fields {
    const created: Fields = {};
    for (const f of fieldList) {
      const v = fields[f.name];
      if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
        created[f.name] = f.field.personal ? PERSONAL : v;
    }
    return created;
  }

  /**
   * Inserts one record with its audit entry; the caller holds the transaction. `prepared`: the fields come from
   * `prepared` (an import validates each row that way before it decides what to do with it), so they are not
   * resolved and checked a second time.
   */
  function insertOne(input: Fields, ctx: AuditContext, options: { prepared?: boolean } = {}): number {
    const fields = options.prepared ? input : prepare(input, null);
    const now = ctx.now().toISOString();
    const p = params(fields, { id: 0, archived: false, now }, ctx);
    const args: unknown[] = writeColumns.map((c) => p[c]);
    args.push(ctx.importId ?? null, now, now);
    const info = one(insertSql).run(args);
    const id = Number(info.lastInsertRowid);
    index(id, p, fields, false);
    touchOwners(id);
    audit.append(ctx, [{ entity: reg.entity, entityId: id, action: 'create', newValue: auditValue(fields) }]);
    return id;
  }

  /** The registers whose records point here through a ref field, with that field. */
  const pointers = () =>
    deps
      .registers()
      .flatMap((other) =>
        other.fieldList
          .filter((f) => (f.field.ref ?? f.field.refs)?.register === reg.name)
          .map((f) => ({ other, field: f })),
      );

  /**
   * After a record changed: records elsewhere whose stored facts read it are marked for judging again, and
   * records whose search words hold its title are indexed again.
   */
  function touchPointers(id: number, titleChanged: boolean, ctx: AuditContext): void {
    for (const { other, field } of pointers()) {
      if (other.name === reg.name && tree && field.name === tree.name) continue;
      const needs = Object.values(other.derived).some((f) => f.store && f.needs?.refs?.includes(field.name));
      const theirs = deps.repoOf(other.name);
      if (needs) {
        one(
          `UPDATE ${other.table} SET derived_until = '${STALE}' WHERE id IN (${theirs.referringIds(field.name)})`,
        ).run(id);
      }
      if (titleChanged && field.field.fts === 'other') theirs.reindex(field.name, id, ctx);
    }
  }

  /**
   * Registers whose stored facts read records of this one as related (a vendor's transfer gaps read the
   * transfers to it), with the field of this register that points at their record.
   */
  let ownersCache: { other: Register; via: string }[] | null = null;
  const owners = () =>
    (ownersCache ??= deps.registers().flatMap((other) =>
      Object.entries(other.relations ?? {})
        .filter(
          ([name, rel]) =>
            rel.register === reg.name &&
            Object.values(other.derived).some((f) => f.store && f.needs?.related?.includes(name)),
        )
        .map(([, rel]) => ({ other, via: rel.via })),
    ));

  /** A record of this register changed: the records whose stored facts read it are marked for judging again. */
  function touchOwners(id: number): void {
    for (const { other, via } of owners()) {
      const f = fieldList.find((x) => x.name === via)!;
      if (f.field.refs) {
        const link = f.field.refs.link;
        one(
          `UPDATE ${other.table} SET derived_until = '${STALE}' WHERE id IN (SELECT ${link.refColumn} FROM ${link.table} WHERE ${link.idColumn} = ?)`,
        ).run(id);
      } else {
        one(
          `UPDATE ${other.table} SET derived_until = '${STALE}' WHERE id = (SELECT ${f.column} FROM ${reg.table} WHERE id = ?)`,
        ).run(id);
      }
    }
  }

  const appendOnly = fieldList.filter((f) => f.field.rows?.appendOnly);
  /** Entries of an append-only rows field that a change would alter or remove. */
  function appendOnlyProblems(before: Fields, after: Fields): { path: string; message: string }[] {
    for (const f of appendOnly) {
      const old = before[f.name] as Record<string, unknown>[];
      const now = after[f.name] as Record<string, unknown>[];
      const changed = old.findIndex((e, i) => !now[i] || JSON.stringify(now[i]) !== JSON.stringify(e));
      if (changed >= 0)
        return [
          {
            path: `${f.name}.${changed}`,
            message: `A recorded ${f.field.rows!.noun.one} cannot be changed or removed: add a new one that supersedes it.`,
          },
        ];
    }
    return [];
  }

  /**
   * Applies the changed fields of one record with one audit entry per field; the caller holds the transaction.
   * `restoring`: the values are stored ones being put back (an undo), taken as they are.
   */
  function updateOne(
    id: number,
    input: Fields,
    ctx: AuditContext,
    expectedUpdatedAt?: string,
    restoring = false,
  ): number {
    const before = requireRow(id);
    if (expectedUpdatedAt && expectedUpdatedAt !== before.updated_at) {
      throw new AppError(
        'CONFLICT',
        `This ${reg.noun.one} was changed elsewhere since you opened it. Reload it to see the changes, then edit again.`,
        { id, updatedAt: before.updated_at },
      );
    }
    const fields = prepare(input, id, restoring);
    const old = decodeFields(before);
    const refused = restoring ? [] : appendOnlyProblems(old, fields);
    if (refused.length > 0) {
      throw new AppError(
        'VALIDATION',
        refused.map((p) => `${p.path}: ${p.message}`).join(' '),
        refused.map((p) => ({ path: p.path, message: p.message })),
      );
    }
    const changes: AuditRecord[] = [];
    for (const f of fieldList) {
      if (!same(old[f.name], fields[f.name])) {
        changes.push({
          entity: reg.entity,
          entityId: id,
          action: 'update',
          field: f.name,
          oldValue: f.field.personal ? personalMark(old[f.name]) : old[f.name],
          newValue: f.field.personal ? personalMark(fields[f.name]) : fields[f.name],
        });
      }
    }
    if (changes.length === 0) return 0;
    const now = ctx.now().toISOString();
    const p = params(fields, { id, archived: before.archived_at !== null, now }, ctx);
    // The records it pointed at before, and those it points at now.
    touchOwners(id);
    one(updateSql).run({ ...p, id, now });
    index(id, p, fields, true);
    touchOwners(id);
    const titleBefore = reg.titleOf({ ...old, id } as never);
    const titleAfter = reg.titleOf({ ...fields, id } as never);
    touchPointers(id, titleBefore !== titleAfter, ctx);
    audit.append(ctx, changes);
    return changes.length;
  }

  /**
   * Removes a record for good, audited as `delete` with its last values. Only undoing an import uses this:
   * people archive. Refused while other records refer to it.
   */
  function removeOne(id: number, ctx: AuditContext): void {
    const before = requireRow(id);
    const title = reg.titleOf({ ...decodeFields(before), id } as never);
    for (const { other, field } of pointers()) {
      const n = (
        one(`SELECT count(*) AS n FROM (${deps.repoOf(other.name).referringIds(field.name)})`).get(id) as {
          n: number;
        }
      ).n;
      if (n === 0) continue;
      throw new AppError(
        'CONFLICT',
        other.name === reg.name && tree && field.name === tree.name
          ? `${title} is the parent of other ${reg.noun.other}; it cannot be removed.`
          : `${n} ${n === 1 ? other.noun.one : other.noun.other} refer to ${title}; it cannot be removed.`,
        { id },
      );
    }
    touchOwners(id);
    unindex(id);
    one(`DELETE FROM ${reg.table} WHERE id = ?`).run(id);
    audit.append(ctx, [
      { entity: reg.entity, entityId: id, action: 'delete', oldValue: decodeFields(before) },
    ]);
  }

  function setArchivedState(id: number, archived: boolean, ctx: AuditContext): KitRecord {
    const before = requireRow(id);
    if ((before.archived_at !== null) === archived) return get(id, ctx);
    const now = ctx.now().toISOString();
    one(`UPDATE ${reg.table} SET archived_at = ?, updated_at = ? WHERE id = ?`).run(
      archived ? now : null,
      now,
      id,
    );
    touchOwners(id);
    audit.append(ctx, [
      {
        entity: reg.entity,
        entityId: id,
        action: archived ? 'archive' : 'restore',
        field: 'archived',
        oldValue: !archived,
        newValue: archived,
      },
    ]);
    return get(id, ctx);
  }

  /** Titles of records by id, for the records that refer to them. */
  function titles(ids: readonly number[], depth: number): Map<number, string> {
    const rows = rowsByIds(ids);
    const recs = bases(rows, depth);
    return new Map(recs.map((r) => [r.id, reg.titleOf(r)]));
  }

  const byIdentity = () =>
    one(
      `SELECT id FROM ${reg.table} WHERE ${reg.identity.column} = ? AND archived_at IS NULL ORDER BY id LIMIT 11`,
    );

  return {
    register: reg,
    list,
    countMatching,
    refreshAll,
    /** What the SQL twins of derived facts read: today and now where the user is, the organisation, settings. */
    sqlEnv: env,
    get,
    insertOne,
    holdIndex,
    updateOne,
    removeOne,
    refreshStored,
    erasePersonal,
    /** The settings changed (a shorter retention, say): look for erasures again at the next read. */
    eraseAgain: () => {
      erasedOn = '';
    },
    titles,
    /** The names of the records a record's references point to, under each reference's name key. */
    refTitles,
    shownValues,
    decodeFields,
    resolveRefs,

    /**
     * Every record in id order with its derived facts, a batch at a time (an export reads a register whole
     * without holding it in memory); archived records only when asked.
     */
    *batches(
      options: { includeArchived: boolean; size?: number },
      ctx: { now: () => Date },
    ): Generator<KitRecord[]> {
      const size = options.size ?? 500;
      const next = one(
        `SELECT * FROM ${reg.table} WHERE id > ?${options.includeArchived ? '' : ' AND archived_at IS NULL'} ORDER BY id LIMIT ${size}`,
      );
      let after = 0;
      for (;;) {
        const rows = next.all(after) as Row[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        yield finish(rows, ctx);
        if (rows.length < size) return;
      }
    },

    /** Records by id as a door returns them (titles of what they refer to, derived facts), in one read. */
    byIds(ids: readonly number[], ctx: { now: () => Date }): Map<number, KitRecord> {
      return new Map(finish(rowsByIds(ids), ctx).map((r) => [r.id, r]));
    },

    /** How many records there are (current ones, or all). */
    count(includeArchived: boolean): number {
      const where = includeArchived ? '' : ' WHERE archived_at IS NULL';
      return (one(`SELECT count(*) AS n FROM ${reg.table}${where}`).get() as { n: number }).n;
    },

    /** Only the stored fields of a record, for comparing, merging and auditing. */
    fieldsOf(record: Record<string, unknown>): Fields {
      const out: Fields = {};
      for (const f of fieldList) out[f.name] = record[f.name];
      return out;
    },

    create(fields: Fields, ctx: AuditContext): KitRecord {
      const id = db.transaction(() => insertOne(fields, ctx)).immediate();
      return get(id, ctx);
    },

    update(id: number, fields: Fields, ctx: AuditContext, expectedUpdatedAt?: string): KitRecord {
      db.transaction(() => updateOne(id, fields, ctx, expectedUpdatedAt)).immediate();
      return get(id, ctx);
    },

    /** Archives a record; with `withDescendants`, also the current records below it in the tree, all at once. */
    archive: (id: number, ctx: AuditContext, options: { withDescendants?: boolean } = {}) =>
      db
        .transaction(() => {
          if (options.withDescendants && tree) {
            requireRow(id);
            for (const r of descendantRows(id)) if (r.archived_at === null) setArchivedState(r.id, true, ctx);
          }
          return setArchivedState(id, true, ctx);
        })
        .immediate(),
    /** Restores a record, and with `alsoIds` the records archived with it (an undo), all at once. */
    restore: (id: number, ctx: AuditContext, alsoIds: readonly number[] = []) =>
      db
        .transaction(() => {
          for (const other of alsoIds) if (other !== id) setArchivedState(other, false, ctx);
          return setArchivedState(id, false, ctx);
        })
        .immediate(),

    /** One record with its history, its place in the tree, and the records of other registers pointing to it. */
    detail(id: number, ctx: AuditContext, history: (entity: string, id: number) => AuditEntry[]) {
      const record = get(id, ctx);
      const related: Record<string, KitRecord[]> = {};
      for (const [name, rel] of Object.entries(reg.relations)) {
        related[name] = deps.repoOf(rel.register).pointingTo(rel.via, [id], ctx, 0).get(id) ?? [];
      }
      return {
        [reg.entity]: record,
        history: history(reg.entity, id),
        ...(tree
          ? {
              parents: links(ancestorRows(id)),
              children: links(descendantRows(id)).sort(
                (a, b) => a.depth - b.depth || a.name.localeCompare(b.name),
              ),
            }
          : {}),
        related,
      };
    },

    /** Current records whose ref field `field` points to one of `ids`, grouped by the id they point to. */
    pointingTo(field: string, ids: readonly number[], ctx: { now: () => Date }, depth: number) {
      const out = new Map<number, KitRecord[]>();
      if (ids.length === 0) return out;
      const f = fieldList.find((x) => x.name === field)!;
      if (f.field.refs) {
        const l = f.field.refs.link;
        const wanted = new Set(ids);
        const rows = stmts.rows(
          `SELECT * FROM ${reg.table} WHERE id IN (SELECT ${l.idColumn} FROM ${l.table} WHERE ${l.refColumn} IN (SELECT value FROM json_each(?))) AND archived_at IS NULL ORDER BY id`,
          JSON.stringify([...wanted]),
        ) as Row[];
        for (const r of finish(rows, ctx, depth)) {
          for (const key of r[field] as number[]) {
            if (wanted.has(key)) out.set(key, [...(out.get(key) ?? []), r]);
          }
        }
        return out;
      }
      const column = f.column;
      const rows = stmts.rows(
        `SELECT * FROM ${reg.table} WHERE ${column} IN (SELECT value FROM json_each(?)) AND archived_at IS NULL ORDER BY id`,
        JSON.stringify([...new Set(ids)]),
      ) as Row[];
      for (const r of finish(rows, ctx, depth)) {
        const key = r[field] as number;
        out.set(key, [...(out.get(key) ?? []), r]);
      }
      return out;
    },

    /** The stored fields of records by id. */
    storedByIds(ids: readonly number[]): Map<number, Fields> {
      return new Map(rowsByIds(ids).map((r) => [r.id, decodeFields(r)]));
    },

    referringIds,

    /**
     * A record's fields as they would be stored (a new one, or record `id` updated), or the VALIDATION error the
     * write would give: references resolved, the settings' defaults filled in, the cross-field checks passed (an
     * import and a workbook's round trip preview with it).
     */
    prepared(input: Fields, id: number | null = null): Fields {
      return prepare(input, id);
    },

    /**
     * Records by id with their derived facts, judged at `depth`, for another record's facts to read (so without
     * the titles of the records they refer to).
     */
    recordsByIds(ids: readonly number[], ctx: { now: () => Date }, depth: number): Map<number, KitRecord> {
      // Kept while nothing in the database, the day or the organisation changes: the pages of a list, and the
      // lists a DPO moves between, read the same linked records again.
      const at = `${stmts.generation()}|${localIsoDate(ctx.now())}|${JSON.stringify(deps.organisation())}|${depth}`;
      if (at !== linkedCache.at || linkedCache.records.size > 20_000) {
        linkedCache.at = at;
        linkedCache.records.clear();
      }
      const missing = [...new Set(ids)].filter((id) => !linkedCache.records.has(id));
      if (missing.length > 0) {
        for (const r of finish(rowsByIds(missing), ctx, depth, false)) linkedCache.records.set(r.id, r);
      }
      const out = new Map<number, KitRecord>();
      for (const id of ids) {
        const r = linkedCache.records.get(id);
        if (r) out.set(id, r);
      }
      return out;
    },

    /** Indexes again the records whose field `name` points at `id` (a referred title changed). */
    reindex(name: string, id: number, ctx: AuditContext): void {
      const rows = one(`SELECT * FROM ${reg.table} WHERE id IN (${referringIds(name)})`).all(id) as Row[];
      for (const r of rows) {
        const fields = decodeFields(r);
        const p = params(fields, { id: r.id, archived: r.archived_at !== null, now: r.updated_at }, ctx);
        one(`UPDATE ${reg.table} SET search_extra = ? WHERE id = ?`).run(p.search_extra, r.id);
        index(r.id, p, fields, true);
      }
    },

    /**
     * The id of the record a reference names: an id that must exist, or a name matched on the register's
     * identity (an unknown or ambiguous name is a VALIDATION error naming it).
     */
    resolve(value: number | string, path: string, label: string): number {
      if (typeof value === 'number') {
        if (!one(`SELECT id FROM ${reg.table} WHERE id = ?`).get(value)) {
          throw invalid(
            path,
            `There is no ${reg.noun.one} with id ${value}.`,
            `${label}: there is no ${reg.noun.one} with id ${value}.`,
          );
        }
        return value;
      }
      if (reg.identity.fields.length !== 1) {
        throw invalid(path, `Give the ${reg.noun.one}'s id.`, `${label}: give the ${reg.noun.one}'s id.`);
      }
      const key = reg.identity.key({ [reg.identity.fields[0]!]: value });
      const ids = (byIdentity().all(key) as { id: number }[]).map((r) => r.id);
      if (ids.length === 0) {
        const archived = one(
          `SELECT id FROM ${reg.table} WHERE ${reg.identity.column} = ? AND archived_at IS NOT NULL LIMIT 1`,
        ).get(key) as { id: number } | undefined;
        const message = archived
          ? `The ${reg.noun.one} named "${value}" is archived (id ${archived.id}); restore it or give its id.`
          : `No ${reg.noun.one} is named "${value}".`;
        throw invalid(path, message, `${label}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
      }
      if (ids.length > 1) {
        const count = ids.length > 10 ? 'more than 10' : String(ids.length);
        const message = `"${value}" names ${count} ${reg.noun.other} (ids ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}); give the id instead.`;
        throw invalid(path, message, `${label}: ${message}`);
      }
      return ids[0]!;
    },

    /** Records matching the words anywhere, for the global search; archived ones come last. */
    searchHits(query: string, limit: number, ctx: { now: () => Date }) {
      const page = list(
        {
          offset: 0,
          limit,
          sort: reg.defaultSort,
          search: query,
          filters: reg.emptyFilters(),
          archived: 'include',
        },
        ctx,
      );
      return page.rows
        .map((r) => ({
          register: reg.name,
          id: r.id,
          title: reg.titleOf(r),
          detail: reg.detailOf(r),
          archived: r.archived,
          matched: whyMatched(reg, r, query),
        }))
        .sort((a, b) => Number(a.archived) - Number(b.archived));
    },

    /**
     * Likely duplicates among current records: the same identity key, or for a fuzzy identity (a name) one
     * within a small edit distance ("Zendesk Inc" ~ "Zendesk, Inc." ~ "Zendsk").
     */
    duplicates(input: Fields, excludeId?: number): { id: number; name: string; reason: string }[] {
      const resolved: Fields = { ...input };
      for (const name of reg.identity.fields) {
        const f = fieldList.find((x) => x.name === name)!;
        const v = resolved[name];
        if (f.field.ref && (typeof v === 'number' || typeof v === 'string')) {
          try {
            resolved[name] = deps.repoOf(f.field.ref.register).resolve(v, name, f.field.label);
          } catch {
            return [];
          }
        }
        if (v === undefined) resolved[name] = null;
      }
      const key = reg.identity.key(resolved);
      if (!key) return [];
      const candidates: { id: number; key: string }[] = reg.identity.fuzzy
        ? (one(
            `SELECT id, ${reg.identity.column} AS key FROM ${reg.table}
             WHERE ${reg.identity.column} >= ? AND ${reg.identity.column} < ? AND archived_at IS NULL LIMIT 200`,
          ).all(key.slice(0, 3), `${key.slice(0, 3)}\uffff`) as { id: number; key: string }[])
        : (byIdentity().all(key) as { id: number }[]).map((r) => ({ id: r.id, key }));
      const found: { id: number; reason: string }[] = [];
      for (const c of candidates) {
        if (c.id === excludeId) continue;
        if (c.key === key) found.push({ id: c.id, reason: reg.identity.same });
        else if (key.length >= 5 && editDistance(c.key, key, 2) <= 2) {
          found.push({ id: c.id, reason: reg.identity.similar ?? reg.identity.same });
        }
      }
      const names = titles(
        found.map((f) => f.id),
        1,
      );
      return found
        .slice(0, 10)
        .map((f) => ({ id: f.id, name: names.get(f.id) ?? `#${f.id}`, reason: f.reason }));
    },

    /**
     * Current records by identity key (import matching), oldest first: two legal entities of one group share a
     * key and are both listed.
     */
    identityIndex(): Map<string, number[]> {
      const out = new Map<string, number[]>();
      const rows = one(
        `SELECT id, ${reg.identity.column} AS key FROM ${reg.table} WHERE archived_at IS NULL ORDER BY id`,
      ).iterate() as Iterable<{ id: number; key: string }>;
      for (const r of rows) {
        const ids = out.get(r.key);
        if (ids) ids.push(r.id);
        else out.set(r.key, [r.id]);
      }
      return out;
    },

    /** Used by tests and the benchmark: how many statements the list keeps prepared. */
    get preparedStatements() {
      return stmts.size;
    },
  };
}
export type Repository = ReturnType<typeof createRepository>;
