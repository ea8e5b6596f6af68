import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Core } from '../../db/core';
import { presetKey } from '../../shared/import/header-match';
import { importProfile, readsDates } from '../../shared/import/profile';
import type {
  ColumnMapping,
  DateOrder,
  DuplicatePolicy,
  ImportRegister,
  InspectResult,
  NumberScale,
} from '../../shared/import/types';
import { parseScale } from '../../shared/import/scale';
import { ImportRegisterNames, registerByName } from '../../shared/registers/index';
import { call, withCore } from '../core';
import { CliError, printJson } from '../output';

interface ImportOptions {
  register: ImportRegister;
  sheet?: string;
  headerRow?: number;
  mapping?: string;
  onDuplicate: DuplicatePolicy;
  dateOrder?: DateOrder;
  scale?: NumberScale;
  expandRegions?: boolean;
  strict?: boolean;
  apart?: number[];
  dryRun?: boolean;
  json?: boolean;
}

/** The data rows the command inspects to map the columns before it imports (and reads every row). */
const INSPECT_SAMPLE_ROWS = 5_000;

/** `--apart 12,40`: row numbers, each at least 1. */
function rowList(value: string): number[] {
  const rows = value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  if (rows.length === 0 || rows.some((n) => !Number.isInteger(n) || n < 1))
    throw new InvalidArgumentError('Give row numbers separated by commas, such as 12,40.');
  return rows;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Give a row number from 1.');
  return n;
}

/** A mapping file: `{"<column header>": "<field or null>"}`, the shape `--json` prints. */
function readMappingFile(path: string, register: ImportRegister): Record<string, string | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`Could not read the mapping file ${path}: ${(err as Error).message}`, 2);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CliError(`${path} must hold {"<column header>": "<field or null>", ...}.`, 2);
  }
  const profile = importProfile(registerByName(register)!);
  const out: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(raw)) {
    if (field === null) out[header] = null;
    else {
      if (typeof field !== 'string' || !profile.byName.has(field)) {
        throw new CliError(
          `${path}: "${String(field)}" (for "${header}") is not a ${profile.register.noun.one} field. Fields: ${profile.fields.map((f) => f.name).join(', ')}.`,
          2,
        );
      }
      out[header] = field;
    }
  }
  return out;
}

/** `--scale 1-5`: the number meaning the lowest rating, then the one meaning the highest. */
function scaleOption(value: string): NumberScale {
  const s = parseScale(value);
  if (!s)
    throw new InvalidArgumentError(
      "Give the lowest rating's number, then the highest's: 1-5, or 5-1 when 1 is the highest.",
    );
  return s;
}

/**
 * The columns to send: inspect's proposal, the mapping file on top, the date order for date columns, and the
 * scale for rating columns of numbers (--scale, else the one inspect judged).
 */
function buildColumns(
  inspected: InspectResult,
  file: Record<string, string | null> | null,
  { register, dateOrder, scale }: Pick<ImportOptions, 'register' | 'dateOrder' | 'scale'>,
): ColumnMapping[] {
  const profile = importProfile(registerByName(register)!);
  const byKey = file ? new Map(Object.entries(file).map(([h, f]) => [presetKey(h), f])) : null;
  if (file) {
    const known = new Set(inspected.columns.map((c) => presetKey(c.header)));
    const unknown = Object.keys(file).filter((h) => !known.has(presetKey(h)));
    if (unknown.length > 0) {
      throw new CliError(
        `The mapping names columns the file does not have: ${unknown.map((h) => `"${h}"`).join(', ')}. Its columns: ${inspected.columns.map((c) => `"${c.header}"`).join(', ')}.`,
        2,
      );
    }
  }
  return inspected.columns.map((c) => {
    const fromFile = byKey?.get(presetKey(c.header));
    const field = fromFile !== undefined ? fromFile : c.field;
    const proven = c.dateOrder === 'dmy' || c.dateOrder === 'mdy' ? c.dateOrder : undefined;
    const order = dateOrder ?? proven;
    const rated =
      field !== null && profile.byName.get(field)?.scale
        ? (scale ?? (field === c.field ? (c.scale ?? undefined) : undefined))
        : undefined;
    return {
      column: c.column,
      header: c.header,
      field,
      ...(order ? { dateOrder: order } : {}),
      ...(rated ? { scale: rated } : {}),
    };
  });
}

/**
 * True when a sampled inspection (`rowCount` null: the file goes on) leaves the order of a mapped date column
 * unproven and no --date-order settles it: its dates so far could all be read either way, or it has none yet.
 * (Dates that read one way only, 2024-03-04 or 31/03/2024, need no order or prove it.)
 */
function dateOrderUnproven(
  inspected: InspectResult,
  file: Record<string, string | null> | null,
  opts: Pick<ImportOptions, 'register' | 'dateOrder'>,
): boolean {
  if (inspected.rowCount !== null || opts.dateOrder) return false;
  const profile = importProfile(registerByName(opts.register)!);
  const seen = inspected.columns;
  return buildColumns(inspected, file, { register: opts.register }).some(
    (c, i) =>
      c.field !== null &&
      readsDates(profile.byName.get(c.field)) &&
      (seen[i]!.dateOrder === 'ambiguous' ||
        (seen[i]!.nonEmpty === 0 && profile.byName.get(c.field)!.kind === 'date')),
  );
}

/** Shows a job's progress on a terminal (stderr), one line rewritten in place. */
/** Shows a job's progress on stderr (a terminal only); returns the function that clears it. */
export function showProgress(core: Core, jobId: string, enabled: boolean, what = 'Rows read'): () => void {
  if (!enabled) return () => undefined;
  const off = core.onProgress((e) => {
    if (e.jobId !== jobId) return;
    const pct = e.percent === undefined ? '' : ` (${Math.round(e.percent)}%)`;
    process.stderr.write(
      `\r${what}: ${e.done.toLocaleString('en')}${e.total ? ` of ${e.total.toLocaleString('en')}` : ''}${pct}   `,
    );
  });
  return () => {
    off();
    process.stderr.write('\r\u001b[K');
  };
}

/** `dpo import FILE`, `dpo import undo ID` and `dpo import list`. */
export function registerImportCommands(program: Command): void {
  const cmd = program
    .command('import')
    .description(
      'import a register from a spreadsheet (.xlsx, .csv, .txt); see also `import undo` and `import list`',
    )
    .argument('<file>', 'the spreadsheet to import')
    .addOption(
      new Option('--register <name>', 'the register to fill').choices(ImportRegisterNames).default('vendors'),
    )
    .option('--sheet <name>', 'the sheet to read (default: the first visible one)')
    .option(
      '--header-row <n>',
      'the row holding the column headers (default: found automatically)',
      positiveInt,
    )
    .option(
      '--mapping <preset|file.json>',
      'a saved mapping preset, or a JSON file {"<column header>": "<field or null>"}',
    )
    .addOption(
      new Option('--on-duplicate <policy>', 'for a record already in the register or earlier in the file')
        .choices(['update', 'skip', 'create'])
        .default('skip'),
    )
    .addOption(
      new Option('--date-order <order>', 'read dates such as 03/04/2024 day first or month first').choices([
        'dmy',
        'mdy',
      ]),
    )
    .option(
      '--scale <low-high>',
      'the scale of a rating column of numbers: 1-5, 1-10, or 5-1 when 1 is the highest (judged from the header and values otherwise)',
      scaleOption,
    )
    .option('--expand-regions', 'expand "EU" and "EEA" to their member states (otherwise they are flagged)')
    .option(
      '--strict',
      'all or nothing: a cell that cannot be read makes its row invalid, and any invalid row stops the import',
    )
    .option(
      '--apart <rows>',
      'rows that name another company than the one they were taken for on an unsure match (listed as questions): each is imported as its own',
      rowList,
    )
    .option('--dry-run', 'show what the import would do, and write nothing')
    .option('--json', 'print the result as JSON')
    .option('--db <path>', 'database file')
    .addHelpText(
      'after',
      '\nExit status: 0 imported (or nothing to change); 1 nothing could be imported, or an error; 2 a wrong\noption; 4 imported, but some rows were left out (listed, with their reasons).',
    )
    .action(async (file: string, opts: ImportOptions, command: Command) => {
      const mappingFile = opts.mapping && /\.json$/i.test(opts.mapping) ? opts.mapping : null;
      if (mappingFile && !existsSync(mappingFile))
        throw new CliError(`The mapping file ${mappingFile} was not found.`, 2);
      const fileMapping = mappingFile ? readMappingFile(mappingFile, opts.register) : null;
      const outcome = await withCore(command, 'cli', async (core) => {
        const tty = !opts.json && process.stderr.isTTY === true;
        const inspect = async (sampleRows: number | null) => {
          const inspectJob = randomUUID();
          const stopInspect = showProgress(core, inspectJob, tty);
          return call(
            core,
            'import:inspect',
            {
              source: { path: file },
              register: opts.register,
              ...(opts.sheet ? { sheet: opts.sheet } : {}),
              ...(opts.headerRow ? { headerRow: opts.headerRow } : {}),
              ...(opts.mapping && !mappingFile ? { preset: opts.mapping } : {}),
              ...(sampleRows ? { sampleRows } : {}),
              jobId: inspectJob,
            },
            {
              'problem:no-header':
                'Give it with --header-row N (its row number in the sheet, 1 for the first).',
              headerRow: '--header-row',
              sheet: '--sheet',
            },
          ).finally(() => stopInspect());
        };
        // The mapping is decided on the first rows; the import itself reads them all (one full read, not two).
        let inspected = await inspect(INSPECT_SAMPLE_ROWS);
        if (!opts.sheet && inspected.sheets.some((s) => s.name === '_meta' && s.hidden)) {
          throw new CliError(
            `${inspected.fileName} is a workbook exported by the workbench: bring it back with \`dpo roundtrip ${file}\` (rows are matched by ID and only changed cells are written), or name a --sheet to import as a plain list.`,
            2,
          );
        }
        if (inspected.looksLike && !fileMapping)
          throw new CliError(
            `${inspected.fileName} reads as ${inspected.looksLike.title.toLowerCase()}, not ${registerByName(opts.register)!.noun.other} (${inspected.looksLike.columns} columns recognised): import it with --register ${inspected.looksLike.register}, or give --mapping.`,
            2,
          );
        // Unless a date column's order is still unproven there (only dates such as 03/04/2024, or none yet) and
        // the file goes on: a later date may prove it, as it would for a file read whole, so the file is then
        // inspected whole.
        if (dateOrderUnproven(inspected, fileMapping, opts)) inspected = await inspect(null);
        const columns = buildColumns(inspected, fileMapping, opts);
        if (opts.scale && !columns.some((c) => c.scale))
          throw new CliError(
            `--scale: no column of ${inspected.fileName} is mapped to a rating read on a scale (${
              importProfile(registerByName(opts.register)!)
                .fields.filter((f) => f.scale)
                .map((f) => f.label.toLowerCase())
                .join(', ') || 'this register has none'
            }).`,
            2,
          );
        const request = {
          source: { path: file },
          register: opts.register,
          sheet: inspected.sheet,
          headerRow: inspected.headerRow,
          columns,
          options: {
            onDuplicate: opts.onDuplicate,
            expandRegions: opts.expandRegions === true,
            strict: opts.strict === true,
            apart: opts.apart ?? [],
          },
          // Counted, or judged from the sample: the progress shown, and where the import runs (jobs.ts).
          expectedRows: inspected.rowCount ?? inspected.rowEstimate ?? undefined,
          ...(inspected.rowCount === null && inspected.rowEstimate !== undefined
            ? { rowsEstimated: true }
            : {}),
        };
        const jobId = randomUUID();
        const stop = showProgress(core, jobId, tty);
        try {
          if (opts.dryRun) {
            const preview = await call(core, 'import:preview', { ...request, jobId });
            const errors = preview.issues.filter((i) => i.severity === 'error');
            return {
              importId: null,
              dryRun: true,
              rows: preview.counts.rows,
              created: preview.counts.created,
              updated: preview.counts.updated,
              merged: preview.counts.merged,
              skipped: preview.counts.skipped,
              invalidRows: preview.counts.invalid,
              invalid: errors.map((i) => ({ row: i.row, field: i.field, message: i.message })),
              warnings: preview.issues
                .filter((i) => i.severity === 'warning')
                .map((i) => ({ row: i.row, field: i.field, message: i.message })),
              mapping: Object.fromEntries(columns.map((c) => [c.header, c.field])),
              duplicates: preview.duplicates,
              unsure: preview.unsure,
              inspected,
            };
          }
          const result = await call(core, 'import:commit', { ...request, jobId }).catch((err: unknown) => {
            // --strict refused the file because rows were invalid: nothing could be imported (exit 1), not a
            // wrong option.
            if (err instanceof CliError && /\(all or nothing\)/.test(err.message))
              throw new CliError(err.message, 1);
            throw err;
          });
          return { ...result, dryRun: false, inspected };
        } finally {
          stop();
        }
      });
      const { inspected, ...result } = outcome;
      const imported = result.created + result.updated + result.merged;
      if (opts.json) {
        const { jobId: _jobId, ...rest } = result as typeof result & { jobId?: string };
        printJson({ ...rest, inspection: { headerRow: inspected.headerRow, warnings: inspected.warnings } });
      } else {
        const where = inspected.sheet ? `sheet "${inspected.sheet}", ` : '';
        process.stdout.write(
          `${result.dryRun ? 'Dry run (nothing written): ' : ''}${inspected.fileName} (${where}header row ${inspected.headerRow}): ${result.rows} rows: ${result.created} new, ${result.updated} updated, ${result.merged} merged, ${result.skipped} skipped, ${result.invalidRows} invalid.\n`,
        );
        for (const [header, field] of Object.entries(result.mapping)) {
          process.stdout.write(`  ${header} → ${field ?? '(ignored)'}\n`);
        }
        // What reading the file noticed (a mapping its values contradict, hidden columns, rows above the header).
        for (const w of inspected.warnings) process.stdout.write(`  note: ${w}\n`);
        for (const i of result.invalid.slice(0, 50)) {
          process.stdout.write(`  row ${i.row}${i.field ? `, ${i.field}` : ''}: ${i.message}\n`);
        }
        if (result.invalid.length > 50)
          process.stdout.write(`  … and ${result.invalid.length - 50} more problems.\n`);
        // Cells left empty, flagged cells and skipped rows (kept, or left out, with a reason): said here as in --json.
        if (result.warnings.length > 0) {
          process.stdout.write(`Warnings (${result.warnings.length}):\n`);
          for (const w of result.warnings.slice(0, 50))
            process.stdout.write(`  row ${w.row}${w.field ? `, ${w.field}` : ''}: ${w.message}\n`);
          if (result.warnings.length > 50)
            process.stdout.write(
              `  … and ${result.warnings.length - 50} more warnings (--json lists them all).\n`,
            );
        }
        if (result.duplicates.length > 0) {
          process.stdout.write(`Duplicates (${result.duplicates.length}):\n`);
          for (const d of result.duplicates.slice(0, 50))
            process.stdout.write(
              `  ${d.name}: rows ${d.rows.join(', ')}${d.existing ? ` (in the register as #${d.existing.id})` : ''}: ${d.outcome}\n`,
            );
        }
        // Unsure matches are asked about: the answer "another company" is given with --apart.
        if (result.unsure.length > 0) {
          process.stdout.write(`Same company? (${result.unsure.length}):\n`);
          for (const q of result.unsure.slice(0, 50))
            process.stdout.write(`  row ${q.row}, ${q.name}: taken as ${q.sameAs} (${q.reason})\n`);
          process.stdout.write(
            `  If a row names another company, ${result.dryRun ? 'import' : 'undo this import and import again'} with --apart ${result.unsure
              .slice(0, 5)
              .map((q) => q.row)
              .join(',')}${result.unsure.length > 5 ? ',…' : ''} (the rows that differ).\n`,
          );
        }
        if (!result.dryRun && 'importId' in result && result.importId) {
          process.stdout.write(
            `Import ${result.importId}. Undo it with: dpo import undo ${result.importId}\n`,
          );
        }
        if (imported === 0 && result.invalidRows === 0)
          process.stdout.write(
            `Nothing changed: every row is already in the register as the file gives it${result.dryRun ? '' : '; no import was recorded'}.\n`,
          );
      }
      if (imported === 0 && result.invalidRows > 0) {
        throw new CliError(
          `Nothing ${result.dryRun ? 'would be' : 'was'} imported: ${result.invalidRows} invalid and ${result.skipped} skipped of ${result.rows} rows.`,
          1,
        );
      }
      if (result.invalidRows > 0) {
        process.stderr.write(
          `dpo: ${result.invalidRows} of ${result.rows} rows ${result.dryRun ? 'would be' : 'were'} left out (see the problems above).\n`,
        );
        process.exitCode = 4;
      }
    });

  cmd
    .command('undo')
    .description('undo a whole import: remove the records it created, restore the ones it updated')
    .argument('<id>', 'the import id (see `dpo import list`)')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database file')
    .action(async (id: string, _opts: unknown, command: Command) => {
      // --json and --db are also options of `import` itself, so read them from the whole command line.
      const opts = command.optsWithGlobals<{ json?: boolean }>();
      const result = await withCore(command, 'cli', (core) => call(core, 'import:undo', { id }));
      if (opts.json) printJson(result);
      else {
        const noun = registerByName(result.register)!.noun.other;
        process.stdout.write(
          `Undid import ${result.importId}: removed ${result.removed} ${noun} it created, restored ${result.reverted} it updated.\n`,
        );
      }
    });

  cmd
    .command('list')
    .description('list past imports, newest first')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database file')
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ json?: boolean }>();
      const page = await withCore(command, 'cli', (core) => call(core, 'import:list', { limit: 200 }));
      if (opts.json) return printJson(page.rows);
      if (page.rows.length === 0) return void process.stdout.write('No imports yet.\n');
      for (const r of page.rows) {
        process.stdout.write(
          `${r.id}  ${r.createdAt.slice(0, 16).replace('T', ' ')}  ${r.register}  ${r.fileName}  ${r.created} new, ${r.updated} updated${r.undoneAt ? `  (undone ${r.undoneAt.slice(0, 10)})` : ''}\n`,
        );
      }
    });
}
