import { activities, breaches, dpias, requests, transfers, vendors } from '../shared/registers/index';
import type { Register } from '../shared/kit/define';
import type { AuditContext } from './audit';
import {
  demoActivities,
  demoBreaches,
  demoDpias,
  demoOrganisation,
  demoRequests,
  demoTransfers,
  demoVendors,
  demoVendorExamples,
  EXAMPLE_NOTE,
} from './demo-data';
import { localIsoDate } from './kit/repository';
import type { Db } from './open';
import type { Registers } from './registers';

type Counts = { created: number; skipped: number };

/**
 * Loads the demo data set drawn from the seed privacy notice, in one transaction: the organisation (when no
 * settings exist yet), its vendors, the transfers to them, the processing activities using them, one DPIA, and
 * rights requests and breaches dated from now. A record already in the register (the same
 * identity: legal name for vendors; importer, destination and exporter for transfers) is skipped, so loading
 * twice adds nothing.
 */
export function loadDemoData(
  db: Db,
  registers: Registers,
  ctx: AuditContext,
): Counts & { registers: Record<string, Counts> } {
  return db
    .transaction(() => {
      const settings = registers.settings.get();
      if (!settings.organisation.name && !settings.organisation.country) {
        registers.settings.update({ organisation: demoOrganisation }, ctx);
      }
      const counts: Record<string, Counts> = {};
      const load = <T extends { key: string }>(
        register: Register | typeof vendors | typeof transfers,
        records: readonly T[],
        toInput: (record: T, ids: Map<string, number>) => Record<string, unknown>,
        ids: Map<string, number>,
      ) => {
        const repo = registers.repoOf(register.name);
        const existing = repo.identityIndex();
        const c = { created: 0, skipped: 0 };
        for (const record of records) {
          const fields = register.schemas.input.parse({
            ...toInput(record, ids),
            sourceKind: 'demo',
          }) as Record<string, unknown>;
          const known = existing.get((register.identity.key as (f: unknown) => string)(fields))?.[0];
          if (known !== undefined) {
            ids.set(record.key, known);
            c.skipped++;
            continue;
          }
          const id = repo.insertOne(fields, ctx);
          ids.set(record.key, id);
          existing.set((register.identity.key as (f: unknown) => string)(fields), [id]);
          c.created++;
        }
        counts[register.name] = c;
      };
      const vendorIds = new Map<string, number>();
      const examples = demoVendorExamples(localIsoDate(ctx.now()));
      load(
        vendors,
        demoVendors,
        ({ key, parentKey, ...input }, ids) => {
          const example = examples[key];
          return {
            ...input,
            ...example,
            sourceDetail: example ? `${input.sourceDetail}; ${EXAMPLE_NOTE}` : input.sourceDetail,
            parentId: parentKey ? (ids.get(parentKey) ?? null) : null,
          };
        },
        vendorIds,
      );
      const transferIds = new Map<string, number>();
      load(
        transfers,
        demoTransfers,
        ({ key: _key, importerKey, ...input }) => ({
          ...input,
          importer: vendorIds.get(importerKey)!,
          exporterCountry: registers.settings.organisation().country,
        }),
        transferIds,
      );
      const activityIds = new Map<string, number>();
      load(
        activities as unknown as Register,
        demoActivities,
        ({ key: _key, vendorKeys, transferKeys, ...input }) => ({
          ...input,
          vendors: vendorKeys.map((k) => vendorIds.get(k)!),
          transfers: (transferKeys ?? []).map((k) => transferIds.get(k)!),
        }),
        activityIds,
      );
      load(
        dpias as unknown as Register,
        demoDpias,
        ({ key: _key, activityKeys, ...input }) => ({
          ...input,
          activities: activityKeys.map((k) => activityIds.get(k)!),
        }),
        new Map(),
      );
      // Requests and breaches are dated from now, so their clocks show what they are meant to.
      const now = ctx.now();
      load(requests as unknown as Register, demoRequests(now), ({ key: _key, ...input }) => input, new Map());
      load(breaches as unknown as Register, demoBreaches(now), ({ key: _key, ...input }) => input, new Map());
      const all = Object.values(counts);
      return {
        created: all.reduce((n, c) => n + c.created, 0),
        skipped: all.reduce((n, c) => n + c.skipped, 0),
        registers: counts,
      };
    })
    .immediate();
}
