import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { ExportFormat, ExportLayout } from '../../shared/export';
import { RegisterNames } from '../../shared/registers/index';
import { call, withCore } from '../core';
import { CliError, printJson } from '../output';
import { showProgress } from './import';

interface ExportOptions {
  out: string;
  format?: ExportFormat;
  layout: ExportLayout;
  registers?: string;
  register?: string;
  includeArchived?: boolean;
  auditLog: boolean;
  delimiter: string;
  json?: boolean;
}

/** The format a file name asks for, when --format is not given. */
function formatOf(file: string): ExportFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.pdf$/i.test(file)) return 'pdf';
  if (/\.xlsx$/i.test(file)) return 'xlsx';
  throw new CliError(`Name the file .xlsx, .csv or .pdf, or give --format (${file}).`, 2);
}

function registersOf(text: string | undefined): string[] {
  if (!text) return [];
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(RegisterNames as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new CliError(`Unknown register: ${unknown.join(', ')}. Registers: ${RegisterNames.join(', ')}.`, 2);
  }
  return names;
}

/** `dpo export` and `dpo roundtrip`. */
export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('export registers for an auditor: a workbook (.xlsx), one register as CSV, or a PDF report')
    .requiredOption('--out <file>', 'the file to write (.xlsx, .csv or .pdf)')
    .addOption(new Option('--format <format>', 'default: from the file name').choices(['xlsx', 'csv', 'pdf']))
    .addOption(
      new Option('--layout <layout>', "an authority's template for the processing activities")
        .choices(['workbench', 'ico-ropa', 'cnil'])
        .default('workbench'),
    )
    .option(
      '--registers <names>',
      `registers to export, comma-separated (default: all): ${RegisterNames.join(', ')}`,
    )
    .option('--register <name>', 'CSV: the register to export')
    .option('--include-archived', 'include archived records')
    .option('--no-audit-log', 'leave the audit log sheet out')
    .addOption(new Option('--delimiter <char>', 'CSV: the delimiter').choices([',', ';', 'tab']).default(','))
    .option('--json', 'print {file, sheets, bytes} as JSON')
    .option('--db <path>', 'database file')
    .action(async (opts: ExportOptions, command: Command) => {
      const format = opts.format ?? formatOf(opts.out);
      const registers = registersOf(opts.register ?? opts.registers);
      const out = resolve(opts.out);
      const result = await withCore(command, 'cli', async (core) => {
        const jobId = randomUUID();
        const stop = showProgress(core, jobId, !opts.json && process.stderr.isTTY === true, 'Rows written');
        try {
          return await call(core, 'export:run', {
            format,
            layout: opts.layout,
            registers: registers as never,
            includeArchived: opts.includeArchived === true,
            auditLog: opts.auditLog,
            delimiter: (opts.delimiter === 'tab' ? '\t' : opts.delimiter) as ',' | ';' | '\t',
            target: { path: out },
            jobId,
          });
        } finally {
          stop();
        }
      });
      if (opts.json) return printJson({ file: result.file, sheets: result.sheets, bytes: result.bytes });
      const parts = Object.entries(result.sheets).map(([name, rows]) => `${name} ${rows}`);
      process.stdout.write(
        `Wrote ${result.file} (${Math.max(1, Math.round(result.bytes / 1024)).toLocaleString('en')} KB): ${parts.join(', ')}.\n`,
      );
    });

  program
    .command('roundtrip')
    .description('bring back a workbook exported by the workbench and edited: show and write what changed')
    .argument('<file>', 'the edited workbook (.xlsx)')
    .option('--dry-run', 'show what would change, and write nothing')
    .option('--archive-missing', 'archive the records whose rows were deleted from the file')
    .option('--json', 'print the result as JSON')
    .option('--db <path>', 'database file')
    .action(
      async (file: string, opts: { dryRun?: boolean; archiveMissing?: boolean; json?: boolean }, command) => {
        const result = await withCore(command, 'cli', async (core) => {
          const jobId = randomUUID();
          const stop = showProgress(core, jobId, !opts.json && process.stderr.isTTY === true);
          try {
            return await call(core, opts.dryRun ? 'roundtrip:preview' : 'roundtrip:commit', {
              source: { path: file },
              options: { archiveMissing: opts.archiveMissing === true },
              jobId,
            });
          } finally {
            stop();
          }
        });
        if (opts.json) return printJson(result);
        const w = (line: string) => process.stdout.write(`${line}\n`);
        w(
          `${opts.dryRun ? 'Dry run (nothing written): ' : ''}exported ${result.exportedAt.slice(0, 16).replace('T', ' ')} UTC.`,
        );
        for (const s of result.sheets) {
          const missing = s.missing.length
            ? `, ${s.missing.length} deleted from the file${s.missing.some((m) => m.archived) ? ' (archived)' : ' (kept; --archive-missing archives them)'}`
            : '';
          w(
            `  ${s.sheet}: ${s.rows} rows: ${s.updated} changed, ${s.created} new, ${s.unchanged} unchanged, ${s.invalid} refused${missing}.`,
          );
        }
        for (const c of result.changes.slice(0, 100)) {
          w(
            `  ${c.sheet} row ${c.row}${c.id ? ` (ID ${c.id})` : ' (new)'} ${c.title}: ${c.label}: ${c.old} → ${c.new}`,
          );
        }
        if (result.changesTotal > 100) w(`  … and ${result.changesTotal - 100} more changes.`);
        for (const i of result.issues.slice(0, 50)) {
          w(
            `  ${i.severity === 'error' ? 'Refused' : 'Note'}: ${i.sheet}${i.row ? ` row ${i.row}` : ''}${i.column ? `, ${i.column}` : ''}: ${i.message}`,
          );
        }
        for (const s of result.sheets.filter((x) => x.importId)) {
          w(`  ${s.sheet}: recorded as import ${s.importId} (undo with: dpo import undo ${s.importId})`);
        }
      },
    );
}
