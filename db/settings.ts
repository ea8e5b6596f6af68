import { SettingsSchema, type Settings } from '../shared/domain/settings';
import type { AuditContext, AuditLog, AuditRecord } from './audit';
import type { Db } from './open';

const DEFAULTS: Settings = SettingsSchema.parse({ organisation: {} });

/**
 * The organisation's settings, kept in the database with their history in the audit log (entity `settings`).
 * Read often (every derived fact that depends on the organisation), so the current value is cached.
 */
export function createSettingsStore(db: Db, audit: AuditLog) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  let cached: Settings | null = null;

  function get(): Settings {
    if (cached) return cached;
    const row = read.get('organisation');
    const organisation = row ? (JSON.parse(row.value) as unknown) : {};
    cached = SettingsSchema.parse({
      organisation: { ...DEFAULTS.organisation, ...(organisation as object) },
    });
    return cached;
  }

  return {
    get,
    organisation: () => get().organisation,
    /** Saves the settings in one transaction, with one audit entry per changed value. */
    update(next: Settings, ctx: AuditContext): Settings {
      db.transaction(() => {
        const before = get();
        const changes: AuditRecord[] = [];
        for (const key of Object.keys(next.organisation) as (keyof Settings['organisation'])[]) {
          if (before.organisation[key] !== next.organisation[key]) {
            changes.push({
              entity: 'settings',
              entityId: 1,
              action: 'update',
              field: `organisation.${key}`,
              oldValue: before.organisation[key],
              newValue: next.organisation[key],
            });
          }
        }
        if (changes.length === 0) return;
        write.run('organisation', JSON.stringify(next.organisation), ctx.now().toISOString());
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
