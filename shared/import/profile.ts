import type { Register } from '../kit/define';
import type { AnyField, CellRead, FieldKind, HeaderSynonyms } from '../kit/fields';
import type { CellValue } from './types';
import { enumReader, type Parsed } from './values';

/** How one field of a register is read from a spreadsheet column. */
export interface ImportFieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  /** Lists only: commas separate entries too. */
  commas: boolean;
  /** Several columns may feed it (lists, countries, notes); every other field takes one column. */
  many: boolean;
  /** Numbers: the unit a cell may carry; and the range the field allows. */
  unit?: 'days' | 'hours';
  min?: number;
  max?: number;
  synonyms: HeaderSynonyms;
  /** The field's own reader, tried before its kind's (null from it: not its kind of cell). */
  read?: (text: string) => CellRead | null;
  /** Enums: reads a cell as one of the values, by value, label or the words lists use. */
  enumRead?: (value: CellValue) => Parsed<string>;
  /** What a duplicate row does to the field of a record it updates. */
  merge: 'union' | 'append' | 'keep' | 'replace';
  /** Refs: the register whose record a cell names. */
  ref?: string;
  /** The field whose value stands in when no column maps to this one. */
  fallback?: string;
  /** The field the second column of a header merged over two columns holds. */
  next?: string;
  /** The field a plainly headed column holds beside a more precisely headed one of this field. */
  beside?: { headers: readonly string[]; field: string };
  /** The value of another field a value in this one stands for, when the row leaves that field empty. */
  implies?: { field: string; value: string };
  /** Enums: each value's label. */
  optionLabels?: Readonly<Record<string, string>>;
  /** Enums: the field a date beside each value goes to ("Signed 01/05/2023"). */
  dated?: Readonly<Record<string, string>>;
  /** Ordered enums: the values from lowest to highest, that a column of numbers is read on (scale.ts). */
  scale?: readonly string[];
  /** The field a link on this field's cell gives (a hyperlink's address). */
  link?: string;
}

/** What the import engine knows of a register: the fields a column can feed, and the ones a mapping needs. */
export interface ImportProfile {
  register: Register;
  fields: readonly ImportFieldSpec[];
  byName: ReadonlyMap<string, ImportFieldSpec>;
  /** Fields every row needs, so some column must map to each: a vendor's name; a transfer's importer and country. */
  required: readonly ImportFieldSpec[];
}

/** A field whose cells give dates: a date field, or an enum whose values carry one ("Signed 05/01/2023"). */
export function readsDates(spec: ImportFieldSpec | undefined): boolean {
  return spec !== undefined && (spec.kind === 'date' || spec.dated !== undefined);
}

/** An enum value's label as the register declares it ("signed" → "Signed"). */
export function optionLabel(spec: ImportFieldSpec, value: string): string {
  return spec.optionLabels?.[value] ?? value;
}

/** "Risk rating" → "risk rating", keeping an initialism ("DPA status") as it is. */
export function lowerLabel(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function spec(name: string, field: AnyField, identity: readonly string[]): ImportFieldSpec | null {
  if (field.import === false || field.import === undefined) return null;
  const decl = field.import;
  const list = ['labels', 'countries', 'choices', 'refs', 'rows'].includes(field.kind);
  const merge: ImportFieldSpec['merge'] =
    decl.merge ?? (identity.includes(name) ? 'keep' : list ? 'union' : 'replace');
  return {
    name,
    label: field.label,
    kind: field.kind,
    commas: decl.commas ?? field.kind !== 'refs',
    many: decl.many ?? false,
    unit: decl.unit,
    min: field.min,
    max: field.max,
    synonyms: decl.synonyms,
    read: decl.read,
    enumRead:
      field.kind === 'enum' || field.kind === 'choices'
        ? enumReader(
            Object.fromEntries((field.options ?? []).map((o) => [o.value, [o.label, ...(o.words ?? [])]])),
            lowerLabel(field.label),
          )
        : undefined,
    merge,
    ref: field.ref?.register ?? field.refs?.register,
    fallback: decl.fallback,
    next: decl.next,
    beside: decl.beside,
    implies: decl.implies,
    optionLabels: field.options
      ? Object.fromEntries(field.options.map((o) => [o.value, o.label]))
      : undefined,
    dated: decl.dated,
    scale: decl.scale && field.options ? field.options.map((o) => o.value) : undefined,
    link: decl.link,
  };
}

const profiles = new Map<string, ImportProfile>();

/** The import profile of a register, made once from its declaration. */
export function importProfile(register: Register): ImportProfile {
  let profile = profiles.get(register.name);
  if (profile) return profile;
  const fields = register.fieldList.flatMap(
    ({ name, field }) => spec(name, field, register.identity.fields) ?? [],
  );
  profile = {
    register,
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    required: fields.filter((f) => register.fields[f.name]!.required && f.kind !== 'enum'),
  };
  profiles.set(register.name, profile);
  return profile;
}

/**
 * Problems with fields named in a mapping: each must be a field the register's import fills. Returns one issue
 * per unknown field, with its path, listing the fields that exist.
 */
export function unknownImportFields(
  profile: ImportProfile,
  fields: readonly { path: string; field: string | null }[],
): { path: string; message: string }[] {
  const names = profile.fields.map((f) => f.name);
  return fields
    .filter((f) => f.field !== null && !profile.byName.has(f.field))
    .map((f) => ({
      path: f.path,
      message: `"${f.field}" is not a field of the ${profile.register.noun.one} import. Fields: ${names.join(', ')}.`,
    }));
}

/**
 * The fields a mapping fills: those mapped, the ones their cells also give (a DPA's signing date gives its
 * status, "Signed 01/05/2023" the date) and those named from another field when no column maps to them (an
 * activity's name from its purposes). In the register's order.
 */
export function fieldsFilled(profile: ImportProfile, mapped: readonly (string | null)[]): string[] {
  const filled = new Set<string>();
  for (const name of mapped) {
    const spec = name ? profile.byName.get(name) : undefined;
    if (!spec) continue;
    filled.add(spec.name);
    if (spec.implies) filled.add(spec.implies.field);
    for (const target of Object.values(spec.dated ?? {})) filled.add(target);
  }
  for (const f of profile.fields) if (f.fallback && filled.has(f.fallback)) filled.add(f.name);
  return profile.register.fieldList.map((f) => f.name).filter((n) => filled.has(n));
}

/**
 * The fields every row needs that a mapping leaves without a column: neither the field itself nor the field it
 * falls back on is mapped.
 */
export function unmappedRequired(
  profile: ImportProfile,
  mapped: readonly (string | null)[],
): ImportFieldSpec[] {
  const has = new Set(mapped.filter((m): m is string => m !== null));
  return profile.required.filter((f) => !has.has(f.name) && !(f.fallback && has.has(f.fallback)));
}
