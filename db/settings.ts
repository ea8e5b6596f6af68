import {
  SETTINGS_SECTIONS,
  SettingsSchema,
  type Settings,
  type SettingsUpdate,
} from '../shared/domain/settings';
import type { AuditContext, AuditLog, AuditRecord } from './audit';
import type { Db } from './open';

/**
 * The organisation's settings, kept in the database a section per row (organisation, deadlines) with their
 * history in the audit log (entity `settings`, field `section.key`). Read often (every derived fact that depends
 * on the organisation), so the current value is cached.
 */
export function createSettingsStore(db: Db, audit: AuditLog) {
  const read = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const write = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  let cached: Settings | null = null;

  function get(): Settings {
    if (cached) return cached;
    const stored: Record<string, unknown> = { organisation: {} };
    for (const row of read.all()) {
      if ((SETTINGS_SECTIONS as readonly string[]).includes(row.key)) stored[row.key] = JSON.parse(row.value);
    }
    cached = SettingsSchema.parse(stored);
    return cached;
  }

  return {
    get,
    organisation: () => get().organisation,
    deadlines: () => get().deadlines,
    /**
     * Saves the sections given (a section left out keeps its value) in one transaction, with one audit entry per
     * changed value.
     */
    update(next: SettingsUpdate, ctx: AuditContext): Settings {
      db.transaction(() => {
        const before = get();
        const now = ctx.now().toISOString();
        const changes: AuditRecord[] = [];
        for (const section of SETTINGS_SECTIONS) {
          const value = next[section];
          if (!value) continue;
          const old = before[section] as Record<string, unknown>;
          // The values given replace the stored ones; the others stay.
          const fresh = { ...old, ...(value as Record<string, unknown>) };
          let changed = false;
          for (const key of Object.keys(value as object)) {
            if (old[key] !== fresh[key]) {
              changed = true;
              changes.push({
                entity: 'settings',
                entityId: 1,
                action: 'update',
                field: `${section}.${key}`,
                oldValue: old[key],
                newValue: fresh[key],
              });
            }
          }
          if (changed) write.run(section, JSON.stringify(fresh), now);
        }
        if (changes.length === 0) return;
        audit.append(ctx, changes);
        cached = null;
      }).immediate();
      cached = null;
      return get();
    },
    /** Forget the cached value (another connection may have written it). */
    reload(): void {
      cached = null;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
