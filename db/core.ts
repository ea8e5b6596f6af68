import type { Channel, ProgressEvent } from '../shared/contract';
import type { Envelope } from '../shared/errors';

export type Door = 'desktop' | 'web' | 'cli';

export interface CoreOptions {
  /** Database file; see `defaultDbPath()` in db/paths.ts. */
  dbPath: string;
  door: Door;
  /** Who the audit log names for changes made through this core. */
  actor: string;
}

/** The core behind every door: one dispatch, one database. */
export interface Core {
  /** Validates `input` against the contract, runs the handler, and returns the envelope. Never throws. */
  dispatch(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to progress events of long jobs; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  close(): void;
}

export type { Channel };
