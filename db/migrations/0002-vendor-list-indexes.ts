import type { Migration } from './index';

/**
 * Indexes that keep the vendor list fast on large registers: active and archived vendors counted from narrow
 * partial indexes, and the enum filters answered from one covering index instead of the wide table rows. It
 * ends with the name, so a filtered list in the default order is sorted from the index alone.
 */
export const m0002VendorListIndexes: Migration = {
  version: 2,
  name: 'vendor-list-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX vendors_active ON vendors(id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_archived ON vendors(id) WHERE archived_at IS NOT NULL;
      CREATE INDEX vendors_filters ON vendors(
        role, dpa_status, status, risk_rating, headquarters_country, special_category_data,
        dpa_expires_at, next_review_at, archived_at, name
      );
    `);
  },
};
