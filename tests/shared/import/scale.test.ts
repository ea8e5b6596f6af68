import { describe, expect, it } from 'vitest';
import { importProfile } from '../../../shared/import/profile';
import { createRowMapper } from '../../../shared/import/row';
import { describeScale, headerScale, judgeScale, onScale, parseScale } from '../../../shared/import/scale';
import { registerByName } from '../../../shared/registers/index';

const profile = importProfile(registerByName('vendors')!);
const risk = profile.byName.get('riskRating')!;

describe('rating scales', () => {
  it('reads the scale a header states, either way up', () => {
    expect(headerScale('Risk (1-5)')).toEqual({ low: 1, high: 5 });
    expect(headerScale('Risk score 1 to 10')).toEqual({ low: 1, high: 10 });
    expect(headerScale('Risk score (0–100)')).toEqual({ low: 0, high: 100 });
    expect(headerScale('Criticité /5')).toEqual({ low: 1, high: 5 });
    expect(headerScale('Risk, out of 10')).toEqual({ low: 1, high: 10 });
    expect(headerScale('Risk (1 = low, 4 = critical)')).toEqual({ low: 1, high: 4 });
    expect(headerScale('Risk (1 = high, 5 = low)')).toEqual({ low: 5, high: 1 });
    expect(headerScale('Risk 1 (highest) - 3 (lowest)')).toEqual({ low: 3, high: 1 });
    expect(headerScale('Risikostufe (1-3, 1 = hoch)')).toEqual({ low: 3, high: 1 });
    expect(headerScale('Risk (1 = Critical, 2 = High, 3 = Medium, 4 = Low)')).toEqual({ low: 4, high: 1 });
    expect(headerScale('Risk tier 1–4 (1 = most critical)')).toEqual({ low: 4, high: 1 });
    expect(headerScale('Risk (high=1, low=5)')).toEqual({ low: 5, high: 1 });
    expect(headerScale('Risk (1 = low to 4 = critical)')).toEqual({ low: 1, high: 4 });
    expect(headerScale('Risk rating')).toBeNull();
    expect(headerScale('Tier 2 risk')).toBeNull();
    // Dates and years are not scales.
    expect(headerScale('Risk rating (as at 31/12/2024)')).toBeNull();
    expect(headerScale('Risk rating FY2024/25')).toBeNull();
    expect(headerScale('Risk (as at 1-12-2024)')).toBeNull();
    expect(headerScale('ISO 27001 risk')).toBeNull();
  });

  it('turns a scale judged from the values round when the header says 1 is the top', () => {
    expect(judgeScale(risk, 'Risk ranking (1 = highest risk)', { min: 1, max: 4 })).toEqual({
      low: 4,
      high: 1,
    });
    expect(judgeScale(risk, 'Risk (5 = lowest)', { min: 1, max: 5 })).toEqual({ low: 5, high: 1 });
    expect(judgeScale(risk, 'Risk (5 = highest)', { min: 1, max: 5 })).toEqual({ low: 1, high: 5 });
  });

  it('judges an unstated scale from the values: the smallest usual one they fit', () => {
    expect(judgeScale(risk, 'Risk', { min: 1, max: 3 })).toEqual({ low: 1, high: 4 });
    expect(judgeScale(risk, 'Risk', { min: 1, max: 5 })).toEqual({ low: 1, high: 5 });
    expect(judgeScale(risk, 'Risk', { min: 2, max: 9 })).toEqual({ low: 1, high: 10 });
    // A 0 does not start the scale (lists write it for "not rated"): it is reported.
    expect(judgeScale(risk, 'Risk', { min: 0, max: 3 })).toEqual({ low: 1, high: 4 });
    expect(judgeScale(risk, 'Risk score', { min: 4, max: 25 })).toEqual({ low: 1, high: 25 });
    expect(judgeScale(risk, 'Risk score', { min: 12, max: 88 })).toEqual({ low: 0, high: 100 });
    expect(judgeScale(risk, 'Risk', { min: 12, max: 88 })).toBeNull();
    expect(judgeScale(risk, 'Risk', null)).toBeNull();
  });

  it('reads a number on a scale: one value per point on a short scale, equal bands on a longer one', () => {
    const at = (low: number, high: number) => (n: number) => onScale(risk, { low, high }, n);
    expect([1, 2, 3].map(at(1, 3))).toEqual(['low', 'medium', 'high']);
    expect([1, 2, 3, 4, 5].map(at(1, 5))).toEqual(['low', 'low', 'medium', 'high', 'critical']);
    expect([1, 2, 3, 4, 5].map(at(5, 1))).toEqual(['critical', 'high', 'medium', 'low', 'low']);
    expect([3, 1].map(at(3, 1))).toEqual(['low', 'high']);
    expect(at(1, 4)(5)).toBeNull();
    expect(at(1, 5)(0)).toBeNull();
    expect(describeScale(risk, { low: 1, high: 10 })).toBe('1–3 Low, 4–5 Medium, 6–7 High, 8–10 Critical');
    expect(describeScale(risk, { low: 0, high: 100 })).toBe(
      '0–25 Low, 26–50 Medium, 51–75 High, 76–100 Critical',
    );
  });

  it('reads a row on the column’s scale, and reports a number off it by row and reason', () => {
    const cols = (scale?: { low: number; high: number }) => [
      { column: 1, header: 'Vendor', field: 'name' },
      { column: 2, header: 'Risk', field: 'riskRating', ...(scale ? { scale } : {}) },
    ];
    const onFive = createRowMapper(profile, cols({ low: 1, high: 5 }), { expandRegions: false });
    expect(onFive(['Acme Ltd', 3]).input.riskRating).toBe('medium');
    expect(onFive(['Acme Ltd', '5']).input.riskRating).toBe('critical');
    expect(onFive(['Acme Ltd', 'High']).input.riskRating).toBe('high');
    const plain = createRowMapper(profile, cols(), { expandRegions: false });
    expect(plain(['Acme Ltd', 3]).input.riskRating).toBe('high');
    const off = plain(['Acme Ltd', 5]);
    expect(off.input.riskRating).toBeUndefined();
    expect(off.issues[0]!.message).toContain('5 is off the 1–4 scale risk rating is read on');
  });

  it('parses the command line’s --scale', () => {
    expect(parseScale('1-5')).toEqual({ low: 1, high: 5 });
    expect(parseScale('5-1')).toEqual({ low: 5, high: 1 });
    expect(parseScale('1 to 10')).toEqual({ low: 1, high: 10 });
    expect(parseScale('3-3')).toBeNull();
    expect(parseScale('high')).toBeNull();
  });

  it('reads a yes or no with words after it, and keeps the words', () => {
    const map = createRowMapper(
      profile,
      [
        { column: 1, header: 'Vendor', field: 'name' },
        { column: 2, header: 'Special category data?', field: 'specialCategoryData' },
      ],
      { expandRegions: false },
    );
    const yes = map(['Acme Ltd', 'Yes - health data']);
    expect(yes.input).toMatchObject({
      specialCategoryData: true,
      notes: 'Special category data? as listed in the file: Yes - health data',
    });
    expect(yes.issues[0]!.message).toContain('has words beside the yes');
    expect(map(['Acme Ltd', 'No (planned for 2026)']).input.specialCategoryData).toBe(false);
    // Not a yes or no at all: reported as before.
    expect(map(['Acme Ltd', 'Maybe - ask IT']).issues[0]!.severity).toBe('error');
    // Placeholders, hyphenated words and two answers are not a yes or no with words.
    for (const cell of ['Yes/No', 'Y/N', 'N/A', 'N/A - SaaS', 'Non-EU', 'Non-standard clause', 'Yes - No'])
      expect(map(['Acme Ltd', cell]).issues[0]!.severity, cell).toBe('error');
  });
});
