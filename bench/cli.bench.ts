// `dpo import` as a DPO runs it, measured from outside the process in CPU time (user + system, so the machine's
// other work does not count) and peak resident memory (GNU time's maximum RSS: the whole process, its import
// worker thread included), against a bare script that streams the same file into SQLite (bench/bare-import.mjs).
// A second reference, not a goal, writes the same rows as the workbench stores a vendor (its indexes, the
// full-text index, a hash-chained audit entry) without reading or checking the cells
// (bench/bare-schema-import.mjs): what storage alone costs, so the rest shows as the reading and checking of rows.
// Also the command's start-up (`dpo --version`) against `node -e 0`. Goals are reported, never asserted.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFiles } from './import.bench';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DPO = join(ROOT, 'bin', 'dpo.js');
const BARE = join(ROOT, 'bench', 'bare-import.mjs');
const BARE_SCHEMA = join(ROOT, 'bench', 'bare-schema-import.mjs');
const TIME = '/usr/bin/time';
const GOALS = { cpuRatio: 2, peakRssMb: 400, startupRatio: 5 };
const SIZES = [10_000, 100_000];

interface Measured {
  cpuS: number;
  wallS: number;
  peakRssMb: number;
}

/** Runs a command under GNU time (its report goes to stderr; the command's output is dropped) and reads its CPU
 * seconds (user + system), wall seconds and maximum RSS. */
function timed(args: string[]): Measured {
  const result = execFileSync(
    'sh',
    [
      '-c',
      `"${TIME}" -f 'DPO-TIME %U %S %e %M' "$@" 2>&1 >/dev/null | tail -n 1`,
      'sh',
      process.execPath,
      ...args,
    ],
    { encoding: 'utf8', env: { ...process.env, DPO_QUIET: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const m = /DPO-TIME (\S+) (\S+) (\S+) (\d+)/.exec(result);
  if (!m) throw new Error(`No timing in: ${result}`);
  return {
    cpuS: Math.round((Number(m[1]) + Number(m[2])) * 100) / 100,
    wallS: Number(m[3]),
    peakRssMb: Math.round(Number(m[4]) / 1024),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2) => Number(x.toFixed(d));

export async function run(): Promise<Record<string, unknown>> {
  if (!existsSync(TIME)) return { skipped: `${TIME} (GNU time) is not installed` };
  if (!existsSync(join(ROOT, 'out', 'cli', 'main.js')))
    return { skipped: 'the command is not built (npm run build:cli)' };
  const dir = mkdtempSync(join(tmpdir(), 'dpo-bench-cli-'));
  try {
    const result: Record<string, unknown> = {};
    // Start-up: five runs each, the median CPU time.
    const node = median(Array.from({ length: 5 }, () => timed(['-e', '0']).cpuS));
    const dpo = median(Array.from({ length: 5 }, () => timed([DPO, '--version']).cpuS));
    const startupRatio = dpo / Math.max(node, 0.01);
    result.startup = {
      nodeCpuS: node,
      dpoVersionCpuS: dpo,
      ratio: round(startupRatio),
      goal: `dpo --version ≤ ${GOALS.startupRatio}× node -e 0 in CPU: ${startupRatio <= GOALS.startupRatio ? 'met' : 'NOT met'}`,
    };
    for (const n of SIZES) {
      const files = await writeFiles(dir, n);
      for (const format of ['xlsx', 'csv'] as const) {
        const file = files[format];
        const bare = timed([BARE, file, join(dir, `bare-${format}-${n}.sqlite`)]);
        // The workbench's schema, made by the command itself before the clock starts.
        const schemaDb = join(dir, `schema-${format}-${n}.sqlite`);
        execFileSync(process.execPath, [DPO, 'vendors', 'list', '--db', schemaDb], {
          env: { ...process.env, DPO_QUIET: '1' },
          stdio: 'ignore',
        });
        const storage = timed([BARE_SCHEMA, file, schemaDb]);
        const imp = timed([
          DPO,
          'import',
          file,
          '--on-duplicate',
          'create',
          '--json',
          '--db',
          join(dir, `dpo-${format}-${n}.sqlite`),
        ]);
        const ratio = imp.cpuS / bare.cpuS;
        result[`${format}-${n}`] = {
          bare,
          bareIntoWorkbenchSchema: storage,
          dpoImport: imp,
          cpuRatio: round(ratio),
          storageCpuRatio: round(storage.cpuS / bare.cpuS),
          goals: {
            cpu: `≤ ${GOALS.cpuRatio}× the bare script's CPU: ${ratio <= GOALS.cpuRatio ? 'met' : 'NOT met'} (${round(ratio)}×)`,
            memory: `peak RSS < ${GOALS.peakRssMb} MB: ${imp.peakRssMb < GOALS.peakRssMb ? 'met' : 'NOT met'} (${imp.peakRssMb} MB)`,
          },
        };
      }
    }
    // A narrow list (three columns) of 100,000 rows: its workbook is under 2 MB, so only its rows tell that it is
    // long; read with no heap limit it once took the process to 466 MB.
    // The same list with each vendor's name linked to its site, as a list copied from a web page is: the sheet's
    // hyperlinks are read before its rows and held for the whole read.
    for (const shape of ['narrow', 'linked'] as const) {
      const file = join(dir, `${shape}-100000.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: file,
        useSharedStrings: false,
        useStyles: false,
      });
      const ws = wb.addWorksheet('Vendors');
      ws.addRow(['Vendor', 'Country', 'Services']).commit();
      for (let i = 1; i <= SIZES[1]!; i++) {
        const name = `Vendor ${i} GmbH`;
        const cell = shape === 'linked' ? { text: name, hyperlink: `https://vendor${i}.example/` } : name;
        ws.addRow([cell, i % 2 ? 'Germany' : 'France', 'Hosting']).commit();
      }
      await ws.commit();
      await wb.commit();
      const shaped = timed([DPO, 'import', file, '--json', '--db', join(dir, `dpo-${shape}.sqlite`)]);
      result[`xlsx-${shape}-100000`] = {
        dpoImport: shaped,
        goal: `peak RSS < ${GOALS.peakRssMb} MB: ${shaped.peakRssMb < GOALS.peakRssMb ? 'met' : 'NOT met'} (${shaped.peakRssMb} MB)`,
      };
    }
    for (const format of ['xlsx', 'csv'] as const) {
      const small = (result[`${format}-${SIZES[0]}`] as { dpoImport: Measured }).dpoImport.peakRssMb;
      const large = (result[`${format}-${SIZES[1]}`] as { dpoImport: Measured }).dpoImport.peakRssMb;
      result[`${format}-memoryGrowth`] = {
        peakRssMb: { [SIZES[0]!]: small, [SIZES[1]!]: large },
        goal: `flat in the row count (within 1.5× from ${SIZES[0]} to ${SIZES[1]} rows): ${large <= small * 1.5 ? 'met' : 'NOT met'}`,
      };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
