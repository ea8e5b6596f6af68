import { performance } from 'node:perf_hooks';
import { openCore } from '../db/core';
import { measureList, withBenchDb } from './list-measure';
import { transfers, vendors } from '../shared/registers/index';

const VENDORS = 10_000;
const N = 100_000;
const COUNTRIES = ['US', 'IN', 'CN', 'BR', 'JP', 'GB', 'CH', 'CA', 'KR', 'SG', 'AU', 'ZA'];
const MECHANISMS = [
  'scc-2021',
  'scc-2021',
  'dpf',
  'adequacy',
  'bcr',
  'none',
  'scc-2010',
  'derogation',
] as const;
const WORDS = ['Cloud', 'Support', 'Analytics', 'Payroll', 'Mail', 'Hosting', 'Chat', 'Video'];

const measure = measureList;

/**
 * transfers:list on 100,000 transfers to 10,000 vendors, each page with its verdict computed by the rules engine
 * (and the stored verdict the validity filter reads); plus the vendor list filtered on transfer gaps.
 */
export async function run(): Promise<Record<string, unknown>> {
  return withBenchDb(async (dbPath) => {
    let core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const ctx = { actor: 'bench', now: () => new Date() };
    const vendorRepo = core.registers.repoOf('vendors');
    const transferRepo = core.registers.repoOf('transfers');
    core.registers.settings.update({ organisation: { name: 'Bench AS', country: 'NO' } }, ctx);
    const t0 = performance.now();
    core.db.transaction(() => {
      for (let i = 0; i < VENDORS; i++) {
        vendorRepo.insertOne(
          vendors.schemas.input.parse({
            name: `${WORDS[i % WORDS.length]} Vendor ${i}`,
            processingCountries: [COUNTRIES[i % COUNTRIES.length]!, COUNTRIES[(i * 7) % COUNTRIES.length]!],
            dpfCertified: i % 5 === 0,
          }),
          ctx,
        );
      }
      for (let i = 0; i < N; i++) {
        const mechanism = MECHANISMS[i % MECHANISMS.length]!;
        transferRepo.insertOne(
          transfers.schemas.input.parse({
            importer: 1 + (i % VENDORS),
            destinationCountry: COUNTRIES[(i * 3) % COUNTRIES.length],
            mechanism,
            sccModule: mechanism === 'scc-2021' ? 1 + (i % 4) : null,
            derogationGround: mechanism === 'derogation' ? 'a' : null,
            signedOn: mechanism.startsWith('scc') ? `20${18 + (i % 8)}-0${1 + (i % 9)}-15` : null,
            tia: (['done', 'missing', null] as const)[i % 3],
            purpose: `${WORDS[(i * 5) % WORDS.length]} services`,
            reviewOn: `202${5 + (i % 3)}-0${1 + (i % 9)}-10`,
          }),
          ctx,
        );
      }
    })();
    const seedMs = performance.now() - t0;
    core.close();

    const openStart = performance.now();
    core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const first = await core.dispatch('transfers:list', { limit: 100 });
    const openAndFirstPageMs = performance.now() - openStart;
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const list = (input: object, runs?: number) => measure(core, 'transfers:list', input, runs);

    const results = {
      transfers: N,
      vendors: VENDORS,
      seedWithAuditMs: Math.round(seedMs),
      openAndFirstPageMs: Number(openAndFirstPageMs.toFixed(1)),
      firstPageByDestination: await list({ limit: 100 }),
      firstPageSortedByMechanism: await list({ limit: 100, sort: { key: 'mechanism', direction: 'asc' } }),
      firstPageSortedByReviewDesc: await list({ limit: 100, sort: { key: 'reviewOn', direction: 'desc' } }),
      filteredInvalid: await list({ limit: 100, filters: { validity: ['invalid'] } }),
      filteredByCountry: await list({ limit: 100, filters: { destinationCountry: ['BR'] } }),
      filteredByMechanismAndTia: await list({
        limit: 100,
        filters: { mechanism: ['scc-2021'], tia: ['missing'] },
      }),
      searched: await list({ limit: 100, search: 'payroll' }),
      searchedByImporter: await list({ limit: 100, search: 'vendor 4242' }),
      deepPage: await list({ limit: 100, offset: 50_000 }, 50),
      vendorsWithTransferGaps: await measure(
        core,
        'vendors:list',
        { limit: 100, filters: { transferGaps: true } },
        50,
      ),
    };
    core.close();
    return results;
  });
}
