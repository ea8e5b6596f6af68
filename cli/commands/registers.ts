import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { Core } from '../../db/core';
import type { Channel } from '../../shared/contract';
import type { Register } from '../../shared/kit/define';
import { readableValue } from '../../shared/kit/readable';
import { registers } from '../../shared/registers/index';
import { call, withCore } from '../core';
import { formatDay, type DateFormat } from '../../shared/date-format';
import { CliError, printJson } from '../output';

type Rec = Record<string, unknown> & { id: number; archived: boolean };

function recordId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('Give a record id (a whole number from 1).');
  return n;
}

/** Calls one of a register's channels, whose names the contract builds from the register's name. */
const callRegister = (
  core: Core,
  reg: Register,
  verb: string,
  input: unknown,
  options?: Record<string, string>,
) => call(core, `${reg.name}:${verb}` as Channel, input as never, options) as Promise<unknown>;

/** Reads the JSON to create from a file, or from standard input with `-`. */
function readInput(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new CliError(
      `Could not read ${path === '-' ? 'standard input' : path}: ${(err as Error).message}`,
      2,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path === '-' ? 'Standard input' : path} is not JSON: ${(err as Error).message}`, 2);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('Give one record as a JSON object, with the field names `--help` lists.', 2);
  }
  return value as Record<string, unknown>;
}

/** One line per record: id, title, and the words of its search result. */
function line(reg: Register, r: Rec): string {
  const archived = r.archived ? '  (archived)' : '';
  return `${String(r.id).padStart(5)}  ${reg.titleOf(r)}  [${reg.detailOf(r)}]${archived}\n`;
}

/** A record as text: each field with its label and a readable value, then its derived facts. */
function printRecord(reg: Register, r: Rec, format: DateFormat = 'YYYY-MM-DD'): void {
  const date = (iso: string) => formatDay(iso, format);
  process.stdout.write(`${reg.titleOf(r)} (${reg.noun.one} ${r.id}${r.archived ? ', archived' : ''})\n`);
  for (const { name, field } of reg.fieldList) {
    const linked = field.refs ? (r[field.refs.nameKey] as (string | null)[]) : null;
    const shown = field.ref ? (r[field.ref.nameKey] ?? r[name]) : r[name];
    const text = linked
      ? linked.filter(Boolean).join(', ') || '—'
      : readableValue(reg, name, shown, { date });
    if (text !== '—') process.stdout.write(`  ${field.label}: ${text}\n`);
  }
  for (const [name, fact] of Object.entries(reg.derived)) {
    if (fact.export === false) continue;
    process.stdout.write(`  ${fact.label}: ${readableValue(reg, name, r[name], { date })}\n`);
  }
}

function fieldHelp(reg: Register): string {
  const names = reg.fieldList.map(({ name, field }) =>
    field.ref
      ? `${name} (id or ${field.ref.register === reg.name ? 'name' : `${field.ref.register} name`})`
      : field.refs
        ? `${name} (ids or ${field.refs.register} names)`
        : field.kind === 'rows'
          ? `${name} (a list of {${Object.keys(field.rows!.fields).join(', ')}})`
          : name,
  );
  return `Fields: ${names.join(', ')}.`;
}

/**
 * `dpo <register> list|get|create|archive|restore` for every register built on the kit: the same commands, the
 * field names of its declaration in JSON.
 */
export function registerRegisterCommands(program: Command): void {
  for (const reg of registers as unknown as readonly Register[]) {
    // The command line's --country narrows by the countries a record touches: a many-country field (a vendor's
    // processing countries) before a single one (its headquarters).
    const countryFilters = reg.filters.filter((f) => f.kind === 'country');
    const countryFilter =
      countryFilters.find(
        (f) => (reg.fields as Record<string, { kind: string }>)[f.source.name]?.kind === 'countries',
      ) ?? countryFilters[0];
    const group = program.command(reg.name).description(`the ${reg.title.toLowerCase()} register`);

    const list = group
      .command('list')
      .description(`list ${reg.noun.other}`)
      .option('--db <path>', 'database file')
      .option('--json', 'print a JSON array')
      .option('--search <text>', 'full-text search')
      .addOption(
        new Option('--archived <which>', `archived ${reg.noun.other}`)
          .choices(['exclude', 'only', 'include'])
          .default('exclude'),
      );
    if (countryFilter)
      list.option('--country <code...>', `${countryFilter.label.toLowerCase()} (name or ISO code)`);
    list.action(
      async (
        opts: {
          json?: boolean;
          search?: string;
          country?: string[];
          archived: 'exclude' | 'only' | 'include';
        },
        command: Command,
      ) => {
        const all = await withCore(command, 'cli', async (core) => {
          const rows: Rec[] = [];
          for (let offset = 0; ; offset += 500) {
            const page = (await callRegister(
              core,
              reg,
              'list',
              {
                offset,
                limit: 500,
                search: opts.search ?? '',
                archived: opts.archived,
                filters: countryFilter && opts.country ? { [countryFilter.key]: opts.country } : {},
              },
              countryFilter
                ? {
                    [`filters.${countryFilter.key}`]: '--country',
                    search: '--search',
                    archived: '--archived',
                  }
                : { search: '--search', archived: '--archived' },
            )) as { rows: Rec[]; total: number };
            rows.push(...page.rows);
            if (rows.length >= page.total || page.rows.length === 0) break;
          }
          return rows;
        });
        if (opts.json) return printJson(all);
        if (all.length === 0) {
          const narrowed = Boolean(opts.search || opts.country?.length || opts.archived !== 'exclude');
          return void process.stdout.write(
            narrowed
              ? `No ${reg.noun.one} matches.\n`
              : `No ${reg.noun.other}. Load the demo data with \`dpo demo\`.\n`,
          );
        }
        for (const r of all) process.stdout.write(line(reg, r));
      },
    );

    group
      .command('get')
      .description(`show one ${reg.noun.one} with what the workbench derives from it`)
      .argument('<id>', `the ${reg.noun.one}'s id`, recordId)
      .option('--db <path>', 'database file')
      .option('--json', 'print JSON')
      .action(async (id: number, opts: { json?: boolean }, command: Command) => {
        const { detail, format } = await withCore(command, 'cli', async (core) => ({
          detail: (await callRegister(core, reg, 'get', { id })) as Record<string, unknown>,
          // Text shows days the way Settings says (ISO when it follows the system: a terminal has no locale
          // the user chose); JSON always keeps ISO.
          format: (await call(core, 'settings:get', {})).display.dateFormat,
        }));
        const record = detail[reg.entity] as Rec;
        if (opts.json) return printJson(record);
        printRecord(reg, record, format === 'auto' ? 'YYYY-MM-DD' : format);
      });

    group
      .command('create')
      .description(`add a ${reg.noun.one} from JSON. ${fieldHelp(reg)}`)
      .requiredOption('--input <file>', 'a JSON file with one record, or - for standard input')
      .option('--db <path>', 'database file')
      .option('--json', 'print the created record as JSON')
      .action(async (opts: { input: string; json?: boolean }, command: Command) => {
        const input = readInput(opts.input);
        const created = (await withCore(command, 'cli', (core) =>
          callRegister(core, reg, 'create', input),
        )) as Rec;
        if (opts.json) return printJson(created);
        process.stdout.write(`Added ${reg.noun.one} ${created.id}: ${reg.titleOf(created)}.\n`);
      });

    for (const verb of ['archive', 'restore'] as const) {
      group
        .command(verb)
        .description(`${verb} a ${reg.noun.one} (nothing is deleted; the audit log records it)`)
        .argument('<id>', `the ${reg.noun.one}'s id`, recordId)
        .option('--db <path>', 'database file')
        .option('--json', 'print the record as JSON')
        .action(async (id: number, opts: { json?: boolean }, command: Command) => {
          const r = (await withCore(command, 'cli', (core) => callRegister(core, reg, verb, { id }))) as Rec;
          if (opts.json) return printJson(r);
          process.stdout.write(
            `${verb === 'archive' ? 'Archived' : 'Restored'} ${reg.noun.one} ${r.id}: ${reg.titleOf(r)}.\n`,
          );
        });
    }
  }

  program
    .command('search')
    .description('find records in every register (the same search as Ctrl+K)')
    .argument('<text>', 'words to find')
    .option('--db <path>', 'database file')
    .option('--json', 'print a JSON array of {register, id, title, detail}')
    .option('--limit <n>', 'at most this many results', (v) => Math.min(50, Math.max(1, Number(v) || 12)), 12)
    .action(async (text: string, opts: { json?: boolean; limit: number }, command: Command) => {
      const hits = await withCore(command, 'cli', (core) =>
        call(core, 'search:records', { query: text, limit: opts.limit }),
      );
      if (opts.json)
        return printJson(
          hits.map(({ register, id, title, detail, matched }) => ({
            register,
            id,
            title,
            detail,
            matched: matched ?? null,
          })),
        );
      if (hits.length === 0) return void process.stdout.write(`No record matches "${text}".\n`);
      for (const h of hits) {
        process.stdout.write(
          `${h.register.padEnd(10)} ${String(h.id).padStart(5)}  ${h.title}  [${h.detail}]${h.archived ? '  (archived)' : ''}${h.matched ? `  (${h.matched.field}: ${h.matched.excerpt})` : ''}\n`,
        );
      }
    });
}

/** A change to one record made by a command of its register (`dpo requests pause 3 …`). */
export interface RecordCommand {
  register: string;
  name: string;
  description: string;
  /** The options, as commander takes them: [flags, description, required]. */
  options: readonly [string, string, boolean][];
  /** The record's new values from its current ones and the options; throw CliError on a misuse. */
  change: (
    record: Record<string, unknown>,
    opts: Record<string, string | undefined>,
  ) => Record<string, unknown>;
  /** What the command says once done. */
  done: (record: Rec) => string;
}

/**
 * Adds a command that changes one record through its register's update channel (so the same checks, audit and
 * derived facts apply as in the UI): read it, change it, write it back with the optimistic lock.
 */
export function addRecordCommand(program: Command, spec: RecordCommand): void {
  const reg = (registers as unknown as readonly Register[]).find((r) => r.name === spec.register)!;
  const group = program.commands.find((c) => c.name() === reg.name)!;
  const command = group
    .command(spec.name)
    .description(spec.description)
    .argument('<id>', `the ${reg.noun.one}'s id`, recordId)
    .option('--db <path>', 'database file')
    .option('--json', 'print the changed record as JSON');
  for (const [flags, description, required] of spec.options) {
    if (required) command.requiredOption(flags, description);
    else command.option(flags, description);
  }
  command.action(
    async (id: number, opts: Record<string, string | undefined> & { json?: boolean }, cmd: Command) => {
      const changed = (await withCore(cmd, 'cli', async (core) => {
        const detail = (await callRegister(core, reg, 'get', { id })) as Record<string, unknown>;
        const record = detail[reg.entity] as Rec;
        const values: Record<string, unknown> = {};
        for (const { name } of reg.fieldList) values[name] = record[name];
        return callRegister(core, reg, 'update', {
          id,
          values: spec.change(values, opts),
          expectedUpdatedAt: record.updatedAt,
        });
      })) as Rec;
      if (opts.json) return printJson(changed);
      process.stdout.write(`${spec.done(changed)}\n`);
    },
  );
}
