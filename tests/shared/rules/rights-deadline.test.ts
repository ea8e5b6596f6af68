import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { JURISDICTIONS } from '../../../shared/reference/jurisdictions';
import { computeRightsDeadline, type RightsDeadlineInput } from '../../../shared/rules/rights-deadline';

const gdpr = (receivedOn: string, extra: Partial<RightsDeadlineInput> = {}) =>
  computeRightsDeadline({ jurisdiction: 'GDPR', country: 'DE', requestType: 'access', receivedOn, ...extra });
const uk = (receivedOn: string, extra: Partial<RightsDeadlineInput> = {}) =>
  computeRightsDeadline({ jurisdiction: 'UK-GDPR', requestType: 'access', receivedOn, ...extra });

const texts = (r: { steps: { text: string }[] }) => r.steps.map((s) => s.text).join('\n');

describe('EDPB Guidelines 01/2022 worked examples (GDPR)', () => {
  it('Example 32: received 5 March, due 5 April (2024: a Friday)', () => {
    const r = gdpr('2024-03-05');
    expect(r.start).toBe('2024-03-05');
    expect(r.due).toBe('2024-04-05');
    expect(r.baseDue).toBe('2024-04-05');
  });

  it('Example 32 in 2026: 5 April is a Sunday and 6 April Easter Monday in Germany, so due 7 April', () => {
    const r = gdpr('2026-03-05');
    expect(r.due).toBe('2026-04-07');
    const t = texts(r);
    expect(t).toContain('Sunday 5 April 2026 is a Sunday');
    expect(t).toContain('Monday 6 April 2026 is a public holiday in Germany (Easter Monday)');
    expect(r.steps.map((s) => s.date)).toEqual(
      expect.arrayContaining(['2026-03-05', '2026-04-05', '2026-04-06', '2026-04-07']),
    );
  });

  it('Example 33: received 31 August, due 30 September, the last day of the month (2024)', () => {
    const r = gdpr('2024-08-31');
    expect(r.due).toBe('2024-09-30');
    expect(texts(r)).toContain('September 2024 has no day 31');
  });

  it('Example 33 in 2023: 30 September is a Saturday, so due Monday 2 October', () => {
    expect(gdpr('2023-08-31').due).toBe('2023-10-02');
  });

  it('uses the holidays of the member state given: 8 May is a holiday in France, not in Germany', () => {
    expect(gdpr('2026-04-08', { country: 'FR' }).due).toBe('2026-05-11');
    expect(gdpr('2026-04-08', { country: 'DE' }).due).toBe('2026-05-08');
  });

  it('uses a region calendar when given (Epiphany in Bavaria, not in Germany as a whole)', () => {
    expect(gdpr('2025-12-06').due).toBe('2026-01-06');
    expect(gdpr('2025-12-06', { region: 'BY' }).due).toBe('2026-01-07');
  });

  it('cites the rules and marks the secondary-source facts [S]', () => {
    const r = gdpr('2026-03-05');
    const rules = r.steps.map((s) => s.rule);
    expect(rules).toContain('GDPR Art 12(3); Reg. 1182/71 Art 3(1), 3(2)(c)');
    expect(rules.some((x) => x.startsWith('Reg. 1182/71 Art 3(4)'))).toBe(true);
    expect(rules).toContain('EDPB Guidelines 01/2022 §159 [S]');
    expect(r.steps.find((s) => s.rule.endsWith('[S]'))?.confidence).toBe('S');
  });

  it('says that no acknowledgement is legally required', () => {
    const r = gdpr('2026-03-05');
    expect(r.ackDue).toBeNull();
    expect(texts(r)).toContain('No acknowledgement is legally required');
  });
});

describe('ICO worked examples (UK GDPR)', () => {
  it('received 3 September, due 3 October', () => {
    expect(uk('2024-09-03').due).toBe('2024-10-03');
  });

  it('received 25 November: 25 and 26 December are bank holidays, so due 27 December', () => {
    const r = uk('2024-11-25');
    expect(r.due).toBe('2024-12-27');
    expect(texts(r)).toContain('Christmas Day');
    expect(texts(r)).toContain('Boxing Day');
  });

  it('received 31 March: April has no 31st, so due 30 April', () => {
    expect(uk('2024-03-31').due).toBe('2024-04-30');
  });

  it('the month starts on the day of receipt even when it is a weekend (received Sunday 3 March 2024)', () => {
    expect(uk('2024-03-03').due).toBe('2024-04-03');
  });

  it('uses the bank holidays of the region: St Andrew’s Day in Scotland, the Twelfth in Northern Ireland', () => {
    expect(uk('2026-10-30').due).toBe('2026-11-30');
    expect(uk('2026-10-30', { region: 'sct' }).due).toBe('2026-12-01');
    expect(uk('2026-06-13', { region: 'eng' }).due).toBe('2026-07-13');
    expect(uk('2026-06-13', { region: 'nir' }).due).toBe('2026-07-14');
  });
});

describe('extension', () => {
  it('31 January: three months from receipt gives 30 April; (receipt + 1 month) + 2 months gives 28 April', () => {
    const fromReceipt = uk('2025-01-31', { extended: true });
    const fromBase = uk('2025-01-31', { extended: true, extensionMethod: 'from-base-deadline' });
    expect(fromReceipt.extendedDue).toBe('2025-04-30');
    expect(fromBase.extendedDue).toBe('2025-04-28');
    expect(fromReceipt.due).toBe('2025-04-30');
    expect(fromBase.due).toBe('2025-04-28');
    expect(fromReceipt.baseDue).toBe('2025-02-28');
  });

  // Issue 8, point 9: a contested reading keeps the cautious date and says what the other reading gives.
  it('takes the cautious (earlier) GDPR date unless the organisation chose a reading, and says what the others give', () => {
    const r = gdpr('2025-01-31', { extended: true });
    // 31 January + 1 month = 28 February; + 2 months = 28 April. From receipt: + 3 months = 30 April.
    expect(r.extendedDue).toBe('2025-04-28');
    expect(texts(r)).toContain('Contested reading: EU texts do not settle');
    expect(texts(r)).toContain('counted as 3 months from receipt it ends on Wednesday 30 April 2025');
    expect(gdpr('2025-01-31', { extended: true, extensionMethod: 'from-receipt' }).extendedDue).toBe(
      '2025-04-30',
    );
    // UK GDPR: the ICO counts three months from receipt, so that is the default there.
    expect(uk('2025-01-31', { extended: true }).extendedDue).toBe('2025-04-30');
  });

  it('names the reading that counts from the first period as moved off a weekend or holiday', () => {
    // 5 March 2026 + 1 month = Sunday 5 April (Easter), moved past Easter Monday to Tuesday 7 April in Germany.
    // Unrolled + 2 months = Friday 5 June; from the moved date: Sunday 7 June → Monday 8 June.
    const r = gdpr('2026-03-05', { extended: true });
    expect(r.extendedDue).toBe('2026-06-05');
    expect(texts(r)).toContain(
      'counted from the first period as moved to Tuesday 7 April 2026 it ends on Monday 8 June 2026',
    );
  });

  it('shows the possible extended date without changing the due date when not extended', () => {
    const r = gdpr('2024-03-05');
    expect(r.extendedDue).toBe('2024-06-05');
    expect(r.due).toBe('2024-04-05');
    expect(r.legalDue).toBe('2024-04-05');
  });

  it('puts the extension notice at the base deadline', () => {
    const r = gdpr('2026-03-05', { extended: true });
    expect(r.extensionNoticeDue).toBe('2026-04-07');
    expect(r.legalDue).toBe(r.extendedDue);
  });

  it('rolls the extended date too: 3 months from 5 January 2025 is Saturday 5 April, so Monday 7 April', () => {
    expect(gdpr('2025-01-05', { extended: true }).extendedDue).toBe('2025-04-07');
  });
});

describe('UK: start at the latest of request, identity and fee (Art 12A) and clarification pauses', () => {
  it('starts when the identity evidence arrives, after the fee', () => {
    const r = uk('2026-03-02', { identityReceivedOn: '2026-03-10', feeReceivedOn: '2026-03-05' });
    expect(r.start).toBe('2026-03-10');
    expect(r.due).toBe('2026-04-10');
    expect(r.steps.some((s) => s.rule.startsWith('Art 12A UK GDPR') && s.rule.endsWith('[S]'))).toBe(true);
  });

  it('starts when the fee arrives last', () => {
    expect(uk('2026-03-02', { identityReceivedOn: '2026-03-03', feeReceivedOn: '2026-03-09' }).start).toBe(
      '2026-03-09',
    );
  });

  it('before Art 12A cites the ICO rule instead', () => {
    const r = uk('2025-03-03', { identityReceivedOn: '2025-03-07' });
    expect(r.start).toBe('2025-03-07');
    expect(r.steps.some((s) => s.rule === 'ICO time limits page' && s.text.includes('ID'))).toBe(true);
  });

  // Art 12A UK GDPR excludes the period "beginning with the day on which the controller makes the request and
  // ending with the day on which the controller receives the information": both days (issue 8, point 2).
  it('a clarification pause moves the end by the days paused, first and last day included', () => {
    const r = uk('2026-03-02', { pauses: [{ from: '2026-03-05', to: '2026-03-12' }] });
    // 2 March + 1 month = Thu 2 April; 5..12 March is 8 days excluded → Fri 10 April.
    expect(r.pausedDays).toBe(8);
    expect(r.due).toBe('2026-04-10');
    expect(texts(r)).toContain('both days excluded, so the period ends 8 day(s) later');
  });

  it('a pause that starts and ends on the same day still excludes that day', () => {
    const r = uk('2026-03-02', { pauses: [{ from: '2026-03-05', to: '2026-03-05' }] });
    // Thu 2 April + 1 day = Good Friday 3 April; Sat, Sun, Easter Monday 6 April → Tue 7 April 2026 (England).
    expect(r.pausedDays).toBe(1);
    expect(r.due).toBe('2026-04-07');
  });

  it('merges overlapping pauses and ignores a pause that began after the period ended', () => {
    const r = uk('2026-03-02', {
      pauses: [
        { from: '2026-03-05', to: '2026-03-10' },
        { from: '2026-03-08', to: '2026-03-12' },
        { from: '2026-05-01', to: '2026-05-05' },
      ],
    });
    // 5..10 and 8..12 March are one pause, 5..12 March: 8 days with both ends.
    expect(r.pausedDays).toBe(8);
    expect(texts(r)).toContain('began after the period ended');
  });
});

describe('GDPR: identity suspension as a pause (EDPB §159)', () => {
  it('applies the pause and says the GDPR has no express basis for it', () => {
    const r = gdpr('2024-03-05', { pauses: [{ from: '2024-03-06', to: '2024-03-11' }] });
    expect(r.due).toBe('2024-04-10');
    expect(texts(r)).toContain('no express basis');
  });

  it('identity evidence alone does not move the start under the GDPR', () => {
    const r = gdpr('2024-03-05', { identityReceivedOn: '2024-03-11' });
    expect(r.start).toBe('2024-03-05');
    expect(texts(r)).toContain('does not move the start');
  });
});

describe('US state laws', () => {
  it('CCPA: 45 calendar days with the day of receipt as day 1, extension to day 90, receipt confirmed in 10 business days', () => {
    const r = computeRightsDeadline({ jurisdiction: 'CCPA', requestType: 'know', receivedOn: '2026-01-05' });
    expect(r.due).toBe('2026-02-18');
    expect(r.extendedDue).toBe('2026-04-04');
    // 10 business days after Monday 5 January 2026, skipping Martin Luther King Jr. Day (19 January).
    expect(r.ackDue).toBe('2026-01-20');
    expect(texts(r)).toContain('Martin Luther King Jr. Day');
    expect(r.holidayCalendar).toBe('US-CA');
  });

  it('CCPA: ignores clock pauses and says why', () => {
    const r = computeRightsDeadline({
      jurisdiction: 'CCPA',
      requestType: 'delete',
      receivedOn: '2026-01-05',
      pauses: [{ from: '2026-01-06', to: '2026-01-20' }],
    });
    expect(r.due).toBe('2026-02-18');
    expect(texts(r)).toContain('pause(s) ignored');
  });

  it('CCPA opt-out: 15 business days, skipping Thanksgiving and the day after in California', () => {
    const r = computeRightsDeadline({
      jurisdiction: 'CCPA',
      requestType: 'opt-out',
      receivedOn: '2026-11-20',
    });
    expect(r.due).toBe('2026-12-15');
    expect(r.extendedDue).toBeNull();
    expect(r.ackDue).toBeNull();
  });

  it('CCPA limit of sensitive data is marked unverified [R]', () => {
    const r = computeRightsDeadline({ jurisdiction: 'CCPA', requestType: 'limit', receivedOn: '2026-11-20' });
    expect(r.steps.some((s) => s.confidence === 'R' && s.text.includes('[R]'))).toBe(true);
  });

  it('VCDPA: 45 days after receipt, extension by 45; a weekend due date stands', () => {
    const r = computeRightsDeadline({
      jurisdiction: 'VCDPA',
      requestType: 'access',
      receivedOn: '2026-02-20',
    });
    expect(r.due).toBe('2026-04-06');
    expect(r.extendedDue).toBe('2026-05-21');
    const sat = computeRightsDeadline({
      jurisdiction: 'VCDPA',
      requestType: 'access',
      receivedOn: '2026-02-19',
    });
    expect(sat.due).toBe('2026-04-05');
    expect(texts(sat)).toContain('the date stands');
  });

  it('CPA appeal: 45 days, extension by 60, marked [R]', () => {
    const r = computeRightsDeadline({ jurisdiction: 'CPA', requestType: 'appeal', receivedOn: '2026-01-01' });
    // Day 45 is Sunday 15 February; Monday 16th is Washington-Lincoln Day (C.R.S. §2-4-108(2), §24-11-101).
    expect(r.due).toBe('2026-02-17');
    expect(r.extendedDue).toBe('2026-04-16');
    expect(r.steps[r.steps.length - 1]?.confidence).toBe('R');
  });
});

describe('LGPD, PIPEDA, FADP', () => {
  it('LGPD: confirmation at once, access in 15 days, no extension', () => {
    expect(
      computeRightsDeadline({ jurisdiction: 'LGPD', requestType: 'confirmation', receivedOn: '2026-03-02' })
        .due,
    ).toBe('2026-03-02');
    const r = computeRightsDeadline({
      jurisdiction: 'LGPD',
      requestType: 'access',
      receivedOn: '2026-03-02',
      extended: true,
    });
    expect(r.due).toBe('2026-03-17');
    expect(r.extendedDue).toBeNull();
    expect(texts(r)).toContain('No extension is available');
  });

  it('PIPEDA: 30 days after receipt, up to 30 more', () => {
    const r = computeRightsDeadline({
      jurisdiction: 'PIPEDA',
      requestType: 'access',
      receivedOn: '2026-03-02',
    });
    expect(r.due).toBe('2026-04-01');
    expect(r.extendedDue).toBe('2026-05-01');
    expect(r.extensionNoticeDue).toBe('2026-04-01');
  });

  it('FADP: 30 days; an extension has no fixed maximum', () => {
    const r = computeRightsDeadline({
      jurisdiction: 'FADP',
      requestType: 'access',
      receivedOn: '2026-03-02',
    });
    expect(r.due).toBe('2026-04-01');
    expect(r.extendedDue).toBeNull();
    expect(texts(r)).toContain('no fixed maximum');
  });
});

describe('internal target', () => {
  it('shows the earlier of the internal target and the legal deadline and returns both', () => {
    const r = uk('2024-11-25', { internalTargetDays: 20 });
    expect(r.internalDue).toBe('2024-12-15');
    expect(r.legalDue).toBe('2024-12-27');
    expect(r.due).toBe('2024-12-15');
  });

  it('keeps the legal deadline when the target is later', () => {
    const r = uk('2024-11-25', { internalTargetDays: 40 });
    expect(r.internalDue).toBe('2025-01-04');
    expect(r.due).toBe('2024-12-27');
  });
});

describe('bad input', () => {
  const fails = (input: RightsDeadlineInput, path: string) => {
    try {
      computeRightsDeadline(input);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
      expect((e as AppError).details).toEqual([expect.objectContaining({ path })]);
      return;
    }
    throw new Error('expected a validation error');
  };

  it('names the field', () => {
    fails({ jurisdiction: 'GDPR', requestType: 'access', receivedOn: '2026-01-01' }, 'country');
    fails(
      { jurisdiction: 'GDPR', country: 'US', requestType: 'access', receivedOn: '2026-01-01' },
      'country',
    );
    fails(
      { jurisdiction: 'GDPR', country: 'DE', requestType: 'know', receivedOn: '2026-01-01' },
      'requestType',
    );
    fails(
      { jurisdiction: 'UK-GDPR', region: 'xyz', requestType: 'access', receivedOn: '2026-01-01' },
      'region',
    );
    fails(
      { jurisdiction: 'GDPR', country: 'DE', requestType: 'access', receivedOn: '2026-02-30' },
      'receivedOn',
    );
    fails(
      {
        jurisdiction: 'UK-GDPR',
        requestType: 'access',
        receivedOn: '2026-01-01',
        pauses: [{ from: '2026-01-10', to: '2026-01-05' }],
      },
      'pauses.0',
    );
  });
});

describe('every request type of every jurisdiction', () => {
  it('computes a due date on or after the start', () => {
    for (const j of JURISDICTIONS) {
      for (const t of j.requestTypes) {
        const r = computeRightsDeadline({
          jurisdiction: j.code,
          country: 'FR',
          requestType: t.type,
          receivedOn: '2026-05-29',
        });
        expect(r.due >= r.start, `${j.code} ${t.type}`).toBe(true);
        expect(r.steps.length).toBeGreaterThan(1);
      }
    }
  });

  it('gives the same dates without the explanation', () => {
    const input: RightsDeadlineInput = {
      jurisdiction: 'GDPR',
      country: 'DE',
      requestType: 'access',
      receivedOn: '2026-03-05',
    };
    const quiet = computeRightsDeadline(input, { explain: false });
    const { steps, ...dates } = computeRightsDeadline(input);
    expect(steps.length).toBeGreaterThan(0);
    expect(quiet).toEqual({ ...dates, steps: [] });
  });
});
