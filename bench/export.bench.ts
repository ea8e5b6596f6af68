// Export of 100,000 vendors to the auditor workbook against its baseline: a bare exceljs streaming write of the
// same rows (the same cells, already in memory, in the same sheet: header, widths, formats), measured in the
// same run. Each measurement runs in a fresh Node
// process, so its peak memory (the kernel's high-water mark of the whole process, VmHWM, worker included) is its
// own. The export runs as the web door serves it: in the job worker, while the serving thread answers list
// requests; its event loop's longest stall is reported. Also: a PDF report of 1,000 vendors. Goals are reported,
// never asserted.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openCore } from '../db/core';
import { cellOf, numFmtOf, widthOf } from '../db/export/cells';
import { exportColumns } from '../shared/kit/export';
import { registerByName } from '../shared/registers/index';

const N = 100_000;
const PDF_N = 1_000;
const GOALS = { ratio: 1.2, peakRssMb: 400, stallMs: 50 };

const SERVICES = ['Cloud hosting', 'E-mail delivery', 'Customer support', 'Payment processing', 'Analytics'];
const COUNTRIES = [['US', 'DE'], ['IE'], ['US'], ['DE', 'FR'], ['IN', 'JP'], ['NL']];

/** Fills a database with `n` vendors as an import would leave them. */
function fill(dbPath: string, n: number): void {
  const core = openCore({ dbPath, door: 'cli', actor: 'bench' });
  core.db.exec("UPDATE settings SET value = json_set(value, '$.organisation.country', 'NO') WHERE 1");
  const repo = core.registers.repoOf('vendors');
  const ctx = { actor: 'bench', now: () => new Date('2026-06-01T10:00:00Z'), importId: 'bench' };
  const reg = registerByName('vendors')!;
  core.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      repo.insertOne(
        reg.schemas.input.parse({
          name: `Vendor ${i} ${i % 3 ? 'Inc.' : 'GmbH'}`,
          legalEntity: `Vendor ${i} Holdings`,
          role: i % 4 === 1 ? 'processor' : 'sub-processor',
          services: [SERVICES[i % SERVICES.length]!],
          dataCategories: ['Name', 'E-mail address'],
          dataSubjectCategories: ['Customers'],
          processingCountries: COUNTRIES[i % COUNTRIES.length],
          headquartersCountry: 'US',
          dpaStatus: i % 3 ? 'signed' : 'requested',
          dpaSignedAt: i % 3 ? `202${i % 5}-0${1 + (i % 9)}-1${i % 9}` : null,
          riskRating: ['low', 'medium', 'high'][i % 3],
          internalOwner: `Owner ${i % 250}`,
          website: `https://vendor${i}.example`,
          notes: i % 10 === 0 ? '=cmd|calc — a note that looks like a formula' : null,
          sourceKind: 'import',
        }) as Record<string, unknown>,
        ctx,
      );
    }
  })();
  core.close();
}

/** The kernel's high-water mark of this process's resident memory, in MB (worker threads included). */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
}

const cpuMs = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);

const children: Record<
  string,
  (dbPath: string, dir: string, polling?: boolean) => Promise<Record<string, unknown>>
> = {
  /** exceljs alone: the same header and cells, prepared before the clock starts, streamed to a file. */
  async bare(dbPath, dir) {
    const core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const reg = registerByName('vendors')!;
    const columns = exportColumns(reg);
    const rows: unknown[][] = [];
    for (const batch of core.registers
      .repoOf('vendors')
      .batches({ includeArchived: false }, { now: () => new Date() })) {
      for (const r of batch) rows.push(columns.map((c) => cellOf(c.kind, c.value(r))));
    }
    core.close();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: join(dir, 'bare.xlsx'),
      useStyles: true,
      useSharedStrings: false,
    });
    // The same sheet as the export's: frozen bold header, autofilter, and each column's width and format.
    const ws = wb.addWorksheet('Vendors', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({
      key: c.key,
      width: widthOf(c.kind, c.header),
      style: {
        ...(numFmtOf(c.kind) ? { numFmt: numFmtOf(c.kind) } : {}),
        ...(c.kind === 'longText' ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
      },
    }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    return {
      rows: rows.length,
      ms: Math.round(performance.now() - t0),
      cpuMs: cpuMs(process.cpuUsage(c0)),
      peakRssMb: peakRssMb(),
    };
  },
  /** The export as the web door runs it: a job in the worker, the serving thread answering list requests. */
  async export(dbPath, _dir, polling = true) {
    const core = openCore({ dbPath, door: 'web', actor: 'bench' });
    await core.dispatch('vendors:list', { limit: 50 });
    // A running app keeps its job worker: start it with a small export first (from the sources the worker
    // loads the TypeScript through tsx, which the desktop bundle does not need), and report that start apart.
    let t0 = performance.now();
    await core.dispatch('export:run', { registers: ['dpias'], auditLog: false, target: { download: true } });
    const workerStartMs = Math.round(performance.now() - t0);
    const rssBeforeMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let polls = 0;
    const poll = setInterval(() => {
      if (!polling) return;
      polls++;
      void core.dispatch('vendors:list', { limit: 50 });
    }, 100);
    delay.enable();
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await core.dispatch('export:run', {
      registers: ['vendors'],
      auditLog: false,
      target: { download: true },
    });
    const ms = Math.round(performance.now() - t0);
    const cpu = cpuMs(process.cpuUsage(c0));
    clearInterval(poll);
    delay.disable();
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const value = r.value as { sheets: Record<string, number>; bytes: number };
    core.close();
    return {
      rows: value.sheets.Vendors,
      fileMb: Number((value.bytes / 2 ** 20).toFixed(1)),
      ms,
      cpuMs: cpu,
      workerStartMs,
      rssBeforeMb,
      longestStallMs: Math.round(delay.max / 1e6),
      listPollsDuringExport: polls,
      peakRssMb: peakRssMb(),
    };
  },
  /** The same export with no list requests beside it: its time and CPU are the export's alone. */
  'export-quiet': (dbPath, dir) => children.export!(dbPath, dir, false),
  async pdf(dbPath, dir) {
    const core = openCore({ dbPath, door: 'cli', actor: 'bench' });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await core.dispatch('export:run', { format: 'pdf', target: { path: join(dir, 'report.pdf') } });
    const ms = Math.round(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    core.close();
    return {
      vendors: PDF_N,
      ms,
      cpuMs: cpuMs(process.cpuUsage(c0)),
      fileKb: Math.round(statSync(join(dir, 'report.pdf')).size / 1024),
      peakRssMb: peakRssMb(),
    };
  },
};

const self = fileURLToPath(import.meta.url);

function inChild(name: string, dbPath: string, dir: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', name, dbPath, dir], {
    encoding: 'utf8',
    env: { ...process.env, DPO_QUIET: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** `npx tsx bench/run.ts export`: see the header comment. */
export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'dpo-bench-export-'));
  try {
    const big = join(dir, 'vendors.sqlite');
    fill(big, N);
    const small = join(dir, 'vendors-1000.sqlite');
    fill(small, PDF_N);
    const bare = inChild('bare', big, dir);
    const exp = inChild('export', big, dir);
    const quiet = inChild('export-quiet', big, dir);
    const pdf = inChild('pdf', small, dir);
    const ratio = (quiet.ms as number) / (bare.ms as number);
    const ratioCpu = (quiet.cpuMs as number) / (bare.cpuMs as number);
    return {
      rows: N,
      columns: exportColumns(registerByName('vendors')!).length,
      bareExceljsWrite: bare,
      exportAlone: quiet,
      exportWhileServing: exp,
      ratio: Number(ratio.toFixed(2)),
      ratioCpu: Number(ratioCpu.toFixed(2)),
      pdf,
      goals: {
        ratio: `≤ ${GOALS.ratio}× a bare exceljs streaming write of the same rows: ${ratio <= GOALS.ratio ? 'met' : 'NOT met'} (${ratio.toFixed(2)}× wall, ${ratioCpu.toFixed(2)}× CPU)`,
        memory: `peak RSS < ${GOALS.peakRssMb} MB (process, worker included): ${(exp.peakRssMb as number) < GOALS.peakRssMb ? 'met' : 'NOT met'} (${exp.peakRssMb} MB)`,
        stall: `longest event-loop stall of the serving thread < ${GOALS.stallMs} ms: ${(exp.longestStallMs as number) < GOALS.stallMs ? 'met' : 'NOT met'} (${exp.longestStallMs} ms)`,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [name, dbPath, dir] = process.argv.slice(3) as [string, string, string];
  const value = await children[name]!(dbPath, dir);
  process.stdout.write(`${JSON.stringify(value)}\n`);
  process.exit(0);
}
