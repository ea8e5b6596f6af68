import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import type { Channel, ProgressEvent } from '../shared/contract';
import { AppError, type Envelope } from '../shared/errors';
import { anchorKey, checkAnchor, createAnchorStore, currentHead, defaultAnchorFile } from './anchors';
import { dailyDue, listBackups, takeSnapshot } from './backups';
import { createAuditLog, type AuditContext } from './audit';
import { replayAudit } from './audit-replay';
import { createDispatch, type Handlers } from './dispatch';
import { loadDemoData } from './demo';
import type { FileStore } from './import/files';
import { createImportService } from './import/service';
import type { Settings } from '../shared/domain/settings';
import { APP_VERSION } from '../shared/version';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { openDatabase, type Db } from './open';
import { createOverview } from './overview';
import { localIsoDate } from './kit/repository';
import { addDays } from '../shared/rules/calendar';
import { toICalendar } from '../shared/ical';
import { createRegisters, type Registers } from './registers';
import { createReviewService } from './reviews';
import type { ReviewCheckInput, ReviewDecideInput, ReviewRecordInput } from '../shared/subprocessors/review';

export type Door = 'desktop' | 'web' | 'cli';

export interface CoreOptions {
  /** Database file; see `defaultDbPath()` in db/paths.ts. */
  dbPath: string;
  door: Door;
  /** Who the audit log names for changes made through this core. */
  actor: string;
  /** The clock; tests set it. */
  now?: () => Date;
  /** Check outputs against the contract (tests). Defaults to `DPO_CHECK_OUTPUT=1`. */
  checkOutput?: boolean;
  version?: string;
  /**
   * Import jobs in worker threads (default for a database file), inline (in-memory databases, tools), or 'auto':
   * inline for a small file, in a worker for a large one (the command line, where no page waits on the thread).
   */
  importMode?: 'worker' | 'inline' | 'auto';
  /**
   * Where the heads of the audit logs this app has seen are kept, outside the database (db/anchors.ts); default:
   * `DPO_AUDIT_HEADS`, else `audit-heads.json` in the app-data folder. Null: none (in-memory databases).
   */
  anchorFile?: string | null;
  /** Open the database without writing to it: reading channels work, any change is refused in words. */
  readOnly?: boolean;
}

/** The core behind every door: one dispatch, one database. */
export interface Core {
  /** Validates `input` against the contract, runs the handler, and returns the envelope. Never throws. */
  dispatch(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to progress events of long jobs; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  close(): void;
  /** The open database, for the CLI's maintenance commands and tests. */
  readonly db: Db;
  /** The repositories of every register (tests, the benchmark). */
  readonly registers: Registers;
  /** Where the web door stores an upload (imports name it by the returned file id); `close` deletes them all. */
  readonly uploads: Pick<
    FileStore,
    'saveUpload' | 'register' | 'registerSave' | 'resolve' | 'release' | 'take' | 'close'
  >;
}

export type { Channel };

/**
 * Where a record came from is the core's to say, never a door's: a record made through a door is "manual" (the
 * import and the demo write through the repository, with their own source), and an update keeps the source the
 * record has.
 */
function fromDoor(
  reg: { fields: Record<string, unknown> },
  values: Record<string, unknown>,
  stored: Record<string, unknown> | null,
): Record<string, unknown> {
  if (!('sourceKind' in reg.fields)) return values;
  return {
    ...values,
    sourceKind: stored ? stored.sourceKind : 'manual',
    sourceDetail: stored ? (stored.sourceDetail ?? null) : null,
  };
}

/**
 * Opens the database (migrating it when needed) and returns the core. Throws AppError DB_FROM_FUTURE for a
 * file written by a newer version; the doors show that message and stop.
 */
export function openCore(options: CoreOptions): Core {
  const readOnly = options.readOnly === true;
  const { db, fromVersion } = openDatabase(options.dbPath, { now: options.now, readOnly });
  const now = options.now ?? (() => new Date());
  // A snapshot a day, taken when the database is opened (a new, empty one has nothing to keep yet).
  if (!readOnly && options.dbPath !== ':memory:' && fromVersion > 0 && dailyDue(options.dbPath, now())) {
    try {
      takeSnapshot(db, options.dbPath, 'daily', now());
    } catch (err) {
      if (process.env.DPO_QUIET !== '1') console.error('[dpo] the daily backup failed:', err);
    }
  }
  const audit = createAuditLog(db);
  const registers = createRegisters(db, audit);
  if (!readOnly) registers.stampReferenceVersion();
  // The log's head as this app last saw it, kept outside the file: a log that shrank or forked since is reported.
  const anchorFile =
    options.anchorFile !== undefined
      ? options.anchorFile
      : options.dbPath === ':memory:'
        ? null
        : defaultAnchorFile();
  const anchors = anchorFile ? createAnchorStore(anchorFile) : null;
  const key = anchorKey(options.dbPath);
  const anchor = checkAnchor(db, anchors?.get(key) ?? null);
  const recordHead = () => {
    // A log found shrunk or forked keeps the head seen before, so the warning stays until someone looks.
    const head = currentHead(db, now());
    if (anchors && anchor.ok && head) anchors.set(key, head);
  };
  try {
    recordHead();
  } catch {
    // Not being able to keep the anchor must not stop the app; verify still checks the chain and the records.
  }
  const overviews = createOverview(db, registers);
  const events = new EventEmitter();
  // Every open page listens for progress (the web door has one listener per event stream): no leak warning.
  events.setMaxListeners(0);
  const ctx: AuditContext = { actor: options.actor, now };
  const onUnexpected = (channel: string, err: unknown) => {
    if (process.env.DPO_QUIET !== '1') console.error(`[dpo] ${channel} failed:`, err);
  };
  const imports = createImportService({
    db,
    dbPath: options.dbPath,
    door: options.door,
    actor: options.actor,
    now,
    mode: options.importMode,
    readOnly,
    onProgress: (event) => events.emit('progress', event),
    onUnexpected,
  });
  const reviewService = createReviewService({
    db,
    registers,
    readList: (source, sheet, jobId) => imports.readSubprocessorList(source, sheet, jobId),
  });
  /** An import or undo holds the write lock while it runs: refuse other writes at once instead of blocking. */
  const writing =
    <I, O>(fn: (input: I) => O) =>
    (input: I): O => {
      if (readOnly) {
        throw new AppError(
          'FORBIDDEN',
          `The database is open read-only (${options.dbPath}); nothing can be changed or saved.`,
        );
      }
      if (imports.isWriting()) {
        throw new AppError('CONFLICT', 'An import is being written; try again when it has finished.');
      }
      return fn(input);
    };

  /**
   * An update's input nests the record under `values`, so the problems the register finds once the record is
   * resolved name their field there too, as the input's own checks do: every path is `values.<field>`.
   */
  const inValues = <O>(fn: () => O): O => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION' || !Array.isArray(err.details)) throw err;
      const details = (err.details as { path: string; message: string }[]).map((d) => ({
        ...d,
        path: d.path.startsWith('values') ? d.path : `values.${d.path}`,
      }));
      throw new AppError('VALIDATION', details.map((d) => `${d.path}: ${d.message}`).join(' '), details);
    }
  };

  const registerHandlers: Record<string, (input: never) => unknown> = {};
  for (const reg of registers.list) {
    const repo = registers.repoOf(reg.name);
    const n = reg.name;
    type Id = { id: number };
    Object.assign(registerHandlers, {
      [`${n}:list`]: (q: Parameters<typeof repo.list>[0]) => repo.list(q, ctx),
      [`${n}:get`]: ({ id }: Id) => repo.detail(id, ctx, audit.history),
      [`${n}:create`]: writing((fields: Record<string, unknown>) =>
        repo.create(fromDoor(reg, fields, null), ctx),
      ),
      [`${n}:update`]: writing(
        ({
          id,
          values,
          expectedUpdatedAt,
        }: Id & { values: Record<string, unknown>; expectedUpdatedAt?: string }) =>
          inValues(() =>
            repo.update(
              id,
              fromDoor(reg, values, repo.storedByIds([id]).get(id) ?? null),
              ctx,
              expectedUpdatedAt,
            ),
          ),
      ),
      [`${n}:archive`]: writing(({ id, withDescendants }: Id & { withDescendants?: boolean }) =>
        repo.archive(id, ctx, { withDescendants }),
      ),
      [`${n}:restore`]: writing(({ id, alsoIds }: Id & { alsoIds?: number[] }) =>
        repo.restore(id, ctx, alsoIds ?? []),
      ),
      [`${n}:duplicates`]: ({ excludeId, ...identity }: { excludeId?: number } & Record<string, unknown>) =>
        repo.duplicates(identity, excludeId),
    });
  }

  const handlers = {
    ...registerHandlers,
    'app:info': () => ({
      version: options.version ?? APP_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
      dbPath: options.dbPath,
      door: options.door,
    }),
    'settings:get': () => registers.settings.get(),
    'settings:update': writing((next: Parameters<typeof registers.settings.update>[0]) =>
      db.transaction(() => {
        // Stored facts may read the organisation and the deadline settings (a request's due date, the internal
        // target): judge them again when those change (not for the reminders' switch).
        const facts = (s: Settings) => JSON.stringify([s.organisation, s.deadlines]);
        const before = facts(registers.settings.get());
        const after = registers.settings.update(next, ctx);
        if (facts(after) !== before) registers.markStoredStale();
        return after;
      })(),
    ),
    'audit:history': ({ entity, entityId }: { entity: string; entityId: number }) =>
      audit.history(entity, entityId),
    'backups:list': () => (options.dbPath === ':memory:' ? [] : listBackups(options.dbPath)),
    'backups:create': writing(() => {
      if (options.dbPath === ':memory:')
        throw new AppError('VALIDATION', 'An in-memory database has no file to back up.');
      return takeSnapshot(db, options.dbPath, 'manual', now());
    }),
    'audit:verify': () => {
      const chain = audit.verify();
      const records = replayAudit(db, registers);
      const head = currentHead(db, now());
      return {
        ...chain,
        ok: chain.ok && records.total === 0 && anchor.ok,
        chainOk: chain.ok,
        records,
        head: head ? { id: head.id, hash: head.hash } : null,
        anchor: { ok: anchor.ok, message: anchor.message, recordedId: anchor.recorded?.id ?? null },
      };
    },
    'demo:load': writing(() => loadDemoData(db, registers, ctx)),
    'overview:get': () => overviews.overview(ctx),
    'calendar:get': (q: { from: string | null; to: string }) => overviews.calendar(q, ctx),
    'calendar:ics': ({ days, saveId }: { days: number; saveId?: string }) => {
      const today = localIsoDate(now());
      const events = overviews.calendar({ from: null, to: addDays(today, days) }, ctx);
      const text = toICalendar(events, { now: now(), organisation: registers.settings.organisation().name });
      const fileName = `deadlines-${today}.ics`;
      if (saveId === undefined) return { fileName, text, events: events.length, saved: false };
      writeFileSync(imports.files.resolve(saveId, 'save').path, text, 'utf8');
      return { fileName, text: '', events: events.length, saved: true };
    },
    'reviews:check': (input: ReviewCheckInput) => reviewService.check(input, ctx),
    'reviews:record': writing((input: ReviewRecordInput) => reviewService.record(input, ctx)),
    'reviews:decide': writing((input: ReviewDecideInput) => reviewService.decide(input, ctx)),
    // The register's own create, with the rule that a vendor has one undecided review at a time.
    'reviews:create': writing((fields: Record<string, unknown>) =>
      reviewService.create(fromDoor(registers.repoOf('reviews').register, fields, null), ctx),
    ),
    'reminders:due': () => overviews.reminders(ctx),
    'reminders:given': writing(({ keys }: { keys: string[] }) => {
      overviews.markGiven(keys, ctx);
      return { given: keys.length };
    }),
    // Each register's best matches, current records first, in the order a DPO thinks of the registers.
    'search:records': ({ query, limit }: { query: string; limit: number }) =>
      registers.list
        .flatMap((reg) => registers.repoOf(reg.name).searchHits(query, limit, ctx))
        .sort((a, b) => Number(a.archived) - Number(b.archived))
        .slice(0, limit),
    ...imports.handlers,
  } as unknown as Handlers;

  const dispatch = createDispatch(handlers, {
    checkOutput: options.checkOutput ?? process.env.DPO_CHECK_OUTPUT === '1',
    onUnexpected,
  });

  let closed = false;
  return {
    db,
    registers,
    uploads: imports.files,
    dispatch: (channel, input) =>
      closed
        ? Promise.resolve({ ok: false, error: new AppError('INTERNAL', 'The database is closed.').toShape() })
        : dispatch(channel, input),
    onProgress(listener) {
      events.on('progress', listener);
      return () => events.off('progress', listener);
    },
    close() {
      if (closed) return;
      closed = true;
      void imports.close();
      try {
        recordHead();
      } catch {
        // The anchor file could not be written (a read-only home): the next open checks against the last one.
      }
      // SQLite's advice for long-lived connections: refresh statistics that a session's changes made stale. Read
      // through the page cache, not the memory map: after a large import the analysis would otherwise map most of
      // the file into the process for a moment.
      if (!readOnly) {
        db.pragma('mmap_size = 0');
        db.pragma('optimize');
      }
      db.close();
    },
  };
}
