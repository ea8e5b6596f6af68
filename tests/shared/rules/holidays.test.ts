import { describe, expect, it } from 'vitest';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../../../shared/reference/eea';
import { toDay } from '../../../shared/rules/calendar';
import {
  addWorkingDays,
  holidayCalendar,
  holidayOn,
  isWorkingDay,
  nonWorkingReason,
  publicHolidays,
} from '../../../shared/rules/holidays';

const YEARS = Array.from({ length: 21 }, (_, i) => 2020 + i);

describe('public holidays offline, 2020–2040', () => {
  it('every EEA country has its public holidays, Christmas Day among them, each year', () => {
    const states = [...EU_MEMBER_STATES, ...EEA_EFTA_STATES];
    expect(states).toHaveLength(30);
    for (const country of states) {
      const calendar = holidayCalendar(country);
      for (const year of YEARS) {
        const days = publicHolidays(calendar, year);
        expect(days.length, `${country} ${year}`).toBeGreaterThanOrEqual(6);
        expect(days.every((d) => d.date.startsWith(`${year}-`))).toBe(true);
        expect(holidayOn(calendar, `${year}-12-25`), `${country} ${year}`).toBeDefined();
      }
    }
  });

  it('England, Scotland and Northern Ireland have their bank holidays each year', () => {
    for (const region of ['ENG', 'SCT', 'NIR']) {
      const calendar = holidayCalendar('GB', region);
      for (const year of YEARS) {
        const days = publicHolidays(calendar, year);
        expect(days.length, `${region} ${year}`).toBeGreaterThanOrEqual(8);
        expect(days.some((d) => d.name.startsWith('Christmas Day'))).toBe(true);
      }
    }
    expect(holidayOn(holidayCalendar('GB', 'SCT'), '2026-11-30')).toMatch(/Andrew/);
    expect(holidayOn(holidayCalendar('GB', 'ENG'), '2026-11-30')).toBeUndefined();
    expect(holidayOn(holidayCalendar('GB', 'NIR'), '2026-03-17')).toMatch(/Patrick/);
  });

  it('England has its eight bank holidays in 2026: Boxing Day falls on a Saturday, so Monday 28 is its substitute', () => {
    const days = publicHolidays(holidayCalendar('GB', 'ENG'), 2026).map((d) => d.date);
    expect(days).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  it('has the state holidays of California, Virginia and Colorado', () => {
    expect(holidayOn(holidayCalendar('US', 'CA'), '2026-03-31')).toMatch(/Chávez/);
    expect(holidayOn(holidayCalendar('US', 'VA'), '2026-03-31')).toBeUndefined();
    expect(holidayOn(holidayCalendar('US', 'CO'), '2026-10-05')).toMatch(/Cabrini/);
    expect(holidayOn(holidayCalendar('US', 'VA'), '2026-11-26')).toMatch(/Thanksgiving/);
  });
});

describe('which days count as public holidays', () => {
  it('counts statutory public holidays only, not bank, optional or observance days', () => {
    // 24 December is a bank day in Germany; Good Friday is a bank day in Ireland; Mother's Day is an observance.
    expect(holidayOn(holidayCalendar('DE'), '2026-12-24')).toBeUndefined();
    expect(holidayOn(holidayCalendar('IE'), '2026-04-03')).toBeUndefined();
    expect(holidayOn(holidayCalendar('DE'), '2026-05-10')).toBeUndefined();
    expect(holidayOn(holidayCalendar('DE'), '2026-04-06')).toBe('Easter Monday');
  });

  it('does not count a part-day holiday (Iceland, Christmas Eve from 13:00)', () => {
    expect(holidayOn(holidayCalendar('IS'), '2026-12-24')).toBeUndefined();
    expect(holidayOn(holidayCalendar('IS'), '2026-12-25')).toBeDefined();
  });

  it('counts each day of a holiday spanning two days (Romania, 1–2 January)', () => {
    expect(holidayOn(holidayCalendar('RO'), '2026-01-01')).toBeDefined();
    expect(holidayOn(holidayCalendar('RO'), '2026-01-02')).toBeDefined();
  });
});

describe('working days', () => {
  it('explains why a day is not a working day', () => {
    const de = holidayCalendar('DE');
    expect(nonWorkingReason(de, toDay('2026-04-05'))).toBe('a Sunday');
    expect(nonWorkingReason(de, toDay('2026-04-06'))).toBe('a public holiday in Germany (Easter Monday)');
    expect(nonWorkingReason(de, toDay('2026-04-07'))).toBeNull();
    expect(isWorkingDay(null, toDay('2026-04-06'))).toBe(true);
  });

  it('counts business days after a date, skipping weekends and holidays', () => {
    const ca = holidayCalendar('US', 'CA');
    const r = addWorkingDays(ca, toDay('2026-01-05'), 10);
    expect(r.day).toBe(toDay('2026-01-20'));
    expect(r.skipped.map((s) => s.name)).toEqual(['Martin Luther King Jr. Day']);
    expect(addWorkingDays(null, toDay('2026-01-09'), 1).day).toBe(toDay('2026-01-12'));
  });
});
