import { afterEach, describe, expect, it } from 'vitest';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

async function organisation() {
  await ok(t.core, 'settings:update', { organisation: { name: 'Example AS', country: 'NO' } });
}

describe('record of processing activities', () => {
  it('links vendors by name, reads their third countries and transfer gaps, and shows on the vendor', async () => {
    t = testCore();
    await organisation();
    const host = await ok(t.core, 'vendors:create', { name: 'Host GmbH', processingCountries: ['DE'] });
    const ai = await ok(t.core, 'vendors:create', { name: 'Model Inc.', processingCountries: ['US', 'IN'] });
    const a = await ok(t.core, 'activities:create', {
      name: 'AI features',
      lawfulBasis: 'contract',
      vendors: ['Host GmbH', 'Model Inc.'],
    });
    expect(a.vendors).toEqual([host.id, ai.id]);
    expect(a.vendorNames).toEqual(['Host GmbH', 'Model Inc.']);
    expect(a.thirdCountries).toEqual(['IN', 'US']);
    expect(a.transferGaps).toEqual(['IN', 'US']);
    expect(a.chain.map((v) => v.name)).toEqual(['Host GmbH', 'Model Inc.']);

    // A valid transfer record for the vendor closes the US gap here too.
    await ok(t.core, 'transfers:create', {
      importer: ai.id,
      destinationCountry: 'US',
      mechanism: 'scc-2021',
      sccModule: 2,
      tia: 'done',
    });
    const after = (await ok(t.core, 'activities:get', { id: a.id })).activity;
    expect(after.transferGaps).toEqual(['IN']);
    const withGaps = await ok(t.core, 'activities:list', { filters: { transferGaps: true } });
    expect(withGaps.rows.map((r) => r.id)).toEqual([a.id]);

    const vendor = await ok(t.core, 'vendors:get', { id: ai.id });
    expect(vendor.related.activities?.map((r) => r.id)).toEqual([a.id]);

    // Offboarded, the vendor receives no data: the activity's gap and its filter both go.
    await ok(t.core, 'vendors:update', {
      id: ai.id,
      values: { ...vendor.vendor, status: 'offboarded' } as never,
    });
    expect((await ok(t.core, 'activities:get', { id: a.id })).activity.transferGaps).toEqual([]);
    expect((await ok(t.core, 'activities:list', { filters: { transferGaps: true } })).total).toBe(0);
  });

  it('refuses special categories without an Art 9(2) condition, and a condition without them', async () => {
    t = testCore();
    const r = await t.core.dispatch('activities:create', { name: 'HR files', specialCategories: ['health'] });
    expect(!r.ok && r.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'art9Condition', message: expect.stringContaining('need an Art 9(2) condition') }],
    });
    const c = await t.core.dispatch('activities:create', { name: 'HR files', art9Condition: 'employment' });
    expect(!c.ok && c.error.details).toEqual([expect.objectContaining({ path: 'art9Condition' })]);
    // Criminal-offence data alone is Art 10, not Art 9: no Art 9(2) condition is asked for.
    const crim = await ok(t.core, 'activities:create', { name: 'Vetting', specialCategories: ['criminal'] });
    expect(crim.specialCategories).toEqual(['criminal']);
    const okay = await ok(t.core, 'activities:create', {
      name: 'Sick leave',
      specialCategories: ['Health data'],
      art9Condition: 'employment',
      lawfulBasis: 'legal-obligation',
    });
    expect(okay).toMatchObject({ specialCategories: ['health'], lawfulBasis: 'legal-obligation' });
  });

  it('keeps retention per data category and says what Art 30(1) still asks for', async () => {
    t = testCore();
    const a = await ok(t.core, 'activities:create', {
      name: 'Billing',
      purposes: ['Invoicing'],
      lawfulBasis: 'legitimate-interests',
      dataSubjects: ['Customers'],
      dataCategories: ['Payment details'],
      recipients: ['Accounting'],
      retention: [{ category: 'Invoices', period: '10 years', basis: 'Tax law' }],
    });
    expect(a.retention).toEqual([{ category: 'Invoices', period: '10 years', basis: 'Tax law' }]);
    expect(a.recordGaps).toEqual(['security measures', 'legitimate interests assessment']);
    const bad = await t.core.dispatch('activities:create', { name: 'X', retention: [{ category: 'Logs' }] });
    expect(!bad.ok && bad.error.details).toEqual([expect.objectContaining({ path: 'retention.0.period' })]);
  });

  it('needs a DPIA when the screening calls for one and none covers it, in the record and the filter', async () => {
    t = testCore();
    const screening = { criteria: ['large-scale', 'innovative-technology'] };
    const a = await ok(t.core, 'activities:create', { name: 'AI features', screening });
    expect(a.screening).toMatchObject({ conclusion: 'likely-required', criteriaMet: 2 });
    expect(a.dpiaNeeded).toBe(true);
    const b = await ok(t.core, 'activities:create', {
      name: 'Analytics',
      screening: { ...screening, reasonNotRequired: 'Aggregated statistics only' },
    });
    expect(b.dpiaNeeded).toBe(false);
    const c = await ok(t.core, 'activities:create', {
      name: 'Monitoring',
      screening: { art35Cases: ['public-area-monitoring'] },
    });
    expect(c.screening.conclusion).toBe('required');
    const needed = async () =>
      (await ok(t.core, 'activities:list', { filters: { dpiaNeeded: true } })).rows.map((r) => r.name);
    expect(await needed()).toEqual(['AI features', 'Monitoring']);

    const d = await ok(t.core, 'dpias:create', { title: 'DPIA: AI', activities: ['AI features'] });
    expect(d.activityNames).toEqual(['AI features']);
    expect(await needed()).toEqual(['Monitoring']);
    expect((await ok(t.core, 'activities:get', { id: a.id })).related.dpias?.map((x) => x.id)).toEqual([
      d.id,
    ]);
    // An archived DPIA no longer covers the activity.
    await ok(t.core, 'dpias:archive', { id: d.id });
    expect(await needed()).toEqual(['AI features', 'Monitoring']);
    expect((await ok(t.core, 'activities:get', { id: a.id })).activity.dpiaNeeded).toBe(true);
    // The twin answers the same for archived activities and for "no DPIA needed".
    await ok(t.core, 'activities:archive', { id: c.id });
    const archivedNeeding = await ok(t.core, 'activities:list', {
      archived: 'only',
      filters: { dpiaNeeded: true },
    });
    expect(archivedNeeding.rows.map((r) => r.name)).toEqual(['Monitoring']);
    const notNeeded = await ok(t.core, 'activities:list', {
      archived: 'include',
      filters: { dpiaNeeded: false },
    });
    expect(notNeeded.rows.map((r) => r.name)).toEqual(['Analytics']);
  });
});

describe('DPIAs', () => {
  const risk = (title: string, l: number, s: number, rl?: number, rs?: number) => ({
    title,
    likelihood: l,
    severity: s,
    residualLikelihood: rl ?? null,
    residualSeverity: rs ?? null,
    measures: [{ measure: `Reduce ${title}`, owner: 'IT', due: '2026-06-30', state: 'planned' }],
  });

  it('rates each risk before and after its measures, and flags Art 36 while one stays high', async () => {
    t = testCore();
    const d = await ok(t.core, 'dpias:create', {
      title: 'DPIA: monitoring',
      risks: [risk('Illegitimate access', 3, 4, 3, 3), risk('Loss', 2, 3, 1, 2)],
    });
    expect(d.risks.map((r) => [r.level, r.residualLevel])).toEqual([
      ['high', 'high'],
      ['medium', 'low'],
    ]);
    expect(d.highestResidual).toBe('high');
    expect(d.priorConsultationRequired).toBe(true);
    const high = await ok(t.core, 'dpias:list', { filters: { highestResidual: ['high'] } });
    expect(high.rows.map((r) => r.id)).toEqual([d.id]);

    const lowered = await ok(t.core, 'dpias:update', {
      id: d.id,
      values: { ...d, risks: [risk('Illegitimate access', 3, 4, 2, 3), risk('Loss', 2, 3, 1, 2)] },
    });
    expect(lowered.highestResidual).toBe('medium');
    expect(lowered.priorConsultationRequired).toBe(false);
    expect((await ok(t.core, 'dpias:list', { filters: { highestResidual: ['high'] } })).total).toBe(0);
    expect((await ok(t.core, 'dpias:list', { filters: { highestResidual: ['medium'] } })).total).toBe(1);

    const history = (await ok(t.core, 'dpias:get', { id: d.id })).history;
    expect(history.find((h) => h.field === 'risks')).toMatchObject({ action: 'update' });
  });

  it('asks for both ratings after measures, and for the DPO and the data subjects before approval', async () => {
    t = testCore();
    const half = await t.core.dispatch('dpias:create', {
      title: 'X',
      risks: [{ title: 'R', likelihood: 2, severity: 2, residualLikelihood: 1 }],
    });
    expect(!half.ok && half.error.details).toEqual([
      expect.objectContaining({ path: 'risks.0.residualSeverity' }),
    ]);
    const approved = await t.core.dispatch('dpias:create', { title: 'Y', status: 'approved' });
    expect(!approved.ok && approved.error.details).toEqual([
      expect.objectContaining({ path: 'dpoOpinion' }),
      expect.objectContaining({ path: 'dataSubjectViews' }),
    ]);
  });

  it('carries the screening with its conclusion, and takes the activities by name', async () => {
    t = testCore();
    await ok(t.core, 'activities:create', { name: 'Profiling' });
    const d = await ok(t.core, 'dpias:create', {
      title: 'DPIA: profiling',
      activities: ['Profiling'],
      screening: { art35Cases: ['profiling-legal-effects'], criteria: ['evaluation-scoring'] },
    });
    expect(d.screening).toMatchObject({ conclusion: 'required', criteriaMet: 1 });
    const bad = await t.core.dispatch('dpias:create', { title: 'Z', screening: { criteria: ['astrology'] } });
    expect(!bad.ok && bad.error.details).toEqual([expect.objectContaining({ path: 'screening.criteria.0' })]);
  });
});

describe('the DPIA screening kept in a generated column', () => {
  it('agrees with the rule for every kind of screening', async () => {
    t = testCore();
    const cases = [
      {},
      { criteria: ['large-scale'] },
      { criteria: ['large-scale', 'sensitive-data'] },
      { criteria: ['large-scale', 'sensitive-data'], reasonNotRequired: 'Pseudonymised only' },
      { criteria: ['large-scale', 'sensitive-data'], reasonNotRequired: '   ' },
      { art35Cases: ['profiling-legal-effects'], reasonNotRequired: 'No' },
      { onAuthorityList: true },
      { criteria: ['large-scale'], reasonNotRequired: 'Small' },
    ];
    for (const [i, screening] of cases.entries()) {
      await ok(t.core, 'activities:create', { name: `A${i}`, screening });
    }
    const stored = t.core.db
      .prepare('SELECT name, dpia_screening_calls AS calls FROM activities ORDER BY id')
      .all() as { name: string; calls: number }[];
    const records = (await ok(t.core, 'activities:list', { limit: 50, sort: { key: 'createdAt' } })).rows;
    expect(stored.map((s) => s.calls === 1)).toEqual(records.map((r) => r.dpiaNeeded));
    expect(stored.map((s) => s.calls)).toEqual([0, 0, 1, 0, 1, 1, 1, 0]);
  });
});
