import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../db/core';
import { measureList, withBenchDb } from './list-measure';
import { VendorInputSchema } from '../shared/domain/vendor';

const N = 100_000;
const COUNTRIES = ['US', 'DE', 'FR', 'IE', 'NL', 'GB', 'IN', 'JP', 'BR', 'CA', 'SE', 'PL'];
const WORDS = [
  'Cloud',
  'Data',
  'Mail',
  'Pay',
  'Analytics',
  'Support',
  'Hosting',
  'Security',
  'Chat',
  'Video',
  'Print',
  'HR',
];
const ROLES = ['processor', 'sub-processor', 'joint-controller', 'independent-controller'] as const;
const DPA = ['none', 'requested', 'draft', 'signed', 'not-required'] as const;

const measure = (core: Core, input: object, runs?: number) => measureList(core, 'vendors:list', input, runs);

/** vendors:list on a database of 100,000 vendors: first page sorted, filtered, searched; and a cold open. */
export async function run(): Promise<Record<string, unknown>> {
  return withBenchDb(async (dbPath) => {
    let core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const repo = core.registers.repoOf('vendors');
    const ctx = { actor: 'bench', now: () => new Date() };
    const t0 = performance.now();
    core.db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const w = WORDS[i % WORDS.length]!;
        repo.insertOne(
          VendorInputSchema.parse({
            name: `${w} ${WORDS[(i * 7) % WORDS.length]} Vendor ${i}`,
            role: ROLES[i % ROLES.length],
            services: [`${w} services`, `${WORDS[(i * 3) % WORDS.length]} tooling`],
            dataCategories: ['Identifiers', i % 2 ? 'Billing details' : 'Usage data'],
            processingCountries: [COUNTRIES[i % COUNTRIES.length]!, COUNTRIES[(i * 5) % COUNTRIES.length]!],
            headquartersCountry: COUNTRIES[(i * 11) % COUNTRIES.length],
            dpaStatus: DPA[i % DPA.length],
            dpaSignedAt: DPA[i % DPA.length] === 'signed' ? '2024-05-01' : null,
            riskRating: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
            nextReviewAt: `202${5 + (i % 3)}-0${1 + (i % 9)}-15`,
            internalOwner: `Owner ${i % 250}`,
          }),
          ctx,
        );
      }
    })();
    const seedMs = performance.now() - t0;
    core.close();

    const openStart = performance.now();
    core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const first = await core.dispatch('vendors:list', { limit: 100 });
    const openAndFirstPageMs = performance.now() - openStart;
    if (!first.ok) throw new Error(JSON.stringify(first.error));

    const results = {
      vendors: N,
      seedWithAuditMs: Math.round(seedMs),
      openAndFirstPageMs: Number(openAndFirstPageMs.toFixed(1)),
      firstPageByName: await measure(core, { limit: 100 }),
      firstPageSortedByRiskDesc: await measure(core, {
        limit: 100,
        sort: { key: 'riskRating', direction: 'desc' },
      }),
      firstPageSortedByNextReview: await measure(core, {
        limit: 100,
        sort: { key: 'nextReviewAt', direction: 'asc' },
      }),
      filteredByCountry: await measure(core, { limit: 100, filters: { processingCountry: ['JP'] } }),
      filteredByRoleAndDpa: await measure(core, {
        limit: 100,
        filters: { role: ['sub-processor'], dpaStatus: ['signed', 'expired'] },
      }),
      searched: await measure(core, { limit: 100, search: 'analytics' }),
      searchedRare: await measure(core, { limit: 100, search: 'vendor 4242' }),
      searchedFilteredSorted: await measure(core, {
        limit: 100,
        search: 'hosting',
        filters: { processingCountry: ['IN'] },
        sort: { key: 'updatedAt', direction: 'desc' },
      }),
      deepPage: await measure(core, { limit: 100, offset: 50_000 }, 50),
    };
    core.close();
    return results;
  });
}
