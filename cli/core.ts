import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { openCore, type Core, type Door } from '../db/core';
import { defaultDbPath } from '../db/paths';
import type { Channel, ChannelInput, ChannelOutput } from '../shared/contract';
import { AppError } from '../shared/errors';
import { CliError } from './output';

/** The database the command line works on: `--db`, else `DPO_DB`, else the app-data folder. */
export function dbPathFrom(command: Command): string {
  const opts = command.optsWithGlobals<{ db?: string }>();
  return opts.db ?? defaultDbPath();
}

/** Who the audit log names for the command line's changes: the user running it. */
export function actor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Opens the core for one command and closes it afterwards; open errors become one clear line. */
export async function withCore<T>(command: Command, door: Door, fn: (core: Core) => Promise<T>): Promise<T> {
  let core: Core;
  try {
    core = openCore({ dbPath: dbPathFrom(command), door, actor: actor() });
  } catch (err) {
    throw new CliError(
      err instanceof Error ? err.message : String(err),
      err instanceof AppError && err.code === 'DB_FROM_FUTURE'
        ? 3
        : err instanceof AppError && (err.code === 'NOT_A_WORKBENCH_DB' || err.code === 'VALIDATION')
          ? 2
          : 1,
    );
  }
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

/** Calls one channel and returns its value, or throws a CliError with the core's message. */
export async function call<C extends Channel>(
  core: Core,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) {
    const issues = Array.isArray(result.error.details)
      ? (result.error.details as { path: string; message: string }[])
      : [];
    const message =
      issues.length > 1
        ? `The input is not valid:${issues.map((d) => `\n  ${d.path}: ${d.message}`).join('')}`
        : result.error.message;
    throw new CliError(message, result.error.code === 'VALIDATION' ? 2 : 1);
  }
  return result.value as ChannelOutput<C>;
}
