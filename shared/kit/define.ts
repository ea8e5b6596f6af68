import { z } from 'zod';
import {
  CountryCodeSchema,
  IdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  SortDirectionSchema,
} from '../domain/common';
import type { AnyField, Field, FilterDecl, Organisation, SqlEnv, TableDecl } from './fields';
import { columnOf } from './fields';
import type { Sql } from './sql';
import type { Settings } from '../domain/settings';

/** What a derived fact may read besides its own record. */
export interface DeriveEnv {
  /** Today where the user is, `YYYY-MM-DD`: derived facts are judged on it and never stored stale. */
  today: string;
  /** The moment of the request, ISO-8601 UTC: for facts that run by the hour (a breach clock), never stored. */
  now: string;
  organisation: Organisation;
  /** Every setting (the deadline readings a request's due date follows). */
  settings: Settings;
  /** The stored fields of the record each ref field points to (for facts that declare `needs.refs`). */
  refs: Record<string, Record<string, unknown> | null>;
  /** Records of other registers that point here (for facts that declare `needs.related`). */
  related: Record<string, readonly Record<string, unknown>[]>;
  /**
   * The records a refs field links to, read whole with their own derived facts (for facts that declare
   * `needs.linked`: an activity's transfer gaps are its vendors' gaps).
   */
  linked: Record<string, readonly Record<string, unknown>[]>;
}

/**
 * A fact the workbench derives from a record: one pure function, with its SQL twin beside it when the list
 * filters on it. With `store`, its value is also kept in a column (so the list can filter, sort and count on
 * it) together with the day it stops holding; the kit re-judges rows whose day has come, and every row when
 * the reference data changes.
 */
export interface DerivedFact<T = unknown, R = never> {
  label: string;
  schema: z.ZodType<T>;
  compute: (record: R, env: DeriveEnv) => T;
  /** Its own column in the table; or shown inside a field's column (see TableDecl.shows). */
  table?: (TableDecl & { short?: string }) | false;
  /**
   * A filter on the fact, placed on the column `column` (default: its own). `sql` is its twin as a condition on
   * the row `r`; `set`, when given, the same twin as a query of the matching ids (a column `id`), which the list
   * reads as a set when that narrows faster (an activity's DPIA question, read from an index).
   */
  filter?: FilterDecl & {
    key: string;
    column?: string;
    sql: (value: never, env: SqlEnv) => Sql;
    set?: (value: never, env: SqlEnv) => Sql;
  };
  export?: string | false;
  store?: {
    column: string;
    value: (result: T) => string | number | null;
    /** The first day on which the stored value may no longer hold; null: it holds until the record changes. */
    until: (record: R, env: DeriveEnv) => string | null;
    /**
     * The fact rebuilt from its stored value, enough for another register's facts that read this record two
     * links away (a vendor's coverage reads its transfers' verdicts): used instead of computing it again while
     * the stored value holds.
     */
    read?: (stored: string | number | null) => T;
  };
  needs?: { refs?: readonly string[]; related?: readonly string[]; linked?: readonly string[] };
  /** A stored fact the list can sort on, by its column (a request's due date). */
  sort?: boolean;
  /** How the value reads: country codes as names, a day as a date, or an enum's codes as its field's labels. */
  display?: 'countries' | 'date' | { enumOf: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- facts are declared with their register's record type; the kit only calls them
export type AnyDerived = DerivedFact<any, any>;

/** Declares a derived fact with its types inferred. */
export function derived<T, R>(fact: DerivedFact<T, R>): DerivedFact<T, R> {
  return fact;
}

/** Records of another register that point here through one of their ref fields (a vendor's transfers). */
export interface Relation {
  register: string;
  via: string;
  label: string;
}

/** A form section, in order. */
export interface Section {
  id: string;
  legend: string;
  /** Grid columns for the fields of the section that are not wide. */
  cols: 1 | 2 | 3;
}

type OutOf<F> = F extends Field<infer _K, infer O, infer _P> ? O : never;
type ParsedOf<F> = F extends Field<infer _K, infer _O, infer P> ? P : never;
type FieldMap = Record<string, AnyField>;

/** What a record stores: one value per field. */
export type StoredFields<F extends FieldMap> = { -readonly [K in keyof F]: OutOf<F[K]> };
/** Validated input: as stored, except that references may still be names. */
export type ParsedFields<F extends FieldMap> = { -readonly [K in keyof F]: ParsedOf<F[K]> };
/** What input accepts before defaults apply. */
export type InputFields<F extends FieldMap> = { [K in keyof F]?: z.input<F[K]['input']> };

type RefNames<F extends FieldMap> = {
  [K in keyof F as F[K] extends { ref: { nameKey: infer N extends string } } ? N : never]: string | null;
} & {
  [K in keyof F as F[K] extends { refs: { nameKey: infer N extends string } } ? N : never]: (string | null)[];
};

/** A stored record before its derived facts: what derived facts read. */
export type BaseRecord<F extends FieldMap> = { id: number } & StoredFields<F> &
  RefNames<F> & { archived: boolean; createdAt: string; updatedAt: string };

type DerivedValues<D> = { [K in keyof D]: D[K] extends DerivedFact<infer T, infer _R> ? T : never };

/** A record as every door returns it. */
export type RecordOf<F extends FieldMap, D> = BaseRecord<F> & DerivedValues<D>;

export type TreeLink = z.infer<typeof TreeLinkSchema>;

/** One record with its history, its place in a tree (when the register is one) and the records pointing to it. */
export type DetailOf<E extends string, R, Tree extends boolean> = { [K in E]: R } & {
  history: AuditEntry[];
  related: Record<string, Record<string, unknown>[]>;
} & (Tree extends true ? { parents: TreeLink[]; children: TreeLink[] } : unknown);

/** A register whose records hang from each other through a self-reference (the sub-processor chain). */
export interface TreeDecl {
  /** The ref field to the register itself. */
  field: string;
  /** What the tree is called in messages: "sub-processor chain". */
  name: string;
  /** The word shown beside each record in the tree (a vendor's role). */
  nodeKind: (record: Record<string, unknown>) => string;
  /** A word shown beside a node (a vendor offboarded but kept in the chain), or null. */
  nodeNote?: (record: Record<string, unknown>) => string | null;
}

/** A cross-field problem, named by the field it belongs under. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface RegisterDecl<
  F extends FieldMap,
  D extends Record<string, AnyDerived>,
  N extends string = string,
  E extends string = string,
  T extends TreeDecl | undefined = TreeDecl | undefined,
> {
  /** Set when the register is a tree through one of its ref fields. */
  tree?: T;
  /** The register's one name: channels (`vendors:list`), URLs (`#/vendors/3`), search results, the CLI. */
  name: N;
  /** The name of one record: the audit log's entity, the detail's key. */
  entity: E;
  /** The SQL table and its full-text index. */
  table: string;
  ftsTable: string;
  title: string;
  noun: { one: string; other: string };
  /** What the register is for, in the words of the empty page. */
  description: string;
  fields: F;
  /**
   * False: records are made by a workflow, never read from a spreadsheet (a sub-processor list review comes from
   * the vendor's list); the import offers the register nowhere.
   */
  importable?: false;
  sections: readonly Section[];
  derived: D;
  relations?: Record<string, Relation>;
  /**
   * How two records are the same thing (duplicates, import matching): the fields it reads, the stored column
   * that keeps the key, and `fuzzy` when near misses of a name count too.
   */
  identity: {
    fields: readonly (keyof F & string)[];
    column: string;
    key: (fields: StoredFields<F>) => string;
    fuzzy?: boolean;
    /** Why a candidate is a duplicate, in the register's words ("same legal name"). */
    same: string;
    /** Fuzzy identities: why a near miss is one ("very similar name"). */
    similar?: string;
    /**
     * Two records with the same key that may still be two things (two legal entities of one group): `distinct`
     * keeps them apart in an import; `unsure` matches them, with a warning to check.
     */
    compare?: (
      a: StoredFields<F>,
      b: StoredFields<F>,
    ) => { verdict: 'same' | 'unsure' } | { verdict: 'distinct'; reason: string };
  };
  /** The record's title (lists, search, links) and the line under it in search results. */
  titleOf: (record: BaseRecord<F>) => string;
  detailOf: (record: BaseRecord<F>) => string;
  /**
   * Cross-field rules, checked wherever input is validated (`input`), and again once references are resolved and
   * the settings' defaults filled in (`stored`), just before a write.
   */
  checks?: (fields: ParsedFields<F>, stage: 'input' | 'stored') => FieldProblem[];
  /** The filters a register page opens with (open requests only); "clear filters" still clears them all. */
  defaultFilters?: Record<string, unknown>;
  defaultSort: { key: string; direction: 'asc' | 'desc' };
  /** Values the core fills in on every write when the input leaves them empty (from the settings). */
  defaults?: (fields: ParsedFields<F>, organisation: Organisation, settings: Settings) => ParsedFields<F>;
}

/** The columns every register table has besides its fields. */
export const KIT_COLUMNS = {
  id: 'id',
  importId: 'import_id',
  searchExtra: 'search_extra',
  archivedAt: 'archived_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  derivedUntil: 'derived_until',
} as const;

/** The audit log's actions, shared by every register. */
export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: IsoDateTimeSchema,
  actor: z.string(),
  entity: z.string(),
  entityId: z.number().int(),
  action: z.enum(['create', 'update', 'archive', 'restore', 'delete']),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  importId: z.string().nullable(),
  /** The file an import entry came from, and when it was imported (null for other entries). */
  importFile: z.string().nullable().optional(),
  importAt: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** One link in a tree of records (the sub-processor chain). */
export const TreeLinkSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: z.string(),
  archived: z.boolean(),
  depth: z.number().int(),
  note: z.string().nullable().optional(),
});

export const DuplicateCandidateSchema = z.object({ id: IdSchema, name: z.string(), reason: z.string() });

/** How a column of the list can be narrowed; each kind maps onto one part of the query's `filters`. */
export type ListFilter = {
  key: string;
  /** The table column whose header carries the filter. */
  column: string;
  label: string;
  /** What it filters: a stored field, or a derived fact through its SQL twin. */
  source: { kind: 'field' | 'derived'; name: string };
} & (
  | { kind: 'text' }
  | { kind: 'choice'; options: { value: string; label: string }[] }
  | { kind: 'country' }
  | { kind: 'yes-no'; yes: string; no: string }
  | { kind: 'date-range' }
);

/** A date-range filter's value: the first and last day, both included; either end may stay open. */
export const DateRangeSchema = z
  .object({ from: IsoDateSchema.nullable().default(null), to: IsoDateSchema.nullable().default(null) })
  .refine((r) => r.from === null || r.to === null || r.from <= r.to, {
    message: 'The range ends before it starts.',
    path: ['to'],
  });
export type DateRange = { from: string | null; to: string | null };

const registry = new Map<string, Register>();

/** A register found by name (relations and references name registers, never import them). */
export function registerNamed(name: string): Register {
  const reg = registry.get(name);
  if (!reg) throw new Error(`There is no register named "${name}".`);
  return reg;
}

/** Every register declared so far, in declaration order. */
export function declaredRegisters(): Register[] {
  return [...registry.values()];
}

function buildFilters(fields: FieldMap, derivedFacts: Record<string, AnyDerived>): ListFilter[] {
  const out: ListFilter[] = [];
  const add = (
    source: ListFilter['source'],
    label: string,
    f: FilterDecl,
    field: AnyField | null,
    column: string,
  ) => {
    const base = { key: f.key ?? source.name, column, label, source };
    if (f.kind === 'text') out.push({ ...base, kind: 'text' });
    else if (f.kind === 'country') out.push({ ...base, kind: 'country' });
    else if (f.kind === 'yes-no')
      out.push({ ...base, kind: 'yes-no', yes: f.yes ?? 'Yes', no: f.no ?? 'No' });
    else if (f.kind === 'date-range') out.push({ ...base, kind: 'date-range' });
    else {
      const options = (f.options ?? field?.options ?? []).map((o) => ({ value: o.value, label: o.label }));
      out.push({ ...base, kind: 'choice', options });
    }
  };
  for (const [name, field] of Object.entries(fields)) {
    if (field.filter) add({ kind: 'field', name }, field.short ?? field.label, field.filter, field, name);
  }
  for (const [name, fact] of Object.entries(derivedFacts)) {
    if (!fact.filter) continue;
    const column = fact.filter.column ?? name;
    const label =
      fields[column]?.short ?? fields[column]?.label ?? (fact.table || undefined)?.short ?? fact.label;
    add({ kind: 'derived', name }, label, fact.filter, fields[column] ?? null, column);
  }
  return out;
}

/** The sort keys a register offers: sortable fields, then when records were added and last changed. */
function buildSorts(fields: FieldMap, facts: Record<string, AnyDerived>): { key: string; column: string }[] {
  const out: { key: string; column: string }[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (!field.sort) continue;
    out.push({ key: name, column: typeof field.sort === 'string' ? field.sort : columnOf(name, field) });
  }
  for (const [name, fact] of Object.entries(facts)) {
    if (fact.sort && fact.store) out.push({ key: name, column: fact.store.column });
  }
  out.push({ key: 'createdAt', column: 'created_at' }, { key: 'updatedAt', column: 'updated_at' });
  return out;
}

/**
 * Makes a register from its declaration: the zod schemas of its input, records, list queries and detail, its
 * filters and sort keys. Every layer (the contract, the repository, the import, the export, the UI) reads
 * this one object.
 */
export function defineRegister<
  F extends FieldMap,
  D extends Record<string, AnyDerived>,
  const N extends string,
  const E extends string,
  T extends TreeDecl | undefined = undefined,
>(decl: RegisterDecl<F, D, N, E, T>) {
  type Parsed = ParsedFields<F>;
  const inputShape: Record<string, z.ZodType> = {};
  const recordShape: Record<string, z.ZodType> = { id: IdSchema };
  for (const [name, field] of Object.entries(decl.fields)) {
    inputShape[name] = field.input;
    recordShape[name] = field.output;
    if (field.ref) recordShape[field.ref.nameKey] = z.string().nullable();
    if (field.refs) recordShape[field.refs.nameKey] = z.array(z.string().nullable());
  }
  recordShape.archived = z.boolean();
  recordShape.createdAt = IsoDateTimeSchema;
  recordShape.updatedAt = IsoDateTimeSchema;
  for (const [name, fact] of Object.entries(decl.derived)) recordShape[name] = fact.schema;

  const checks = decl.checks;
  const input = z.object(inputShape).superRefine((value, ctx) => {
    for (const p of checks?.(value as Parsed, 'input') ?? []) {
      ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
    }
  }) as unknown as z.ZodType<Parsed, InputFields<F>>;
  const record = z.object(recordShape) as unknown as z.ZodType<RecordOf<F, D>>;

  const filters = buildFilters(decl.fields, decl.derived);
  const sorts = buildSorts(decl.fields, decl.derived);
  const sortKeys = sorts.map((s) => s.key) as [string, ...string[]];
  const textKeys = filters.filter((f) => f.kind === 'text').map((f) => f.key);

  /** Filters that narrow nothing: the register as a whole. A fresh object each call. */
  const emptyFilters = (): Record<string, unknown> => {
    const out: Record<string, unknown> = { text: {} };
    for (const f of filters) {
      if (f.kind === 'choice' || f.kind === 'country') out[f.key] = [];
      else if (f.kind === 'yes-no' || f.kind === 'date-range') out[f.key] = null;
    }
    return out;
  };
  const filterShape: Record<string, z.ZodType> = {
    text: z
      .partialRecord(
        z.enum(textKeys.length > 0 ? (textKeys as [string, ...string[]]) : ['__none__']),
        z.string().trim().max(200),
      )
      .default({}),
  };
  for (const f of filters) {
    if (f.kind === 'choice') {
      const values = f.options.map((o) => o.value) as [string, ...string[]];
      filterShape[f.key] = z.array(z.enum(values)).default([]);
    } else if (f.kind === 'country') filterShape[f.key] = z.array(CountryCodeSchema).default([]);
    else if (f.kind === 'yes-no') filterShape[f.key] = z.boolean().nullable().default(null);
    else if (f.kind === 'date-range') filterShape[f.key] = DateRangeSchema.nullable().default(null);
  }
  const query = z.object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z
      .object({ key: z.enum(sortKeys), direction: SortDirectionSchema.default('asc') })
      .default({ key: decl.defaultSort.key, direction: decl.defaultSort.direction }),
    search: z.string().trim().max(200).default(''),
    filters: z.object(filterShape).default(emptyFilters),
    archived: z.enum(['exclude', 'only', 'include']).default('exclude'),
  });

  const relations = decl.relations ?? {};
  const relatedShape: Record<string, z.ZodType> = {};
  for (const [name, rel] of Object.entries(relations)) {
    relatedShape[name] = z.array(z.lazy(() => registerNamed(rel.register).schemas.record));
  }
  const detail = z.object({
    [decl.entity]: record,
    history: z.array(AuditEntrySchema),
    ...(decl.tree ? { parents: z.array(TreeLinkSchema), children: z.array(TreeLinkSchema) } : {}),
    related: z.object(relatedShape),
  }) as unknown as z.ZodType<DetailOf<E, RecordOf<F, D>, T extends TreeDecl ? true : false>>;

  const identityShape: Record<string, z.ZodType> = {};
  for (const name of decl.identity.fields) {
    const field = decl.fields[name]!;
    identityShape[name] =
      field.kind === 'text' ? z.string().trim().min(1) : (field.input as z.ZodType).optional();
  }
  const duplicates = z.object({ ...identityShape, excludeId: IdSchema.optional() }) as unknown as z.ZodType<
    { excludeId?: number; [field: string]: unknown },
    { excludeId?: number; [field: string]: unknown }
  >;

  const reg = {
    ...decl,
    relations,
    filters,
    sorts,
    emptyFilters,
    /** The fields in declaration order, with their stored column. */
    fieldList: Object.entries(decl.fields).map(([name, field]) => ({
      name,
      field,
      column: columnOf(name, field),
    })),
    schemas: {
      input,
      record,
      query,
      detail,
      update: z.object({
        id: IdSchema,
        /** The whole record as the form holds it; only changed fields reach the audit log. */
        values: input,
        /** Optimistic lock: the `updatedAt` the editor started from. */
        expectedUpdatedAt: z.string().optional(),
      }),
      duplicates,
    },
  };
  registry.set(decl.name, reg as unknown as Register);
  return reg;
}

/** A register as the kit sees any of them: names, fields and schemas without their precise types. */
export type Register = Omit<
  ReturnType<
    typeof defineRegister<FieldMap, Record<string, AnyDerived>, string, string, TreeDecl | undefined>
  >,
  | 'schemas'
  | 'titleOf'
  | 'detailOf'
  | 'checks'
  | 'identity'
  | 'defaults'
  | 'derived'
  | 'fields'
  | 'fieldList'
  | 'tree'
> & {
  tree?: TreeDecl;
  fields: FieldMap;
  derived: Record<string, AnyDerived>;
  fieldList: { name: string; field: AnyField; column: string }[];
  schemas: {
    input: z.ZodType<Record<string, unknown>>;
    record: z.ZodType<Record<string, unknown>>;
    query: z.ZodType;
    detail: z.ZodType;
    update: z.ZodType;
    duplicates: z.ZodType;
  };
  titleOf: (record: Record<string, unknown>) => string;
  detailOf: (record: Record<string, unknown>) => string;
  checks?: (fields: Record<string, unknown>, stage: 'input' | 'stored') => FieldProblem[];
  defaults?: (
    fields: Record<string, unknown>,
    organisation: Organisation,
    settings: Settings,
  ) => Record<string, unknown>;
  identity: {
    fields: readonly string[];
    column: string;
    key: (fields: Record<string, unknown>) => string;
    fuzzy?: boolean;
    same: string;
    similar?: string;
    compare?: (
      a: Record<string, unknown>,
      b: Record<string, unknown>,
    ) => { verdict: 'same' | 'unsure' } | { verdict: 'distinct'; reason: string };
  };
};
