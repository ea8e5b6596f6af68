import { createHash } from 'node:crypto';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../../../shared/reference/eea';
import {
  DEADLINE_EQUIVALENT_DAYS,
  HOLIDAY_CORRECTIONS,
  HOLIDAY_REVIEW,
  UNSETTLED_HOLIDAYS,
} from '../../../shared/reference/holiday-corrections';
const CONFIDENCE_LEVELS = ['V', 'S', 'R'];
import { fromDay, toDay, weekdayOf } from '../../../shared/rules/calendar';
import {
  daysOfRule,
  deadlineEquivalentOn,
  holidayCalendar,
  holidayOn,
  publicHolidays,
} from '../../../shared/rules/holidays';

const YEARS = [2025, 2026, 2027];

/** What date-holidays itself says of each day of a calendar (type per YYYY-MM-DD, whole days from midnight). */
function libraryTypes(
  country: string,
  region: string | null,
  year: number,
): Map<string, { type: string; substitute: boolean }> {
  const source = region ? new Holidays(country, region) : new Holidays(country);
  const types = new Map<string, { type: string; substitute: boolean }>();
  for (const h of source.getHolidays(year, 'en')) {
    const date = h.date.slice(0, 10);
    const prior = types.get(date);
    // A public entry wins over another entry on the same day (the engine counts any whole-day public entry).
    if (!prior || h.type === 'public') {
      types.set(date, { type: h.type, substitute: (h as { substitute?: boolean }).substitute === true });
    }
  }
  return types;
}

/**
 * The calendars the rules engine uses, and a fingerprint of what date-holidays says of each for 2025–2027 (every
 * entry: date, type and start time). When the library's data changes, a fingerprint changes: review the
 * corrections in shared/reference/holiday-corrections.ts against the new data, then update the fingerprint.
 */
const CALENDARS: [string, string | null][] = [
  ...[...EU_MEMBER_STATES, ...EEA_EFTA_STATES].map((c): [string, null] => [c, null]),
  ['GB', 'ENG'],
  ['GB', 'SCT'],
  ['GB', 'NIR'],
  ['CH', null],
  ['US', 'CA'],
  ['US', 'VA'],
  ['US', 'CO'],
  ['CA', null],
  ['BR', null],
];

function fingerprint(country: string, region: string | null): string {
  const source = region ? new Holidays(country, region) : new Holidays(country);
  const lines = YEARS.flatMap((y) => source.getHolidays(y, 'en').map((h) => `${h.date}|${h.type}`));
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 12);
}

const FINGERPRINTS: Record<string, string> = {
  AT: '258610a13a9c',
  BE: '56660b9b2a81',
  BG: 'cfa14744c8ba',
  BR: '0ad66a32b6f0',
  CA: 'b65ba024f2cb',
  CH: 'f1d34d4870ec',
  CY: '506dab76a209',
  CZ: '6967310b467f',
  DE: 'd37bce2fc501',
  DK: 'bf6c60051d0d',
  EE: '1841e3c3f074',
  ES: '3172ad91d93d',
  FI: '8ba73f37f36a',
  FR: '4c62044da6a3',
  'GB-ENG': '80a6fcf8a565',
  'GB-NIR': 'c841b27ab813',
  'GB-SCT': 'a61dd983982f',
  GR: '3b3d4f56763e',
  HR: 'fdc7084763f5',
  HU: 'ea726e0e40cc',
  IE: '40f7c5965508',
  IS: 'bd953b0a3152',
  IT: '3a987fdafddb',
  LI: '7b466f9cb3bc',
  LT: '3a1208e5f206',
  LU: '4bf885a66d3a',
  LV: 'fd7f2da9cb67',
  MT: '0f8d2802b7ae',
  NL: 'a2be17812de2',
  NO: '25e70f8452de',
  PL: '1f4370704033',
  PT: '064f93ce46fc',
  RO: '407790202979',
  SE: 'ec79a6cc2b0f',
  SI: 'b7f935d2adce',
  SK: 'b918a20b9f67',
  'US-CA': 'a681d3e4a859',
  'US-CO': '91ab1803f0fa',
  'US-VA': 'c07736b8fe04',
};

describe('holiday corrections: the reviewed table against date-holidays', () => {
  it("each correction still describes the library's data (libraryType), 2025–2027", () => {
    for (const c of HOLIDAY_CORRECTIONS) {
      const region = c.region === '*' ? null : c.region;
      for (const year of YEARS) {
        const types = libraryTypes(c.country, region, year);
        const rule = c.rule;
        if ('librarySubstituteOn' in rule) continue;
        for (const day of daysOfRule(rule, year)) {
          const said = types.get(fromDay(day))?.type ?? 'absent';
          expect(said, `${c.country} ${c.name} ${fromDay(day)}`).toBe(c.libraryType);
        }
      }
    }
    // The Colorado rule removes the library's Friday substitutes: there is one to remove (3 July 2026).
    const co = libraryTypes('US', 'CO', 2026).get('2026-07-03');
    expect(co).toEqual({ type: 'public', substitute: true });
  });

  it("the library's data for every calendar the engine uses is the data the table was reviewed against", () => {
    const now = Object.fromEntries(CALENDARS.map(([c, r]) => [r ? `${c}-${r}` : c, fingerprint(c, r)]));
    expect(now).toEqual(FINGERPRINTS);
  });

  it('every correction and listed day carries a source and a confidence mark', () => {
    for (const fact of [...HOLIDAY_CORRECTIONS, ...UNSETTLED_HOLIDAYS, ...DEADLINE_EQUIVALENT_DAYS]) {
      expect(fact.source.length, JSON.stringify(fact)).toBeGreaterThan(5);
      expect(CONFIDENCE_LEVELS).toContain(fact.confidence);
    }
    // Only corrections at least [S] are applied, unless they remove a day (which can only make a date earlier).
    for (const c of HOLIDAY_CORRECTIONS) {
      if (c.correct === 'public') expect(['V', 'S'], c.name).toContain(c.confidence);
    }
  });
});

describe('holiday corrections applied (worked from the statutes)', () => {
  const on = (country: string, date: string, region: string | null = null) =>
    holidayOn(holidayCalendar(country, region), date);

  it('Liechtenstein: 15 August and 1 November count (Arbeitsgesetz Art 18(2)); Good Friday and bridge Fridays do not', () => {
    expect(on('LI', '2025-08-15')).toMatch(/Himmelfahrt/);
    expect(on('LI', '2027-11-01')).toMatch(/Allerheiligen/);
    expect(on('LI', '2025-04-18')).toBeUndefined(); // Good Friday
    expect(on('LI', '2025-05-30')).toBeUndefined(); // Friday after Ascension (29 May)
    expect(on('LI', '2026-06-05')).toBeUndefined(); // Friday after Corpus Christi (4 June)
    expect(on('LI', '2026-06-04')).toMatch(/Corpus/);
  });

  it('Cyprus: Clean Monday is the Monday 48 days before Orthodox Easter, and Kataklysmos counts', () => {
    // Orthodox Easter 2026 is 12 April: Clean Monday 23 February, Kataklysmos 1 June.
    expect(on('CY', '2026-02-23')).toMatch(/Clean Monday/);
    expect(on('CY', '2026-02-24')).toBeUndefined();
    expect(on('CY', '2026-06-01')).toMatch(/Kataklysmos/);
    expect(on('CY', '2027-03-15')).toMatch(/Clean Monday/);
  });

  it('Bulgaria: 26 December, and a day in lieu for each weekend holiday (Labour Code Art 154)', () => {
    expect(on('BG', '2025-12-26')).toBeDefined();
    const lieu = (year: number) =>
      publicHolidays(holidayCalendar('BG'), year)
        .filter((h) => /in lieu/.test(h.name))
        .map((h) => h.date);
    expect(lieu(2025)).toEqual(['2025-05-26', '2025-09-08']);
    expect(lieu(2026)).toEqual(['2026-05-25', '2026-09-07', '2026-12-28']);
    // 1 May 2027 is a Saturday; 2–3 May are Orthodox Easter Sunday and Monday, so the day off is Tuesday 4 May.
    expect(lieu(2027)).toEqual(['2027-05-04', '2027-12-27', '2027-12-28']);
  });

  it('the Netherlands: 5 May every year (Algemene termijnenwet art 3(1))', () => {
    for (const y of YEARS) expect(on('NL', `${y}-05-05`)).toBeDefined();
  });

  it('Switzerland without a canton: only days every canton keeps; a canton brings its own', () => {
    expect(on('CH', '2025-08-01')).toBeDefined();
    expect(on('CH', '2025-05-29')).toBeDefined(); // Ascension: every canton
    expect(on('CH', '2025-04-18')).toBeUndefined(); // Good Friday: not in Valais or Ticino
    expect(on('CH', '2025-12-26')).toBeUndefined(); // not in Valais
    expect(on('CH', '2025-04-18', 'ZH')).toBeDefined(); // Zurich keeps Good Friday
  });

  it('Canada: the holidays of Interpretation Act s.35(1), in every province', () => {
    for (const region of [null, 'ON', 'QC']) {
      expect(on('CA', '2026-05-18', region)).toBeDefined(); // Victoria Day
      expect(on('CA', '2026-10-12', region)).toBeDefined(); // Thanksgiving
      expect(on('CA', '2026-11-11', region)).toBeDefined(); // Remembrance Day
      expect(on('CA', '2026-04-06', region)).toBeDefined(); // Easter Monday
    }
    expect(on('CA', '2020-09-30')).toBeUndefined(); // before S.C. 2021, c. 11
    expect(on('CA', '2026-09-30')).toBeDefined();
  });

  it('Colorado: a Sunday holiday moves to Monday, a Saturday one does not move (C.R.S. §24-11-101)', () => {
    expect(on('US', '2026-07-03', 'CO')).toBeUndefined();
    expect(on('US', '2027-07-05', 'CO')).toMatch(/Independence/);
  });

  it('Brazil: Good Friday is not a national holiday (Lei 662/1949 as amended)', () => {
    expect(on('BR', '2026-04-03')).toBeUndefined();
    expect(on('BR', '2026-04-21')).toMatch(/Tiradentes/);
  });

  it("a country's deadline-equivalent days are found by rule (Sweden's eves, the Netherlands' equated days)", () => {
    expect(deadlineEquivalentOn('SE', toDay('2026-06-19'))?.name).toBe('midsommarafton');
    expect(deadlineEquivalentOn('SE', toDay('2026-12-31'))?.name).toBe('nyårsafton');
    expect(deadlineEquivalentOn('FI', toDay('2026-12-31'))).toBeUndefined();
    expect(deadlineEquivalentOn('FI', toDay('2026-06-19'))?.name).toBe('juhannusaatto');
    expect(deadlineEquivalentOn('NL', toDay('2026-04-03'))?.name).toBe('Goede Vrijdag');
    expect(deadlineEquivalentOn('NL', toDay('2026-05-15'))).toBeDefined();
    expect(deadlineEquivalentOn('DE', toDay('2026-12-24'))).toBeUndefined();
    expect(weekdayOf(toDay('2026-06-19'))).toBe(5);
  });
});

describe('the review of every calendar', () => {
  it('covers the 30 EEA states, England, Scotland, Northern Ireland and Switzerland, with a mark each', () => {
    const expected = [...EU_MEMBER_STATES, ...EEA_EFTA_STATES, 'GB-ENG', 'GB-SCT', 'GB-NIR', 'CH'].sort();
    expect(Object.keys(HOLIDAY_REVIEW).sort()).toEqual(expected);
    // A calendar marked corrected has corrections, and one with corrections is marked corrected.
    const corrected = new Set(HOLIDAY_CORRECTIONS.map((c) => c.country));
    for (const [code, review] of Object.entries(HOLIDAY_REVIEW)) {
      expect(review.result === 'corrected', code).toBe(corrected.has(code));
    }
  });
});
