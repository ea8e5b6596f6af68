import type { DpoBridge } from '../../../shared/bridge';
import { webDoor } from '../../../shared/bridge';
import type { Channel, ChannelInput, ChannelOutput, ProgressEvent } from '../../../shared/contract';
import { progressEvents } from '../../../shared/contract';
import type { AppErrorShape, Envelope, ErrorCode, FieldIssue } from '../../../shared/errors';
import { AppErrorShapeSchema, ErrorCodeSchema, FieldIssueSchema } from '../../../shared/errors';

/** The error every failed call throws: the door-safe `{code, message, details}` and nothing more. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }

  /** The per-field problems of a VALIDATION error; empty for every other kind. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION' || !Array.isArray(this.details)) return [];
    return this.details.flatMap((d) => {
      const parsed = FieldIssueSchema.safeParse(d);
      return parsed.success ? [parsed.data] : [];
    });
  }
}

/** Turns anything a call rejected with into an ApiError, so callers handle one shape. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
}

const TOKEN_KEY = 'dpo.webToken';

/**
 * The web door's launch URL carries a per-launch token in the fragment (`#token=…`). Keep it for this tab only
 * and take it out of the address bar, so it does not end up in bookmarks, history or screenshots.
 * Must run before the router reads the fragment.
 */
export function captureLaunchToken(): boolean {
  if (!isTokenFragment(window.location.hash)) return false;
  const fragment = window.location.hash.replace(/^#\/?/, '');
  const token = new URLSearchParams(fragment).get(webDoor.tokenFragmentKey);
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  return true;
}

/** True when an address fragment carries a launch token (`#token=…`), never a page of the app. */
export function isTokenFragment(hash: string): boolean {
  return new RegExp(`^#?/?${webDoor.tokenFragmentKey}=`).test(hash);
}

function webToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function desktopBridge(): DpoBridge | undefined {
  return (window as Window & { dpo?: DpoBridge }).dpo;
}

/** Which door this window came through; decided once per call so tests can install a bridge late. */
export function currentDoor(): 'desktop' | 'web' {
  return desktopBridge() ? 'desktop' : 'web';
}

const NOT_AUTHORISED =
  'This tab is not signed in to the workbench server: it was started again since, or the link lost its token. Paste the link `dpo serve` printed into this tab.';

const UNREACHABLE =
  'The workbench server cannot be reached. If you opened this page from `dpo serve`, check that it is still running.';

async function invokeOverHttp(channel: string, input: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(webDoor.invokePath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webToken()}` },
      body: JSON.stringify({ channel, input }),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: UNREACHABLE } };
  }
  // A refusal answers with an envelope (a token from an earlier launch of `dpo serve` says what to do); anything
  // that is not one means a proxy or a crash in between.
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) return body as Envelope<unknown>;
  if (response.status === 401 || response.status === 403)
    return { ok: false, error: { code: 'FORBIDDEN', message: NOT_AUTHORISED } };
  return { ok: false, error: { code: 'INTERNAL', message: `The server answered ${response.status}.` } };
}

function unwrap<T>(envelope: Envelope<unknown>): T {
  if (envelope.ok) return envelope.value as T;
  const shape = AppErrorShapeSchema.safeParse(envelope.error);
  if (shape.success) throw new ApiError(shape.data);
  const code = ErrorCodeSchema.safeParse((envelope.error as { code?: unknown } | undefined)?.code);
  throw new ApiError({ code: code.success ? code.data : 'INTERNAL', message: 'The request failed.' });
}

/**
 * Calls one channel of the core through whichever door this window has: the desktop preload bridge when it
 * exists, otherwise the local web server. Resolves with the channel's output or throws an ApiError.
 */
export async function invoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const bridge = desktopBridge();
  const envelope = bridge ? await bridge.invoke(channel, input) : await invokeOverHttp(channel, input);
  return unwrap<ChannelOutput<C>>(envelope);
}

type ProgressListener = (event: ProgressEvent) => void;
const progressListeners = new Set<ProgressListener>();
let closeWebStream: (() => void) | null = null;

/** Reads `event:`/`data:` blocks of a text/event-stream and hands each progress event on. */
function parseEventStream(chunk: string, emit: (name: string, data: string) => void): string {
  const blocks = chunk.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) emit(name, data.join('\n'));
  }
  return rest;
}

function emitProgress(name: string, data: string): void {
  if (name !== 'job:progress') return;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return;
  }
  const parsed = progressEvents['job:progress'].safeParse(json);
  if (!parsed.success) return;
  for (const listener of progressListeners) listener(parsed.data);
}

/** EventSource cannot send the Authorization header, so the stream is read with fetch and reconnected on loss. */
function openWebStream(): () => void {
  const controller = new AbortController();
  let retryMs = 1000;
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(webDoor.eventsPath, {
          headers: { Authorization: `Bearer ${webToken()}`, Accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
        retryMs = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = parseEventStream(buffer + value, emitProgress);
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, 30_000);
    }
  };
  void connect();
  return () => controller.abort();
}

/** Listens to progress of long jobs (import, export, backup). Returns the function that stops listening. */
export function onProgress(listener: ProgressListener): () => void {
  const bridge = desktopBridge();
  if (bridge) return bridge.onEvent('job:progress', listener);
  progressListeners.add(listener);
  closeWebStream ??= openWebStream();
  return () => {
    progressListeners.delete(listener);
    if (progressListeners.size === 0 && closeWebStream) {
      closeWebStream();
      closeWebStream = null;
    }
  };
}

/** A file handed to the core for import: the id the import channels take, its name and size. */
export interface ChosenFile {
  fileId: string;
  fileName: string;
  size: number;
}

/**
 * Hands a file the user chose to the core for import. In the browser the bytes go to the web door's upload
 * path; the desktop app offers its native open dialog instead (`file` is then not needed; null = cancelled).
 */
export async function uploadImportFile(file: File): Promise<ChosenFile> {
  const bridge = desktopBridge();
  if (bridge?.pickImportFile) {
    const picked = unwrap<ChosenFile | null>(await bridge.pickImportFile());
    if (!picked) throw new ApiError({ code: 'CANCELLED', message: 'No file was chosen.' });
    return picked;
  }
  let response: Response;
  try {
    response = await fetch(webDoor.uploadPath, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        Authorization: `Bearer ${webToken()}`,
      },
      body: file,
    });
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: UNREACHABLE });
  }
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body) return unwrap<ChosenFile>(body as Envelope<unknown>);
  throw new ApiError({ code: 'INTERNAL', message: `The upload failed (${response.status}).` });
}

/** True in the desktop app, where files are chosen in the native dialog rather than uploaded. */
export function hasNativeFilePicker(): boolean {
  return Boolean(desktopBridge()?.pickImportFile);
}

/** Where an export goes: the desktop's save dialog (by the id it returned), or a download in the browser. */
export type ExportTarget = { saveId: string; fileName: string } | { download: true };

/**
 * Asks where to write an export. The desktop app shows its native save dialog (null when cancelled); the
 * browser downloads the file once it is written.
 */
export async function chooseExportTarget(suggestedName: string): Promise<ExportTarget | null> {
  const bridge = desktopBridge();
  if (bridge?.pickExportFile)
    return unwrap<{ saveId: string; fileName: string } | null>(await bridge.pickExportFile(suggestedName));
  return { download: true };
}

/** Fetches an export the web door wrote (once, with the token) and hands it to the browser as a download. */
export async function downloadExport(downloadId: string, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${webDoor.downloadPath}?id=${encodeURIComponent(downloadId)}`, {
      headers: { Authorization: `Bearer ${webToken()}` },
    });
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: UNREACHABLE });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (body && typeof body === 'object' && 'ok' in body) unwrap(body as Envelope<unknown>);
    throw new ApiError({ code: 'INTERNAL', message: `The download failed (${response.status}).` });
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Desktop: shows the exported file in the file manager. */
export async function showExportedFile(saveId: string): Promise<void> {
  const bridge = desktopBridge();
  if (bridge?.showExportedFile) unwrap(await bridge.showExportedFile(saveId));
}
