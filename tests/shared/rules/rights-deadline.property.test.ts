import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../../../shared/reference/eea';
import { JURISDICTIONS, type JurisdictionCode } from '../../../shared/reference/jurisdictions';
import { fromDay, toDay } from '../../../shared/rules/calendar';
import { isWorkingDay } from '../../../shared/rules/holidays';
import {
  computeRightsDeadline,
  requireJurisdiction,
  resolveHolidayCalendar,
  type RightsDeadlineInput,
} from '../../../shared/rules/rights-deadline';

const FIRST = toDay('2020-01-01');
const LAST = toDay('2040-09-30');
const day = fc.integer({ min: FIRST, max: LAST });
const eea = fc.constantFrom(...EU_MEMBER_STATES, ...EEA_EFTA_STATES);
const ukRegion = fc.constantFrom('eng', 'sct', 'nir');
const requestKind = fc.constantFrom(
  ...JURISDICTIONS.flatMap((j) => j.requestTypes.map((t) => ({ jurisdiction: j.code, requestType: t.type }))),
);

/** Any valid request: any jurisdiction and type, an EEA country, a UK region, optional pauses and target. */
const request = fc
  .record({
    kind: requestKind,
    received: day,
    country: eea,
    region: ukRegion,
    extended: fc.boolean(),
    extensionMethod: fc.constantFrom('from-receipt' as const, 'from-base-deadline' as const),
    pause: fc.option(
      fc.record({ after: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 0, max: 30 }) }),
    ),
    internalTargetDays: fc.option(fc.integer({ min: 1, max: 120 })),
  })
  .map((r): RightsDeadlineInput => ({
    jurisdiction: r.kind.jurisdiction as JurisdictionCode,
    requestType: r.kind.requestType,
    country: r.country,
    region: r.kind.jurisdiction === 'UK-GDPR' ? r.region : null,
    receivedOn: fromDay(r.received),
    extended: r.extended,
    extensionMethod: r.extensionMethod,
    pauses: r.pause
      ? [
          {
            from: fromDay(r.received + r.pause.after),
            to: fromDay(r.received + r.pause.after + r.pause.length),
          },
        ]
      : [],
    internalTargetDays: r.internalTargetDays,
  }));

describe('invariants of rights-request deadlines', () => {
  it('a due date is never before receipt, and the legal deadline never before the start', () => {
    fc.assert(
      fc.property(request, (input) => {
        const r = computeRightsDeadline(input, { explain: false });
        expect(r.due >= input.receivedOn).toBe(true);
        expect(r.start >= input.receivedOn).toBe(true);
        expect(r.legalDue >= r.start).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('under the GDPR every date is a working day of the member state', () => {
    fc.assert(
      fc.property(day, eea, fc.boolean(), (received, country, fromBase) => {
        const r = computeRightsDeadline(
          {
            jurisdiction: 'GDPR',
            country,
            requestType: 'access',
            receivedOn: fromDay(received),
            extensionMethod: fromBase ? 'from-base-deadline' : 'from-receipt',
          },
          { explain: false },
        );
        const calendar = resolveHolidayCalendar(requireJurisdiction('GDPR'), country);
        expect(isWorkingDay(calendar, toDay(r.baseDue))).toBe(true);
        expect(isWorkingDay(calendar, toDay(r.extendedDue ?? ''))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: 1, max: 60 }), (input, later) => {
        const plain = { ...input, pauses: [] };
        const a = computeRightsDeadline(plain, { explain: false });
        const b = computeRightsDeadline(
          { ...plain, receivedOn: fromDay(toDay(input.receivedOn) + later) },
          { explain: false },
        );
        expect(b.due >= a.due).toBe(true);
        expect(b.baseDue >= a.baseDue).toBe(true);
        if (a.extendedDue && b.extendedDue) expect(b.extendedDue >= a.extendedDue).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('an extended date is never before the base one', () => {
    fc.assert(
      fc.property(request, (input) => {
        const r = computeRightsDeadline(input, { explain: false });
        if (r.extendedDue !== null) expect(r.extendedDue >= r.baseDue).toBe(true);
        expect(r.legalDue >= r.baseDue).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a pause never brings a deadline forward', () => {
    fc.assert(
      fc.property(request, (input) => {
        const paused = computeRightsDeadline(input, { explain: false });
        const plain = computeRightsDeadline({ ...input, pauses: [] }, { explain: false });
        expect(paused.baseDue >= plain.baseDue).toBe(true);
        expect(paused.pausedDays).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('the shown due date is the earlier of the legal deadline and the internal target', () => {
    fc.assert(
      fc.property(request, (input) => {
        const r = computeRightsDeadline(input, { explain: false });
        const expected = r.internalDue !== null && r.internalDue < r.legalDue ? r.internalDue : r.legalDue;
        expect(r.due).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
