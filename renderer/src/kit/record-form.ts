import type { FieldIssue } from '../../../shared/errors';
import { issuesFromZod } from '../../../shared/errors';
import type { Register } from '../../../shared/kit/define';
import type { AnyField } from '../../../shared/kit/fields';
import type { Rec } from './api';

/**
 * What the form holds while the user edits: one value per field on the form, with free text as strings and
 * numbers as `number | ''` the way Mantine inputs report them. `toInput` turns it back into schema input.
 */
export type FormValues = Record<string, unknown>;
export type FieldErrors = Partial<Record<string, string>>;

/** The fields a register's form shows, in the order it shows them: by section, then as declared. */
export function formFields(reg: Register): { name: string; field: AnyField }[] {
  const order = new Map(reg.sections.map((s, i) => [s.id, i]));
  return reg.fieldList
    .filter(({ field }) => field.form)
    .map((f, i) => ({ ...f, at: i }))
    .sort(
      (a, b) =>
        (order.get(a.field.form ? a.field.form.section : '') ?? 99) -
          (order.get(b.field.form ? b.field.form.section : '') ?? 99) || a.at - b.at,
    );
}

function formValue(field: AnyField, value: unknown): unknown {
  switch (field.kind) {
    case 'text':
    case 'longText':
      return (value as string | null | undefined) ?? '';
    case 'int':
      return (value as number | null | undefined) ?? '';
    case 'labels':
    case 'countries':
    case 'choices':
    case 'refs':
    case 'rows':
      return (value as unknown[] | undefined) ?? [];
    case 'struct':
      return value ?? field.empty ?? null;
    case 'bool':
      return value ?? (field.yesNo ? null : false);
    case 'enum':
      return value ?? field.defaultValue ?? null;
    default:
      return value ?? null;
  }
}

/** A blank record's form, with the declaration's defaults; `prefill` sets some fields (a transfer from a gap). */
export function blankValues(reg: Register, prefill: Record<string, unknown> = {}): FormValues {
  const out: FormValues = {};
  for (const { name, field } of formFields(reg)) out[name] = formValue(field, prefill[name]);
  return out;
}

/** The form's starting point for a stored record. */
export function formValuesFrom(reg: Register, record: Rec): FormValues {
  const out: FormValues = {};
  for (const { name, field } of formFields(reg)) out[name] = formValue(field, record[name]);
  // Fields the form does not show (a review's applied moment) go back as they are stored: a save must not clear them.
  for (const { name, field } of reg.fieldList) if (field.form === false) out[name] = record[name] as never;
  return out;
}

/** Schema input from the form; blanks become null through the schema itself. */
export function toInput(reg: Register, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const { name, field } of formFields(reg)) {
    if (field.kind !== 'int') continue;
    const v = values[name];
    out[name] = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : null;
  }
  return out;
}

/** A problem inside a rows field, named by entry: "Risk 2, likelihood: Give a whole number from 1 to 4." */
function entryMessage(field: AnyField, rest: readonly string[], message: string): string {
  let decl = field.rows;
  const where: string[] = [];
  for (let i = 0; decl && i < rest.length; i += 2) {
    const index = Number(rest[i]);
    if (!Number.isInteger(index)) break;
    const noun = decl.noun.one;
    where.push(`${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}`);
    const sub = rest[i + 1] ? decl.fields[rest[i + 1]!] : undefined;
    if (!sub) break;
    if (sub.kind === 'rows') decl = sub.rows;
    else {
      where.push(sub.label.toLowerCase());
      break;
    }
  }
  return where.length > 0 ? `${where.join(', ')}: ${message}` : message;
}

/**
 * Places each issue under its field: `processingCountries.2` belongs to `processingCountries`; the update
 * channel nests the record under `values.`. Issues that name no field of the form come back as `general`.
 */
export function errorsFromIssues(
  reg: Register,
  issues: readonly FieldIssue[],
): { fields: FieldErrors; general: string[] } {
  const names = new Set(formFields(reg).map((f) => f.name));
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^values\.?/, '');
    const [field = '', ...rest] = path.split('.');
    const message = names.has(field) ? entryMessage(reg.fields[field]!, rest, issue.message) : issue.message;
    if (names.has(field)) fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
    else general.push(issue.message);
  }
  return { fields, general };
}

export type Validation =
  { ok: true; data: Record<string, unknown> } | { ok: false; errors: FieldErrors; general: string[] };

/** Checks the form with the same schema the core uses, so a message here is the message the core would give. */
export function validateRecord(reg: Register, values: FormValues): Validation {
  const parsed = reg.schemas.input.safeParse(toInput(reg, values));
  if (parsed.success) return { ok: true, data: parsed.data };
  const { fields, general } = errorsFromIssues(reg, issuesFromZod(parsed.error));
  return { ok: false, errors: fields, general };
}

/** Field values given in a new record's address (`?importer=3&destinationCountry=US`), read by each field's kind. */
export function prefillFromQuery(reg: Register, query: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(query)) {
    const field = reg.fields[name];
    if (!field || !field.form) continue;
    if (field.kind === 'ref' || field.kind === 'int') {
      const n = Number(text);
      if (Number.isInteger(n) && n > 0) out[name] = n;
    } else if (field.kind === 'refs') {
      out[name] = text
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0);
    } else if (field.kind === 'struct') {
      try {
        const parsed = field.input.safeParse(JSON.parse(text));
        if (parsed.success) out[name] = parsed.data;
      } catch {
        // Not JSON: the link was mistyped; the field keeps its empty value.
      }
    } else if (field.kind === 'countries' || field.kind === 'labels' || field.kind === 'choices')
      out[name] = text.split(',').filter(Boolean);
    else if (field.kind === 'bool') out[name] = text === 'true';
    else out[name] = text;
  }
  return out;
}
