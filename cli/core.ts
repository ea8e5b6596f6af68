import type { Command } from 'commander';
import { accessSync, constants, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { Core, Door } from '../db/core';
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

/** The commands that only read: `list`, `get`, `search`, `audit verify`, `export`, `overview`, `due`, `calendar`. */
const READING_COMMANDS = new Set([
  'list',
  'get',
  'search',
  'verify',
  'export',
  'overview',
  'due',
  'calendar',
]);

/** True when the database file exists and it, or its folder (for the journal), cannot be written. */
function cannotWrite(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Opens the core for one command and closes it afterwards; open errors become one clear line. `--read-only`
 * opens the database without writing a byte; a command that only reads also opens read-only, with a note, when
 * the file or its folder cannot be written.
 */
export async function withCore<T>(command: Command, door: Door, fn: (core: Core) => Promise<T>): Promise<T> {
  let core: Core;
  const dbPath = dbPathFrom(command);
  let readOnly = command.optsWithGlobals<{ readOnly?: boolean }>().readOnly === true;
  if (!readOnly && READING_COMMANDS.has(command.name()) && cannotWrite(dbPath)) {
    readOnly = true;
    process.stderr.write(`dpo: note: ${dbPath} cannot be written here; it is opened read-only.\n`);
  }
  // Loaded here, not at start-up: `dpo --help` and `dpo --version` need none of the core.
  const { openCore } = await import('../db/core');
  try {
    // At the command line no page waits on this thread: a small file is read here, without starting a worker.
    core = openCore({
      dbPath,
      door,
      actor: actor(),
      readOnly,
      ...(door === 'cli' ? { importMode: 'auto' } : {}),
    });
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
  /**
   * The option behind each input path (`filters.processingCountry` → `--country`), for the error message; and
   * under `problem:<code>`, what to add to the message of a file problem with that code.
   */
  options?: Record<string, string>,
): Promise<ChannelOutput<C>> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) {
    const issues = Array.isArray(result.error.details)
      ? (result.error.details as { path: string; message: string }[])
      : [];
    // A problem with what an option gave is said in the option's words (`--country "XX": …`), never as the
    // input's internal path.
    const said = (d: { path: string; message: string }) => {
      const opt = options?.[d.path.split('.').slice(0, 2).join('.')] ?? options?.[d.path.split('.')[0]!];
      if (!opt) return `${d.path}: ${d.message}`;
      const value = d.path
        .split('.')
        .reduce<unknown>(
          (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
          input,
        );
      return typeof value === 'string' || typeof value === 'number'
        ? `${opt} "${value}": ${d.message}`
        : `${opt}: ${d.message}`;
    };
    // A file problem the command line can say more about (`problem:no-header` → how to choose the row).
    const problem = (result.error.details as { problem?: string } | undefined)?.problem;
    const hint = problem ? options?.[`problem:${problem}`] : undefined;
    if (hint) throw new CliError(`${result.error.message} ${hint}`, 2);
    const message =
      issues.length > 1
        ? `The input is not valid:${issues.map((d) => `\n  ${said(d)}`).join('')}`
        : issues.length === 1 && options
          ? said(issues[0]!)
          : result.error.message;
    throw new CliError(
      message,
      result.error.code === 'VALIDATION' || result.error.code === 'FORBIDDEN' ? 2 : 1,
    );
  }
  return result.value as ChannelOutput<C>;
}
