import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../db/core';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'dpo-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A core on a temporary database with a settable clock and outputs checked against the contract; imports run in
 * this thread unless `importMode` says otherwise.
 */
export function testCore(start = '2026-03-02T10:00:00Z', options: { importMode?: 'inline' | 'worker' } = {}) {
  const { dir, cleanup } = tempDir();
  let now = new Date(start);
  const dbPath = join(dir, 'test.sqlite');
  const core = openCore({
    dbPath,
    door: 'cli',
    actor: 'tester',
    now: () => now,
    checkOutput: true,
    importMode: options.importMode ?? 'inline',
    // The heads this app has seen are kept beside the test's database, never in the user's app-data folder.
    anchorFile: join(dir, 'audit-heads.json'),
  });
  return {
    core,
    dbPath,
    dir,
    setNow: (iso: string) => (now = new Date(iso)),
    /** Removes the folder only (the core was closed by the test). */
    cleanup,
    close: () => {
      core.close();
      cleanup();
    },
  };
}

/** Calls a channel and fails the test with the core's error when it does not succeed. */
export async function ok<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value as ChannelOutput<C>;
}
