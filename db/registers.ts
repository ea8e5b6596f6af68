import { declaredRegisters, type Register } from '../shared/kit/define';
import { REFERENCE_VERSION } from '../shared/reference/version';
import { registers as workbenchRegisters } from '../shared/registers/index';
import type { AuditLog } from './audit';
import { createRepository, STALE, type Repository } from './kit/repository';
import type { Db } from './open';
import { createSettingsStore, type SettingsStore } from './settings';

/**
 * The repositories of every register, built from their declarations, sharing one audit log and the
 * organisation's settings. Stored verdicts judged with other reference data than this version's are marked for
 * judging again.
 */
export function createRegisters(
  db: Db,
  audit: AuditLog,
  options: { registers?: readonly Register[]; settings?: SettingsStore } = {},
) {
  // The workbench's registers in their order, then any register a test declared on the kit.
  const ordered = workbenchRegisters as unknown as readonly Register[];
  const list = options.registers ?? [...ordered, ...declaredRegisters().filter((r) => !ordered.includes(r))];
  const settings = options.settings ?? createSettingsStore(db, audit);
  const repos = new Map<string, Repository>();
  const repoOf = (name: string): Repository => {
    const repo = repos.get(name);
    if (!repo) throw new Error(`There is no register named "${name}".`);
    return repo;
  };
  for (const reg of list) {
    repos.set(
      reg.name,
      createRepository(db, audit, reg, {
        repoOf,
        registers: () => list,
        organisation: settings.organisation,
        settings: settings.get,
      }),
    );
  }
  return {
    list,
    settings,
    repoOf,
    /**
     * Marks every register's stored facts for judging again at the next read, and its erasures for looking at
     * again (the settings changed).
     */
    markStoredStale(): void {
      for (const reg of list) {
        repos.get(reg.name)?.eraseAgain();
        if (!Object.values(reg.derived).some((f) => f.store)) continue;
        db.prepare(`UPDATE ${reg.table} SET derived_until = ?`).run(STALE);
      }
    },
    /** Marks every stored verdict for judging again when the reference data changed since it was stored. */
    stampReferenceVersion(): void {
      const read = db.prepare<[string], { version: string }>(
        'SELECT version FROM kit_stamps WHERE register = ?',
      );
      const write = db.prepare(
        'INSERT INTO kit_stamps (register, version) VALUES (?, ?) ON CONFLICT(register) DO UPDATE SET version = excluded.version',
      );
      for (const reg of list) {
        if (!Object.values(reg.derived).some((f) => f.store)) continue;
        if (read.get(reg.name)?.version === REFERENCE_VERSION) continue;
        db.transaction(() => {
          db.prepare(`UPDATE ${reg.table} SET derived_until = ?`).run(STALE);
          write.run(reg.name, REFERENCE_VERSION);
        }).immediate();
      }
    },
  };
}
export type Registers = ReturnType<typeof createRegisters>;
