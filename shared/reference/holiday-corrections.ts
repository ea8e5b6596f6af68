import type { Sourced } from './sources';

/**
 * Where the public-holiday data of date-holidays disagrees with the statute, checked for the EEA states, the UK,
 * Switzerland and the other calendars the rules engine uses, for 2025–2027. Reviewed corrections, each with its
 * source and confidence mark; tests/shared/rules/holiday-corrections.test.ts fails when the library's data
 * changes under them (a fingerprint per calendar, and each correction's "library says").
 *
 * The rule: a correction is applied only when it is at least [S], or when it makes a deadline earlier (removing a
 * day the library counts): a wrongly counted holiday pushes a deadline later, a missed one only makes it earlier.
 * Days the research could not settle are listed in UNSETTLED_HOLIDAYS, not applied.
 */

/** Which day a correction or a listed day falls on, year by year. */
export type DayRule =
  /** Every year on this month and day, `MM-DD`. */
  | { fixed: string }
  /** Days from Western (Gregorian) Easter Sunday: Good Friday −2, Easter Monday +1, Whit Monday +50. */
  | { easter: number }
  /** Days from Orthodox Easter Sunday (Julian computus). */
  | { orthodoxEaster: number }
  /** One date only, `YYYY-MM-DD`. */
  | { date: string }
  /** The `weekday` (0 Sunday … 6 Saturday) that falls between two `MM-DD` days, inclusive (Victoria Day). */
  | { weekday: number; between: readonly [string, string] }
  /** A substitute day of the library (its name contains "substitute") that falls on this weekday. */
  | { librarySubstituteOn: number };

export interface HolidayCorrection extends Sourced {
  /** ISO country, and the region the calendar is narrowed to: null the national calendar, '*' every one. */
  country: string;
  region: string | null | '*';
  rule: DayRule;
  name: string;
  /** What date-holidays 3.37 says of the day ("absent" when it has no entry); the test holds it to this. */
  libraryType: string;
  /** Whether the day is a public holiday for deadlines. */
  correct: 'public' | 'not-public';
  fromYear?: number;
  toYear?: number;
  note?: string;
}

const LI_LAW = 'LI Arbeitsgesetz Art 18(2) (LGBl. 1986 Nr. 85)';
const CA_IA = 'Interpretation Act (R.S.C. 1985, c. I-21) s.35(1) "holiday"';
const SECO = 'SECO, Feiertage (1 August is the only federal holiday; cantons set the others, Art 20a ArG)';

export const HOLIDAY_CORRECTIONS: readonly HolidayCorrection[] = [
  // Liechtenstein: the statutory list of Sundays and holidays.
  {
    country: 'LI',
    region: null,
    rule: { fixed: '08-15' },
    name: 'Mariä Himmelfahrt (Staatsfeiertag)',
    libraryType: 'observance',
    correct: 'public',
    source: LI_LAW,
    confidence: 'V',
  },
  {
    country: 'LI',
    region: null,
    rule: { fixed: '11-01' },
    name: 'Allerheiligen',
    libraryType: 'observance',
    correct: 'public',
    source: LI_LAW,
    confidence: 'V',
  },
  {
    country: 'LI',
    region: null,
    rule: { easter: -2 },
    name: 'Karfreitag',
    libraryType: 'public',
    correct: 'not-public',
    source: `${LI_LAW} (not listed)`,
    confidence: 'V',
    note: 'A bank and civil-service day off; the list Liechtenstein notified for the Official Journal (2014, 2015) includes it, so the later reading is contested: the earlier deadline is kept.',
  },
  {
    country: 'LI',
    region: null,
    rule: { easter: 40 },
    name: 'Feiertagsbrücke (Friday after Ascension)',
    libraryType: 'public',
    correct: 'not-public',
    source: `${LI_LAW} (not listed); not in the notified Official Journal lists`,
    confidence: 'V',
  },
  {
    country: 'LI',
    region: null,
    rule: { easter: 61 },
    name: 'Feiertagsbrücke (Friday after Corpus Christi)',
    libraryType: 'public',
    correct: 'not-public',
    source: `${LI_LAW} (not listed); not in the notified Official Journal lists`,
    confidence: 'V',
  },
  // Cyprus: Clean Monday is a Monday; Kataklysmos (Whit Monday) is a public holiday.
  {
    country: 'CY',
    region: null,
    rule: { orthodoxEaster: -48 },
    name: 'Green Monday (Clean Monday)',
    libraryType: 'observance',
    correct: 'public',
    source: 'Government holiday calendar as reported (sigmalive.com 2026; cyprusbutterfly.com.cy 2025)',
    confidence: 'S',
  },
  {
    country: 'CY',
    region: null,
    rule: { orthodoxEaster: -47 },
    name: 'Clean Monday (on the Tuesday)',
    libraryType: 'public',
    correct: 'not-public',
    source: 'Clean Monday is Orthodox Easter − 48 days (same sources)',
    confidence: 'S',
  },
  {
    country: 'CY',
    region: null,
    rule: { orthodoxEaster: 50 },
    name: 'Kataklysmos (Whit Monday)',
    libraryType: 'absent',
    correct: 'public',
    source: 'Government holiday calendar as reported (sigmalive.com 2026; cyprusbutterfly.com.cy 2025)',
    confidence: 'S',
  },
  // Bulgaria: the Labour Code's list (the weekend-substitute rule of Art 154(2) is BG_WEEKEND_SUBSTITUTES).
  {
    country: 'BG',
    region: null,
    rule: { fixed: '12-26' },
    name: 'Christmas (second day)',
    libraryType: 'observance',
    correct: 'public',
    source: 'BG Labour Code Art 154(1)',
    confidence: 'V',
  },
  // Netherlands: 5 May is a generally recognised holiday every year under the Algemene termijnenwet.
  {
    country: 'NL',
    region: null,
    rule: { fixed: '05-05' },
    name: 'Bevrijdingsdag',
    libraryType: 'school',
    correct: 'public',
    source: 'Algemene termijnenwet art 3(1)',
    confidence: 'S',
  },
  // Switzerland, federal level: only 1 August; New Year, Ascension and Christmas Day are holidays in every
  // canton. Good Friday, Easter Monday, Whit Monday and 26 December are not in every canton (not in Valais):
  // choose a canton to count them.
  ...(
    [
      [{ easter: -2 }, 'Karfreitag'],
      [{ easter: 1 }, 'Ostermontag'],
      [{ easter: 50 }, 'Pfingstmontag'],
      [{ fixed: '12-26' }, 'Stephanstag'],
    ] as const
  ).map(([rule, name]): HolidayCorrection => ({
    country: 'CH',
    region: null,
    rule,
    name,
    libraryType: 'public',
    correct: 'not-public',
    source: SECO,
    confidence: 'S',
    note: 'Not a holiday in every canton; a canton chosen with the request uses its own calendar.',
  })),
  // Canada: the holidays of the Interpretation Act that the library leaves out or types otherwise.
  {
    country: 'CA',
    region: '*',
    rule: { easter: 1 },
    name: 'Easter Monday',
    libraryType: 'absent',
    correct: 'public',
    source: CA_IA,
    confidence: 'V',
  },
  {
    country: 'CA',
    region: '*',
    rule: { weekday: 1, between: ['05-18', '05-24'] },
    name: 'Victoria Day',
    libraryType: 'absent',
    correct: 'public',
    source: CA_IA,
    confidence: 'V',
  },
  {
    country: 'CA',
    region: '*',
    rule: { fixed: '09-30' },
    name: 'National Day for Truth and Reconciliation',
    libraryType: 'observance',
    correct: 'public',
    fromYear: 2021,
    source: `${CA_IA} (S.C. 2021, c. 11, s. 3)`,
    confidence: 'V',
  },
  {
    country: 'CA',
    region: '*',
    rule: { fixed: '11-11' },
    name: 'Remembrance Day',
    libraryType: 'absent',
    correct: 'public',
    source: CA_IA,
    confidence: 'V',
  },
  {
    country: 'CA',
    region: '*',
    rule: { weekday: 1, between: ['10-08', '10-14'] },
    name: 'Thanksgiving Day',
    libraryType: 'absent',
    correct: 'public',
    source: `${CA_IA} ("any day appointed by proclamation to be observed as a day of … thanksgiving")`,
    confidence: 'S',
    note: 'Proclaimed each year for the second Monday of October.',
  },
  // Colorado: a legal holiday on a Sunday is observed on the Monday; nothing moves a Saturday holiday to Friday.
  {
    country: 'US',
    region: 'CO',
    rule: { librarySubstituteOn: 5 },
    name: 'Friday substitute of a Saturday holiday',
    libraryType: 'public',
    correct: 'not-public',
    source: 'C.R.S. §24-11-101(2) (only a Sunday holiday moves, to the Monday)',
    confidence: 'S',
  },
  // Brazil, national level: Good Friday is a municipal religious day (Lei 9.093/1995), not a national holiday.
  {
    country: 'BR',
    region: null,
    rule: { easter: -2 },
    name: 'Sexta-Feira Santa',
    libraryType: 'public',
    correct: 'not-public',
    source:
      'Lei 662/1949 as amended by Lei 10.607/2002 (national holidays); Lei 9.093/1995 (municipal religious days)',
    confidence: 'S',
    note: 'A municipal holiday almost everywhere: choose the state to count the days its law adds.',
  },
];

/**
 * Bulgaria: when a holiday other than the Easter holidays falls on a Saturday or Sunday, the first working
 * day(s) after it are days off, one for each weekend holiday.
 */
export const BG_WEEKEND_SUBSTITUTES: Sourced & {
  text: string;
  fromYear: number;
  /** The fixed-date holidays of Art 154(1), `MM-DD`: every one but the Easter holidays. */
  fixedHolidays: readonly string[];
} = {
  text: 'A holiday (not Easter) on a Saturday or Sunday gives the next working day off.',
  fromYear: 2017,
  fixedHolidays: ['01-01', '03-03', '05-01', '05-06', '05-24', '09-06', '09-22', '12-24', '12-25', '12-26'],
  source: 'BG Labour Code Art 154(2) (SG 105/2016)',
  confidence: 'V',
};

/** What the research left open; shown in the reference for whoever reviews the table next. Not applied. */
export const UNSETTLED_HOLIDAYS: readonly (Sourced & { country: string; text: string })[] = [
  {
    country: 'CY',
    text: 'Christmas Eve (24 December) is a public-service holiday; whether it is a public holiday was not confirmed.',
    source: 'sigmalive.com 2026; kathimerini.com.cy 2020 (secondary)',
    confidence: 'R',
  },
  {
    country: 'SK',
    text: '8 May and 15 September were days of rest until 2025 and are not in 2026; a return in 2027 is reported, not confirmed.',
    source: 'aktuality.sk 17.10.2025; interez.sk 3.11.2025',
    confidence: 'S',
  },
  {
    country: 'BG',
    text: '31 December 2025 and 2 January 2026 were declared non-working days for the euro changeover (decision, not a holiday).',
    source: 'Council of Ministers decision of 19.11.2025 as reported',
    confidence: 'S',
  },
];

/**
 * Days a country's deadline law treats like public holidays without designating them as such (its "eves"). Under
 * Reg. 1182/71 Art 2(1) it is contested whether they count: by default they do not (the earlier date), and the
 * trace names the later one; an organisation may choose to count them.
 */
export interface DeadlineEquivalentDay extends Sourced {
  country: string;
  rule: DayRule;
  name: string;
}

const SE_LAW = 'SE Lag (1930:173) om beräkning av lagstadgad tid §2';
const FI_LAW = 'FI Laki säädettyjen määräaikain laskemisesta (150/1930) §5';
const NL_LAW = 'NL Algemene termijnenwet art 3';

export const DEADLINE_EQUIVALENT_DAYS: readonly DeadlineEquivalentDay[] = [
  {
    country: 'SE',
    rule: { weekday: 5, between: ['06-19', '06-25'] },
    name: 'midsommarafton',
    source: SE_LAW,
    confidence: 'S',
  },
  { country: 'SE', rule: { fixed: '12-24' }, name: 'julafton', source: SE_LAW, confidence: 'S' },
  { country: 'SE', rule: { fixed: '12-31' }, name: 'nyårsafton', source: SE_LAW, confidence: 'S' },
  {
    country: 'FI',
    rule: { weekday: 5, between: ['06-19', '06-25'] },
    name: 'juhannusaatto',
    source: FI_LAW,
    confidence: 'V',
  },
  { country: 'FI', rule: { fixed: '12-24' }, name: 'jouluaatto', source: FI_LAW, confidence: 'V' },
  { country: 'NL', rule: { easter: -2 }, name: 'Goede Vrijdag', source: `${NL_LAW}(2)`, confidence: 'S' },
  ...['2025-05-30', '2026-01-02', '2026-05-15', '2027-05-07'].map((date): DeadlineEquivalentDay => ({
    country: 'NL',
    rule: { date },
    name: 'day made equal to a holiday by decree',
    source: `${NL_LAW}(3); Besluit gelijkstelling (as cited)`,
    confidence: 'S',
  })),
];

/**
 * The review behind the table: each calendar of the EEA, the UK and Switzerland compared, for 2025–2027, with its
 * statutory list of public holidays. `agrees`: every weekday the statute makes a holiday is counted and no other;
 * `corrected`: the corrections above apply. The mark is how the statutory list was checked; [R] lists were
 * compared from knowledge of the statute only and should be read against the statute before relying on them.
 */
export const HOLIDAY_REVIEW: Readonly<Record<string, Sourced & { result: 'agrees' | 'corrected' }>> = {
  AT: { result: 'agrees', source: 'Feiertagsruhegesetz 1957 §7(2)', confidence: 'R' },
  BE: { result: 'agrees', source: 'Loi du 4 janvier 1974; AR du 18 avril 1974', confidence: 'R' },
  BG: { result: 'corrected', source: 'Labour Code Art 154', confidence: 'V' },
  CY: { result: 'corrected', source: 'Government holiday calendar as reported', confidence: 'S' },
  CZ: { result: 'agrees', source: 'Act 245/2000 Coll.', confidence: 'R' },
  DE: {
    result: 'agrees',
    source: 'State holiday acts (national level: the days common to all states)',
    confidence: 'R',
  },
  DK: { result: 'agrees', source: 'Helligdagsloven (Store Bededag abolished from 2024)', confidence: 'S' },
  EE: { result: 'agrees', source: 'Pühade ja tähtpäevade seadus §2', confidence: 'R' },
  ES: {
    result: 'agrees',
    source: 'Estatuto de los Trabajadores art 37.2; annual BOE resolution (national days)',
    confidence: 'R',
  },
  FI: {
    result: 'agrees',
    source: 'Public holidays (no single act); eves: see DEADLINE_EQUIVALENT_DAYS',
    confidence: 'R',
  },
  FR: { result: 'agrees', source: 'Code du travail L3133-1', confidence: 'R' },
  GR: { result: 'agrees', source: 'Public-sector holiday list', confidence: 'R' },
  HR: { result: 'agrees', source: 'Zakon o blagdanima (NN 110/2019)', confidence: 'R' },
  HU: {
    result: 'agrees',
    source: 'Munka Törvénykönyve §102(1) (24 December not statutory)',
    confidence: 'S',
  },
  IE: { result: 'agrees', source: 'Organisation of Working Time Act 1997 Sch. 2', confidence: 'R' },
  IS: { result: 'agrees', source: 'Act 88/1971 §6; OJ C 27/05 and C 455/07 (2014)', confidence: 'V' },
  IT: {
    result: 'agrees',
    source: 'L. 260/1949 art 2 as amended; L. 151/2025 (4 October from 2026)',
    confidence: 'V',
  },
  LI: { result: 'corrected', source: 'Arbeitsgesetz Art 18(2)', confidence: 'V' },
  LT: { result: 'agrees', source: 'Labour Code Art 123', confidence: 'R' },
  LU: { result: 'agrees', source: 'Code du travail L.232-2', confidence: 'R' },
  LV: { result: 'agrees', source: 'Law on Public Holidays', confidence: 'R' },
  MT: {
    result: 'agrees',
    source: 'National Holidays and Other Public Holidays Act (Cap. 252)',
    confidence: 'R',
  },
  NL: { result: 'corrected', source: 'Algemene termijnenwet art 3', confidence: 'S' },
  NO: { result: 'agrees', source: 'Helligdagsloven; OJ lists 2014/2015', confidence: 'V' },
  PL: {
    result: 'agrees',
    source: 'Ustawa o dniach wolnych od pracy (24 December from 2025)',
    confidence: 'S',
  },
  PT: { result: 'agrees', source: 'Código do Trabalho art 234', confidence: 'R' },
  RO: { result: 'agrees', source: 'Codul muncii art 139(1)', confidence: 'S' },
  SE: {
    result: 'agrees',
    source: 'Lag (1989:253) om allmänna helgdagar §1; eves: see DEADLINE_EQUIVALENT_DAYS',
    confidence: 'V',
  },
  SI: { result: 'agrees', source: 'Zakon o praznikih in dela prostih dnevih', confidence: 'R' },
  SK: {
    result: 'agrees',
    source: 'Act 241/1993 as amended (2027 unsettled: see UNSETTLED_HOLIDAYS)',
    confidence: 'S',
  },
  'GB-ENG': {
    result: 'agrees',
    source: 'Banking and Financial Dealings Act 1971 Sch. 1 and proclamations',
    confidence: 'S',
  },
  'GB-SCT': {
    result: 'agrees',
    source: 'Banking and Financial Dealings Act 1971 Sch. 1; St Andrew’s Day (Scotland) Act 2007',
    confidence: 'S',
  },
  'GB-NIR': {
    result: 'agrees',
    source: 'Banking and Financial Dealings Act 1971 Sch. 1 and proclamations',
    confidence: 'S',
  },
  CH: { result: 'corrected', source: 'BV Art 110(3); ArG Art 20a; SECO', confidence: 'S' },
};
