export { countryLabel, countryList } from '../../../shared/kit/readable';
import { formatDay as formatDayAs, formatHint, parseDay, type DateFormat } from '../../../shared/date-format';

let dateFormatSetting: DateFormat = 'auto';
let formatVersion = 0;
const formatListeners = new Set<() => void>();

/** The day format chosen in Settings (read at start and on every change); every date shown and typed follows it. */
export function setDateFormat(format: DateFormat): void {
  if (format === dateFormatSetting) return;
  dateFormatSetting = format;
  formatVersion++;
  for (const l of formatListeners) l();
}

/** Changes whenever the day format does, so the shell can show every page again in the new format. */
export function subscribeDateFormat(listener: () => void): () => void {
  formatListeners.add(listener);
  return () => formatListeners.delete(listener);
}
export const dateFormatVersion = () => formatVersion;

/** The pattern of the chosen format, shown beside date inputs ("DD/MM/YYYY"). */
export function dateHint(): string {
  return formatHint(dateFormatSetting);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A stored `YYYY-MM-DD` shown in the chosen format; the stored text itself when it is not a date. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  return formatDayAs(isoDate, dateFormatSetting);
}

/** Text with every `YYYY-MM-DD` in it shown in the chosen date format (a rule's explanation, a flag). */
export function datesIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d));
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

function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a typed date: ISO (`2025-03-31`) always, numeric in the chosen order (`31/03/2025` under DD/MM/YYYY,
 * `03/31/2025` under MM/DD/YYYY), or a written date (`31 Mar 2025`). Returns `YYYY-MM-DD` or null.
 */
export function parseTypedDate(text: string): string | null {
  return parseDay(text, dateFormatSetting);
}

/** Today's calendar date where the user is, as `YYYY-MM-DD`. */
export function todayIso(): string {
  const now = new Date();
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}
