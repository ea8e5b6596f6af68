import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../db/core';
import type { Envelope } from '../../../shared/errors';
import type { InspectResult } from '../../../shared/import/types';
import { tempDir } from '../../helpers/core';
import { seeded, withoutCellRefs, writeCsv, writeXlsx, type Cell } from './fixtures';

// 1,000 damaged files, each made again from its seed: none may crash or hang the core, none may leave a
// partial write, and each refusal must say what is wrong (the file's problem, or row, field and reason).
const FILES = 1_000;
const WORKER_FILES = 24;

let dir: string;
let cleanup: () => void;
const bases: { name: string; bytes: Buffer }[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const rows: Cell[][] = [
    ['Sub-processors, updated 2025'],
    ['Vendor', 'Purpose', 'Location', 'DPA signed', 'Risk'],
  ];
  for (let i = 0; i < 25; i++) {
    rows.push([
      `Vendor ${i} Ltd`,
      'Hosting; backups',
      i % 3 ? 'United States, Germany' : 'US/EU',
      new Date(Date.UTC(2024, i % 12, 1 + i)),
      ['low', 'high'][i % 2]!,
    ]);
  }
  await writeXlsx(join(dir, 'base.xlsx'), [{ name: 'List', rows }]);
  bases.push({ name: 'list.xlsx', bytes: readFileSync(join(dir, 'base.xlsx')) });
  const text = rows.map((r) =>
    r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c === null ? null : String(c))),
  );
  bases.push({
    name: 'list.csv',
    bytes: writeCsv(join(dir, 'base.csv'), text, { delimiter: ';', bom: true }),
  });
  bases.push({
    name: 'list.txt',
    bytes: writeCsv(join(dir, 'base.txt'), text, { delimiter: '\t', encoding: 'utf16le', bom: true }),
  });
});
afterAll(() => cleanup());

/** One damaged copy of a base file, chosen and made by the seed. */
function corrupt(seed: number): { name: string; bytes: Buffer; how: string } {
  const rand = seeded(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const base = bases[seed % bases.length]!;
  const b = Buffer.from(base.bytes);
  const at = pick(b.length);
  switch (pick(8)) {
    case 0: {
      const n = 1 + pick(8);
      for (let i = 0; i < n; i++) {
        const j = pick(b.length);
        b[j] = b[j]! ^ (1 << pick(8));
      }
      return { name: base.name, bytes: b, how: `${n} bit flips` };
    }
    case 1:
      return { name: base.name, bytes: b.subarray(0, at), how: `cut at ${at}` };
    case 2: {
      const len = 1 + pick(400);
      return {
        name: base.name,
        bytes: Buffer.concat([b.subarray(0, at), b.subarray(at + len)]),
        how: `${len} bytes removed at ${at}`,
      };
    }
    case 3: {
      const len = 1 + pick(400);
      return {
        name: base.name,
        bytes: Buffer.concat([b.subarray(0, at), b.subarray(at, at + len), b.subarray(at)]),
        how: `${len} bytes doubled at ${at}`,
      };
    }
    case 4: {
      const junk = Buffer.from(Array.from({ length: 1 + pick(64) }, () => pick(256)));
      return {
        name: base.name,
        bytes: Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]),
        how: `${junk.length} random bytes at ${at}`,
      };
    }
    case 5: {
      const len = 1 + pick(2000);
      b.fill(0, at, Math.min(b.length, at + len));
      return { name: base.name, bytes: b, how: `${len} zero bytes at ${at}` };
    }
    case 6: {
      const head = 4 + pick(60);
      for (let i = 0; i < head && i < b.length; i++) b[i] = pick(256);
      return { name: base.name, bytes: b, how: `first ${head} bytes scrambled` };
    }
    default: {
      const chars = ['"', '\n', '\u0000', ';', '\t', '\r'];
      const n = 1 + pick(6);
      const out = [...b];
      for (let i = 0; i < n; i++) out.splice(pick(out.length), 0, chars[pick(chars.length)]!.charCodeAt(0));
      return { name: base.name, bytes: Buffer.from(out), how: `${n} structural characters inserted` };
    }
  }
}

function counts(core: Core) {
  const n = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
  return {
    vendors: n('SELECT count(*) AS n FROM vendors'),
    audit: n('SELECT count(*) AS n FROM audit_log'),
    imports: n('SELECT count(*) AS n FROM imports'),
  };
}

function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} hung`)), ms))),
  ]);
}

/** A refusal must be a clear, door-safe VALIDATION: the file's problem, or the rows and fields at fault. */
function expectClearRefusal(r: Envelope<unknown>, what: string) {
  if (r.ok) return;
  expect(r.error.code, `${what}: ${r.error.message}`).toBe('VALIDATION');
  expect(r.error.message.length, what).toBeGreaterThan(10);
  // Never a JavaScript error from inside a parser: it says nothing about the file.
  expect(r.error.message, what).not.toMatch(
    /Cannot read propert|is not a function|is not iterable|undefined \(/,
  );
  const problem = (r.error.details as { problem?: string } | undefined)?.problem;
  expect(problem !== undefined || /Name/.test(r.error.message), `${what}: ${r.error.message}`).toBe(true);
}

async function run(core: Core, seed: number) {
  const f = corrupt(seed);
  const path = join(dir, `${seed}-${f.name}`);
  writeFileSync(path, f.bytes);
  const what = `seed ${seed} (${f.name}, ${f.how})`;
  const inspected = await within(20_000, core.dispatch('import:inspect', { source: { path } }), what);
  expectClearRefusal(inspected, what);
  if (!inspected.ok) return 'refused';
  const i = inspected.value as InspectResult;
  const before = counts(core);
  const result = await within(
    20_000,
    core.dispatch('import:commit', {
      source: { path },
      sheet: i.sheet,
      headerRow: i.headerRow,
      columns: i.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
      options: { onDuplicate: 'create' },
    }),
    what,
  );
  expectClearRefusal(result, what);
  const after = counts(core);
  if (!result.ok) {
    expect(after, `${what}: nothing written`).toEqual(before);
    return 'refused';
  }
  const value = result.value as { created: number; invalid: { row: number; message: string }[] };
  // An import that wrote nothing is not recorded.
  expect(after.imports, what).toBe(before.imports + (value.created > 0 ? 1 : 0));
  expect(after.vendors, what).toBe(before.vendors + value.created);
  for (const bad of value.invalid) {
    expect(bad.row, what).toBeGreaterThan(0);
    expect(bad.message.length, what).toBeGreaterThan(5);
  }
  return value.invalid.length > 0 ? 'imported with invalid cells' : 'imported';
}

describe('corrupted files', () => {
  it(`${FILES} damaged files: no crash, no hang, no partial write, a clear error`, async () => {
    const { dir: dbDir, cleanup: dbCleanup } = tempDir();
    const core = openCore({
      dbPath: join(dbDir, 'f.sqlite'),
      door: 'cli',
      actor: 'fuzz',
      importMode: 'inline',
      checkOutput: true,
    });
    const outcomes: Record<string, number> = {};
    try {
      for (let seed = 1; seed <= FILES; seed++) {
        const o = await run(core, seed);
        outcomes[o] = (outcomes[o] ?? 0) + 1;
      }
      expect((await core.dispatch('audit:verify', {})) as Envelope<{ ok: boolean }>).toMatchObject({
        ok: true,
        value: { ok: true },
      });
    } finally {
      core.close();
      dbCleanup();
    }
    // Both sides were exercised: a fuzzer that only ever refused (or only imported) would prove little.
    expect(outcomes.refused).toBeGreaterThan(100);
    expect((outcomes.imported ?? 0) + (outcomes['imported with invalid cells'] ?? 0)).toBeGreaterThan(50);
  }, 600_000);

  it(`${WORKER_FILES} damaged files through the worker thread`, async () => {
    const { dir: dbDir, cleanup: dbCleanup } = tempDir();
    const core = openCore({
      dbPath: join(dbDir, 'w.sqlite'),
      door: 'cli',
      actor: 'fuzz',
      importMode: 'worker',
      checkOutput: true,
    });
    try {
      for (let seed = 5_001; seed < 5_001 + WORKER_FILES; seed++) await run(core, seed);
    } finally {
      core.close();
      dbCleanup();
    }
  }, 300_000);
});

describe('tiny files', () => {
  it('a file of one to three bytes is read as text, never a crash inside the detection', async () => {
    const { dir: dbDir, cleanup: dbCleanup } = tempDir();
    const core = openCore({ dbPath: join(dbDir, 't.sqlite'), door: 'cli', actor: 't', importMode: 'inline' });
    try {
      for (const bytes of ['P', 'PK', 'PK\u0003']) {
        const path = join(dir, `tiny-${bytes.length}.csv`);
        writeFileSync(path, bytes);
        const r = await core.dispatch('import:inspect', { source: { path } });
        expect(!r.ok && r.error.code, bytes).toBe('VALIDATION');
        expect(!r.ok && r.error.message, bytes).not.toMatch(/could not be read/);
      }
    } finally {
      core.close();
      dbCleanup();
    }
  });
});

describe('workbooks written without cell references', () => {
  it('are read: rows and cells without `r` follow the ones before them (the format allows it)', async () => {
    const source = join(dir, 'with-refs.xlsx');
    await writeXlsx(source, [
      {
        name: 'Subprocessors',
        rows: [
          ['Name', 'Country', 'Purpose'],
          ['Acme Cloud', 'Germany', 'Hosting'],
          // A generator that leaves out references writes every cell up to the last in its row.
          ['Beta Mail', 'Ireland'],
          ['Gamma Support', 'France', 'Support'],
        ],
      },
    ]);
    const stripped = join(dir, 'without-refs.xlsx');
    const bytes = await withoutCellRefs(readFileSync(source));
    writeFileSync(stripped, bytes);
    const { dir: dbDir, cleanup: dbCleanup } = tempDir();
    const core = openCore({ dbPath: join(dbDir, 'r.sqlite'), door: 'cli', actor: 't', importMode: 'inline' });
    try {
      const inspected = await core.dispatch('import:inspect', { source: { path: stripped } });
      expect(inspected.ok, JSON.stringify(inspected)).toBe(true);
      const i = (inspected as { value: InspectResult }).value;
      expect(i.rowCount).toBe(3);
      const result = await core.dispatch('import:commit', {
        source: { path: stripped },
        sheet: i.sheet,
        headerRow: i.headerRow,
        columns: i.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
        options: { onDuplicate: 'create' },
      });
      expect(result).toMatchObject({ ok: true, value: { created: 3 } });
      const rows = core.db.prepare('SELECT name, processing_countries FROM vendors ORDER BY id').all();
      expect(rows).toEqual([
        { name: 'Acme Cloud', processing_countries: '["DE"]' },
        { name: 'Beta Mail', processing_countries: '["IE"]' },
        { name: 'Gamma Support', processing_countries: '["FR"]' },
      ]);
    } finally {
      core.close();
      dbCleanup();
    }
  });
});
