import { afterEach, describe, expect, it } from 'vitest';
import type { Transfer } from '../../shared/domain/transfer';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

async function withOrganisation(country: string) {
  await ok(t.core, 'settings:update', { organisation: { name: 'Example AS', country } });
}

async function vendor(name: string, extra: Record<string, unknown> = {}) {
  return ok(t.core, 'vendors:create', { name, ...extra });
}

const gaps = async (id: number) => (await ok(t.core, 'vendors:get', { id })).vendor.transferGaps;

describe('transfer register', () => {
  it('counts no transfer gap for an offboarded vendor: it no longer receives data', async () => {
    t = testCore();
    await withOrganisation('NO');
    const v = await vendor('Former Mail Inc.', { processingCountries: ['US'] });
    expect(await gaps(v.id)).toEqual(['US']);
    const values = (await ok(t.core, 'vendors:get', { id: v.id })).vendor;
    await ok(t.core, 'vendors:update', { id: v.id, values: { ...values, status: 'offboarded' } as never });
    expect(await gaps(v.id)).toEqual([]);
    const listed = await ok(t.core, 'vendors:list', { filters: { transferGaps: true } as never });
    expect(listed.total).toBe(0);
  });

  it('takes the importer by id or by name, and names an unknown or ambiguous one', async () => {
    t = testCore();
    await withOrganisation('NO');
    const z = await vendor('Zendesk, Inc.', { processingCountries: ['US'] });
    const byName = await ok(t.core, 'transfers:create', {
      importer: 'Zendesk',
      destinationCountry: 'United States',
      mechanism: 'scc-2021',
      sccModule: 2,
    });
    expect(byName).toMatchObject({ importer: z.id, importerName: 'Zendesk, Inc.', exporterCountry: 'NO' });
    const byId = await ok(t.core, 'transfers:create', { importer: z.id, destinationCountry: 'IN' });
    expect(byId.importerName).toBe('Zendesk, Inc.');

    const unknown = await t.core.dispatch('transfers:create', {
      importer: 'Nobody Ltd',
      destinationCountry: 'US',
    });
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'importer', message: 'No vendor is named "Nobody Ltd".' }],
    });
    await vendor('Zendesk GmbH');
    const ambiguous = await t.core.dispatch('transfers:create', {
      importer: 'zendesk',
      destinationCountry: 'US',
    });
    expect(!ambiguous.ok && ambiguous.error.message).toMatch(/"zendesk" names 2 vendors/);
    const missing = await t.core.dispatch('transfers:create', { importer: 999, destinationCountry: 'US' });
    expect(!missing.ok && (missing.error.details as { path: string }[])[0]!.path).toBe('importer');
    expect((await ok(t.core, 'transfers:list', {})).total).toBe(2);
  });

  it('checks what belongs together: a module with the 2021 SCCs, a ground with a derogation', async () => {
    t = testCore();
    const v = await vendor('Acme');
    const r = await t.core.dispatch('transfers:create', {
      importer: v.id,
      destinationCountry: 'US',
      mechanism: 'bcr',
      sccModule: 2,
    });
    expect(!r.ok && (r.error.details as { path: string }[]).map((d) => d.path)).toEqual(['sccModule']);
    const d = await t.core.dispatch('transfers:create', {
      importer: v.id,
      destinationCountry: 'US',
      mechanism: 'derogation',
    });
    expect(!d.ok && (d.error.details as { path: string }[]).map((x) => x.path)).toEqual(['derogationGround']);
  });

  it('judges validity with the rules engine, and the verdict follows the mechanism', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    await withOrganisation('DE');
    const v = await vendor('Acme Cloud', { processingCountries: ['US'] });
    const tr = await ok(t.core, 'transfers:create', {
      importer: v.id,
      destinationCountry: 'US',
      mechanism: 'none',
    });
    expect(tr.validity.status).toBe('invalid');
    expect(tr.validity.regime).toBe('EU GDPR');
    const scc = await ok(t.core, 'transfers:update', {
      id: tr.id,
      values: { importer: v.id, destinationCountry: 'US', mechanism: 'scc-2021' },
    });
    expect(scc.validity.status).toBe('warning');
    expect(scc.validity.reasons.map((r) => r.text).join(' ')).toMatch(/record which module/);
    const full = await ok(t.core, 'transfers:update', {
      id: tr.id,
      values: { importer: v.id, destinationCountry: 'US', mechanism: 'scc-2021', sccModule: 2, tia: 'done' },
    });
    expect(full.validity.status).toBe('valid');
    expect(full.validity.reasons.every((r) => r.rule.length > 0)).toBe(true);
    // The same verdict as `dpo transfer-check` gives for the same facts.
    const check = await ok(t.core, 'transfers:list', { filters: { validity: ['valid'] } });
    expect(check.rows.map((r) => r.id)).toEqual([tr.id]);
  });

  it('re-judges when the importer joins the DPF List, in the record and in the stored verdict the list filters on', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    await withOrganisation('FR');
    const v = await vendor('Acme US', { processingCountries: ['US'] });
    const tr = await ok(t.core, 'transfers:create', {
      importer: v.id,
      destinationCountry: 'US',
      mechanism: 'dpf',
    });
    expect(tr.validity.status).toBe('invalid');
    expect((await ok(t.core, 'transfers:list', { filters: { validity: ['invalid'] } })).total).toBe(1);
    await ok(t.core, 'vendors:update', {
      id: v.id,
      values: { name: 'Acme US', processingCountries: ['US'], dpfCertified: true },
    });
    expect((await ok(t.core, 'transfers:get', { id: tr.id })).transfer.validity.status).toBe('valid');
    expect((await ok(t.core, 'transfers:list', { filters: { validity: ['invalid'] } })).total).toBe(0);
    expect((await ok(t.core, 'transfers:list', { filters: { validity: ['valid'] } })).total).toBe(1);
  });

  it('re-judges stored verdicts when their day comes, without anyone editing the transfer', async () => {
    t = testCore('2022-06-01T10:00:00Z');
    await withOrganisation('DE');
    const v = await vendor('Legacy Hosting', { processingCountries: ['US'] });
    await ok(t.core, 'transfers:create', {
      importer: v.id,
      destinationCountry: 'US',
      mechanism: 'scc-2010',
      signedOn: '2020-05-01',
      tia: 'done',
    });
    const on = async (status: string) =>
      (await ok(t.core, 'transfers:list', { filters: { validity: [status] } })).total;
    expect(await on('valid')).toBe(1);
    // The old SCCs gave no valid safeguard after 27 December 2022 (Decision 2021/914 Art 4).
    t.setNow('2022-12-27T12:00:00Z');
    expect(await on('valid')).toBe(1);
    t.setNow('2022-12-28T12:00:00Z');
    expect(await on('invalid')).toBe(1);
    expect(await on('valid')).toBe(0);
  });

  it('keeps archive, restore and history under the entity "transfer"', async () => {
    t = testCore();
    const v = await vendor('Acme');
    const tr = await ok(t.core, 'transfers:create', {
      importer: v.id,
      destinationCountry: 'JP',
      mechanism: 'adequacy',
    });
    await ok(t.core, 'transfers:archive', { id: tr.id });
    expect((await ok(t.core, 'transfers:list', {})).total).toBe(0);
    await ok(t.core, 'transfers:restore', { id: tr.id });
    const detail = await ok(t.core, 'transfers:get', { id: tr.id });
    expect(detail.history.map((h) => [h.entity, h.action])).toEqual([
      ['transfer', 'restore'],
      ['transfer', 'archive'],
      ['transfer', 'create'],
    ]);
    expect(await ok(t.core, 'transfers:duplicates', { importer: v.id, destinationCountry: 'JP' })).toEqual([
      { id: tr.id, name: 'Acme → Japan', reason: 'same importer, destination and exporter' },
    ]);
  });

  it('finds a transfer by its importer’s name, also after the vendor is renamed', async () => {
    t = testCore();
    const v = await vendor('Zendesk', { processingCountries: ['US'] });
    await ok(t.core, 'transfers:create', { importer: v.id, destinationCountry: 'US', mechanism: 'scc-2021' });
    const hits = async (q: string) =>
      (await ok(t.core, 'search:records', { query: q })).map((h) => `${h.register}:${h.title}`);
    expect(await hits('zendesk')).toEqual([
      'vendors:Zendesk',
      'transfers:Zendesk → United States of America',
    ]);
    await ok(t.core, 'vendors:update', {
      id: v.id,
      values: { name: 'Zendesk Inc', processingCountries: ['US'] },
    });
    expect(await hits('zendesk inc')).toContain('transfers:Zendesk Inc → United States of America');
  });
});

describe("a vendor's transfer gaps", () => {
  it('lists as gaps only what neither adequacy nor a valid transfer record covers', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    await withOrganisation('NO');
    const v = await vendor('Global Support', { processingCountries: ['DE', 'CH', 'GB', 'JP', 'US', 'IN'] });
    const detail = (await ok(t.core, 'vendors:get', { id: v.id })).vendor;
    expect(detail.thirdCountries).toEqual(['CH', 'GB', 'JP', 'US', 'IN']);
    expect(detail.transferCoverage.map((c) => [c.country, c.covered])).toEqual([
      ['CH', 'adequacy'],
      ['GB', 'adequacy'],
      ['JP', 'adequacy'],
      ['US', 'gap'],
      ['IN', 'gap'],
    ]);
    expect(detail.transferGaps).toEqual(['US', 'IN']);

    // A transfer record judged valid or warning closes a gap; an invalid one does not.
    const india = await ok(t.core, 'transfers:create', {
      importer: v.id,
      destinationCountry: 'IN',
      mechanism: 'none',
    });
    expect(await gaps(v.id)).toEqual(['US', 'IN']);
    await ok(t.core, 'transfers:update', {
      id: india.id,
      values: { importer: v.id, destinationCountry: 'IN', mechanism: 'scc-2021' },
    });
    expect(await gaps(v.id)).toEqual(['US']);
    // The US counts as covered only for a vendor on the DPF List.
    await ok(t.core, 'vendors:update', {
      id: v.id,
      values: {
        name: 'Global Support',
        processingCountries: ['DE', 'CH', 'GB', 'JP', 'US', 'IN'],
        dpfCertified: true,
      },
    });
    expect(await gaps(v.id)).toEqual([]);
    await ok(t.core, 'transfers:archive', { id: india.id });
    expect(await gaps(v.id)).toEqual(['IN']);
  });

  it('filters on "has transfer gaps" in SQL with the same answer as the vendor records', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    await withOrganisation('SE');
    const pool = ['US', 'IN', 'CH', 'JP', 'BR', 'DE', 'FR', 'CN', 'GB', 'KR'];
    const mechanisms = ['none', 'scc-2021', 'adequacy', 'bcr', 'dpf'] as const;
    // mulberry32: a small seeded generator, so the case is the same on every run.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n) | 0;
    };
    for (let i = 0; i < 60; i++) {
      const countries = [...new Set(Array.from({ length: 1 + rand(3) }, () => pool[rand(pool.length)]!))];
      const v = await vendor(`Vendor ${i}`, { processingCountries: countries, dpfCertified: rand(4) === 0 });
      if (rand(2) === 0) {
        await ok(t.core, 'transfers:create', {
          importer: v.id,
          destinationCountry: countries[rand(countries.length)]!,
          mechanism: mechanisms[rand(mechanisms.length)]!,
        });
      }
    }
    const all = (await ok(t.core, 'vendors:list', { limit: 500 })).rows;
    const expected = all.filter((v) => v.transferGaps.length > 0).map((v) => v.id);
    const withGaps = await ok(t.core, 'vendors:list', { limit: 500, filters: { transferGaps: true } });
    const without = await ok(t.core, 'vendors:list', { limit: 500, filters: { transferGaps: false } });
    expect(withGaps.rows.map((v) => v.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(withGaps.total + without.total).toBe(60);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(55);
  });

  it("shows the vendor's transfers on its record", async () => {
    t = testCore();
    const v = await vendor('Acme', { processingCountries: ['US'] });
    await ok(t.core, 'transfers:create', { importer: v.id, destinationCountry: 'US', mechanism: 'scc-2021' });
    const related = (await ok(t.core, 'vendors:get', { id: v.id })).related.transfers as Transfer[];
    expect(related.map((r) => [r.destinationCountry, r.validity.status])).toEqual([['US', 'warning']]);
  });
});

describe('cross-field checks on resolved references', () => {
  it('refuses an importer and exporter that name the same vendor, one by name and one by id', async () => {
    t = testCore();
    await withOrganisation('DE');
    const v = await vendor('Acme Cloud');
    const r = await t.core.dispatch('transfers:create', {
      importer: 'Acme Cloud',
      exporter: v.id,
      destinationCountry: 'US',
    });
    expect(!r.ok && r.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'importer', message: 'The importer cannot also be the exporter.' }],
    });
  });
});
