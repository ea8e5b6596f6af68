import { performance } from 'node:perf_hooks';
import { openCore } from '../db/core';
import { activities, dpias, transfers, vendors } from '../shared/registers/index';
import { measureList, withBenchDb } from './list-measure';

const VENDORS = 2_000;
const N = 100_000;
const COUNTRIES = ['DE', 'FR', 'US', 'IN', 'GB', 'JP', 'BR', 'IE', 'CA', 'SG'];
const BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'legitimate-interests',
  'public-task',
  null,
] as const;
const STATUSES = ['draft', 'in-review', 'approved', 'retired'] as const;
const WORDS = [
  'Payroll',
  'Recruiting',
  'Support',
  'Analytics',
  'Billing',
  'Marketing',
  'Security',
  'Research',
];
const CRITERIA = ['large-scale', 'innovative-technology', 'evaluation-scoring', 'sensitive-data'] as const;

/**
 * activities:list on 100,000 processing activities, each linked to three of 2,000 vendors: every page computes
 * each activity's third countries, transfer gaps and vendor chain through its vendors (and their transfers),
 * and the DPIA question through the DPIAs linked to it. Repeated calls reuse what the call before read while the
 * database does not change; the "after a write" shapes measure the cold call.
 */
export async function run(): Promise<Record<string, unknown>> {
  return withBenchDb(async (dbPath) => {
    let core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const ctx = { actor: 'bench', now: () => new Date() };
    const vendorRepo = core.registers.repoOf('vendors');
    const transferRepo = core.registers.repoOf('transfers');
    const activityRepo = core.registers.repoOf('activities');
    const dpiaRepo = core.registers.repoOf('dpias');
    core.registers.settings.update({ organisation: { name: 'Bench AS', country: 'NO' } }, ctx);
    const t0 = performance.now();
    core.db.transaction(() => {
      for (let i = 0; i < VENDORS; i++) {
        vendorRepo.insertOne(
          vendors.schemas.input.parse({
            name: `${WORDS[i % WORDS.length]} Vendor ${i}`,
            processingCountries: [COUNTRIES[i % COUNTRIES.length]!, COUNTRIES[(i * 3) % COUNTRIES.length]!],
          }),
          ctx,
        );
        if (i % 4 === 0) {
          transferRepo.insertOne(
            transfers.schemas.input.parse({
              importer: i + 1,
              destinationCountry: 'US',
              mechanism: 'scc-2021',
              sccModule: 2,
              tia: 'done',
            }),
            ctx,
          );
        }
      }
      for (let i = 0; i < N; i++) {
        activityRepo.insertOne(
          activities.schemas.input.parse({
            name: `${WORDS[i % WORDS.length]} activity ${i}`,
            businessFunction: WORDS[(i * 5) % WORDS.length],
            purposes: [`${WORDS[(i * 3) % WORDS.length]} purpose`],
            lawfulBasis: BASES[i % BASES.length],
            dataSubjects: ['Customers'],
            dataCategories: ['Contact details'],
            vendors: [1 + (i % VENDORS), 1 + ((i * 7) % VENDORS), 1 + ((i * 13) % VENDORS)],
            retention: [{ category: 'All', period: `${1 + (i % 10)} years` }],
            screening: { criteria: i % 5 === 0 ? [...CRITERIA.slice(0, 2)] : [CRITERIA[i % 4]] },
            status: STATUSES[i % STATUSES.length],
            reviewOn: `202${5 + (i % 3)}-0${1 + (i % 9)}-10`,
          }),
          ctx,
        );
        if (i % 50 === 0) {
          dpiaRepo.insertOne(
            dpias.schemas.input.parse({
              title: `DPIA ${i}`,
              activities: [i + 1],
              risks: [
                { title: 'Access', likelihood: 2, severity: 3, residualLikelihood: 1, residualSeverity: 2 },
              ],
            }),
            ctx,
          );
        }
      }
    })();
    const seedMs = performance.now() - t0;
    core.close();

    const openStart = performance.now();
    core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const first = await core.dispatch('activities:list', { limit: 100 });
    const openAndFirstPageMs = performance.now() - openStart;
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const list = (input: object, runs?: number) => measureList(core, 'activities:list', input, runs);
    // A write between calls: nothing is kept from the call before (the first page after an edit).
    const touch = core.db.prepare("UPDATE settings SET updated_at = updated_at WHERE key = 'organisation'");
    const cold = (input: object, runs?: number) =>
      measureList(core, 'activities:list', input, runs, () => touch.run());

    const results = {
      activities: N,
      vendors: VENDORS,
      seedWithAuditMs: Math.round(seedMs),
      openAndFirstPageMs: Number(openAndFirstPageMs.toFixed(1)),
      firstPageByName: await list({ limit: 100 }),
      firstPageByNameAfterAWrite: await cold({ limit: 100 }),
      filteredByBasisAfterAWrite: await cold({ limit: 100, filters: { lawfulBasis: ['consent'] } }),
      firstPageSortedByStatus: await list({ limit: 100, sort: { key: 'status', direction: 'asc' } }),
      firstPageSortedByReviewDesc: await list({ limit: 100, sort: { key: 'reviewOn', direction: 'desc' } }),
      filteredByBasis: await list({ limit: 100, filters: { lawfulBasis: ['consent'] } }),
      filteredByBasisAndStatus: await list({
        limit: 100,
        filters: { lawfulBasis: ['consent'], status: ['approved'] },
      }),
      filteredDpiaNeeded: await list({ limit: 100, filters: { dpiaNeeded: true } }, 50),
      filteredWithTransferGaps: await list({ limit: 100, filters: { transferGaps: true } }, 50),
      searched: await list({ limit: 100, search: 'payroll' }),
      deepPage: await list({ limit: 100, offset: 50_000 }, 50),
      dpiasFilteredByResidual: await measureList(
        core,
        'dpias:list',
        { limit: 100, filters: { highestResidual: ['low'] } },
        50,
      ),
    };
    core.close();
    return results;
  });
}
