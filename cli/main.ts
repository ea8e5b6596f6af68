import { loadHolidayRules } from '../shared/rules/holidays';
import { Command, CommanderError } from 'commander';
import { registerCoreCommands } from './commands/core-commands';
import { registerBackupCommands } from './commands/backups';
import { registerExportCommands } from './commands/export';
import { registerImportCommands } from './commands/import';
import { registerOverviewCommands } from './commands/overview';
import { registerRecordActions } from './commands/register-actions';
import { registerReviewCommands } from './commands/reviews';
import { registerRegisterCommands } from './commands/registers';
import { registerRulesCommands } from './commands/rules';
import { APP_VERSION } from '../shared/version';
import { CliError } from './output';

/** `--help` says which options a command cannot do without: "(required)" after their description. */
function markRequired(command: Command): void {
  for (const option of command.options) {
    if (option.mandatory && !option.description.includes('(required)')) option.description += ' (required)';
  }
  for (const sub of command.commands) markRequired(sub);
}

/** Builds the `dpo` program; each command group registers itself. */
export function buildProgram(): Command {
  const program = new Command('dpo')
    .description('DPO Workbench: registers for Data Protection Officers, offline.')
    .version(APP_VERSION)
    .option('--db <path>', 'database file (default: the app-data folder; or set DPO_DB)')
    .option('--read-only', 'open the database without writing to it (changes are refused)')
    // A wrong or missing option is one line on stderr and exit 2, never the whole help text.
    .configureOutput({
      outputError: (text, write) => write(`dpo: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    })
    .exitOverride()
    // Before any command runs (not for --help or --version): the public-holiday rules its deadlines may need.
    .hook('preAction', () => loadHolidayRules());
  registerCoreCommands(program);
  registerOverviewCommands(program);
  registerRegisterCommands(program);
  registerRecordActions(program);
  registerReviewCommands(program);
  registerRulesCommands(program);
  registerImportCommands(program);
  registerExportCommands(program);
  registerBackupCommands(program);
  markRequired(program);
  return program;
}

function onPipeClosed(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(0);
}

/** Runs the command line and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  // `dpo … | head` closes the pipe early: stop quietly instead of throwing EPIPE (one listener, however many
  // times `main` runs in a process).
  if (!process.stdout.listeners('error').includes(onPipeClosed)) process.stdout.on('error', onPipeClosed);
  const program = buildProgram();
  try {
    // A command may set the exit status without failing (an import that left some rows out): read and reset it,
    // so a second run in the same process starts clean.
    process.exitCode = undefined;
    await program.parseAsync(argv);
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (err) {
    // Help and --version end with 0; a usage error (unknown option, missing argument) with 2.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof CliError) {
      process.stderr.write(`dpo: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`dpo: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
