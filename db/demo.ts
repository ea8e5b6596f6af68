import { VendorInputSchema } from '../shared/domain/vendor';
import { normaliseLegalName } from '../shared/legal-name';
import type { AuditContext } from './audit';
import { demoVendors } from './demo-data';
import type { Db } from './open';
import type { VendorRepository } from './vendors';

/**
 * Loads the demo register drawn from the seed privacy notice, in one transaction. Vendors whose legal name is
 * already in the register are skipped, so loading twice adds nothing.
 */
export function loadDemoData(
  db: Db,
  vendors: VendorRepository,
  ctx: AuditContext,
): { created: number; skipped: number } {
  const existing = db.prepare<[string], { id: number }>('SELECT id FROM vendors WHERE name_key = ?');
  return db
    .transaction(() => {
      const ids = new Map<string, number>();
      let created = 0;
      let skipped = 0;
      for (const { key, parentKey, ...input } of demoVendors) {
        const found = existing.get(normaliseLegalName(input.name));
        if (found) {
          ids.set(key, found.id);
          skipped++;
          continue;
        }
        const parentId = parentKey ? (ids.get(parentKey) ?? null) : null;
        const fields = VendorInputSchema.parse({ ...input, parentId, sourceKind: 'demo' });
        ids.set(key, vendors.insertOne(fields, ctx));
        created++;
      }
      return { created, skipped };
    })
    .immediate();
}
