import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { computeBreachClock } from '../../../shared/rules/breach-clock';
import { parseInstant } from '../../../shared/rules/instant';

const texts = (r: { steps: { text: string }[] }) => r.steps.map((s) => s.text).join('\n');

describe('breach clock: 72 hours from awareness', () => {
  it('adds exactly 72 hours and answers in UTC', () => {
    const r = computeBreachClock({ awareAt: '2026-05-08T16:45:00+02:00', timeZone: 'Europe/Berlin' });
    expect(r.awareAt).toBe('2026-05-08T14:45:00Z');
    expect(r.deadline).toBe('2026-05-11T14:45:00Z');
    expect(r.deadlineLocal).toBe('Monday 11 May 2026, 16:45 (UTC+02:00)');
    expect(r.status).toBe('unknown');
  });

  it('runs through a weekend and a public holiday (hours, not working days)', () => {
    // Thursday 24 December 2026, 10:00 in Paris: Christmas and the weekend do not stop the clock.
    const r = computeBreachClock({ awareAt: '2026-12-24T10:00:00+01:00', timeZone: 'Europe/Paris' });
    expect(r.deadline).toBe('2026-12-27T09:00:00Z');
    expect(texts(r)).toContain('run through nights, weekends and public holidays');
    expect(r.steps.some((s) => s.confidence === 'R' && s.text.includes('[R]'))).toBe(true);
  });

  it('keeps 72 elapsed hours across the spring clock change: the local time moves an hour', () => {
    const r = computeBreachClock({ awareAt: '2026-03-27T14:30:00+01:00', timeZone: 'Europe/Paris' });
    expect(r.deadline).toBe('2026-03-30T13:30:00Z');
    expect(r.awareAtLocal).toBe('Friday 27 March 2026, 14:30 (UTC+01:00)');
    expect(r.deadlineLocal).toBe('Monday 30 March 2026, 15:30 (UTC+02:00)');
    expect(texts(r)).toContain('The clocks change in Europe/Paris');
  });

  it('and across the autumn change in New York', () => {
    const r = computeBreachClock({ awareAt: '2026-10-30T09:00:00-04:00', timeZone: 'America/New_York' });
    expect(r.deadlineLocal).toBe('Monday 2 November 2026, 08:00 (UTC-05:00)');
  });

  it('explains in the offset written when no zone is given', () => {
    const r = computeBreachClock({ awareAt: '2026-10-23T09:15:00-04:00' });
    expect(r.timeZone).toBe('UTC-04:00');
    expect(r.deadlineLocal).toBe('Monday 26 October 2026, 09:15 (UTC-04:00)');
  });

  it('warns when the offset written is not the zone’s offset at that moment', () => {
    const r = computeBreachClock({ awareAt: '2026-01-10T10:00:00+02:00', timeZone: 'Europe/Paris' });
    expect(texts(r)).toContain('is not Europe/Paris');
    // A moment written in UTC is not a wall time: nothing to check.
    const utc = computeBreachClock({ awareAt: '2026-01-10T08:00:00Z', timeZone: 'Europe/Paris' });
    expect(texts(utc)).not.toContain('offset written');
  });

  it('gives 72 hours under PECR from 20 August 2025 (DUAA 2025 s.111), 24 hours before', () => {
    const r = computeBreachClock({ awareAt: '2026-01-10T10:00:00Z', regime: 'uk-pecr' });
    expect(r.hours).toBe(72);
    expect(r.deadline).toBe('2026-01-13T10:00:00Z');
    expect(r.steps.find((s) => s.text.startsWith('+72 hours'))?.rule).toMatch(/s\.111.*\[S\]/);
    // Aware at 23:59 London time on 19 August 2025 (22:59 UTC): the old rule, 24 hours.
    const before = computeBreachClock({
      awareAt: '2025-08-19T23:59:00+01:00',
      timeZone: 'Europe/London',
      regime: 'uk-pecr',
    });
    expect(before.hours).toBe(24);
    expect(before.deadline).toBe('2025-08-20T22:59:00Z');
    // Aware at midnight London time on 20 August 2025: the new rule.
    const from = computeBreachClock({
      awareAt: '2025-08-20T00:00:00+01:00',
      timeZone: 'Europe/London',
      regime: 'uk-pecr',
    });
    expect(from.hours).toBe(72);
    expect(from.deadline).toBe('2025-08-22T23:00:00Z');
  });
});

describe('remaining time, overdue and delay reasons', () => {
  const awareAt = '2026-05-08T12:00:00Z';

  it('counts down while running', () => {
    const r = computeBreachClock({ awareAt, now: '2026-05-10T12:00:00Z' });
    expect(r.status).toBe('running');
    expect(r.remainingMs).toBe(24 * 3_600_000);
    expect(r.delayReasonRequired).toBe(false);
    expect(texts(r)).toContain('24 h 00 min left');
  });

  it('is overdue after 72 hours and asks for a delay reason', () => {
    const r = computeBreachClock({ awareAt, now: '2026-05-11T12:30:00Z' });
    expect(r.status).toBe('overdue');
    expect(r.remainingMs).toBe(-30 * 60_000);
    expect(r.delayReasonRequired).toBe(true);
    expect(r.delayReasonMissing).toBe(true);
  });

  it('a filing before the deadline stops the clock in time', () => {
    const r = computeBreachClock({
      awareAt,
      now: '2026-05-20T00:00:00Z',
      authorityNotifiedAt: '2026-05-11T11:59:00Z',
    });
    expect(r.status).toBe('met');
    expect(r.delayReasonRequired).toBe(false);
  });

  it('a late filing needs its delay reason, and is satisfied once it is recorded', () => {
    const late = computeBreachClock({ awareAt, authorityNotifiedAt: '2026-05-11T12:00:01Z' });
    expect(late.status).toBe('late');
    expect(late.delayReasonMissing).toBe(true);
    const explained = computeBreachClock({
      awareAt,
      authorityNotifiedAt: '2026-05-11T12:00:01Z',
      delayReason: 'Forensic confirmation took four days.',
    });
    expect(explained.delayReasonRequired).toBe(true);
    expect(explained.delayReasonMissing).toBe(false);
  });
});

describe('risk level', () => {
  it('none → document only; risk → notify the authority; high → the authority and the data subjects', () => {
    const none = computeBreachClock({
      awareAt: '2026-05-08T12:00:00Z',
      riskLevel: 'none',
      now: '2026-05-20T00:00:00Z',
    });
    expect(none.obligations).toEqual({
      documentOnly: true,
      notifyAuthority: false,
      notifyDataSubjects: false,
    });
    expect(none.status).toBe('not-required');
    expect(none.delayReasonRequired).toBe(false);
    const risk = computeBreachClock({ awareAt: '2026-05-08T12:00:00Z', riskLevel: 'risk' });
    expect(risk.obligations).toEqual({
      documentOnly: false,
      notifyAuthority: true,
      notifyDataSubjects: false,
    });
    const high = computeBreachClock({ awareAt: '2026-05-08T12:00:00Z', riskLevel: 'high' });
    expect(high.obligations).toEqual({
      documentOnly: false,
      notifyAuthority: true,
      notifyDataSubjects: true,
    });
    expect(texts(high)).toContain('disproportionate effort');
  });
});

describe('processor notice to the controller', () => {
  it('tracks the notice against the internal limit (default 24 hours)', () => {
    const r = computeBreachClock({
      awareAt: '2026-05-08T12:00:00Z',
      now: '2026-05-09T13:00:00Z',
      processor: { awareAt: '2026-05-08T10:00:00Z' },
    });
    expect(r.processorNotice).toEqual({
      due: '2026-05-09T10:00:00Z',
      limitHours: 24,
      status: 'overdue',
      remainingMs: -3 * 3_600_000,
    });
  });

  it('uses the configured limit and a sent notice', () => {
    const r = computeBreachClock({
      awareAt: '2026-05-08T12:00:00Z',
      processor: {
        awareAt: '2026-05-08T10:00:00Z',
        limitHours: 48,
        controllerNotifiedAt: '2026-05-09T10:00:00Z',
      },
    });
    expect(r.processorNotice?.status).toBe('met');
    expect(r.processorNotice?.due).toBe('2026-05-10T10:00:00Z');
  });
});

describe('bad input', () => {
  it('refuses a moment without an offset, an impossible date and an unknown zone, naming the field', () => {
    expect(() => computeBreachClock({ awareAt: '2026-05-08T12:00:00' })).toThrow(/awareAt/);
    expect(() => computeBreachClock({ awareAt: '2026-02-30T12:00:00Z' })).toThrow(/real date/);
    try {
      computeBreachClock({ awareAt: '2026-05-08T12:00:00Z', timeZone: 'Mars/Olympus' });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).details).toEqual([expect.objectContaining({ path: 'timeZone' })]);
    }
  });
});

describe('invariant: 72 hours are 72 elapsed hours', () => {
  const zones = [
    'Europe/Paris',
    'Europe/London',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'UTC',
  ];
  it('whatever the moment, offset and zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 11, 31) }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }),
        fc.constantFrom(...zones),
        (ms, quarterHours, zone) => {
          const offset = quarterHours * 15;
          const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const r = computeBreachClock({ awareAt: text, timeZone: zone });
          expect(Date.parse(r.deadline) - Date.parse(r.awareAt)).toBe(72 * 3_600_000);
          expect(Date.parse(r.awareAt)).toBe(parseInstant(text).ms);
          expect(Date.parse(r.awareAt)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
