import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';
import type { ImportFile } from '../../shared/import/types';
import { MAX_IMPORT_BYTES } from './detect';

interface Held {
  path: string;
  fileName: string;
  size: number;
  /** Uploaded into our private folder (deleted after commit and on close), or a file the user chose in place. */
  owned: boolean;
  /** A file to read (an upload, a file chosen to open), a place chosen to save to, or a download to serve. */
  kind: 'read' | 'save' | 'download';
}

/** A file name as the user gave it, without any folder and control characters, for messages and records. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);
  return base || 'upload';
}

/**
 * The files handed to the core by a door that cannot pass a path: the web door's uploads (stored in a
 * private temporary folder under a random id, 100 MB at most) and the desktop's open dialog (the chosen
 * path, kept in place). Imports name them by id, so a page can never ask the core to read a path itself.
 */
/** At most this many files held at once, and this many bytes of uploads in all. */
export const UPLOAD_LIMITS = { files: 20, bytes: 1024 * 1024 * 1024 } as const;

const FOLDER_PREFIX = 'dpo-uploads-';

/**
 * Removes the upload folders a killed process left behind (`dpo-uploads-<pid>-…` whose process is gone): an
 * upload holds a colleague's list, and must not stay in the temporary folder for good.
 */
export function removeLeftoverUploads(root = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = new RegExp(`^${FOLDER_PREFIX}(\\d+)-`).exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // still running: its uploads are its own
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export function createFileStore() {
  const held = new Map<string, Held>();
  let dir: string | null = null;
  const folder = () => (dir ??= mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`)));
  removeLeftoverUploads();
  const uploaded = () => [...held.values()].filter((h) => h.owned && h.kind === 'read');
  const newId = () => randomBytes(18).toString('base64url');

  return {
    /** Stores an upload; refuses (and deletes what was written) past `limit` bytes. */
    async saveUpload(body: Readable, fileName: string, limit = MAX_IMPORT_BYTES): Promise<ImportFile> {
      const now = uploaded();
      if (now.length >= UPLOAD_LIMITS.files) {
        throw new AppError(
          'VALIDATION',
          `${now.length} uploaded files are waiting already; import or close them before uploading more.`,
          { problem: 'too-many' },
        );
      }
      const room = UPLOAD_LIMITS.bytes - now.reduce((n, h) => n + h.size, 0);
      limit = Math.min(limit, room);
      if (limit <= 0) {
        throw new AppError(
          'VALIDATION',
          'The uploads waiting take all the room there is; import or close them first.',
          {
            problem: 'too-large',
          },
        );
      }
      const id = newId();
      const path = join(folder(), id);
      let size = 0;
      const counter = async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > limit)
            throw new AppError(
              'VALIDATION',
              `The file is larger than ${Math.round(limit / 1024 / 1024)} MB; the import reads files up to 100 MB.`,
              { problem: 'too-large' },
            );
          yield chunk;
        }
      };
      try {
        await pipeline(body, counter, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
      } catch (err) {
        await unlink(path).catch(() => undefined);
        if (err instanceof AppError) throw err;
        throw new AppError('VALIDATION', 'The upload was interrupted; try again.');
      }
      const name = safeFileName(fileName);
      held.set(id, { path, fileName: name, size, owned: true, kind: 'read' });
      return { fileId: id, fileName: name, size };
    },

    /** Registers a file the user chose in a native dialog. */
    register(path: string, size: number): ImportFile {
      const id = newId();
      const fileName = safeFileName(path);
      held.set(id, { path, fileName, size, owned: false, kind: 'read' });
      return { fileId: id, fileName, size };
    },

    /**
     * A place in the private folder for a file the core writes for the page to download (the web door's
     * export), under an id; the door serves it once and releases it.
     */
    reserve(fileName: string): { id: string; path: string; fileName: string } {
      const id = newId();
      const path = join(folder(), id);
      const name = safeFileName(fileName);
      held.set(id, { path, fileName: name, size: 0, owned: true, kind: 'download' });
      return { id, path, fileName: name };
    },

    /** Registers where the user chose, in the desktop's save dialog, to write an export. */
    registerSave(path: string): { saveId: string; fileName: string } {
      const id = newId();
      const fileName = safeFileName(path);
      held.set(id, { path, fileName, size: 0, owned: false, kind: 'save' });
      return { saveId: id, fileName };
    },

    /** The file behind an id, or NOT_FOUND (uploads are removed after their import is committed). */
    resolve(fileId: string, kind: 'read' | 'save' | 'download' = 'read'): { path: string; fileName: string } {
      const h = held.get(fileId);
      if (!h || h.kind !== kind)
        throw new AppError('NOT_FOUND', 'That file is no longer available; choose or upload it again.', {
          fileId,
        });
      return { path: h.path, fileName: h.fileName };
    },

    /**
     * Takes a download out of the store and hands it over once: a second request for the same id finds nothing.
     * The caller deletes the file when it has been sent.
     */
    take(fileId: string): { path: string; fileName: string } {
      const h = held.get(fileId);
      if (!h || h.kind !== 'download') {
        throw new AppError('NOT_FOUND', 'That file is no longer available; export it again.', { fileId });
      }
      held.delete(fileId);
      return { path: h.path, fileName: h.fileName };
    },

    /** Forgets a file, deleting it when it was an upload. */
    async release(fileId: string): Promise<void> {
      const h = held.get(fileId);
      if (!h) return;
      held.delete(fileId);
      if (h.owned) await unlink(h.path).catch(() => undefined);
    },

    /** Deletes every upload and the private folder. */
    close(): void {
      held.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
export type FileStore = ReturnType<typeof createFileStore>;
