export { countryLabel, countryList } from '../../../shared/kit/readable';

function localDate(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A stored `YYYY-MM-DD` shown in the user's locale; the stored text itself when it is not a date. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const date = localDate(isoDate);
  return date ? dateFormat.format(date) : isoDate;
}

/** The calendar day of a stored ISO moment, in the user's time zone and locale. */
export function formatDay(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime()) ? isoDateTime : dateFormat.format(date);
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A stored ISO moment shown in the user's locale, in an IANA time zone when one is given (a breach's clock
 * zone, so its timeline reads like its deadline) or else in the user's own.
 */
export function formatDateTime(isoDateTime: string, timeZone?: string | null): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  if (!timeZone) return dateTimeFormat.format(date);
  let f = zonedFormats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    } catch {
      // Not an IANA zone (a fixed offset such as "UTC+01:00"): the user's own zone.
      return dateTimeFormat.format(date);
    }
    zonedFormats.set(timeZone, f);
  }
  return f.format(date);
}

/** Every IANA time zone this platform knows, for a picker. */
export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

function toIso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether the user's locale writes numeric dates day first (most of Europe) or month first (US). */
const dayFirst = (() => {
  const parts = new Intl.DateTimeFormat(undefined).formatToParts(new Date(2000, 10, 22));
  return parts.findIndex((p) => p.type === 'day') < parts.findIndex((p) => p.type === 'month');
})();

/**
 * Reads a typed date: ISO (`2025-03-31`), numeric in the user's order (`31/03/2025` or `03/31/2025`), or a
 * written date (`31 Mar 2025`). Returns `YYYY-MM-DD` or null.
 */
export function parseTypedDate(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) return toIso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    return dayFirst ? toIso(Number(match[3]), b, a) : toIso(Number(match[3]), a, b);
  }
  // Only written dates ("31 Mar 2025") go to the platform parser; it reads a bare "2025" as 1 January.
  if (!/[a-z]/i.test(value)) return null;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return null;
  return toIso(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
}

/** Today's calendar date where the user is, as `YYYY-MM-DD`. */
export function todayIso(): string {
  const now = new Date();
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}
