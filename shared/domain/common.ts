import { z } from 'zod';
import { isCountryCode, parseCountry } from '../countries';

/**
 * The years a register's dates may fall in. A DPO's dates are of contracts, requests and incidents; a year
 * outside this range is a typing slip (20226), and one the deadline rules would carry into nonsense
 * ("Due: 10000-01-31").
 */
export const YEARS = { min: 1900, max: 2199 } as const;
const YEAR_MESSAGE = `Use a date between ${YEARS.min} and ${YEARS.max}.`;
const inYears = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= YEARS.min && y <= YEARS.max;
};

/** A calendar date as stored: `YYYY-MM-DD`, a real date, between 1900 and 2199. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'This date does not exist.')
  .refine(inYears, YEAR_MESSAGE);

/** A moment as stored: ISO-8601 in UTC, between 1900 and 2199. */
export const IsoDateTimeSchema = z.iso
  .datetime({
    offset: true,
    error: 'Give a date and time with its UTC offset, e.g. 2026-03-27T14:30:00+01:00 (or …Z for UTC).',
  })
  .refine(inYears, YEAR_MESSAGE);

/**
 * Control characters (NUL and the other C0 codes but tab, line feed and carriage return, and DEL) have no place
 * in a register's text: a NUL cuts a value short in SQLite and in most tools that read an export.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const CONTROL_MESSAGE = 'Remove the control character (such as NUL) from this text.';
export const hasNoControl = (s: string) => !CONTROL.test(s);

/** Trims text; an empty string becomes null so "cleared" and "never set" read the same. */
export const OptionalTextSchema = (max = 2000) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v),
    z
      .string()
      .max(max, `Keep this under ${max} characters.`)
      .refine(hasNoControl, CONTROL_MESSAGE)
      .nullable(),
  );

/** A list of short labels; blanks and repeats are dropped. */
export const LabelListSchema = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? [...new Set(v.map((s) => (typeof s === 'string' ? s.trim() : s)).filter((s) => s !== ''))]
      : v,
  z
    .array(z.string().max(200, 'Keep each entry under 200 characters.').refine(hasNoControl, CONTROL_MESSAGE))
    .max(100, 'At most 100 entries.'),
);

/** One country: accepts a code or a common name ("USA", "U.S.", "UK", "Germany") and stores ISO 3166-1 alpha-2. */
export const CountryCodeSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (parseCountry(v) ?? v) : v),
  z
    .string()
    .refine(isCountryCode, { message: 'Not a country we recognise; use a name or an ISO code such as DE.' }),
);

export const CountryListSchema = z.preprocess(
  (v) => (Array.isArray(v) ? v.filter((s) => !(typeof s === 'string' && s.trim() === '')) : v),
  z
    .array(CountryCodeSchema)
    .max(250)
    .transform((list) => [...new Set(list)]),
);

export const IdSchema = z.number().int().positive();

export const SortDirectionSchema = z.enum(['asc', 'desc']);

/** A page of any register's rows. */
export const PageSchema = <T extends z.ZodType>(row: T) =>
  z.object({
    rows: z.array(row),
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
  });
