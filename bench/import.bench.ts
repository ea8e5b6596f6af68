// Imports of a 100,000-row sub-processor list (xlsx and csv, 12 columns) against their baselines: exceljs's
// own streaming read of the same file plus our own insert of the same rows. Each measurement runs in a fresh
// Node process, so peak memory is that measurement's alone. The import runs as the web door serves it: the
// file uploaded, inspected, then committed in the worker; its inspect time includes starting the worker, which
// loads the TypeScript sources through tsx (the desktop bundle needs no such step). Goals are reported, never
// asserted; on a shared two-core machine the timings vary by a quarter from run to run.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openCore } from '../db/core';
import { VendorInputSchema } from '../shared/domain/vendor';
import type { ImportRequest, InspectResult } from '../shared/import/types';

const N = 100_000;
const GOALS = { ratio: 1.5, peakRssMb: 400, stallMs: 50 };

export const HEADER = [
  'Name of Subprocessor',
  'Legal entity',
  'Role',
  'Purpose/Services',
  'Categories of personal data',
  'Categories of data subjects',
  'Location of Processing',
  'Corporate Location',
  'DPA signed',
  'Risk',
  'Internal owner',
  'Website',
];
const SERVICES = [
  'Cloud hosting',
  'E-mail delivery',
  'Customer support',
  'Payment processing',
  'Product analytics',
  'Backups',
];
const LOCATIONS = [
  'United States, Germany, Iceland',
  'US/EU',
  'Ireland',
  'U.S.',
  'Germany; France',
  'UK',
  'India, Japan',
  'Netherlands',
];
const HQ = ['US', 'Germany', 'Ireland', 'United Kingdom', 'France', 'Japan'];
const CATEGORIES = ['Name, e-mail address', 'IP address; device ID', 'Billing details', 'Support tickets'];
const SUBJECTS = ['Customers', 'Employees; contractors', 'End users'];
const ROLES = ['Sub-processor', 'Processor', 'Sub-processor', 'Controller'];
const RISKS = ['Low', 'Medium', 'High', 'Critical'];

/** One row of the list: realistic values with the mess published lists carry. */
export function row(i: number): (string | Date)[] {
  return [
    `Vendor ${i} ${i % 3 ? 'Inc.' : 'GmbH'}`,
    `Vendor ${i} Holdings ${i % 2 ? 'Ltd' : 'SAS'}`,
    ROLES[i % ROLES.length]!,
    `${SERVICES[i % SERVICES.length]}${i % 4 === 0 ? `<br/>${SERVICES[(i + 1) % SERVICES.length]}` : ''}`,
    CATEGORIES[i % CATEGORIES.length]!,
    SUBJECTS[i % SUBJECTS.length]!,
    LOCATIONS[i % LOCATIONS.length]!,
    HQ[i % HQ.length]!,
    new Date(Date.UTC(2020 + (i % 5), i % 12, 1 + (i % 28))),
    RISKS[i % RISKS.length]!,
    `Owner ${i % 250}`,
    `https://vendor${i}.example`,
  ];
}

const csvCell = (v: string | Date) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function writeFiles(dir: string, n = N): Promise<{ xlsx: string; csv: string }> {
  const xlsx = join(dir, `subprocessors-${n}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: xlsx,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('Subprocessors');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < n; i++) {
    const r = ws.addRow(row(i));
    r.getCell(9).numFmt = 'yyyy-mm-dd';
    r.commit();
  }
  await wb.commit();
  // European Excel: semicolons and a byte-order mark.
  const csv = join(dir, `subprocessors-${n}.csv`);
  const out = createWriteStream(csv);
  out.write('\uFEFF' + HEADER.join(';') + '\r\n');
  for (let i = 0; i < n; i++) {
    if (!out.write(row(i).map(csvCell).join(';') + '\r\n'))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return { xlsx, csv };
}

/** Samples this process's RSS (worker threads included: they share the process) and the main heap. */
function memorySampler() {
  let rss = 0;
  let heap = 0;
  const take = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  take();
  const timer = setInterval(take, 25);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakRssMb: Math.round(rss / 2 ** 20), peakMainHeapMb: Math.round(heap / 2 ** 20) };
    },
  };
}

const ms = (t0: number) => Math.round(performance.now() - t0);

/** The measurements, each run in its own process (see `run`). */
const children: Record<string, (file: string, dir: string) => Promise<Record<string, unknown>>> = {
  async 'read-xlsx'(file) {
    const mem = memorySampler();
    const t0 = performance.now();
    let rows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const ws of reader)
      for await (const r of ws) rows += (r.values as unknown[]).length > 0 ? 1 : 0;
    return { rows, readMs: ms(t0), ...mem.stop() };
  },
  async 'read-csv'(file) {
    const mem = memorySampler();
    let t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    // exceljs's CSV reader, with its date sniffing off (with it on it takes ten times as long).
    const ws = await wb.csv.read(createReadStream(file), {
      parserOptions: { delimiter: ';' },
      dateFormats: [],
    } as never);
    const exceljsMs = ms(t0);
    const exceljsRows = ws.rowCount;
    t0 = performance.now();
    let rows = 0;
    for await (const _ of createReadStream(file).pipe(
      parse({ delimiter: ';', bom: true, relax_column_count: true }),
    ))
      rows++;
    return { rows: exceljsRows, readMs: exceljsMs, csvParseRows: rows, csvParseMs: ms(t0), ...mem.stop() };
  },
  async insert(_file, dir) {
    const core = openCore({ dbPath: join(dir, `insert-${process.pid}.sqlite`), door: 'cli', actor: 'bench' });
    const repo = core.registers.repoOf('vendors');
    const ctx = { actor: 'bench', now: () => new Date(), importId: 'bench' };
    // The same rows as the files, already mapped: what the import hands to the repository.
    const fields = Array.from({ length: N }, (_, i) => {
      const r = row(i);
      return VendorInputSchema.parse({
        name: r[0],
        legalEntity: r[1],
        role: i % 4 === 3 ? 'independent-controller' : i % 4 === 1 ? 'processor' : 'sub-processor',
        services: [SERVICES[i % SERVICES.length]!],
        dataCategories: String(r[4]).split(/[,;]\s*/),
        dataSubjectCategories: String(r[5]).split(/;\s*/),
        processingCountries: ['US', 'DE'],
        headquartersCountry: 'US',
        dpaSignedAt: (r[8] as Date).toISOString().slice(0, 10),
        riskRating: RISKS[i % RISKS.length]!.toLowerCase(),
        internalOwner: r[10],
        website: r[11],
        sourceKind: 'import',
      });
    });
    const t0 = performance.now();
    core.db.transaction(() => {
      for (const f of fields) repo.insertOne(f, ctx);
    })();
    const insertMs = ms(t0);
    core.close();
    return { rows: N, insertMs };
  },
  async import(file, dir) {
    const core = openCore({ dbPath: join(dir, `import-${process.pid}.sqlite`), door: 'web', actor: 'bench' });
    // The serving process: its event loop is watched while a client polls the vendor list as the UI would.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const mem = memorySampler();
    let polls = 0;
    const poll = setInterval(() => {
      polls++;
      void core.dispatch('vendors:list', { limit: 50 });
    }, 100);
    delay.enable();
    const web = core.dispatch;
    // The web door reads uploads only: upload the file first, as the browser does.
    const upload = await core.uploads.saveUpload(createReadStream(file), file.split('/').pop()!);
    let t0 = performance.now();
    const inspected = await web('import:inspect', { source: { fileId: upload.fileId } });
    const inspectMs = ms(t0);
    if (!inspected.ok) throw new Error(JSON.stringify(inspected.error));
    const i = inspected.value as InspectResult;
    const request: ImportRequest = {
      source: { fileId: upload.fileId },
      sheet: i.sheet,
      headerRow: i.headerRow,
      columns: i.columns.map((c) => ({
        column: c.column,
        header: c.header,
        field: c.field,
        ...(c.dateOrder === 'dmy' || c.dateOrder === 'mdy' ? { dateOrder: c.dateOrder } : {}),
      })),
      options: { onDuplicate: 'create', expandRegions: false },
      expectedRows: i.rowCount ?? undefined,
    };
    t0 = performance.now();
    const committed = await web('import:commit', request);
    const commitMs = ms(t0);
    clearInterval(poll);
    delay.disable();
    if (!committed.ok) throw new Error(JSON.stringify(committed.error));
    const value = committed.value as {
      created: number;
      invalidRows: number;
      mapping: Record<string, string | null>;
    };
    const memory = mem.stop();
    core.close();
    return {
      rows: i.rowCount,
      created: value.created,
      invalidRows: value.invalidRows,
      mapped: Object.values(value.mapping).filter(Boolean).length,
      inspectMs,
      commitMs,
      wholeMs: inspectMs + commitMs,
      longestStallMs: Math.round(delay.max / 1e6),
      p99StallMs: Math.round(delay.percentile(99) / 1e6),
      listPollsDuringImport: polls,
      ...memory,
    };
  },
};

const self = fileURLToPath(import.meta.url);

function inChild(name: string, file: string, dir: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', name, file, dir], {
    encoding: 'utf8',
    env: { ...process.env, DPO_QUIET: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** `npx tsx bench/run.ts import`: see the header comment. */
export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'dpo-bench-import-'));
  try {
    const files = await writeFiles(dir);
    const insert = inChild('insert', '', dir);
    const result: Record<string, unknown> = { rows: N, columns: HEADER.length, insertMs: insert.insertMs };
    for (const format of ['xlsx', 'csv'] as const) {
      const file = files[format];
      const read = inChild(`read-${format}`, file, dir);
      const imp = inChild('import', file, dir);
      const baseline = (read.readMs as number) + (insert.insertMs as number);
      const ratioCommit = (imp.commitMs as number) / baseline;
      const ratioWhole = (imp.wholeMs as number) / baseline;
      result[format] = {
        fileMb: Number((statSync(file).size / 2 ** 20).toFixed(1)),
        exceljsRead: read,
        import: imp,
        readPlusInsertMs: baseline,
        ratioCommit: Number(ratioCommit.toFixed(2)),
        ratioInspectPlusCommit: Number(ratioWhole.toFixed(2)),
        goals: {
          ratio: `≤ ${GOALS.ratio}× read + insert: commit ${ratioCommit <= GOALS.ratio ? 'met' : 'NOT met'} (${ratioCommit.toFixed(2)}×), inspect + commit ${ratioWhole <= GOALS.ratio ? 'met' : 'NOT met'} (${ratioWhole.toFixed(2)}×)`,
          memory: `peak RSS < ${GOALS.peakRssMb} MB (process, worker included): ${(imp.peakRssMb as number) < GOALS.peakRssMb ? 'met' : 'NOT met'} (${imp.peakRssMb} MB)`,
          stall: `longest event-loop stall of the serving thread < ${GOALS.stallMs} ms: ${(imp.longestStallMs as number) < GOALS.stallMs ? 'met' : 'NOT met'} (${imp.longestStallMs} ms)`,
        },
      };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const [name, file, dir] = process.argv.slice(3) as [string, string, string];
  const value = await children[name]!(file, dir);
  process.stdout.write(`${JSON.stringify(value)}\n`);
  // Idle import workers are unref'd, but the core's close is asynchronous; leave promptly.
  process.exit(0);
}
