/**
 * How the workbench writes and reads a day: the user's chosen order, or their system's ("auto"). Stored days are
 * always ISO (`YYYY-MM-DD`); ISO is always accepted when typed, whatever the setting.
 */
export const DATE_FORMATS = ['auto', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The numeric order of a format: day first, month first, or year first. */
export function orderOf(format: DateFormat, locale?: string): 'dmy' | 'mdy' | 'ymd' {
  if (format === 'DD/MM/YYYY' || format === 'DD.MM.YYYY') return 'dmy';
  if (format === 'MM/DD/YYYY') return 'mdy';
  if (format === 'YYYY-MM-DD') return 'ymd';
  const parts = new Intl.DateTimeFormat(locale).formatToParts(new Date(2000, 10, 22));
  const at = (t: string) => parts.findIndex((p) => p.type === t);
  if (at('year') < at('month')) return 'ymd';
  return at('day') < at('month') ? 'dmy' : 'mdy';
}

/** The pattern to show as a hint beside a date input ("DD/MM/YYYY"), for "auto" the system's own order. */
export function formatHint(format: DateFormat, locale?: string): string {
  if (format !== 'auto') return format;
  const order = orderOf(format, locale);
  return order === 'dmy' ? 'DD/MM/YYYY' : order === 'mdy' ? 'MM/DD/YYYY' : 'YYYY-MM-DD';
}

/** A stored `YYYY-MM-DD` written in a chosen format; "auto" writes the locale's medium date ("1 Mar 2028"). */
export function formatDay(iso: string, format: DateFormat, locale?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  switch (format) {
    case 'DD/MM/YYYY':
      return `${d}/${mo}/${y}`;
    case 'MM/DD/YYYY':
      return `${mo}/${d}/${y}`;
    case 'DD.MM.YYYY':
      return `${d}.${mo}.${y}`;
    case 'YYYY-MM-DD':
      return iso;
    case 'auto':
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      );
  }
}

function toIso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a typed day: ISO always (`2028-03-01`); numeric in the chosen order (`01/03/2028` is 1 March under
 * DD/MM/YYYY, 3 January under MM/DD/YYYY); a written date ("1 Mar 2028"). Returns `YYYY-MM-DD` or null.
 */
export function parseDay(text: string, format: DateFormat, locale?: string): string | null {
  const value = text.trim();
  if (!value) return null;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) return toIso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (match) {
    const [a, b, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return orderOf(format, locale) === 'mdy' ? toIso(y, a, b) : toIso(y, b, a);
  }
  // Only written dates ("1 Mar 2028") go to the platform parser; it reads a bare "2028" as 1 January.
  if (!/[a-z]/i.test(value)) return null;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return null;
  return toIso(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
}
