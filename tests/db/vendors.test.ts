import { afterEach, describe, expect, it } from 'vitest';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

describe('vendor validation', () => {
  it('returns VALIDATION with field paths for bad input, and writes nothing', async () => {
    t = testCore();
    const r = await t.core.dispatch('vendors:create', {
      name: '  ',
      processingCountries: ['Germany', 'Narnia'],
      dpaStatus: 'signed',
      dpaSignedAt: '2026-02-30',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    const paths = (r.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'processingCountries.1', 'dpaSignedAt']));
    expect((await ok(t.core, 'vendors:list', {})).total).toBe(0);
    expect((await ok(t.core, 'audit:verify', {})).entries).toBe(0);
  });

  it('accepts country names and common forms and stores ISO codes', async () => {
    t = testCore();
    const v = await ok(t.core, 'vendors:create', {
      name: 'Acme',
      processingCountries: ['USA', 'U.S.', 'UK', 'Germany', 'fr', 'Iceland'],
      headquartersCountry: 'United States',
    });
    expect(v.processingCountries).toEqual(['US', 'GB', 'DE', 'FR', 'IS']);
    expect(v.headquartersCountry).toBe('US');
    expect(v.thirdCountries).toEqual(['US', 'GB']);
  });

  it('refuses a DPA that expires before it was signed', async () => {
    t = testCore();
    const r = await t.core.dispatch('vendors:create', {
      name: 'X',
      dpaSignedAt: '2026-01-10',
      dpaExpiresAt: '2025-01-10',
    });
    expect(!r.ok && r.error.details).toEqual([
      { path: 'dpaExpiresAt', message: 'The DPA cannot expire before it was signed.' },
    ]);
  });

  it('derives expired DPA and overdue review from the dates, without an edit', async () => {
    t = testCore('2026-03-02T10:00:00Z');
    const v = await ok(t.core, 'vendors:create', {
      name: 'Acme',
      dpaStatus: 'signed',
      dpaSignedAt: '2024-01-01',
      dpaExpiresAt: '2026-06-30',
      nextReviewAt: '2026-04-01',
    });
    expect(v.effectiveDpaStatus).toBe('signed');
    expect(v.reviewOverdue).toBe(false);
    t.setNow('2026-07-01T10:00:00Z');
    const later = (await ok(t.core, 'vendors:get', { id: v.id })).vendor;
    expect(later.effectiveDpaStatus).toBe('expired');
    expect(later.dpaStatus).toBe('signed');
    expect(later.reviewOverdue).toBe(true);
    const expired = await ok(t.core, 'vendors:list', { filters: { dpaStatus: ['expired'] } });
    expect(expired.rows.map((r) => r.id)).toEqual([v.id]);
    expect((await ok(t.core, 'vendors:list', { filters: { reviewOverdue: true } })).total).toBe(1);
  });

  it('warns about likely duplicates by normalised legal name', async () => {
    t = testCore();
    const z = await ok(t.core, 'vendors:create', { name: 'Zendesk, Inc.' });
    await ok(t.core, 'vendors:create', { name: 'Zendesk Germany GmbH' });
    expect(await ok(t.core, 'vendors:duplicates', { name: 'ZENDESK INC' })).toEqual([
      { id: z.id, name: 'Zendesk, Inc.', reason: 'same legal name' },
    ]);
    expect((await ok(t.core, 'vendors:duplicates', { name: 'Zendsk' })).map((d) => d.reason)).toEqual([
      'very similar name',
    ]);
    expect(await ok(t.core, 'vendors:duplicates', { name: 'Zendesk', excludeId: z.id })).toEqual([]);
  });

  it('refuses a stale edit with CONFLICT', async () => {
    t = testCore();
    const v = await ok(t.core, 'vendors:create', { name: 'Acme' });
    t.setNow('2026-03-03T10:00:00Z');
    await ok(t.core, 'vendors:update', {
      id: v.id,
      values: { name: 'Acme 2' },
      expectedUpdatedAt: v.updatedAt,
    });
    const r = await t.core.dispatch('vendors:update', {
      id: v.id,
      values: { name: 'Acme 3' },
      expectedUpdatedAt: v.updatedAt,
    });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for a missing vendor', async () => {
    t = testCore();
    const r = await t.core.dispatch('vendors:get', { id: 999 });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});

describe('sub-processor chain', () => {
  it('shows parents and children, and refuses a cycle', async () => {
    t = testCore();
    const a = await ok(t.core, 'vendors:create', { name: 'A Cloud' });
    const b = await ok(t.core, 'vendors:create', { name: 'B Models', role: 'sub-processor', parentId: a.id });
    const c = await ok(t.core, 'vendors:create', {
      name: 'C Datacentre',
      role: 'sub-processor',
      parentId: b.id,
    });
    const detail = await ok(t.core, 'vendors:get', { id: b.id });
    expect(detail.parents.map((p) => p.name)).toEqual(['A Cloud']);
    expect(detail.children.map((p) => [p.name, p.depth])).toEqual([['C Datacentre', 1]]);
    expect((await ok(t.core, 'vendors:get', { id: a.id })).children.map((p) => [p.name, p.depth])).toEqual([
      ['B Models', 1],
      ['C Datacentre', 2],
    ]);
    expect((await ok(t.core, 'vendors:get', { id: c.id })).parents.map((p) => p.name)).toEqual([
      'B Models',
      'A Cloud',
    ]);

    const cycle = await t.core.dispatch('vendors:update', {
      id: a.id,
      values: { name: 'A Cloud', parentId: c.id },
    });
    expect(cycle.ok).toBe(false);
    if (cycle.ok) return;
    expect(cycle.error.code).toBe('VALIDATION');
    expect(cycle.error.message).toContain('A Cloud → C Datacentre → B Models → A Cloud');
    const self = await t.core.dispatch('vendors:update', {
      id: a.id,
      values: { name: 'A Cloud', parentId: a.id },
    });
    expect(!self.ok && self.error.code).toBe('VALIDATION');
    const missing = await t.core.dispatch('vendors:create', { name: 'D', parentId: 12345 });
    expect(!missing.ok && (missing.error.details as { path: string }[])[0]!.path).toBe('parentId');
  });
});

describe('vendor list', () => {
  async function seed() {
    t = testCore();
    await ok(t.core, 'vendors:create', {
      name: 'Zendesk',
      services: ['Customer support'],
      processingCountries: ['US'],
      role: 'processor',
      riskRating: 'medium',
    });
    await ok(t.core, 'vendors:create', {
      name: 'Amplitude',
      services: ['Product analytics'],
      processingCountries: ['US', 'DE'],
      riskRating: 'high',
    });
    await ok(t.core, 'vendors:create', {
      name: 'Intercom',
      services: ['Chatbot'],
      processingCountries: ['IE'],
      role: 'sub-processor',
      riskRating: 'low',
    });
    await ok(t.core, 'vendors:create', {
      name: 'Société Générale',
      services: ['Banking'],
      processingCountries: ['FR'],
      notes: 'Payments via SEPA',
    });
  }

  it('searches all text with FTS5, by word prefix, ignoring accents', async () => {
    await seed();
    const names = async (search: string) =>
      (await ok(t.core, 'vendors:list', { search })).rows.map((r) => r.name);
    expect(await names('support')).toEqual(['Zendesk']);
    expect(await names('analyt')).toEqual(['Amplitude']);
    expect(await names('societe')).toEqual(['Société Générale']);
    expect(await names('sepa')).toEqual(['Société Générale']);
    expect(await names('germany')).toEqual(['Amplitude']);
    expect(await names('customer support')).toEqual(['Zendesk']);
    expect(await names('customer chatbot')).toEqual([]);
    expect(await names('"); DROP TABLE vendors; --')).toEqual([]);
    expect((await ok(t.core, 'vendors:list', {})).total).toBe(4);
  });

  it('filters per column in SQL', async () => {
    await seed();
    const q = async (filters: Record<string, unknown>) =>
      (await ok(t.core, 'vendors:list', { filters })).rows.map((r) => r.name);
    expect(await q({ processingCountry: ['US'] })).toEqual(['Amplitude', 'Zendesk']);
    expect(await q({ processingCountry: ['Germany'] })).toEqual(['Amplitude']);
    expect(await q({ role: ['sub-processor'] })).toEqual(['Intercom']);
    expect(await q({ text: { name: 'zen' } })).toEqual(['Zendesk']);
    expect(await q({ text: { services: 'support' } })).toEqual(['Zendesk']);
    expect(await q({ text: { name: 'support' } })).toEqual([]);
    expect(await q({ riskRating: ['high', 'low'] })).toEqual(['Amplitude', 'Intercom']);
  });

  it('sorts on any column both ways and pages', async () => {
    await seed();
    const list = async (key: string, direction: 'asc' | 'desc', offset = 0, limit = 100) =>
      (await ok(t.core, 'vendors:list', { sort: { key: key as 'name', direction }, offset, limit })).rows.map(
        (r) => r.name,
      );
    expect(await list('name', 'asc')).toEqual(['Amplitude', 'Intercom', 'Société Générale', 'Zendesk']);
    expect(await list('name', 'desc')).toEqual(['Zendesk', 'Société Générale', 'Intercom', 'Amplitude']);
    expect(await list('riskRating', 'desc')).toEqual([
      'Amplitude',
      'Zendesk',
      'Intercom',
      'Société Générale',
    ]);
    expect(await list('name', 'asc', 1, 2)).toEqual(['Intercom', 'Société Générale']);
    const page = await ok(t.core, 'vendors:list', { offset: 3, limit: 2 });
    expect([page.total, page.offset, page.rows.length]).toEqual([4, 3, 1]);
  });

  it('archives and restores without deleting; archived vendors leave the default list', async () => {
    await seed();
    const [z] = (await ok(t.core, 'vendors:list', { search: 'zendesk' })).rows;
    await ok(t.core, 'vendors:archive', { id: z!.id });
    expect((await ok(t.core, 'vendors:list', {})).total).toBe(3);
    expect((await ok(t.core, 'vendors:list', { archived: 'only' })).rows.map((r) => r.name)).toEqual([
      'Zendesk',
    ]);
    expect((await ok(t.core, 'vendors:list', { archived: 'include' })).total).toBe(4);
    const restored = await ok(t.core, 'vendors:restore', { id: z!.id });
    expect(restored.archived).toBe(false);
    expect((await ok(t.core, 'vendors:list', {})).total).toBe(4);
  });
});

describe('demo data', () => {
  it('loads the sub-processors of the seed notice once, each marked as coming from it', async () => {
    t = testCore();
    // The demo also carries the transfers (4), processing activities (8) and the DPIA (1) of the notice, and
    // rights requests (5) and breaches (2) such a company meets, counted per register.
    expect(await ok(t.core, 'demo:load', {})).toMatchObject({
      created: 34,
      skipped: 0,
      registers: {
        vendors: { created: 14, skipped: 0 },
        transfers: { created: 4, skipped: 0 },
        activities: { created: 8, skipped: 0 },
        dpias: { created: 1, skipped: 0 },
        requests: { created: 5, skipped: 0 },
        breaches: { created: 2, skipped: 0 },
      },
    });
    expect(await ok(t.core, 'demo:load', {})).toMatchObject({
      created: 0,
      skipped: 34,
      registers: { vendors: { created: 0, skipped: 14 } },
    });
    const all = (await ok(t.core, 'vendors:list', { limit: 500 })).rows;
    for (const v of all) {
      expect(v.sourceKind).toBe('demo');
      expect(v.sourceDetail).toMatch(/Privacy notice/);
    }
    const names = all.map((v) => v.name).join(' | ');
    for (const n of [
      'Azure',
      'OpenAI',
      'Zendesk',
      'Google',
      'Amplitude',
      'Microsoft Clarity',
      'Intercom',
      'Slack',
      'Billing',
      'Payment',
    ]) {
      expect(names).toContain(n);
    }
    const us = (await ok(t.core, 'vendors:list', { filters: { processingCountry: ['US'] } })).rows.map(
      (v) => v.name,
    );
    expect(us).toContain('Microsoft Azure OpenAI Service (United States)');
    expect(us).toContain('OpenAI');
  });
});

describe('index held during a long write', () => {
  it("writes the held records' full-text and country rows once, after the rows, and forgets them on a rollback", async () => {
    t = testCore();
    const { VendorInputSchema } = await import('../../shared/domain/vendor');
    const repo = t.core.registers.repoOf('vendors');
    const ctx = { actor: 'tester', now: () => new Date('2026-03-02T10:00:00Z') };
    const parse = (name: string, country: string) =>
      VendorInputSchema.parse({ name, role: 'processor', processingCountries: [country] });
    const ftsCount = () =>
      (t.core.db.prepare('SELECT count(*) AS n FROM vendor_fts').get() as { n: number }).n;
    await ok(t.core, 'vendors:create', { name: 'Earlier Oy', processingCountries: ['FI'] });
    t.core.db.transaction(() => {
      const held = repo.holdIndex();
      repo.insertOne(parse('Alpha Hosting', 'US'), ctx);
      const b = repo.insertOne(parse('Bravo Mail', 'DE'), ctx);
      repo.insertOne(parse('Charlie Analytics', 'JP'), ctx);
      // Changed while held: indexed by the change, and not a second time by `write`.
      repo.updateOne(b, parse('Bravo Mailer', 'FR'), ctx);
      expect(() => repo.holdIndex()).toThrow(/already held/);
      // Held: only the earlier vendor and the changed one are in the full-text index yet.
      expect(ftsCount()).toBe(2);
      held.write();
      held.drop();
    })();
    const search = async (text: string) =>
      (await ok(t.core, 'vendors:list', { search: text })).rows.map((v: { name: string }) => v.name);
    const inCountry = async (code: string) =>
      (await ok(t.core, 'vendors:list', { filters: { processingCountry: [code] } })).rows.map(
        (v: { name: string }) => v.name,
      );
    expect(await search('alpha')).toEqual(['Alpha Hosting']);
    expect(await search('mailer')).toEqual(['Bravo Mailer']);
    expect(await search('charlie')).toEqual(['Charlie Analytics']);
    expect(await search('earlier')).toEqual(['Earlier Oy']);
    expect(await inCountry('US')).toEqual(['Alpha Hosting']);
    expect(await inCountry('FR')).toEqual(['Bravo Mailer']);
    expect(await inCountry('DE')).toEqual([]);
    expect(await inCountry('JP')).toEqual(['Charlie Analytics']);
    expect(ftsCount()).toBe(4);

    // A rolled-back write: the hold is let go, and the next insert is indexed at once.
    const held = repo.holdIndex();
    t.core.db.exec('BEGIN');
    repo.insertOne(parse('Delta Rolled Back', 'US'), ctx);
    t.core.db.exec('ROLLBACK');
    held.drop();
    await ok(t.core, 'vendors:create', { name: 'Echo Support', processingCountries: ['SE'] });
    expect(await search('echo')).toEqual(['Echo Support']);
    expect(await inCountry('SE')).toEqual(['Echo Support']);
    expect(await search('delta')).toEqual([]);
  });
});

describe('vendor list on a larger register', () => {
  it('gives the same pages whichever way it walks to them', async () => {
    t = testCore();
    const countries = ['US', 'DE', 'JP', 'FR'];
    const { VendorInputSchema } = await import('../../shared/domain/vendor');
    const repo = t.core.registers.repoOf('vendors');
    const ctx = { actor: 'tester', now: () => new Date('2026-03-02T10:00:00Z') };
    t.core.db.transaction(() => {
      for (let i = 0; i < 4500; i++) {
        repo.insertOne(
          VendorInputSchema.parse({
            name: `Vendor ${String((i * 7919) % 4500).padStart(4, '0')}`,
            role: i % 3 === 0 ? 'sub-processor' : 'processor',
            services: [i % 2 ? 'Hosting' : 'Analytics'],
            processingCountries: [countries[i % 4]!],
          }),
          ctx,
        );
      }
    })();
    // Archive every ninth vendor so counts must leave them out; the expectation is built from the full list.
    for (let id = 9; id <= 4500; id += 9) await ok(t.core, 'vendors:archive', { id });
    const all = (await ok(t.core, 'vendors:list', { limit: 500, offset: 0, archived: 'include' })).total;
    expect(all).toBe(4500);
    const everything: {
      name: string;
      role: string;
      services: string[];
      processingCountries: string[];
      archived: boolean;
    }[] = [];
    for (let offset = 0; offset < all; offset += 500) {
      everything.push(
        ...(await ok(t.core, 'vendors:list', { limit: 500, offset, archived: 'include' })).rows,
      );
    }
    const cases = [
      {
        input: { filters: { processingCountry: ['US', 'DE'] } },
        keep: (v: (typeof everything)[0]) => ['US', 'DE'].includes(v.processingCountries[0]!),
      },
      { input: { search: 'hosting' }, keep: (v: (typeof everything)[0]) => v.services[0] === 'Hosting' },
      {
        input: { search: 'hosting', filters: { processingCountry: ['JP'] } },
        keep: (v: (typeof everything)[0]) => v.services[0] === 'Hosting' && v.processingCountries[0] === 'JP',
      },
      {
        input: { filters: { role: ['sub-processor' as const] } },
        keep: (v: (typeof everything)[0]) => v.role === 'sub-processor',
      },
    ];
    for (const c of cases) {
      const expected = everything.filter((v) => !v.archived && c.keep(v)).map((v) => v.name);
      for (const offset of [0, 1000]) {
        const page = await ok(t.core, 'vendors:list', { ...c.input, limit: 100, offset });
        expect(page.total).toBe(expected.length);
        expect(page.rows.map((r) => r.name)).toEqual(expected.slice(offset, offset + 100));
      }
      const desc = await ok(t.core, 'vendors:list', {
        ...c.input,
        limit: 50,
        sort: { key: 'name', direction: 'desc' },
      });
      expect(desc.rows.map((r) => r.name)).toEqual([...expected].reverse().slice(0, 50));
    }
  });
});

describe('global search', () => {
  it('finds records by any word, archived ones last and marked', async () => {
    t = testCore();
    const a = await ok(t.core, 'vendors:create', { name: 'Zendesk', services: ['Customer support'] });
    await ok(t.core, 'vendors:create', { name: 'Support Heroes', services: ['Outsourced support'] });
    await ok(t.core, 'vendors:archive', { id: a.id });
    const hits = await ok(t.core, 'search:records', { query: 'support' });
    expect(hits.map((h) => [h.title, h.archived, h.register])).toEqual([
      ['Support Heroes', false, 'vendors'],
      ['Zendesk', true, 'vendors'],
    ]);
    expect(hits[1]!.detail).toContain('Customer support');
    const empty = await t.core.dispatch('search:records', { query: '  ' });
    expect(!empty.ok && empty.error.code).toBe('VALIDATION');
  });
});
