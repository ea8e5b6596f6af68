import { z } from 'zod';
import { isCountryCode, parseCountry } from '../countries';

/** A calendar date as stored: `YYYY-MM-DD`, and a real date. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'This date does not exist.');

/** A moment as stored: ISO-8601 in UTC. */
export const IsoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'Give a date and time with its UTC offset, e.g. 2026-03-27T14:30:00+01:00 (or …Z for UTC).',
});

/** Trims text; an empty string becomes null so "cleared" and "never set" read the same. */
export const OptionalTextSchema = (max = 2000) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v),
    z.string().max(max, `Keep this under ${max} characters.`).nullable(),
  );

/** A list of short labels; blanks and repeats are dropped. */
export const LabelListSchema = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? [...new Set(v.map((s) => (typeof s === 'string' ? s.trim() : s)).filter((s) => s !== ''))]
      : v,
  z.array(z.string().max(200, 'Keep each entry under 200 characters.')).max(100, 'At most 100 entries.'),
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
