import { afterEach, describe, expect, it } from 'vitest';
import { computeBreachClock } from '../../shared/rules/breach-clock';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

const AWARE = '2026-03-27T14:30:00+01:00'; // Friday, Berlin winter time; the clocks go forward on 29 March.

async function oslo() {
  await ok(t.core, 'settings:update', {
    organisation: { name: 'Example AS', country: 'NO', timeZone: 'Europe/Oslo' },
  });
}

const assessment = (assessedAt: string, level: 'none' | 'risk' | 'high', reasoning = 'Because.') => ({
  assessedAt,
  level,
  reasoning,
  by: 'DPO',
});

describe('breach register: the 72-hour clock', () => {
  it('runs from awareness through a clock change, in the zone of the record or the organisation', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    await oslo();
    const b = await ok(t.core, 'breaches:create', {
      title: 'Lost laptop',
      awareAt: AWARE,
      timeZone: 'Europe/Berlin',
    });
    expect(b.deadline).toBe('2026-03-30T13:30:00Z');
    expect(b.clock).toMatchObject({
      deadline: '2026-03-30T13:30:00Z',
      deadlineLocal: 'Monday 30 March 2026, 15:30 (UTC+02:00)',
      timeZone: 'Europe/Berlin',
      state: 'running',
      hoursLeft: 49,
      minutesLeft: 49 * 60 + 30,
      stoppedBy: null,
    });
    expect(b.nextStep).toMatch(/^Assess the risk to people now/);
    // Without a zone of its own the organisation's is used.
    const o = await ok(t.core, 'breaches:create', { title: 'Wrong recipient', awareAt: AWARE });
    expect(o.clock.timeZone).toBe('Europe/Oslo');

    // The same facts give the same clock as the rules engine.
    const engine = computeBreachClock({
      awareAt: AWARE,
      timeZone: 'Europe/Berlin',
      now: '2026-03-28T12:00:00Z',
    });
    expect(b.clock.deadline).toBe(engine.deadline);
    expect(b.clock.minutesLeft).toBe(Math.trunc(engine.remainingMs! / 60_000));
    expect(b.clock.steps).toEqual(engine.steps);
  });

  it('turns overdue, asks for the reasons with a late filing, and stops at the first filing', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    await oslo();
    const b = await ok(t.core, 'breaches:create', {
      title: 'Mail sent to the wrong list',
      awareAt: AWARE,
      assessments: [assessment('2026-03-27T16:00:00+01:00', 'risk')],
    });
    expect(b.nextStep).toMatch(
      /^Notify the supervisory authority by Monday 30 March 2026, 15:30 \(UTC\+02:00\)/,
    );
    t.setNow('2026-03-30T15:00:00Z');
    const late = (await ok(t.core, 'breaches:get', { id: b.id })).breach;
    expect(late.clock).toMatchObject({ state: 'overdue', hoursLeft: -1, minutesLeft: -90 });
    expect(late.nextStep).toMatch(/^Notify the supervisory authority now, giving the reasons for the delay/);

    const filing = {
      kind: 'initial',
      authority: 'Datatilsynet',
      filedAt: '2026-03-30T17:00:00+02:00',
      channel: 'Altinn',
      reference: null,
      delayReason: null,
    };
    const refused = await t.core.dispatch('breaches:update', {
      id: b.id,
      values: { ...pick(late), filings: [filing] },
      expectedUpdatedAt: late.updatedAt,
    });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'values.filings.0.delayReason', message: expect.stringContaining('Art 33(1)') }],
    });

    const filed = await ok(t.core, 'breaches:update', {
      id: b.id,
      values: { ...pick(late), filings: [{ ...filing, delayReason: 'The list owner was on leave.' }] },
      expectedUpdatedAt: late.updatedAt,
    });
    expect(filed.clock).toMatchObject({ state: 'stopped', stoppedBy: 'filing', hoursLeft: null });
    expect(filed.clock.delayReasonMissing).toBe(false);
    // A week later it is still stopped: the time since the filing does not count.
    t.setNow('2026-04-06T15:00:00Z');
    const after = (await ok(t.core, 'breaches:get', { id: b.id })).breach;
    expect(after.clock.state).toBe('stopped');
    expect(after.nextStep).toMatch(/^Send any follow-up information/);
  });

  it('keeps risk assessments append-only: a change or removal is refused, a new one supersedes', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    await oslo();
    const first = assessment('2026-03-27T16:00:00+01:00', 'risk', 'Names and e-mail addresses.');
    const b = await ok(t.core, 'breaches:create', {
      title: 'Export leak',
      awareAt: AWARE,
      assessments: [first],
    });
    expect(b.latestRisk).toBe('risk');
    for (const assessments of [[{ ...first, level: 'none' }], []]) {
      const r = await t.core.dispatch('breaches:update', {
        id: b.id,
        values: { ...pick(b), assessments },
        expectedUpdatedAt: b.updatedAt,
      });
      expect(!r.ok && r.error).toMatchObject({
        code: 'VALIDATION',
        details: [
          { path: 'values.assessments.0', message: expect.stringContaining('cannot be changed or removed') },
        ],
      });
    }
    const high = await ok(t.core, 'breaches:update', {
      id: b.id,
      values: {
        ...pick(b),
        assessments: [
          first,
          assessment('2026-03-28T09:00:00+01:00', 'high', 'Passwords were in the export.'),
        ],
      },
      expectedUpdatedAt: b.updatedAt,
    });
    expect(high.latestRisk).toBe('high');
    const history = (await ok(t.core, 'breaches:get', { id: b.id })).history;
    expect(history.some((h) => h.field === 'assessments')).toBe(true);

    // Filed and high risk: the people must be told, or the Art 34(3) ground recorded.
    const filed = await ok(t.core, 'breaches:update', {
      id: b.id,
      values: {
        ...pick(high),
        filings: [
          {
            kind: 'initial',
            authority: 'Datatilsynet',
            filedAt: '2026-03-28T10:00:00+01:00',
            channel: null,
            reference: 'DT-26-1',
            delayReason: null,
          },
        ],
      },
      expectedUpdatedAt: high.updatedAt,
    });
    expect(filed.nextStep).toBe(
      'Tell the people affected without undue delay (high risk), or record the Art 34(3) ground for not telling them.',
    );
    expect(filed.timeline.map((e) => e.kind)).toEqual([
      'aware',
      'assessment',
      'assessment',
      'filing',
      'deadline',
    ]);
    expect(filed.timeline.find((e) => e.kind === 'filing')?.text).toBe(
      'Initial filing to Datatilsynet (ref. DT-26-1)',
    );

    // Telling nobody needs its Art 34(3) ground and why it applies; closing needs its moment, the last event.
    const why = await t.core.dispatch('breaches:update', {
      id: b.id,
      values: { ...pick(filed), art34Ground: 'unintelligible' },
      expectedUpdatedAt: filed.updatedAt,
    });
    expect(!why.ok && why.error.details).toEqual([
      expect.objectContaining({ path: 'values.art34Reasoning' }),
    ]);
    const unclosed = await t.core.dispatch('breaches:update', {
      id: b.id,
      values: { ...pick(filed), status: 'closed' },
      expectedUpdatedAt: filed.updatedAt,
    });
    expect(!unclosed.ok && unclosed.error.details).toEqual([
      expect.objectContaining({ path: 'values.closedAt' }),
    ]);
    const closed = await ok(t.core, 'breaches:update', {
      id: b.id,
      values: {
        ...pick(filed),
        subjectsToldAt: '2026-03-28T12:00:00+01:00',
        subjectsToldHow: 'e-mail',
        status: 'closed',
        closedAt: '2026-04-10T09:00:00+02:00',
      },
      expectedUpdatedAt: filed.updatedAt,
    });
    expect(closed.timeline.map((e) => e.kind).slice(-3)).toEqual(['subjects-told', 'deadline', 'closed']);
    expect(closed.nextStep).toMatch(/^Nothing: closed/);
  });

  it('refuses a moment without its offset, naming the field, whatever else the record says', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    const r = await t.core.dispatch('breaches:create', {
      title: 'Lost phone',
      awareAt: '2026-03-27 14:30',
      filings: [
        {
          kind: 'initial',
          authority: 'DPA',
          filedAt: '2026-03-28 10:00',
          channel: null,
          reference: null,
          delayReason: null,
        },
      ],
    });
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && (r.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'awareAt',
      'filings.0.filedAt',
    ]);
    expect(!r.ok && r.error.message).toContain('with its UTC offset');
  });

  it('stops the clock for no risk, and says to record why no notification is needed', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    const b = await ok(t.core, 'breaches:create', {
      title: 'Encrypted USB stick lost',
      awareAt: AWARE,
      assessments: [
        assessment('2026-03-27T15:00:00+01:00', 'none', 'Encrypted with a strong key held elsewhere.'),
      ],
    });
    expect(b.clock).toMatchObject({ state: 'stopped', stoppedBy: 'no-risk' });
    expect(b.nextStep).toMatch(/^Record why no notification is needed/);
    // A dismissal needs its rationale.
    const r = await t.core.dispatch('breaches:update', {
      id: b.id,
      values: { ...pick(b), status: 'dismissed' },
      expectedUpdatedAt: b.updatedAt,
    });
    expect(!r.ok && r.error.details).toEqual([
      expect.objectContaining({ path: 'values.dismissalRationale' }),
    ]);
  });

  it('filters on the clock with the same verdict as the record, as the time passes', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const aware = new Date(Date.parse('2026-03-25T00:00:00Z') + i * 9 * 3_600_000).toISOString();
      const b = await ok(t.core, 'breaches:create', {
        title: `Breach ${i}`,
        awareAt: aware,
        filings:
          i % 4 === 0
            ? [
                {
                  kind: 'initial',
                  authority: 'DPA',
                  filedAt: new Date(Date.parse(aware) + 3_600_000).toISOString(),
                  channel: null,
                  reference: null,
                  delayReason: null,
                },
              ]
            : [],
      });
      ids.push(b.id);
    }
    for (const now of [
      '2026-03-28T12:00:00Z',
      '2026-03-29T08:30:00Z',
      '2026-03-30T23:59:59Z',
      '2026-04-02T00:00:00Z',
    ]) {
      t.setNow(now);
      const all = await ok(t.core, 'breaches:list', { limit: 100 });
      for (const state of ['running', 'overdue', 'stopped'] as const) {
        const filtered = await ok(t.core, 'breaches:list', { limit: 100, filters: { clock: [state] } });
        const expected = all.rows.filter((r) => r.clock.state === state).map((r) => r.id);
        expect(
          filtered.rows.map((r) => r.id).sort((a, b) => a - b),
          `${state} at ${now}`,
        ).toEqual(expected.sort((a, b) => a - b));
      }
    }
  });

  it('judges the processor’s notice against the hours its contract sets', async () => {
    t = testCore('2026-03-28T12:00:00Z');
    await ok(t.core, 'vendors:create', { name: 'Mailer Inc.', breachNoticeHours: 24 });
    const b = await ok(t.core, 'breaches:create', {
      title: 'Mailer breach',
      awareAt: '2026-03-27T12:00:00Z',
      processorAwareAt: '2026-03-26T08:00:00Z',
      processorNoticeAt: '2026-03-27T12:00:00Z',
      vendors: ['Mailer Inc.'],
    });
    const got = (await ok(t.core, 'breaches:get', { id: b.id })).breach;
    expect(got.processorNotice).toEqual({
      limitHours: 24,
      fromContract: true,
      due: '2026-03-27T08:00:00Z',
      status: 'late',
    });
  });
});

/** A breach's stored fields only, for sending back in an update. */
function pick(b: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    'title',
    'occurredAt',
    'discoveredAt',
    'awareAt',
    'timeZone',
    'regime',
    'detectedBy',
    'nature',
    'description',
    'cause',
    'dataCategories',
    'peopleAffected',
    'recordsAffected',
    'consequences',
    'measuresTaken',
    'measuresProposed',
    'assessments',
    'filings',
    'subjectsToldAt',
    'subjectsToldHow',
    'subjectsToldCount',
    'art34Ground',
    'art34Reasoning',
    'processorAwareAt',
    'processorNoticeAt',
    'vendors',
    'activities',
    'status',
    'closedAt',
    'dismissalRationale',
    'lessons',
    'notes',
    'sourceKind',
    'sourceDetail',
  ];
  return Object.fromEntries(keys.map((k) => [k, b[k]]));
}
