import type { ProgressEvent, ProgressEventName } from './contract';
import type { Envelope } from './errors';

/**
 * What the desktop preload exposes on `window.dpo`, and nothing more. The web door offers the same two
 * operations over HTTP (POST /api/invoke, GET /api/events); the renderer's api client hides which one it uses.
 */
export interface DpoBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(name: ProgressEventName, listener: (event: ProgressEvent) => void): () => void;
  /**
   * Desktop only: shows the native open dialog for a spreadsheet and hands the chosen file to the core's import
   * (`{fileId, fileName, size}`, or null when cancelled). The page never sees the file's path.
   */
  pickImportFile?(): Promise<Envelope<{ fileId: string; fileName: string; size: number } | null>>;
  /**
   * Desktop only: shows the native save dialog for an export, offering `suggestedName`, and registers the chosen
   * place with the core (`{saveId, fileName}` for `export:run`'s target, or null when cancelled).
   */
  pickExportFile?(suggestedName: string): Promise<Envelope<{ saveId: string; fileName: string } | null>>;
  /** Desktop only: shows an exported file in the system's file manager, by the save id it was written to. */
  showExportedFile?(saveId: string): Promise<Envelope<null>>;
  /** Desktop only: a reminder notification was clicked; open the page at `path` (`/breaches/12`). */
  onNavigate?(listener: (path: string) => void): () => void;
}

/** The HTTP paths of the web door. The token travels in `Authorization: Bearer <token>`. */
export const webDoor = {
  invokePath: '/api/invoke',
  eventsPath: '/api/events',
  /**
   * An export written for the page to download: `GET ?id=<downloadId>` answers the file once (as an attachment),
   * then forgets it.
   */
  downloadPath: '/api/download',
  /**
   * A file for import: the raw bytes as application/octet-stream, the name in `X-File-Name` (URI-encoded);
   * answers an envelope with `{fileId, fileName, size}` for `import:inspect` and the rest.
   */
  uploadPath: '/api/upload',
  /** The printed URL carries the per-launch token in the fragment, never sent to the server in a request line. */
  tokenFragmentKey: 'token',
} as const;
