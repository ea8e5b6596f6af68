import type HolidaysLibrary from 'date-holidays';
import {
  BG_WEEKEND_SUBSTITUTES,
  DEADLINE_EQUIVALENT_DAYS,
  HOLIDAY_CORRECTIONS,
  type DayRule,
  type DeadlineEquivalentDay,
  type HolidayCorrection,
} from '../reference/holiday-corrections';
import { invalidField } from './invalid';
import {
  dayFromParts,
  fromDay,
  isWeekend,
  orthodoxEaster,
  toDay,
  weekdayName,
  weekdayOf,
  westernEaster,
  yearOfDay,
  type IsoDate,
} from './calendar';

/**
 * Public-holiday calendars, offline, from the date-holidays package (data bundled in the package; no network).
 *
 * Which days count. Reg. 1182/71 Art 2(1) counts the days "designated as public holidays" in the Member State
 * where the act is done, so only entries of date-holidays type `public` count, and only when they cover the whole
 * day:
 * - `public`: statutory days off. UK bank holidays (Banking and Financial Dealings Act 1971) carry this type in
 *   date-holidays, substitute days included, so they count for UK GDPR.
 * - `bank` (banks closed but not a statutory holiday: Good Friday in Ireland, 24 and 31 December in Germany),
 *   `optional` (only some workers, e.g. religious feasts in Croatia), `school` and `observance` (no day off:
 *   Mother's Day, Easter Sunday) do not count.
 * - A `public` entry that starts after midnight (Iceland's Christmas Eve and New Year's Eve from 13:00) does not
 *   count: the morning is a working day, and the earlier date is the safer one for a deadline.
 * - An entry spanning several days (Romania's 1–2 January) counts each day.
 * - Where the library disagrees with the statute, the reviewed table in shared/reference/holiday-corrections.ts
 *   wins (Liechtenstein's Arbeitsgesetz, Cyprus's Clean Monday, Switzerland's federal level, Canada's
 *   Interpretation Act …), and Bulgaria's weekend-substitute rule (Labour Code Art 154(2)) is computed here.
 * A calendar is a country (ISO 3166-1 alpha-2), optionally narrowed by a region date-holidays knows (GB: ENG,
 * SCT, NIR, WLS; US: CA, VA, CO; DE: BY …). Each (calendar, year) is computed once and cached.
 */
export interface HolidayCalendar {
  country: string;
  region?: string | null;
}

type Holidays = HolidaysLibrary;
let library: typeof HolidaysLibrary | null = null;
let catalogue_: Holidays | null = null;

/**
 * Loads date-holidays, which carries every country's rules (a large table, about a tenth of a second of CPU).
 * Every door awaits it once before it computes a deadline (the command line before a command runs, the core's
 * worker, the desktop app and the page before they start), so a command that computes none (`dpo --help`) does
 * not pay for it.
 */
export async function loadHolidayRules(): Promise<void> {
  library ??= (await import('date-holidays')).default;
}

/** Gives the library already imported (the page bundles it and starts at once, without waiting for a load). */
export function provideHolidayRules(lib: typeof HolidaysLibrary): void {
  library ??= lib;
}

/** The library, loaded by {@link loadHolidayRules}; a door that forgot to load it fails loudly, not wrongly. */
function Library(): typeof HolidaysLibrary {
  if (!library) throw new Error('Public-holiday rules are not loaded: await loadHolidayRules() first.');
  return library;
}

const catalogueOf = (): Holidays => (catalogue_ ??= new (Library())());
const regionsByCountry = new Map<string, Record<string, string>>();
let countryNames: Record<string, string> | undefined;

// date-holidays rebuilds these lists on every call (about 0.2 ms each), so they are read once.
function countries(): Record<string, string> {
  countryNames ??= catalogueOf().getCountries('en');
  return countryNames;
}

function keyOf(calendar: HolidayCalendar): string {
  const country = calendar.country.toUpperCase();
  return calendar.region ? `${country}-${calendar.region.toUpperCase()}` : country;
}

/** One calendar's holidays, computed a year at a time and kept: 100,000 deadlines look up the same few years. */
interface Table {
  calendar: Readonly<HolidayCalendar>;
  code: string;
  place: string;
  source: Holidays | null;
  years: Map<number, Map<number, string>>;
}

const tablesByCode = new Map<string, Table>();
const tablesByObject = new WeakMap<HolidayCalendar, Table>();

function tableOf(calendar: HolidayCalendar): Table {
  let table = tablesByObject.get(calendar);
  if (table) return table;
  const code = keyOf(calendar);
  table = tablesByCode.get(code);
  if (!table) {
    const country = calendar.country.toUpperCase();
    const region = calendar.region ? calendar.region.toUpperCase() : null;
    const countryLabel = countries()[country] ?? country;
    const regionLabel = region ? (holidayRegions(country)[region] ?? region) : null;
    table = {
      calendar: Object.freeze(region ? { country, region } : { country }),
      code,
      place: regionLabel ? `${regionLabel} (${country === 'US' ? 'US' : countryLabel})` : countryLabel,
      source: null,
      years: new Map(),
    };
    tablesByCode.set(code, table);
  }
  tablesByObject.set(calendar, table);
  return table;
}

/** The shared calendar object for a country and optional region; repeated look-ups with it are fastest. */
export function holidayCalendar(country: string, region?: string | null): HolidayCalendar {
  return tableOf({ country, region: region ?? null }).calendar;
}

/** The calendar's code as shown, e.g. "DE", "GB-ENG", "US-CA". */
export function calendarCode(calendar: HolidayCalendar): string {
  return tableOf(calendar).code;
}

/** The regions (states) date-holidays knows for a country, code → name; empty when it has none. */
export function holidayRegions(country: string): Record<string, string> {
  const c = country.toUpperCase();
  let regions = regionsByCountry.get(c);
  if (!regions) {
    regions = c in countries() ? (catalogueOf().getStates(c, 'en') ?? {}) : {};
    regionsByCountry.set(c, regions);
  }
  return regions;
}

/** True when date-holidays has a calendar for the country, and for the region when one is given. */
export function hasHolidayCalendar(country: string, region?: string | null): boolean {
  if (!(country.toUpperCase() in countries())) return false;
  return !region || region.toUpperCase() in holidayRegions(country);
}

/** Where a calendar applies, as a DPO reads it: "Germany", "England (United Kingdom)", "California (US)". */
export function calendarPlace(calendar: HolidayCalendar): string {
  return tableOf(calendar).place;
}

/** The days a rule gives in a year (day numbers); a `librarySubstituteOn` rule is matched against the library. */
export function daysOfRule(rule: DayRule, year: number): number[] {
  if ('fixed' in rule) {
    return [dayFromParts(year, Number(rule.fixed.slice(0, 2)), Number(rule.fixed.slice(3, 5)))];
  }
  if ('easter' in rule) return [westernEaster(year) + rule.easter];
  if ('orthodoxEaster' in rule) return [orthodoxEaster(year) + rule.orthodoxEaster];
  if ('date' in rule) return Number(rule.date.slice(0, 4)) === year ? [toDay(rule.date)] : [];
  if ('weekday' in rule) {
    const [from, to] = rule.between.map((md) =>
      dayFromParts(year, Number(md.slice(0, 2)), Number(md.slice(3, 5))),
    ) as [number, number];
    const days: number[] = [];
    for (let d = from; d <= to; d++) if (weekdayOf(d) === rule.weekday) days.push(d);
    return days;
  }
  return [];
}

function appliesTo(c: HolidayCorrection, country: string, region: string | null | undefined, year: number) {
  if (c.country !== country) return false;
  if (c.region !== '*' && c.region !== (region ?? null)) return false;
  return (c.fromYear === undefined || year >= c.fromYear) && (c.toYear === undefined || year <= c.toYear);
}

/** The days date-holidays itself lists as whole-day public holidays in a year, with their names. */
function libraryDays(
  source: Holidays,
  year: number,
): { days: Map<number, string>; substitutes: Set<number> } {
  const days = new Map<number, string>();
  const substitutes = new Set<number>();
  for (const h of source.getHolidays(year, 'en')) {
    if (h.type !== 'public' || !h.date.endsWith(' 00:00:00')) continue;
    const first = dayFromParts(
      Number(h.date.slice(0, 4)),
      Number(h.date.slice(5, 7)),
      Number(h.date.slice(8, 10)),
    );
    // Whole days covered; a 23 or 25 hour day (clock change) is one day.
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let d = first; d < first + span; d++) {
      if (!days.has(d)) days.set(d, h.name);
      if ((h as { substitute?: boolean }).substitute) substitutes.add(d);
    }
  }
  return { days, substitutes };
}

/**
 * Bulgaria, Labour Code Art 154(2): each holiday of Art 154(1) other than the Easter ones that falls on a
 * Saturday or Sunday gives the first working day after it that is not already a holiday or a day in lieu
 * (24–26 December on Thursday–Saturday gives Monday 28th; 25–26 on Saturday–Sunday gives Monday and Tuesday;
 * 1 May 2027, a Saturday before the Easter Sunday and Monday, gives Tuesday 4 May).
 */
function bulgarianSubstitutes(days: Map<number, string>, year: number): void {
  const weekendHolidays = BG_WEEKEND_SUBSTITUTES.fixedHolidays
    .map((md) => dayFromParts(year, Number(md.slice(0, 2)), Number(md.slice(3, 5))))
    .filter((d) => isWeekend(d))
    .sort((a, b) => a - b);
  for (const holiday of weekendHolidays) {
    let d = holiday + 1;
    while (isWeekend(d) || days.has(d)) d += 1;
    days.set(d, `${days.get(holiday) ?? 'Holiday'} (day off in lieu, Labour Code Art 154(2))`);
  }
}

function yearOf(table: Table, year: number): Map<number, string> {
  let days = table.years.get(year);
  if (days) return days;
  const { country, region } = table.calendar;
  if (!table.source) {
    if (!hasHolidayCalendar(country, region)) {
      invalidField(region ? 'region' : 'country', `No public-holiday calendar for ${table.code}.`);
    }
    table.source = region
      ? new (Library())(country, region, { languages: ['en'] })
      : new (Library())(country, { languages: ['en'] });
  }
  const library = libraryDays(table.source, year);
  days = library.days;
  for (const c of HOLIDAY_CORRECTIONS) {
    if (!appliesTo(c, country, region, year)) continue;
    const rule = c.rule;
    const targets =
      'librarySubstituteOn' in rule
        ? [...library.substitutes].filter((d) => weekdayOf(d) === rule.librarySubstituteOn)
        : daysOfRule(rule, year);
    for (const d of targets) {
      if (c.correct === 'public') days.set(d, c.name);
      else days.delete(d);
    }
  }
  if (country === 'BG' && year >= BG_WEEKEND_SUBSTITUTES.fromYear) bulgarianSubstitutes(days, year);
  table.years.set(year, days);
  return days;
}

const equivalentsByCountry = new Map<string, DeadlineEquivalentDay[]>();

/**
 * A day a country's deadline law treats like a public holiday without designating it one (Sweden's and
 * Finland's eves, the Netherlands' equated days), or undefined. Whether Reg. 1182/71 counts such days is
 * contested; the rules engine decides whether to use them.
 */
export function deadlineEquivalentOn(country: string, dayNumber: number): DeadlineEquivalentDay | undefined {
  const c = country.toUpperCase();
  let list = equivalentsByCountry.get(c);
  if (!list) {
    list = DEADLINE_EQUIVALENT_DAYS.filter((e) => e.country === c);
    equivalentsByCountry.set(c, list);
  }
  if (list.length === 0) return undefined;
  const year = yearOfDay(dayNumber);
  return list.find((e) => daysOfRule(e.rule, year).includes(dayNumber));
}

/** The name of the public holiday on a day (a day number), or undefined when it is not one. */
export function holidayOnDay(calendar: HolidayCalendar, dayNumber: number): string | undefined {
  return yearOf(tableOf(calendar), yearOfDay(dayNumber)).get(dayNumber);
}

/** The name of the public holiday on `date`, or undefined when it is not one. */
export function holidayOn(calendar: HolidayCalendar, date: IsoDate): string | undefined {
  return holidayOnDay(calendar, toDay(date));
}

/** The public holidays of a year, sorted, as `{date, name}`. */
export function publicHolidays(calendar: HolidayCalendar, year: number): { date: IsoDate; name: string }[] {
  return [...yearOf(tableOf(calendar), year).entries()]
    .filter(([day]) => yearOfDay(day) === year)
    .sort(([a], [b]) => a - b)
    .map(([day, name]) => ({ date: fromDay(day), name }));
}

/** Why a day is not a working day ("a Saturday", "a public holiday in Germany (Easter Monday)"), or null. */
export function nonWorkingReason(calendar: HolidayCalendar | null, dayNumber: number): string | null {
  if (isWeekend(dayNumber)) return `a ${weekdayName(dayNumber)}`;
  if (!calendar) return null;
  const holiday = holidayOnDay(calendar, dayNumber);
  return holiday === undefined ? null : `a public holiday in ${calendarPlace(calendar)} (${holiday})`;
}

/** True on Monday–Friday when the day is not a public holiday of the calendar (weekends only when null). */
export function isWorkingDay(calendar: HolidayCalendar | null, dayNumber: number): boolean {
  return !isWeekend(dayNumber) && (calendar === null || holidayOnDay(calendar, dayNumber) === undefined);
}

/**
 * The `count`-th working day after `dayNumber` (the day itself is not counted), skipping weekends and the
 * calendar's public holidays; also returns the holidays it skipped, for the trace.
 */
export function addWorkingDays(
  calendar: HolidayCalendar | null,
  dayNumber: number,
  count: number,
): { day: number; skipped: { day: number; name: string }[] } {
  const skipped: { day: number; name: string }[] = [];
  let day = dayNumber;
  let left = count;
  while (left > 0) {
    day += 1;
    if (isWeekend(day)) continue;
    const holiday = calendar ? holidayOnDay(calendar, day) : undefined;
    if (holiday !== undefined) skipped.push({ day, name: holiday });
    else left -= 1;
  }
  return { day, skipped };
}
