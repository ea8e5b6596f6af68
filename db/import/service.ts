import { statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReviewSource, SubprocessorListRead } from '../../shared/subprocessors/review';
import type { ProgressEvent } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { presetKey } from '../../shared/import/header-match';
import { importProfile, unknownImportFields } from '../../shared/import/profile';
import { registerByName } from '../../shared/registers/index';
import type {
  CommitResult,
  ImportRequestParsed,
  ImportSource,
  InspectResult,
  PreviewResult,
  UndoResult,
} from '../../shared/import/types';
import type { Handlers } from '../dispatch';
import type { Db } from '../open';
import { createFileStore, safeFileName } from './files';
import { createJobRunner, type WorkerEntry } from './jobs';
import { createPresetStore, listImports } from './store';
import type { ExportRequestParsed, ExportResult, RoundTripResult } from '../../shared/export';
import type { ExportResult as WrittenFile } from '../export/workbook';

export interface ImportServiceOptions {
  db: Db;
  dbPath: string;
  door: 'desktop' | 'web' | 'cli';
  actor: string;
  now: () => Date;
  onProgress(event: ProgressEvent): void;
  onUnexpected?(kind: string, detail: string): void;
  /** The database is open read-only: imports, undo, round trips and presets are refused in words. */
  readOnly?: boolean;
  /** 'inline' runs jobs on the calling thread (in-memory databases; tools). */
  mode?: 'worker' | 'inline' | 'auto';
  worker?: WorkerEntry;
}

type ImportChannel =
  | 'import:inspect'
  | 'import:preview'
  | 'import:commit'
  | 'import:cancel'
  | 'import:undo'
  | 'import:list'
  | 'import:presets:list'
  | 'import:presets:save'
  | 'import:presets:delete'
  | 'export:run'
  | 'export:cancel'
  | 'roundtrip:preview'
  | 'roundtrip:commit';

/**
 * The import channels: inspect, preview, commit, cancel, undo, the import history and mapping presets. The
 * long ones run as jobs off the serving thread (jobs.ts). Files arrive as a path from the command line only;
 * the web and desktop doors hand over file ids (an upload, a file chosen in a dialog), so a page can never
 * make the core read a path of its choosing.
 */
export function createImportService(options: ImportServiceOptions) {
  const { db, door } = options;
  const files = createFileStore();
  const presets = createPresetStore(db);
  const jobs = createJobRunner({
    dbPath: options.dbPath,
    db,
    mode: options.mode,
    worker: options.worker,
    lowPriority: door !== 'cli',
    onProgress: options.onProgress,
    onUnexpected: options.onUnexpected,
  });
  const env = () => ({ actor: options.actor, now: options.now().toISOString() });

  function resolveSource(source: ImportSource): { path: string; fileName: string } {
    if ('fileId' in source) return files.resolve(source.fileId);
    if (door !== 'cli') {
      throw new AppError('FORBIDDEN', 'Choose or upload the file; this door does not read paths.');
    }
    try {
      statSync(source.path);
    } catch {
      throw new AppError('VALIDATION', `${source.path} was not found.`, { problem: 'missing' });
    }
    return { path: source.path, fileName: safeFileName(source.path) };
  }

  /** Refuses a mapping that names a field the register's import does not fill. */
  function checkFields(register: string, fields: { path: string; field: string | null }[]): void {
    const problems = unknownImportFields(importProfile(registerByName(register)!), fields);
    if (problems.length > 0) throw new AppError('VALIDATION', problems[0]!.message, problems);
  }

  function task(kind: 'preview' | 'commit', request: ImportRequestParsed) {
    checkFields(
      request.register,
      request.columns.map((c, i) => ({ path: `columns.${i}.field`, field: c.field })),
    );
    return { kind, ...resolveSource(request.source), request };
  }

  /** The name an export is offered under: what it holds and the day. */
  function exportName(r: ExportRequestParsed): string {
    const day = options.now().toISOString().slice(0, 10);
    if (r.format === 'csv') return `${r.registers[0]}-${day}.csv`;
    if (r.format === 'pdf') return `dpo-report-${day}.pdf`;
    if (r.layout !== 'workbench') return `${r.layout}-${day}.xlsx`;
    return `dpo-registers-${day}.xlsx`;
  }

  /** Where an export is written: a path from the command line, the desktop's save dialog, or a download. */
  function exportTarget(r: ExportRequestParsed): { path: string; downloadId: string | null } {
    const t = r.target;
    if ('path' in t) {
      if (door !== 'cli')
        throw new AppError('FORBIDDEN', 'Choose where to save the file; this door does not write paths.');
      return { path: t.path, downloadId: null };
    }
    if ('saveId' in t) return { path: files.resolve(t.saveId, 'save').path, downloadId: null };
    const reserved = files.reserve(exportName(r));
    return { path: reserved.path, downloadId: reserved.id };
  }

  /** Refuses a change while the database is open read-only. */
  const writable = () => {
    if (options.readOnly) {
      throw new AppError(
        'FORBIDDEN',
        `The database is open read-only (${options.dbPath}); nothing can be imported or changed.`,
      );
    }
  };

  const handlers: Pick<Handlers, ImportChannel> = {
    'export:run': async (request) => {
      const target = exportTarget(request);
      try {
        const written = (await jobs.run(
          { kind: 'export', path: target.path, request },
          env(),
          request.jobId,
        )) as WrittenFile;
        const name = target.downloadId ? files.resolve(target.downloadId, 'download').fileName : written.file;
        return { ...written, file: name, downloadId: target.downloadId } satisfies ExportResult;
      } catch (err) {
        if (target.downloadId) await files.release(target.downloadId);
        throw err;
      }
    },
    'export:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'roundtrip:preview': async ({ source, options: o, jobId }) =>
      (await jobs.run(
        { kind: 'roundtrip-preview', ...resolveSource(source), archiveMissing: o.archiveMissing },
        env(),
        jobId,
      )) as RoundTripResult,
    'roundtrip:commit': async ({ source, options: o, jobId }) => {
      writable();
      const result = (await jobs.run(
        { kind: 'roundtrip-commit', ...resolveSource(source), archiveMissing: o.archiveMissing },
        env(),
        jobId,
      )) as RoundTripResult;
      if ('fileId' in source) await files.release(source.fileId);
      return result;
    },
    'import:inspect': async (input) => {
      const preset = input.preset ? presets.get(input.register, input.preset) : null;
      if (input.preset && !preset)
        throw new AppError('NOT_FOUND', `There is no mapping preset named "${input.preset}".`);
      const src = resolveSource(input.source);
      return (await jobs.run(
        {
          kind: 'inspect',
          ...src,
          register: input.register,
          sheet: input.sheet ?? null,
          headerRow: input.headerRow ?? null,
          preset: preset?.mapping ?? null,
          sampleRows: input.sampleRows ?? null,
        },
        env(),
        input.jobId,
      )) as InspectResult;
    },
    'import:preview': async (request) =>
      (await jobs.run(task('preview', request), env(), request.jobId)) as PreviewResult,
    'import:commit': async (request) => {
      writable();
      const jobId = request.jobId ?? `commit-${Date.now().toString(36)}`;
      const result = (await jobs.run(task('commit', request), env(), jobId)) as CommitResult;
      // The upload served its purpose: the import is recorded and can be undone without it.
      if ('fileId' in request.source) await files.release(request.source.fileId);
      return { ...result, jobId };
    },
    'import:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'import:undo': async ({ id, jobId }) => {
      writable();
      return (await jobs.run({ kind: 'undo', importId: id }, env(), jobId)) as UndoResult;
    },
    'import:list': ({ offset, limit }) => listImports(db, offset, limit),
    'import:presets:list': ({ register }) => presets.list(register),
    'import:presets:save': ({ register, name, mapping }) => {
      writable();
      checkFields(
        register,
        Object.entries(mapping).map(([header, field]) => ({ path: `mapping.${header}`, field })),
      );
      const byKey: Record<string, (typeof mapping)[string]> = {};
      for (const [header, field] of Object.entries(mapping)) byKey[presetKey(header)] = field;
      return presets.save(register, name, byKey, options.now());
    },
    'import:presets:delete': ({ register, name }) => {
      writable();
      return { deleted: presets.remove(register, name) };
    },
  };

  return {
    handlers,
    files,
    /**
     * Reads a vendor's sub-processor list (a file, or a table pasted from its web page) as a job off the serving
     * thread. A pasted table is kept as an upload only while it is read.
     */
    async readSubprocessorList(
      source: ReviewSource,
      sheet: string | null,
      jobId?: string,
    ): Promise<SubprocessorListRead> {
      if ('text' in source) {
        const held = await files.saveUpload(
          Readable.from([Buffer.from(source.text, 'utf8')]),
          'pasted table.txt',
        );
        try {
          const read = (await jobs.run(
            { kind: 'subprocessor-list', ...files.resolve(held.fileId), sheet: null },
            env(),
            jobId,
          )) as SubprocessorListRead;
          return { ...read, fileName: 'pasted table' };
        } finally {
          await files.release(held.fileId);
        }
      }
      return (await jobs.run(
        { kind: 'subprocessor-list', ...resolveSource(source), sheet },
        env(),
        jobId,
      )) as SubprocessorListRead;
    },
    /** True while an import or an undo is being written. */
    isWriting: () => jobs.isWriting(),
    async close(): Promise<void> {
      await jobs.close();
      files.close();
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
