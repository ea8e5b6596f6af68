import { Command } from 'commander';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { call, withCore } from '../core';
import { CliError, printJson } from '../output';
import { registerByName } from '../../shared/registers/index';

const STATIC_DIR = fileURLToPath(new URL('../../out/web', import.meta.url));

/**
 * Opens the URL in the system's browser. When none can be opened (no opener, or one that gives up, as xdg-open
 * does without a desktop), says so and prints the URL again, since the first print may have scrolled away.
 */
export function openInBrowser(
  url: string,
  options: {
    platform?: NodeJS.Platform;
    spawn?: typeof spawn;
    write?: (text: string) => void;
  } = {},
): void {
  const platform = options.platform ?? process.platform;
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const [cmd, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  let told = false;
  const fail = (why: string) => {
    if (told) return;
    told = true;
    write(`Could not open a browser (${why}). Open this address yourself:\n  ${url}\n`);
  };
  const child = (options.spawn ?? spawn)(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', (err: NodeJS.ErrnoException) =>
    fail(err.code === 'ENOENT' ? `${cmd} is not installed` : err.message),
  );
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) fail(`${cmd} exited with ${code}`);
  });
  child.unref();
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(`--port must be a number from 0 to 65535, not "${value}".`, 2);
  return n;
}

/** `serve`, `demo` and `audit verify`. */
export function registerCoreCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench in your browser on 127.0.0.1 (the local web door)')
    .option('--port <n>', 'port to listen on (default: a free one)', parsePort, 0)
    .option('--open', 'open the URL in your browser')
    .option('--db <path>', 'database file')
    .action(async (opts: { port: number; open?: boolean }, command: Command) => {
      await withCore(command, 'web', async (core) => {
        const { startWebServer } = await import('../web-server');
        const server = await startWebServer({ core, port: opts.port, staticDir: STATIC_DIR }).catch(
          (err: Error) => {
            throw new CliError(`Could not listen on 127.0.0.1:${opts.port}: ${err.message}`);
          },
        );
        const info = await call(core, 'app:info', {});
        process.stdout.write(
          `DPO Workbench is at ${server.url}\nDatabase: ${info.dbPath}\nPress Ctrl+C to stop.\n`,
        );
        if (opts.open) openInBrowser(server.url);
        await new Promise<void>((done) => {
          const stop = () => void server.close().then(done);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });

  program
    .command('demo')
    .description('load the demo register (drawn from the sample privacy notice)')
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const result = await withCore(command, 'cli', (core) => call(core, 'demo:load', {}));
      if (opts.json) printJson(result);
      else {
        const parts = Object.entries(result.registers).map(([name, c]) => {
          const noun = registerByName(name)?.noun ?? { one: name, other: name };
          return `${c.created} ${c.created === 1 ? noun.one : noun.other} (${c.skipped} already there)`;
        });
        process.stdout.write(`Loaded the demo data: ${parts.join(', ')}.\n`);
      }
    });

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description(
      'check the audit log: its hash chain, the registers against it, and the head this app last saw',
    )
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const result = await withCore(command, 'cli', (core) => call(core, 'audit:verify', {}));
      if (opts.json) printJson(result);
      if (!result.ok) {
        const problems = [
          ...(result.chainOk
            ? []
            : [`the audit log is broken at entry ${result.firstBadId}: ${result.reason}`]),
          ...result.records.mismatches.map((m) => `${m.register} ${m.id}: ${m.problem}`),
          ...(result.records.total > result.records.mismatches.length
            ? [`and ${result.records.total - result.records.mismatches.length} more records`]
            : []),
          ...(result.anchor.message ? [result.anchor.message] : []),
        ];
        throw new CliError(`The audit log does not hold:\n  ${problems.join('\n  ')}`, 4);
      }
      if (!opts.json) {
        const head = result.head ? ` Last entry ${result.head.id}, hash ${result.head.hash}.` : '';
        process.stdout.write(
          `The audit log is intact: ${result.entries} entries, and the ${result.records.checked} records hold what it says.${head}\n`,
        );
      }
    });
}
