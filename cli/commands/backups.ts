import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { actor, call, dbPathFrom, withCore } from '../core';
import { CliError, printJson } from '../output';

const size = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en')} KB`;
const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .join(', ') || 'no records';

/** `dpo backup`, `dpo backups list` and `dpo restore`. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('take a snapshot of the database now (checked with SQLite’s integrity check)')
    .option('--out <file>', 'write it to this file instead of the backups folder beside the database')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database file')
    .action(async (opts: { out?: string; json?: boolean }, command: Command) => {
      const info = await withCore(command, 'cli', async (core) => {
        if (!opts.out) return call(core, 'backups:create', {});
        const { takeSnapshot } = await import('../../db/backups');
        return takeSnapshot(core.db, dbPathFrom(command), 'manual', new Date(), resolve(opts.out));
      });
      if (opts.json) return printJson(info);
      process.stdout.write(`Backed up to ${info.file} (${size(info.bytes)}: ${countsText(info.counts)}).\n`);
    });

  program
    .command('backups')
    .description('the database’s snapshots')
    .command('list')
    .description('list the snapshots, newest first: when, why, size and what they hold')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database file')
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ json?: boolean }>();
      const list = await withCore(command, 'cli', (core) => call(core, 'backups:list', {}));
      if (opts.json) return printJson(list);
      if (list.length === 0) return void process.stdout.write('No backups yet.\n');
      for (const b of list) {
        process.stdout.write(
          `${b.at.slice(0, 16).replace('T', ' ')} UTC  ${b.reason.padEnd(15)} ${size(b.bytes).padStart(9)}  ${countsText(b.counts)}\n    ${b.file}\n`,
        );
      }
    });

  program
    .command('restore')
    .description(
      'put a backup in place of the database (the current file is backed up first; the restore is audited)',
    )
    .argument('<file>', 'the backup to restore')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database file')
    .action(async (file: string, opts: { json?: boolean }, command: Command) => {
      // The core's modules load with the command that needs them, not at start-up.
      const [{ anchorKey, createAnchorStore, defaultAnchorFile }, { inspectBackup, replaceWithBackup }] =
        await Promise.all([import('../../db/anchors'), import('../../db/backups')]);
      const [{ openCore }, { createAuditLog }] = await Promise.all([
        import('../../db/core'),
        import('../../db/audit'),
      ]);
      const dbPath = dbPathFrom(command);
      const backup = resolve(file);
      if (backup === resolve(dbPath)) throw new CliError('That is the database itself; choose a backup.', 2);
      // The backup is checked before the database is touched; then the database is opened (and so checked):
      // another application's file is never replaced.
      try {
        inspectBackup(backup);
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message, err.code === 'DB_FROM_FUTURE' ? 3 : 2);
        throw err;
      }
      await withCore(command, 'cli', async () => undefined);
      const now = new Date();
      let before: string;
      try {
        before = replaceWithBackup(dbPath, backup, now).before.file;
      } catch (err) {
        if (err instanceof AppError) {
          throw new CliError(err.message, err.code === 'DB_FROM_FUTURE' ? 3 : 2);
        }
        throw err;
      }
      // The restored log is older than the head this app last saw: that is the restore, not tampering.
      const anchors = createAnchorStore(defaultAnchorFile());
      anchors.forget(anchorKey(dbPath));
      const core = openCore({ dbPath, door: 'cli', actor: actor() });
      try {
        const audit = createAuditLog(core.db);
        core.db.transaction(() =>
          audit.append({ actor: actor(), now: () => now }, [
            {
              entity: 'database',
              entityId: 0,
              action: 'restore',
              newValue: { from: backup, previousSavedAs: before },
            },
          ]),
        )();
      } finally {
        core.close();
      }
      const result = { restored: backup, previousSavedAs: before };
      if (opts.json) return printJson(result);
      process.stdout.write(`Restored ${backup}. The database as it was is kept in ${before}.\n`);
    });
}
