import { invalidField } from './invalid';

/**
 * Calendar dates without a time or a time zone. Internally a date is a day number (days since 1970-01-01), so
 * arithmetic never meets local time, daylight saving or the host's zone; at the edges it is `YYYY-MM-DD`.
 */
export type IsoDate = string;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** English month names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil: integer maths only). */
export function dayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The year, month (1–12) and day of a day number (inverse of {@link dayFromParts}). */
export function partsFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Number of days in a month of a year (Gregorian leap years). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The year a day number falls in (cheaper than {@link partsFromDay} when only the year is needed). */
export function yearOfDay(dayNumber: number): number {
  let year = Math.floor(dayNumber / 365.2425) + 1970;
  while (dayFromParts(year, 1, 1) > dayNumber) year -= 1;
  while (dayFromParts(year + 1, 1, 1) <= dayNumber) year += 1;
  return year;
}

// Parsed and formatted dates are memoised: bulk deadlines meet the same few thousand dates over and over.
const parsed = new Map<string, number>();
const formatted = new Map<number, IsoDate>();
const MEMO_LIMIT = 200_000;

/** Reads `YYYY-MM-DD` into a day number; a malformed or impossible date is a VALIDATION error naming `field`. */
export function toDay(date: IsoDate, field = 'date'): number {
  const known = parsed.get(date);
  if (known !== undefined) return known;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      const n = dayFromParts(year, month, day);
      if (parsed.size < MEMO_LIMIT) parsed.set(date, n);
      return n;
    }
  }
  return invalidField(field, `"${date}" is not a date; use a real date as YYYY-MM-DD.`);
}

/** Writes a day number as `YYYY-MM-DD`. */
export function fromDay(dayNumber: number): IsoDate {
  const known = formatted.get(dayNumber);
  if (known !== undefined) return known;
  const { year, month, day } = partsFromDay(dayNumber);
  const text = `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  if (formatted.size < MEMO_LIMIT) formatted.set(dayNumber, text);
  return text;
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

/** English name of the weekday, e.g. "Sunday". */
export function weekdayName(dayNumber: number): string {
  return WEEKDAYS[weekdayOf(dayNumber)] ?? '';
}

/**
 * Adds calendar months the way Reg. 1182/71 Art 3(2)(c) counts a period in months: the same date in the
 * target month, or the last day of that month when it has no such date (31 January + 1 month = 28/29 February).
 */
export function addMonthsToDay(dayNumber: number, months: number): number {
  const { year, month, day } = partsFromDay(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return dayFromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** {@link addMonthsToDay} on `YYYY-MM-DD` dates. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromDay(addMonthsToDay(toDay(date), months));
}

/** Adds (or with a negative `days`, subtracts) calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDay(toDay(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDay(to) - toDay(from);
}

/** The month and year of a day, e.g. "September 2024". */
export function monthAndYear(dayNumber: number): string {
  const { year, month } = partsFromDay(dayNumber);
  return `${MONTHS[month - 1] ?? ''} ${year}`;
}

/** A date as a DPO reads it in a trace: "Sunday 5 April 2026". */
export function longDate(dayNumber: number): string {
  const { year, month, day } = partsFromDay(dayNumber);
  return `${weekdayName(dayNumber)} ${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/**
 * Western Easter Sunday of a year (Gregorian computus, the "anonymous Gregorian algorithm" of Meeus, Astronomical
 * Algorithms ch. 8), as a day number. Good Friday is −2, Easter Monday +1, Ascension +39, Whit Monday +50.
 */
export function westernEaster(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromParts(year, month, day);
}

/**
 * Orthodox Easter Sunday of a year (Julian computus, Meeus ch. 8), as a Gregorian day number: the Julian date
 * plus the calendars' difference (13 days from 1900 to 2099, one more each century not divisible by 400).
 */
export function orthodoxEaster(year: number): number {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const century = Math.floor(year / 100);
  const julianLag = century - Math.floor(century / 4) - 2;
  return dayFromParts(year, month, day) + julianLag;
}
