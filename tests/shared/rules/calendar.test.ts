import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  fromDay,
  longDate,
  orthodoxEaster,
  toDay,
  weekdayOf,
  westernEaster,
  yearOfDay,
} from '../../../shared/rules/calendar';

describe('calendar dates', () => {
  it('adds months the Reg. 1182/71 way: the same date, else the last day of the month', () => {
    expect(addMonths('2024-03-05', 1)).toBe('2024-04-05');
    expect(addMonths('2024-08-31', 1)).toBe('2024-09-30');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 3)).toBe('2025-04-30');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });

  it('knows leap years and weekdays', () => {
    expect(() => toDay('2100-02-29')).toThrow(/not a date/);
    expect(toDay('2000-02-29')).toBe(toDay('2000-02-28') + 1);
    expect(weekdayOf(toDay('2026-04-05'))).toBe(0);
    expect(longDate(toDay('2026-04-05'))).toBe('Sunday 5 April 2026');
    expect(daysBetween('2024-12-31', '2025-03-01')).toBe(60);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('rejects malformed dates with the field named', () => {
    expect(() => toDay('2026-13-01', 'receivedOn')).toThrow(/receivedOn/);
    expect(() => toDay('5 March 2026')).toThrow(/YYYY-MM-DD/);
  });

  it('agrees with the UTC Date of the platform for any day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84000 }), (n) => {
        const js = new Date(n * 86_400_000);
        expect(fromDay(n)).toBe(js.toISOString().slice(0, 10));
        expect(toDay(fromDay(n))).toBe(n);
        expect(weekdayOf(n)).toBe(js.getUTCDay());
        expect(yearOfDay(n)).toBe(js.getUTCFullYear());
      }),
    );
  });

  it('adding a month never goes back and never skips a month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: 1, max: 24 }), (n, months) => {
        const from = fromDay(n);
        const to = addMonths(from, months);
        expect(to > from).toBe(true);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        expect(monthIndex(to) - monthIndex(from)).toBe(months);
      }),
    );
  });
});

describe('Easter Sunday, Western and Orthodox', () => {
  it('matches the published dates', () => {
    const western = {
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
    };
    const orthodox = {
      2019: '2019-04-28',
      2024: '2024-05-05',
      2025: '2025-04-20',
      2026: '2026-04-12',
      2027: '2027-05-02',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(western))
      expect(fromDay(westernEaster(Number(year)))).toBe(date);
    for (const [year, date] of Object.entries(orthodox))
      expect(fromDay(orthodoxEaster(Number(year)))).toBe(date);
  });
});
