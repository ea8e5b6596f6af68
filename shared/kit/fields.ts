import { z } from 'zod';
import {
  CountryCodeSchema,
  CountryListSchema,
  IdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  LabelListSchema,
  OptionalTextSchema,
  CONTROL_MESSAGE,
  hasNoControl,
} from '../domain/common';
import type { Organisation, Settings } from '../domain/settings';
import type { Sql } from './sql';

/** How a field is stored, validated, shown, filtered, imported and exported. */
export type FieldKind =
  | 'text'
  | 'longText'
  | 'labels'
  | 'country'
  | 'countries'
  | 'date'
  | 'instant'
  | 'bool'
  | 'int'
  | 'enum'
  | 'choices'
  | 'ref'
  | 'refs'
  | 'rows'
  | 'struct';

/** Mantine colour names the UI uses for chips; plain strings here so shared/ stays free of the UI library. */
export type ChipColor =
  | 'gray'
  | 'red'
  | 'pink'
  | 'grape'
  | 'violet'
  | 'indigo'
  | 'blue'
  | 'cyan'
  | 'teal'
  | 'green'
  | 'lime'
  | 'yellow'
  | 'orange';

/** One value of an enum field: what is stored, what a DPO reads, the chip colour, and import words. */
export interface EnumOption<V extends string = string> {
  value: V;
  label: string;
  color?: ChipColor;
  /** Words lists use for this value in English, French and German (import). */
  words?: readonly string[];
}

/** How one field is recognised from a column header (import). */
export interface HeaderSynonyms {
  /** Phrases that name the field; a header containing one of them (as whole words) matches. */
  phrases: readonly string[];
  /** Words too generic to match inside a longer header ("Name", "Type"): they match only on their own. */
  exact?: readonly string[];
  /** Words that, inside a header, mean it is about something else ("Subprocessor location" is not a name). */
  exclude?: readonly string[];
  /**
   * Words that name the field only on their own and below any other match ("Organization": in a list with a
   * "Third Party" column it is the business unit, not the vendor).
   */
  weak?: readonly string[];
}

export interface ImportDecl {
  synonyms: HeaderSynonyms;
  /** Lists only: commas separate entries too (data categories yes; a service description no). */
  commas?: boolean;
  /** Several columns may feed it (lists, countries, notes); every other field takes one column. */
  many?: boolean;
  /** Numbers: the unit a cell may carry ("30 days", "72 h"). */
  unit?: 'days' | 'hours';
  /**
   * A reader of its own for cells the kind's reader does not cover. It may set other fields too (a mechanism
   * cell "Standard Contractual Clauses (Module 2)" also gives the SCC module). Null: not its kind of cell; the
   * field's usual reader takes it.
   */
  read?: (text: string) => CellRead | null;
  /** What a duplicate row does to this field when it updates a record: lists gain, notes append, the rest replace. */
  merge?: 'append' | 'keep';
  /**
   * When no column maps to this field, take its value from another field's (the first entry of a list): an ICO
   * record of processing has no name column, so an activity is named by its first purpose.
   */
  fallback?: string;
  /**
   * When this field's header is merged over two columns, the field the second column holds ("Sub-processor"
   * over the brand and the legal entity: the name, then the legal entity).
   */
  next?: string;
  /**
   * A column headed only by one of these words, beside another column of this field under a more precise header,
   * holds `field` instead: a list's "Country" beside its "Location of processing" is where the company is.
   */
  beside?: { headers: readonly string[]; field: string };
  /**
   * A value in this field stands for a value of another field that the row leaves empty: a list with a DPA's
   * signing date and no DPA status says the DPA is signed. A cell of that field that could not be read is not
   * overruled.
   */
  implies?: { field: string; value: string };
  /**
   * Enums: a cell that gives a date beside the value ("Signed 01/05/2023", "Expired (2024-12-31)") puts the
   * date in the field named for that value. A date beside another value, or one whose order is unclear, is not
   * taken; the cell is kept in the notes.
   */
  dated?: Readonly<Record<string, string>>;
  /**
   * Enums whose options run from lowest to highest (a risk rating): a column of numbers is read on its own
   * scale (1–5, 1–10, 1 as the highest), judged from the header and the values (shared/import/scale.ts).
   */
  scale?: true;
  /**
   * The field a link on this field's cell gives (a workbook's hyperlink, a markdown link in a table pasted from a
   * web page): a vendor's name linked to its website. This field itself when its cells label the link ("Privacy
   * policy"): the link's address is then its value. Web addresses (http, https) only.
   */
  link?: string;
}

/** What a field's own reader makes of one cell. */
export type CellRead =
  | {
      ok: true;
      value: unknown;
      also?: Record<string, unknown>;
      /**
       * A cell split into this field and `also` ("Atlassian (Atlassian Pty Ltd)"): the value it keeps instead, whole,
       * when a field of `also` has a column of its own or is not read at all; nothing of the cell is lost then.
       */
      whole?: unknown;
      warning?: string;
    }
  | { ok: false; message: string };

/** A per-column filter in the register table. */
export interface FilterDecl {
  kind: 'text' | 'choice' | 'country' | 'yes-no' | 'date-range';
  /** The key in the query's `filters` (default: the field's name). */
  key?: string;
  /** Yes/no filters: the words of each choice. */
  yes?: string;
  no?: string;
  /** Choice filters on a derived fact: the values offered (a field's filter offers the field's options). */
  options?: readonly { value: string; label: string }[];
  /** A derived fact's SQL twin: the filter on what the record means, not on the stored column. */
  sql?: (value: never, env: SqlEnv) => Sql;
}

/** What SQL twins of derived facts may use: the list's row alias is always `r`. */
export interface SqlEnv {
  today: string;
  /** The moment of the query, ISO-8601 UTC (a breach clock is judged on it, not on the day). */
  now: string;
  organisation: Organisation;
  settings: Settings;
}

export type { Organisation };

export interface TableDecl {
  /** Starting width in pixels. */
  size?: number;
  /** Off until the user shows it with "Columns". */
  hidden?: boolean;
  /** Show a derived fact in this column instead of the stored value (the DPA column shows the effective status). */
  shows?: string;
  /** Place the column right after another (by id) instead of in declaration order. */
  after?: string;
}

export interface FormDecl {
  section: string;
  /** Help under the input. */
  description?: string;
  placeholder?: string;
  /** Takes the whole row of its section instead of one grid cell. */
  wide?: boolean;
}

interface FieldCommon {
  label: string;
  /** The column header when a shorter word reads better in a narrow table ("Services"). */
  short?: string;
  /** The SQL column; the field's name in snake_case when absent. */
  column?: string;
  /** True: sortable on its column (one index per sort); a string: sort on that column instead (`risk_rank`). */
  sort?: boolean | string;
  filter?: FilterDecl;
  /** Full-text search: its own column of the register's index (filterable as text), or the shared "other". */
  fts?: 'column' | 'other';
  table?: TableDecl | false;
  form?: FormDecl | false;
  import?: ImportDecl | false;
  /** The export header (default: the label); false keeps the field out of exports. */
  export?: string | false;
  /**
   * Personal data of a data subject (a requester's contact): the change history records that it changed, never
   * the value, so erasing it from the record erases it everywhere.
   */
  personal?: boolean;
  /**
   * A personal field erased from the record a number of days after another date field's day (a requester's
   * contact, a year after the request was completed); the erasure is in the change history, the value never was.
   */
  erase?: { after: string; days: (settings: Settings) => number };
}

/**
 * A field as the kit sees it once declared: `Out` is what a record holds, `Parsed` what validated input holds
 * (the same, except a reference, which input may give by name until the core resolves it).
 */
export interface Field<K extends FieldKind = FieldKind, Out = unknown, Parsed = Out> extends FieldCommon {
  kind: K;
  required: boolean;
  input: z.ZodType<Parsed>;
  output: z.ZodType<Out>;
  /** Enum fields: the values with labels and colours. */
  options?: readonly EnumOption[];
  /** Enum and int fields: the value given when none is. */
  defaultValue?: unknown;
  /** Numbers: the allowed range. */
  min?: number;
  max?: number;
  /** Int fields shown as a choice ("Module Two: controller to processor"). */
  choices?: readonly { value: number; label: string }[];
  /** Struct fields: the value of a record that has none yet, and how one reads in words. */
  empty?: unknown;
  describe?: (value: unknown) => string;
  structDerive?: (value: unknown) => Record<string, unknown>;
  /** Bool fields that may be unknown (null): the words for yes and no. */
  yesNo?: { yes: string; no: string };
  /** Ref fields: the register referred to, and the record key that carries the referred record's title. */
  ref?: { register: string; nameKey: string };
  /** Countries fields: the side table (country, record id) that makes a country filter an index lookup. */
  countryTable?: { table: string; idColumn: string };
  /**
   * Refs fields: the register referred to, the record key that carries the referred titles, and the link table
   * (record id, referred id) that finds the records pointing at one (a vendor's activities).
   */
  refs?: { register: string; nameKey: string; link: LinkTable };
  /** Rows fields: the entries' own fields, how one reads, and what is computed for each on output. */
  rows?: RowsDecl;
}

/** The table linking a record to the records a refs field names. */
export interface LinkTable {
  table: string;
  /** The column holding the record's id. */
  idColumn: string;
  /** The column holding the referred record's id. */
  refColumn: string;
}

/** One field of a row entry (a risk's likelihood, a measure's owner), for validation and the generic row editor. */
export type RowField = {
  label: string;
  required?: boolean;
  /** Help under the input. */
  description?: string;
  /** Takes the whole row of the entry's grid. */
  wide?: boolean;
} & (
  | { kind: 'text'; max?: number }
  | { kind: 'longText'; max?: number }
  | { kind: 'date' }
  /** A moment with its offset (a filing's time), stored as ISO-8601 UTC. */
  | { kind: 'instant' }
  | { kind: 'int'; min: number; max: number; choices?: readonly { value: number; label: string }[] }
  | { kind: 'enum'; options: readonly EnumOption[] }
  | { kind: 'rows'; rows: RowsDecl }
);

/** The entries of a rows field: their fields, their names, and their title. */
export interface RowsDecl {
  fields: Readonly<Record<string, RowField>>;
  noun: { one: string; other: string };
  /** How an entry is named in the change history and the editor. */
  titleOf: (entry: Record<string, unknown>) => string;
  max?: number;
  /**
   * Entries once saved are never changed or removed; new ones follow them (a breach's risk assessments: a later
   * one supersedes, the record keeps how the judgement evolved). Not applied when an undo puts values back.
   */
  appendOnly?: boolean;
  /** Values computed for each entry when a record is read (a risk's level); never stored, dropped on input. */
  derive?: (entry: Record<string, unknown>) => Record<string, unknown>;
  /** The zod schema of an output entry's computed values. */
  derivedSchema?: Record<string, z.ZodType>;
  /** The headers of the computed values where they are exported (a risk's level). */
  derivedLabels?: Record<string, string>;
  /**
   * The name of the sheet its entries are exported on (default: the record's noun and the field's label). When
   * given, the record's own sheet leaves the field out: a long list (a sub-processor list as received) would not
   * fit a cell.
   */
  sheet?: string;
}

export type AnyField = Field<FieldKind, unknown, unknown>;

type Opt<T extends boolean> = FieldCommon & { message?: string } & (T extends true
    ? { required: true }
    : T extends false
      ? { required?: false }
      : { required?: boolean });

function textInput(max: number, required: boolean, message?: string, maxMessage?: string) {
  return required
    ? z
        .string()
        .trim()
        .min(1, message ?? 'This field is required.')
        .max(max, maxMessage ?? `Keep this under ${max} characters.`)
        .refine(hasNoControl, CONTROL_MESSAGE)
    : OptionalTextSchema(max).default(null);
}

/** A reference as input gives it: the referred record's id, or its name (the core resolves names). */
function idOrNameSchema(message = 'Give an id or a name.') {
  const name = z.string().trim().min(1, message).max(300).refine(hasNoControl, CONTROL_MESSAGE);
  return z.union([IdSchema, name], { error: message });
}

/** Short text: a name, a reference, a website. */
export function text(o: Opt<true> & { max?: number; maxMessage?: string }): Field<'text', string>;
export function text(o: Opt<false> & { max?: number }): Field<'text', string | null>;
export function text(o: Opt<boolean> & { max?: number; maxMessage?: string }): AnyField {
  const required = o.required === true;
  const max = o.max ?? 300;
  return {
    ...o,
    kind: 'text',
    required,
    input: textInput(max, required, o.message, o.maxMessage),
    output: required ? z.string() : z.string().nullable(),
  };
}

/** Long text: notes, descriptions, a contact block. */
export function longText(o: FieldCommon & { max?: number }): Field<'longText', string | null> {
  const max = o.max ?? 10_000;
  return {
    ...o,
    kind: 'longText',
    required: false,
    input: textInput(max, false) as z.ZodType<string | null>,
    output: z.string().nullable(),
  };
}

/** A list of short labels (services, data categories); stored as a JSON array. */
export function labels(o: FieldCommon): Field<'labels', string[]> {
  return {
    ...o,
    kind: 'labels',
    required: false,
    input: LabelListSchema.default([]) as unknown as z.ZodType<string[]>,
    output: z.array(z.string()),
  };
}

/** One country, ISO 3166-1 alpha-2; names and common forms are read on input. */
export function country(o: Opt<true>): Field<'country', string>;
export function country(o: Opt<false>): Field<'country', string | null>;
export function country(o: Opt<boolean>): AnyField {
  const required = o.required === true;
  const base = CountryCodeSchema as unknown as z.ZodType<string>;
  return {
    ...o,
    kind: 'country',
    required,
    input: required
      ? z
          .string({ error: o.message ?? 'Give a country.' })
          .trim()
          .min(1, o.message ?? 'Give a country.')
          .pipe(base as unknown as z.ZodType<string, string>)
      : base.nullable().default(null),
    output: required ? z.string() : z.string().nullable(),
  };
}

/** Several countries; stored as a JSON array, and in a side table when the list filters on them. */
export function countries(
  o: FieldCommon & { countryTable?: { table: string; idColumn: string } },
): Field<'countries', string[]> {
  return {
    ...o,
    kind: 'countries',
    required: false,
    input: CountryListSchema.default([]) as unknown as z.ZodType<string[]>,
    output: z.array(z.string()),
  };
}

/** A calendar date, `YYYY-MM-DD`. */
export function date(o: Opt<true>): Field<'date', string>;
export function date(o: Opt<false>): Field<'date', string | null>;
export function date(o: Opt<boolean>): AnyField {
  const required = o.required === true;
  return {
    ...o,
    kind: 'date',
    required,
    input: required ? IsoDateSchema : IsoDateSchema.nullable().default(null),
    output: required ? z.string() : z.string().nullable(),
  };
}

/** A moment with its offset, stored in UTC ISO-8601. */
export function instant(o: Opt<true>): Field<'instant', string>;
export function instant(o: Opt<false>): Field<'instant', string | null>;
export function instant(o: Opt<boolean>): AnyField {
  const required = o.required === true;
  return {
    ...o,
    kind: 'instant',
    required,
    input: required ? IsoDateTimeSchema : IsoDateTimeSchema.nullable().default(null),
    output: required ? z.string() : z.string().nullable(),
  };
}

/** Yes or no; with `yesNo`, also "not recorded" (null). */
export function bool(o: FieldCommon & { yesNo: { yes: string; no: string } }): Field<'bool', boolean | null>;
export function bool(o: FieldCommon): Field<'bool', boolean>;
export function bool(o: FieldCommon & { yesNo?: { yes: string; no: string } }): AnyField {
  const nullable = o.yesNo !== undefined;
  return {
    ...o,
    kind: 'bool',
    required: false,
    input: nullable ? z.boolean().nullable().default(null) : z.boolean().default(false),
    output: nullable ? z.boolean().nullable() : z.boolean(),
  };
}

/** A whole number in a range (days, hours), or one of a few numbered choices. */
export function int(
  o: FieldCommon & {
    min: number;
    max: number;
    message?: string;
    choices?: readonly { value: number; label: string }[];
  },
): Field<'int', number | null> {
  const range = o.message ?? `Give a whole number from ${o.min} to ${o.max}.`;
  return {
    ...o,
    kind: 'int',
    required: false,
    input: z.number({ error: range }).int(range).min(o.min, range).max(o.max, range).nullable().default(null),
    output: z.number().int().nullable(),
  };
}

/** One value from a closed set, with labels and colours for chips. */
export function choice<const V extends string>(
  o: FieldCommon & { options: readonly EnumOption<V>[]; default: V },
): Field<'enum', V> & { options: readonly EnumOption<V>[] };
export function choice<const V extends string>(
  o: FieldCommon & { options: readonly EnumOption<V>[]; default?: undefined },
): Field<'enum', V | null> & { options: readonly EnumOption<V>[] };
export function choice(o: FieldCommon & { options: readonly EnumOption[]; default?: string }): AnyField {
  const values = o.options.map((x) => x.value) as [string, ...string[]];
  const schema = z.enum(values);
  return {
    ...o,
    kind: 'enum',
    required: o.default !== undefined,
    defaultValue: o.default ?? null,
    input: o.default !== undefined ? schema.default(o.default) : schema.nullable().default(null),
    output: o.default !== undefined ? schema : schema.nullable(),
  };
}

/**
 * A link to a record of another register (or of its own, which makes a tree: the vendor chain). Input takes
 * the id, or the referred record's name, which the core resolves (an unknown or ambiguous name is an error).
 */
export function ref<const N extends string>(
  o: Opt<true> & { register: string; nameKey: N },
): Field<'ref', number, number | string> & { ref: { register: string; nameKey: N } };
export function ref<const N extends string>(
  o: Opt<false> & { register: string; nameKey: N },
): Field<'ref', number | null, number | string | null> & { ref: { register: string; nameKey: N } };
export function ref(o: Opt<boolean> & { register: string; nameKey: string }): AnyField {
  const required = o.required === true;
  const idOrName = idOrNameSchema(o.message);
  return {
    ...o,
    kind: 'ref',
    required,
    ref: { register: o.register, nameKey: o.nameKey },
    input: required ? idOrName : idOrName.nullable().default(null),
    output: required ? IdSchema : IdSchema.nullable(),
  };
}

/**
 * Several values from a closed set (special categories, data subjects); stored as a JSON array. Input may give
 * values or labels.
 */
export function choices<const V extends string>(
  o: FieldCommon & { options: readonly EnumOption<V>[] },
): Field<'choices', V[]> & { options: readonly EnumOption<V>[] } {
  const values = o.options.map((x) => x.value) as [V, ...V[]];
  // Input may name a value by itself, its label (with or without a trailing "(Art …)") or one of its words.
  const byLabel = new Map<string, V>();
  for (const x of o.options) {
    for (const w of [
      x.value,
      x.label,
      x.label.replace(/\s*\([^()]*(\([^()]*\))?[^()]*\)$/, ''),
      ...(x.words ?? []),
    ])
      byLabel.set(w.trim().toLowerCase(), x.value);
  }
  const allowed = `Use ${values.slice(0, 12).join(', ')}${values.length > 12 ? ', …' : ''}.`;
  const entry = z.preprocess(
    (v) => (typeof v === 'string' ? (byLabel.get(v.trim().toLowerCase()) ?? v) : v),
    z.enum(values, { error: allowed }),
  );
  return {
    ...o,
    kind: 'choices',
    required: false,
    input: z
      .array(entry)
      .max(100, 'At most 100 entries.')
      .transform((list) => [...new Set(list)])
      .default([]) as unknown as z.ZodType<V[]>,
    output: z.array(z.enum(values)),
  };
}

/**
 * Links to several records of another register (an activity's vendors): each given by id or by name, which
 * the core resolves; stored as a JSON array of ids and in a link table.
 */
export function refs<const N extends string>(
  o: FieldCommon & { register: string; nameKey: N; link: LinkTable; message?: string },
): Field<'refs', number[], (number | string)[]> & {
  refs: { register: string; nameKey: N; link: LinkTable };
} {
  const idOrName = idOrNameSchema(o.message);
  return {
    ...o,
    kind: 'refs',
    required: false,
    refs: { register: o.register, nameKey: o.nameKey, link: o.link },
    input: z.array(idOrName).max(500, 'At most 500 links.').default([]) as unknown as z.ZodType<
      (number | string)[]
    >,
    output: z.array(IdSchema),
  };
}

function rowFieldSchema(f: RowField): z.ZodType {
  const required = f.required === true;
  switch (f.kind) {
    case 'text':
    case 'longText': {
      const max = f.max ?? (f.kind === 'text' ? 300 : 5_000);
      return required
        ? z
            .string()
            .trim()
            .min(1, `Give the ${f.label.toLowerCase()}.`)
            .max(max)
            .refine(hasNoControl, CONTROL_MESSAGE)
        : OptionalTextSchema(max).default(null);
    }
    case 'date':
      return required ? IsoDateSchema : IsoDateSchema.nullable().default(null);
    case 'instant':
      return required ? IsoDateTimeSchema : IsoDateTimeSchema.nullable().default(null);
    case 'int': {
      const range = `Give a whole number from ${f.min} to ${f.max}.`;
      const n = z.number({ error: range }).int(range).min(f.min, range).max(f.max, range);
      return required ? n : n.nullable().default(null);
    }
    case 'enum': {
      const e = z.enum(f.options.map((x) => x.value) as [string, ...string[]]);
      return required ? e : e.nullable().default(null);
    }
    case 'rows':
      return rowsSchema(f.rows);
  }
}

/** The input schema of a rows field's entries (nested rows included). */
export function rowsSchema(decl: RowsDecl): z.ZodType<Record<string, unknown>[]> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(decl.fields)) shape[name] = rowFieldSchema(f);
  return z
    .array(z.object(shape))
    .max(decl.max ?? 200, `At most ${decl.max ?? 200} ${decl.noun.other}.`)
    .default([]) as unknown as z.ZodType<Record<string, unknown>[]>;
}

/** A list of structured entries, edited as rows (retention per data category; a DPIA's risks and measures). */
export function rows<T extends Record<string, unknown>>(
  o: FieldCommon & { rows: RowsDecl },
): Field<'rows', T[]> {
  const entry = z.object(
    Object.fromEntries(Object.entries({ ...o.rows.fields }).map(([k]) => [k, z.unknown()])) as Record<
      string,
      z.ZodType
    >,
  );
  const derivedShape = o.rows.derivedSchema ?? {};
  return {
    ...o,
    kind: 'rows',
    required: false,
    input: rowsSchema(o.rows) as unknown as z.ZodType<T[]>,
    output: z.array(entry.extend(derivedShape)) as unknown as z.ZodType<T[]>,
  };
}

/**
 * One structured value that the register's own editor fills (a DPIA screening); stored as JSON. `empty` is the
 * value of a record that has none yet; `derive` adds values computed from it when a record is read (a
 * screening's conclusion), never stored and dropped on input.
 */
export function struct<S extends z.ZodRawShape, D extends z.ZodRawShape = Record<never, never>>(
  o: FieldCommon & {
    schema: z.ZodObject<S>;
    empty: z.output<z.ZodObject<S>>;
    describe?: (value: z.output<z.ZodObject<S>>) => string;
    derive?: (value: z.output<z.ZodObject<S>>) => z.output<z.ZodObject<D>>;
    derivedSchema?: D;
  },
): Field<'struct', z.output<z.ZodObject<S>> & z.output<z.ZodObject<D>>> & {
  empty: z.output<z.ZodObject<S>>;
} {
  return {
    ...o,
    describe: o.describe as ((value: unknown) => string) | undefined,
    structDerive: o.derive as ((value: unknown) => Record<string, unknown>) | undefined,
    kind: 'struct',
    required: false,
    input: o.schema.default(o.empty as never) as unknown as z.ZodType<never>,
    output: o.schema.extend(o.derivedSchema ?? {}) as unknown as z.ZodType<never>,
  };
}

/** The column a field is stored in. */
export function columnOf(name: string, field: Pick<AnyField, 'column'>): string {
  return field.column ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
