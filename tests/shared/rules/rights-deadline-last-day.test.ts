import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { listJurisdictions } from '../../../shared/rules/jurisdiction-list';
import { computeRightsDeadline, type RightsDeadlineInput } from '../../../shared/rules/rights-deadline';

/**
 * Worked cases for the last day of a period outside the EU month rule: each date below was counted by hand from
 * the provision cited beside it, on a 2026 calendar.
 */
const due = (input: Omit<RightsDeadlineInput, 'requestType'> & { requestType?: string }) =>
  computeRightsDeadline({ requestType: 'access', ...input });
const texts = (r: { steps: { text: string; rule: string }[] }) =>
  r.steps.map((s) => `${s.text} (${s.rule})`).join('\n');

describe('Colorado CPA: C.R.S. §2-4-108 with the legal holidays of §24-11-101', () => {
  it('a last day on a Sunday before Washington-Lincoln Day moves to the Tuesday', () => {
    // 1 January + 45 days = Sunday 15 February; Monday 16th is the third Monday of February.
    const r = due({ jurisdiction: 'CPA', receivedOn: '2026-01-01' });
    expect(r.baseDue).toBe('2026-02-17');
    expect(texts(r)).toContain('Washington-Lincoln Day');
    expect(texts(r)).toContain('C.R.S. §2-4-108');
  });

  it('a Saturday Independence Day moves to Monday; the library’s Friday substitute is not a Colorado holiday', () => {
    // 20 May + 45 = Saturday 4 July 2026 → Sunday → Monday 6 July.
    expect(due({ jurisdiction: 'CPA', receivedOn: '2026-05-20' }).baseDue).toBe('2026-07-06');
    // 19 May + 45 = Friday 3 July 2026: a working day in Colorado (§24-11-101(2) moves only Sunday holidays).
    expect(due({ jurisdiction: 'CPA', receivedOn: '2026-05-19' }).baseDue).toBe('2026-07-03');
  });

  it('the extension adds 45 days to the unmoved end and moves again', () => {
    // 1 January + 90 = Thursday 1 April 2026.
    const r = due({ jurisdiction: 'CPA', receivedOn: '2026-01-01', extended: true });
    expect(r.extendedDue).toBe('2026-04-01');
  });
});

describe('Canada PIPEDA: Interpretation Act ss.26, 27(5), 35(1)', () => {
  it('a Saturday is not a holiday: the date stands, and the trace says so', () => {
    // 1 January + 30 = Saturday 31 January 2026.
    const r = due({ jurisdiction: 'PIPEDA', receivedOn: '2026-01-01' });
    expect(r.baseDue).toBe('2026-01-31');
    expect(texts(r)).toContain('is a Saturday, which this rule does not move');
  });

  it('a Sunday moves to Monday; Victoria Day moves to Tuesday', () => {
    expect(due({ jurisdiction: 'PIPEDA', receivedOn: '2026-01-02' }).baseDue).toBe('2026-02-02');
    // 18 April + 30 = Monday 18 May 2026, Victoria Day (s.35(1)).
    const r = due({ jurisdiction: 'PIPEDA', receivedOn: '2026-04-18' });
    expect(r.baseDue).toBe('2026-05-19');
    expect(texts(r)).toContain('Victoria Day');
  });

  it("a province's holiday counts when the province is given (s.35(1)(a))", () => {
    // 17 January + 30 = Monday 16 February 2026: Family Day in Ontario, not a federal holiday.
    expect(due({ jurisdiction: 'PIPEDA', receivedOn: '2026-01-17' }).baseDue).toBe('2026-02-16');
    expect(due({ jurisdiction: 'PIPEDA', receivedOn: '2026-01-17', region: 'ON' }).baseDue).toBe(
      '2026-02-17',
    );
  });

  it('an unknown province is refused, naming the field and the known ones', () => {
    try {
      due({ jurisdiction: 'PIPEDA', receivedOn: '2026-01-17', region: 'XX' });
      expect.fail('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toEqual([expect.objectContaining({ path: 'region' })]);
      expect((e as AppError).message).toMatch(/province "XX".*ON/);
    }
  });
});

describe('Brazil LGPD: Código Civil art 132 §1; small processing agents (Res. CD/ANPD 2/2022)', () => {
  it('Tiradentes moves the last day; a Sunday moves it', () => {
    // 6 April + 15 = Tuesday 21 April 2026 (Tiradentes) → Wednesday 22 April.
    expect(due({ jurisdiction: 'LGPD', receivedOn: '2026-04-06' }).baseDue).toBe('2026-04-22');
    // 7 March + 15 = Sunday 22 March → Monday 23 March.
    expect(due({ jurisdiction: 'LGPD', receivedOn: '2026-03-07' }).baseDue).toBe('2026-03-23');
  });

  it('a Saturday is contested: the date stands by default, the trace gives the later reading, and the setting uses it', () => {
    // 6 March + 15 = Saturday 21 March 2026.
    const cautious = due({ jurisdiction: 'LGPD', receivedOn: '2026-03-06' });
    expect(cautious.baseDue).toBe('2026-03-21');
    expect(cautious.contested).toEqual({
      reading: 'cautious',
      other: { reading: 'later', baseDue: '2026-03-23', extendedDue: null },
    });
    expect(texts(cautious)).toMatch(/Contested reading.*later reading gives Monday 23 March 2026/s);
    const later = due({ jurisdiction: 'LGPD', receivedOn: '2026-03-06', readings: 'later' });
    expect(later.baseDue).toBe('2026-03-23');
    expect(later.contested?.other.baseDue).toBe('2026-03-21');
  });

  it('no contested step when both readings give the same date', () => {
    const r = due({ jurisdiction: 'LGPD', receivedOn: '2026-03-02' });
    expect(r.baseDue).toBe('2026-03-17');
    expect(r.contested).toBeNull();
    expect(texts(r)).not.toContain('Contested reading');
  });

  it('a small processing agent has 30 days for the full statement (art 14 III) and 15 for confirmation (art 15)', () => {
    const access = due({ jurisdiction: 'LGPD', receivedOn: '2026-03-02', smallProcessingAgent: true });
    // 2 March + 30 = Wednesday 1 April 2026.
    expect(access.baseDue).toBe('2026-04-01');
    expect(texts(access)).toContain('Res. CD/ANPD 2/2022 art 14 III');
    expect(texts(access)).toContain('high-risk processing');
    const confirm = due({
      jurisdiction: 'LGPD',
      requestType: 'confirmation',
      receivedOn: '2026-03-02',
      smallProcessingAgent: true,
    });
    expect(confirm.baseDue).toBe('2026-03-17');
    expect(due({ jurisdiction: 'LGPD', requestType: 'confirmation', receivedOn: '2026-03-02' }).baseDue).toBe(
      '2026-03-02',
    );
    // The setting changes nothing outside Brazil.
    expect(
      due({ jurisdiction: 'PIPEDA', receivedOn: '2026-03-02', smallProcessingAgent: true }).baseDue,
    ).toBe(due({ jurisdiction: 'PIPEDA', receivedOn: '2026-03-02' }).baseDue);
  });
});

describe('Switzerland FADP: CO arts 77–78 and the Saturday act, by analogy [R]', () => {
  it('a Saturday moves to Monday, and the roll is marked unverified', () => {
    // 5 February + 30 = Saturday 7 March 2026 → Monday 9 March.
    const r = due({ jurisdiction: 'FADP', receivedOn: '2026-02-05' });
    expect(r.baseDue).toBe('2026-03-09');
    const step = r.steps.find((s) => s.text.includes('is a Saturday'));
    expect(step?.confidence).toBe('R');
  });

  it('Good Friday counts only with a canton that keeps it; Ascension counts everywhere', () => {
    // 4 March + 30 = Friday 3 April 2026 (Good Friday).
    expect(due({ jurisdiction: 'FADP', receivedOn: '2026-03-04' }).baseDue).toBe('2026-04-03');
    // In Zurich: Good Friday, weekend, Easter Monday → Tuesday 7 April.
    expect(due({ jurisdiction: 'FADP', receivedOn: '2026-03-04', region: 'ZH' }).baseDue).toBe('2026-04-07');
    // 14 April + 30 = Thursday 14 May 2026 (Ascension) → Friday 15 May.
    expect(due({ jurisdiction: 'FADP', receivedOn: '2026-04-14' }).baseDue).toBe('2026-05-15');
  });
});

describe('Virginia VCDPA: no rule moves the last day (Va. Code §1-210)', () => {
  it('a Sunday last day stands, and the trace says why', () => {
    // 1 January + 45 = Sunday 15 February 2026.
    const r = due({ jurisdiction: 'VCDPA', receivedOn: '2026-01-01' });
    expect(r.baseDue).toBe('2026-02-15');
    expect(texts(r)).toContain('§1-210');
    expect(r.contested).toBeNull();
  });
});

describe('California CCPA: the first day and the last day are contested', () => {
  it('cautious: receipt is day 1 and a Saturday stands; the later reading (CCP §§12, 12a) is named', () => {
    // Day 1 = 1 January → day 45 = Saturday 14 February 2026.
    const r = due({ jurisdiction: 'CCPA', requestType: 'know', receivedOn: '2026-01-01' });
    expect(r.baseDue).toBe('2026-02-14');
    // Later: 1 January + 45 = Sunday 15 February; Monday 16th is Presidents' Day → Tuesday 17 February.
    // Extended: 90 days. Cautious: Tuesday 31 March (César Chávez Day stands); later: Wednesday 1 April.
    expect(r.extendedDue).toBe('2026-03-31');
    expect(r.contested).toEqual({
      reading: 'cautious',
      other: { reading: 'later', baseDue: '2026-02-17', extendedDue: '2026-04-01' },
    });
    expect(texts(r)).toContain('11 CCR §7021(b)');
    const later = due({
      jurisdiction: 'CCPA',
      requestType: 'know',
      receivedOn: '2026-01-01',
      readings: 'later',
    });
    expect(later.baseDue).toBe('2026-02-17');
    expect(later.extendedDue).toBe('2026-04-01');
  });

  it('business-day periods are not contested', () => {
    const r = due({ jurisdiction: 'CCPA', requestType: 'opt-out', receivedOn: '2026-01-01' });
    expect(r.contested).toBeNull();
  });
});

describe('GDPR: days a national deadline law treats like holidays (contested under Reg. 1182/71 Art 2(1))', () => {
  it('Sweden: midsummer eve does not move the date by default; the later reading does', () => {
    // 19 May + 1 month = Friday 19 June 2026, midsommarafton.
    const r = due({ jurisdiction: 'GDPR', country: 'SE', receivedOn: '2026-05-19' });
    expect(r.baseDue).toBe('2026-06-19');
    expect(r.contested?.other.baseDue).toBe('2026-06-22');
    expect(texts(r)).toContain('Lag (1930:173)');
    const later = due({ jurisdiction: 'GDPR', country: 'SE', receivedOn: '2026-05-19', readings: 'later' });
    expect(later.baseDue).toBe('2026-06-22');
    expect(texts(later)).toMatch(/midsommarafton, which SE Lag \(1930:173\).*§2 treats like a holiday/);
  });

  it('Finland: Christmas Eve; the Netherlands: Good Friday', () => {
    // 24 November + 1 month = Thursday 24 December 2026 → later: 25, 26 holidays, 27 Sunday → Monday 28.
    expect(
      due({ jurisdiction: 'GDPR', country: 'FI', receivedOn: '2026-11-24' }).contested?.other.baseDue,
    ).toBe('2026-12-28');
    // 3 March + 1 month = Friday 3 April 2026 (Goede Vrijdag) → later: Easter Monday → Tuesday 7 April.
    const nl = due({ jurisdiction: 'GDPR', country: 'NL', receivedOn: '2026-03-03' });
    expect(nl.baseDue).toBe('2026-04-03');
    expect(nl.contested?.other.baseDue).toBe('2026-04-07');
  });

  it('Germany has no such days: nothing is contested', () => {
    const r = due({ jurisdiction: 'GDPR', country: 'DE', receivedOn: '2026-11-24' });
    expect(r.contested).toBeNull();
  });

  it("corrected holidays move GDPR dates: Liechtenstein's 15 August, Bulgaria's day in lieu", () => {
    // 15 July + 1 month = Friday 15 August 2025, Staatsfeiertag (Arbeitsgesetz Art 18(2)) → Monday 18 August.
    expect(due({ jurisdiction: 'GDPR', country: 'LI', receivedOn: '2025-07-15' }).baseDue).toBe('2025-08-18');
    // 28 November + 1 month = Monday 28 December 2026, the day in lieu of 26 December (Art 154(2)) → 29th.
    expect(due({ jurisdiction: 'GDPR', country: 'BG', receivedOn: '2026-11-28' }).baseDue).toBe('2026-12-29');
  });
});

describe('dpo jurisdictions: whether and why a last day rolls', () => {
  it('every jurisdiction says whether its last day rolls, past which days, and the rule', () => {
    const list = listJurisdictions();
    const byCode = Object.fromEntries(list.map((j) => [j.code, j.lastDay]));
    for (const j of list) {
      expect(j.lastDay.why.length, j.code).toBeGreaterThan(20);
      expect(j.lastDay.rule.length, j.code).toBeGreaterThan(3);
    }
    expect(byCode.GDPR?.rolls).toBe(true);
    expect(byCode.GDPR?.contested?.laterReading).toContain('national deadline law');
    expect(byCode.CPA).toMatchObject({ rolls: true, confidence: 'R' });
    expect(byCode.PIPEDA).toMatchObject({ rolls: true, confidence: 'V' });
    expect(byCode.PIPEDA?.past).toContain('not Saturdays');
    expect(byCode.LGPD?.rolls).toBe(true);
    expect(byCode.FADP).toMatchObject({ rolls: true, confidence: 'R' });
    expect(byCode.VCDPA).toMatchObject({ rolls: false });
    expect(byCode.VCDPA?.why).toContain('government office');
    expect(byCode.CCPA?.rolls).toBe(false);
    expect(byCode.CCPA?.contested?.laterReading).toContain('day of receipt not counted');
    const lgpd = list.find((j) => j.code === 'LGPD');
    expect(lgpd?.requestTypes.find((t) => t.type === 'access')?.smallAgentPeriod).toContain(
      '30 calendar days',
    );
  });
});
