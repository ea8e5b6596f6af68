import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BREACH_RISKS,
  DPA_STATUSES,
  figureLinks,
  REVIEWED_REGISTERS,
  VALIDITIES,
  type FigureLink,
} from '../../shared/overview';
import { registerByName } from '../../shared/registers/index';
import { ok, testCore } from '../helpers/core';

/** A small seeded generator, so a failure can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const NOW = '2026-12-01T09:00:00Z';
const day = (offset: number) => {
  const d = new Date('2026-12-01T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

let t: ReturnType<typeof testCore>;

/** Records of every register with the states the Overview counts, drawn at random from a fixed seed. */
beforeAll(async () => {
  t = testCore(NOW);
  const r = rng(20261201);
  await ok(t.core, 'settings:update', {
    organisation: { name: 'Example AS', country: 'NO', timeZone: 'Europe/Oslo' },
  });
  const vendorIds: number[] = [];
  for (let i = 0; i < 40; i++) {
    const status = r.pick(['signed', 'requested', 'draft', 'expired', 'none', 'not-required'] as const);
    const v = await ok(t.core, 'vendors:create', {
      name: `Vendor ${i}`,
      role: 'processor',
      status: r.chance(0.15) ? 'offboarded' : 'active',
      processingCountries: [r.pick(['NO', 'DE', 'US', 'IN', 'GB', 'CN'])],
      dpaStatus: status,
      dpaSignedAt: status === 'signed' || status === 'expired' ? day(-r.int(400, 900)) : null,
      dpaExpiresAt: status === 'signed' && r.chance(0.5) ? day(r.int(-200, 200)) : null,
      nextReviewAt: r.chance(0.7) ? day(r.int(-300, 300)) : null,
      contractEndsOn: r.chance(0.3) ? day(r.int(-100, 300)) : null,
    });
    vendorIds.push(v.id);
  }
  for (let i = 0; i < 20; i++) {
    const mechanism = r.pick(['scc-2021', 'none', 'bcr', 'derogation'] as const);
    await ok(t.core, 'transfers:create', {
      importer: r.pick(vendorIds),
      destinationCountry: r.pick(['US', 'IN', 'CN', 'BR']),
      mechanism,
      sccModule: mechanism === 'scc-2021' ? 2 : null,
      signedOn: mechanism === 'scc-2021' && r.chance(0.7) ? day(-r.int(10, 900)) : null,
      derogationGround: mechanism === 'derogation' ? 'b' : null,
      reviewOn: r.chance(0.6) ? day(r.int(-200, 200)) : null,
    });
  }
  const activityIds: number[] = [];
  for (let i = 0; i < 20; i++) {
    const a = await ok(t.core, 'activities:create', {
      name: `Activity ${i}`,
      status: r.pick(['draft', 'approved', 'retired']),
      screening: {
        art35Cases: [],
        criteria: r.chance(0.5) ? ['large-scale', 'sensitive-data'] : [],
        onAuthorityList: false,
        reasonNotRequired: null,
      },
      reviewOn: r.chance(0.6) ? day(r.int(-200, 200)) : null,
    });
    activityIds.push(a.id);
  }
  for (let i = 0; i < 15; i++) {
    const risks = Array.from({ length: r.int(0, 3) }, (_, k) => ({
      title: `Risk ${k}`,
      likelihood: r.int(1, 4),
      severity: r.int(1, 4),
      ...(r.chance(0.5) ? { residualLikelihood: r.int(1, 4), residualSeverity: r.int(1, 4) } : {}),
    }));
    await ok(t.core, 'dpias:create', {
      title: `DPIA ${i}`,
      status: r.pick(['draft', 'in-review', 'prior-consultation', 'closed', 'rejected']),
      activities: r.chance(0.6) ? [r.pick(activityIds)] : [],
      risks,
      priorConsultationOn: r.chance(0.2) ? day(-r.int(1, 100)) : null,
      reviewOn: r.chance(0.6) ? day(r.int(-200, 200)) : null,
    });
  }
  for (let i = 0; i < 24; i++) {
    const aware = r.chance(0.3) ? r.int(1, 100) : r.int(100, 24 * 400);
    const assessed = r.chance(0.8);
    await ok(t.core, 'breaches:create', {
      title: `Breach ${i}`,
      awareAt: hoursAgo(aware),
      assessments: assessed
        ? [
            {
              assessedAt: hoursAgo(aware - 1 > 0 ? aware - 1 : 0),
              level: r.pick(['none', 'risk', 'high']),
              by: 'DPO',
            },
          ]
        : [],
      status: r.pick(['open', 'open', 'closed', 'dismissed']),
      closedAt: null,
      dismissalRationale: 'Not personal data',
    }).catch(() => undefined);
  }
  for (let i = 0; i < 40; i++) {
    const received = -r.int(0, 400);
    const ccpa = r.chance(0.4);
    const done = r.chance(0.5) ? Math.min(0, received + r.int(1, 60)) : null;
    await ok(t.core, 'requests:create', {
      reference: `REQ-${i}`,
      jurisdiction: ccpa ? 'CCPA' : 'GDPR',
      type: ccpa ? 'know' : 'access',
      receivedOn: day(received),
      acknowledgedOn: ccpa && r.chance(0.5) ? day(Math.min(0, received + r.int(0, 15))) : null,
      completedOn: done === null ? null : day(done),
      outcome: done === null ? null : 'fulfilled',
    });
  }
  // Sub-processor list reviews: open, lapsed and decided, with and without a recorded period.
  for (let i = 0; i < 12; i++) {
    const vendor = vendorIds[i]!;
    if (r.chance(0.5))
      await ok(t.core, 'vendors:update', {
        id: vendor,
        values: {
          ...(await ok(t.core, 'vendors:get', { id: vendor })).vendor,
          objectionPeriodDays: r.pick([10, 14, 30]),
        } as never,
      });
    await ok(t.core, 'reviews:record', {
      vendor,
      noticeOn: day(-r.int(0, 40)),
      source: { text: `Subprocessor\tCountry\nSub ${i} Ltd\tUnited States` },
      decision: r.pick(['open', 'open', 'questions', 'objected']),
      objectionSentOn: day(0),
      reasons: 'Test',
    });
  }
  // Some archived records, which no figure counts.
  await ok(t.core, 'requests:archive', { id: 1 });
  await ok(t.core, 'vendors:archive', { id: vendorIds[0]! });
}, 120_000);
afterAll(() => t?.close());

async function listTotal(link: FigureLink): Promise<number> {
  const page = await ok(t.core, `${link.register}:list` as 'vendors:list', {
    filters: link.filters as never,
    limit: 1,
  });
  return page.total;
}

describe('the Overview: every figure is its register’s filtered list', () => {
  it('gives the same counts as the lists the figures open, on generated data', async () => {
    const o = await ok(t.core, 'overview:get', {});
    const pairs: [string, number, FigureLink][] = [
      ['breachesRunning', o.breachesRunning, figureLinks.breachesRunning()],
      ['breachesOverdue', o.breachesOverdue, figureLinks.breachesOverdue()],
      ['requestsOverdue', o.requestsOverdue, figureLinks.requestsOverdue()],
      ['requestsDueSoon', o.requestsDueSoon, figureLinks.requestsDueSoon(o.today)],
      ['acksDue', o.acksDue, figureLinks.acksDue()],
      ['vendorsWithTransferGaps', o.vendorsWithTransferGaps, figureLinks.vendorsWithTransferGaps()],
      ['activitiesNeedingDpia', o.activitiesNeedingDpia, figureLinks.activitiesNeedingDpia()],
      ['priorConsultations', o.priorConsultations, figureLinks.priorConsultations()],
      ['objectionsDueSoon', o.objectionsDueSoon, figureLinks.objectionsDueSoon(o.today)],
      ['objectionsLapsed', o.objectionsLapsed, figureLinks.objectionsLapsed()],
      ...VALIDITIES.map(
        (v) =>
          [`validity ${v}`, o.transfersByValidity[v], figureLinks.transfersByValidity(v)] as [
            string,
            number,
            FigureLink,
          ],
      ),
      ...DPA_STATUSES.map(
        (s) =>
          [`dpa ${s}`, o.vendorsByDpaStatus[s]!, figureLinks.vendorsByDpaStatus(s)] as [
            string,
            number,
            FigureLink,
          ],
      ),
      ...REVIEWED_REGISTERS.map(
        (reg) =>
          [`review ${reg}`, o.reviewsOverdueByRegister[reg], figureLinks.reviewsOverdue(reg)] as [
            string,
            number,
            FigureLink,
          ],
      ),
      ...o.requestsClosedByMonth.flatMap((m) => [
        [`closed ${m.month} on time`, m.onTime, figureLinks.requestsClosed(m.month, 'on-time')] as [
          string,
          number,
          FigureLink,
        ],
        [`closed ${m.month} late`, m.late, figureLinks.requestsClosed(m.month, 'late')] as [
          string,
          number,
          FigureLink,
        ],
      ]),
      ...o.breachesByMonth.flatMap((m) =>
        BREACH_RISKS.map(
          (risk) =>
            [`breaches ${m.month} ${risk}`, m[risk], figureLinks.breachesByRisk(m.month, risk)] as [
              string,
              number,
              FigureLink,
            ],
        ),
      ),
    ];
    const mismatches: string[] = [];
    for (const [name, figure, link] of pairs) {
      const total = await listTotal(link);
      if (total !== figure) mismatches.push(`${name}: overview ${figure}, list ${total}`);
    }
    expect(mismatches).toEqual([]);
    expect(o.reviewsOverdue).toBe(Object.values(o.reviewsOverdueByRegister).reduce((a, b) => a + b, 0));
    // The generated data reaches most figures: a test of equal zeros proves nothing.
    const nonZero = pairs.filter(([, n]) => n > 0).length;
    expect(nonZero).toBeGreaterThan(20);
    expect(o.requestsClosedByMonth).toHaveLength(12);
    expect(o.requestsClosedByMonth[11]!.month).toBe('2026-12');
  });

  it('lists what needs the DPO now, most pressing first, each item one the figures count', async () => {
    const o = await ok(t.core, 'overview:get', {});
    const dues = o.nowItems.breaches.map((b) => b.due!);
    expect(dues).toEqual([...dues].sort());
    expect(o.nowItems.breaches.length).toBe(Math.min(10, o.breachesRunning + o.breachesOverdue));
    expect(o.nowItems.requests.length).toBe(Math.min(10, o.requestsOverdue + o.requestsDueSoon));
    expect(o.nowItems.acks.length).toBe(Math.min(10, o.acksDue));
    expect(o.nowItems.priorConsultations.length).toBe(Math.min(10, o.priorConsultations));
    expect(o.nowItems.objections.length).toBe(Math.min(10, o.objectionsDueSoon + o.objectionsLapsed));
    expect(o.objectionsDueSoon + o.objectionsLapsed).toBeGreaterThan(0);
    for (const item of o.nowItems.requests.filter((i) => i.late)) {
      const { request } = await ok(t.core, 'requests:get', { id: item.id });
      expect(request.state).toBe('overdue');
    }
  });
});

describe('the deadlines calendar', () => {
  it('holds every open dated obligation in date order, late ones marked', async () => {
    const items = await ok(t.core, 'calendar:get', { from: null, to: day(365) });
    const kinds = new Set(items.map((i) => i.kind));
    for (const k of [
      'request-due',
      'breach-deadline',
      'dpa-expiry',
      'vendor-review',
      'transfer-review',
      'activity-review',
      'dpia-review',
      'contract-end',
    ])
      expect(kinds, k).toContain(k);
    const dates = items.map((i) => i.date);
    expect(dates).toEqual([...dates].sort());
    for (const i of items) expect(i.late).toBe(i.at ? i.at < NOW : i.date < '2026-12-01');
    // A request counts while open: the overdue ones are all there.
    const o = await ok(t.core, 'overview:get', {});
    expect(items.filter((i) => i.kind === 'request-due' && i.late)).toHaveLength(o.requestsOverdue);
    // A range keeps to its days.
    const december = await ok(t.core, 'calendar:get', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.every((i) => i.date >= '2026-12-01' && i.date <= '2026-12-31')).toBe(true);
  });

  it('exports an iCalendar file a calendar reads, with stable UIDs and no requester’s details', async () => {
    await ok(t.core, 'requests:update', {
      id: 2,
      values: {
        ...(await ok(t.core, 'requests:get', { id: 2 })).request,
        requester: 'Kari Nordmann, kari@example.no',
        completedOn: null,
        outcome: null,
        refusalGround: null,
      },
    }).catch(() => undefined);
    const first = await ok(t.core, 'calendar:ics', { days: 365 });
    const jcal = ICAL.parse(first.text);
    const cal = new ICAL.Component(jcal);
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(first.events);
    expect(first.text).not.toContain('kari@example.no');
    expect(first.text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const breach = events.find((e) => e.summary.startsWith('Breach notification deadline'));
    expect(breach?.startDate.isDate).toBe(false);
    const review = events.find((e) => e.summary.startsWith('Vendor review'));
    expect(review?.startDate.isDate).toBe(true);
    // A later export names the same obligations with the same UIDs.
    t.setNow('2026-12-01T15:00:00Z');
    const second = await ok(t.core, 'calendar:ics', { days: 365 });
    t.setNow(NOW);
    const again = new ICAL.Component(ICAL.parse(second.text))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e).uid);
    expect(again.filter((u) => uids.includes(u)).length).toBeGreaterThan(uids.length * 0.9);
  });
});

describe('reminders', () => {
  it('warns of a breach clock under 24 hours, then under 4, once each; and can be turned off', async () => {
    const c = testCore('2026-12-01T09:00:00Z');
    try {
      await ok(c.core, 'settings:update', { organisation: { name: 'X AS', country: 'NO' } });
      const b = await ok(c.core, 'breaches:create', {
        title: 'Lost laptop',
        awareAt: '2026-11-29T10:00:00Z',
      });
      // 72 h from 29 Nov 10:00 UTC: 2 Dec 10:00. At 1 Dec 09:00, 25 h left: nothing yet.
      expect((await ok(c.core, 'reminders:due', {})).filter((r) => r.key.startsWith('breach:'))).toEqual([]);
      c.setNow('2026-12-01T11:00:00Z');
      const day1 = await ok(c.core, 'reminders:due', {});
      const under24 = day1.find((r) => r.key === `breach:${b.id}:24h`);
      expect(under24).toMatchObject({ path: `/breaches/${b.id}`, urgency: 'normal' });
      expect(under24!.title).toMatch(/^23 h 0 min left/);
      await ok(c.core, 'reminders:given', { keys: day1.map((r) => r.key) });
      expect(await ok(c.core, 'reminders:due', {})).toEqual([]);
      c.setNow('2026-12-02T07:00:00Z');
      const soon = await ok(c.core, 'reminders:due', {});
      expect(soon.map((r) => r.key)).toEqual([`breach:${b.id}:4h`]);
      expect(soon[0]!.urgency).toBe('critical');
      await ok(c.core, 'settings:update', { reminders: { enabled: false } });
      expect(await ok(c.core, 'reminders:due', {})).toEqual([]);
    } finally {
      c.close();
    }
  });

  it('reminds of a request due tomorrow, and of overdue ones once a day', async () => {
    const c = testCore('2026-12-01T09:00:00Z');
    try {
      await ok(c.core, 'settings:update', { organisation: { name: 'X AS', country: 'NO' } });
      // GDPR month rule: received 1 November, due 1 December; received 2 November, due 2 December.
      await ok(c.core, 'requests:create', { reference: 'LATE', type: 'access', receivedOn: '2026-10-20' });
      const r = await ok(c.core, 'requests:create', {
        reference: 'TOMORROW',
        type: 'access',
        receivedOn: '2026-11-02',
      });
      expect(r.due).toBe('2026-12-02');
      const due = await ok(c.core, 'reminders:due', {});
      expect(due.map((x) => x.key).sort()).toEqual([
        `request:${r.id}:tomorrow`,
        'requests-overdue:2026-12-01',
      ]);
      expect(due.find((x) => x.key.startsWith('requests-overdue'))!.path).toBe('/requests?state=overdue');
      await ok(c.core, 'reminders:given', { keys: due.map((x) => x.key) });
      expect(await ok(c.core, 'reminders:due', {})).toEqual([]);
      c.setNow('2026-12-03T09:00:00Z');
      expect((await ok(c.core, 'reminders:due', {})).map((x) => x.key)).toEqual([
        'requests-overdue:2026-12-03',
      ]);
    } finally {
      c.close();
    }
  });
});

// Last: stored facts are judged forward in time, so the clock only moves on from here.
describe('the Overview a week later', () => {
  it('follows the clock: a day later, counts move and still equal the lists', async () => {
    t.setNow('2026-12-09T09:00:00Z');
    const o = await ok(t.core, 'overview:get', {});
    expect(o.today).toBe('2026-12-09');
    expect(await listTotal(figureLinks.requestsOverdue())).toBe(o.requestsOverdue);
    expect(await listTotal(figureLinks.requestsDueSoon(o.today))).toBe(o.requestsDueSoon);
    expect(await listTotal(figureLinks.acksDue())).toBe(o.acksDue);
    expect(await listTotal(figureLinks.breachesOverdue())).toBe(o.breachesOverdue);
  });
});

describe('a vendor’s transfer gaps, kept beside the vendor', () => {
  it('follow its transfers: created, changed, archived and restored', async () => {
    const c = testCore('2026-12-01T09:00:00Z');
    try {
      await ok(c.core, 'settings:update', { organisation: { name: 'X AS', country: 'NO' } });
      const v = await ok(c.core, 'vendors:create', { name: 'Acme', processingCountries: ['US', 'IN'] });
      const gaps = async () => {
        const page = await ok(c.core, 'vendors:list', { filters: { transferGaps: true } });
        const o = await ok(c.core, 'overview:get', {});
        expect(o.vendorsWithTransferGaps).toBe(page.total);
        const { vendor } = await ok(c.core, 'vendors:get', { id: v.id });
        expect(vendor.transferGaps.length > 0).toBe(page.total === 1);
        return vendor.transferGaps;
      };
      expect(await gaps()).toEqual(['US', 'IN']);
      const us = await ok(c.core, 'transfers:create', {
        importer: v.id,
        destinationCountry: 'US',
        mechanism: 'scc-2021',
        sccModule: 2,
        signedOn: '2026-01-10',
      });
      expect(await gaps()).toEqual(['IN']);
      const india = await ok(c.core, 'transfers:create', {
        importer: v.id,
        destinationCountry: 'IN',
        mechanism: 'scc-2021',
        sccModule: 2,
        signedOn: '2026-01-10',
      });
      expect(await gaps()).toEqual([]);
      await ok(c.core, 'transfers:archive', { id: india.id });
      expect(await gaps()).toEqual(['IN']);
      await ok(c.core, 'transfers:restore', { id: india.id });
      expect(await gaps()).toEqual([]);
      const { transfer } = await ok(c.core, 'transfers:get', { id: us.id });
      await ok(c.core, 'transfers:update', {
        id: us.id,
        values: { ...transfer, mechanism: 'none', sccModule: null },
      });
      expect(await gaps()).toEqual(['US']);
      // The vendor's own change: a certified vendor is covered in the US by the DPF decision.
      const { vendor } = await ok(c.core, 'vendors:get', { id: v.id });
      await ok(c.core, 'vendors:update', { id: v.id, values: { ...vendor, dpfCertified: true } });
      expect(await gaps()).toEqual([]);
    } finally {
      c.close();
    }
  });
});

describe('the figures’ links', () => {
  it('name only filters their registers declare (a misspelt key would be dropped and count everything)', () => {
    const links: FigureLink[] = [
      figureLinks.breachesRunning(),
      figureLinks.breachesOverdue(),
      figureLinks.requestsOverdue(),
      figureLinks.requestsDueSoon('2026-12-01'),
      figureLinks.acksDue(),
      figureLinks.vendorsWithTransferGaps(),
      figureLinks.activitiesNeedingDpia(),
      figureLinks.priorConsultations(),
      figureLinks.objectionsDueSoon('2026-12-01'),
      figureLinks.objectionsLapsed(),
      figureLinks.requestsClosed('2026-12', 'late'),
      figureLinks.breachesByRisk('2026-12', 'high'),
      ...VALIDITIES.map((v) => figureLinks.transfersByValidity(v)),
      ...DPA_STATUSES.map((s) => figureLinks.vendorsByDpaStatus(s)),
      ...REVIEWED_REGISTERS.map((r) => figureLinks.reviewsOverdue(r)),
    ];
    for (const link of links) {
      const reg = registerByName(link.register)!;
      for (const [key, value] of Object.entries(link.filters)) {
        const filter = reg.filters.find((f) => f.key === key);
        expect(filter, `${link.register}.${key}`).toBeDefined();
        if (filter!.kind === 'choice')
          for (const v of value as string[])
            expect(
              filter!.options.map((o) => o.value),
              `${link.register}.${key}`,
            ).toContain(v);
      }
    }
  });
});
