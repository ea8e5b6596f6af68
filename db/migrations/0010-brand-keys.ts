import type { Migration } from './index';
import { brandOf } from '../../shared/import/company';
import { normaliseLegalName } from '../../shared/legal-name';

/**
 * A vendor whose name gives its brand and legal entity together ("Zendesk, Inc. (Zendesk)") is keyed by its brand
 * from now on, as the import stores such a cell (name "Zendesk", legal entity "Zendesk, Inc."): the stored keys are
 * made again, so a list imported again finds these vendors instead of adding them a second time.
 */
export const m0010BrandKeys: Migration = {
  version: 10,
  name: 'brand-keys',
  up(db) {
    const rows = db.prepare("SELECT id, name, name_key FROM vendors WHERE name LIKE '%(%'").all() as {
      id: number;
      name: string;
      name_key: string;
    }[];
    const update = db.prepare('UPDATE vendors SET name_key = ? WHERE id = ?');
    for (const r of rows) {
      const key = normaliseLegalName(brandOf(r.name));
      if (key !== r.name_key) update.run(key, r.id);
    }
  },
};
