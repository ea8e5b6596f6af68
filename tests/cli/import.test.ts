import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../db/core';
import { startWebServer } from '../../cli/web-server';
import { tempDir } from '../helpers/core';
import { SUBPROCESSOR_ROWS, writeCsv, writeXlsx } from '../db/import/fixtures';

const ROOT = join(import.meta.dirname, '..', '..');
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dpo(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dpo.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DPO_QUIET: '1' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function files() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const list = join(t.dir, 'subprocessors.xlsx');
  await writeXlsx(list, [
    {
      name: 'Subprocessors',
      rows: [
        ['Sub-processors'],
        ['Name of Subprocessor', 'Purpose', 'Location', 'Website'],
        ...SUBPROCESSOR_ROWS,
      ],
    },
  ]);
  return { dir: t.dir, db: join(t.dir, 'w.sqlite'), list };
}

describe('dpo import', () => {
  it('imports a file and prints the result as JSON, then undoes it', async () => {
    const { db, list } = await files();
    const r = dpo([
      'import',
      list,
      '--register',
      'vendors',
      '--on-duplicate',
      'update',
      '--json',
      '--db',
      db,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ rows: 6, created: 5, updated: 0, merged: 1, skipped: 0, invalid: [] });
    expect(out.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.mapping).toEqual({
      'Name of Subprocessor': 'name',
      Purpose: 'services',
      Location: 'processingCountries',
      Website: 'website',
    });
    const vendors = JSON.parse(dpo(['vendors', 'list', '--json', '--db', db]).stdout) as { name: string }[];
    expect(vendors.map((v) => v.name).sort()).toEqual([
      'Acme Cloud, Inc.',
      'Analytics SAS',
      'Globex',
      'Mailer GmbH',
      'Support&Co Ltd',
    ]);

    const undo = dpo(['import', 'undo', String(out.importId), '--db', db]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/removed 5 vendors/);
    expect(JSON.parse(dpo(['vendors', 'list', '--json', '--db', db]).stdout)).toEqual([]);
    expect(dpo(['audit', 'verify', '--db', db]).code).toBe(0);
    const again = dpo(['import', 'undo', String(out.importId), '--db', db]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already undone/);
  });

  it('writes nothing on --dry-run, and reads a mapping file and the sheet and header row given', async () => {
    const { dir, db } = await files();
    const path = join(dir, 'book.xlsx');
    await writeXlsx(path, [
      { name: 'Notes', rows: [['nothing here']] },
      {
        name: 'Procurement',
        rows: [
          ['Supplier ref', 'Firm', 'Where'],
          ['1', 'Acme', 'DE'],
          ['2', 'Globex', 'Mars'],
        ],
      },
    ]);
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({ 'Supplier ref': null, Firm: 'name', Where: 'processingCountries' }),
    );
    const args = [
      'import',
      path,
      '--sheet',
      'Procurement',
      '--header-row',
      '1',
      '--mapping',
      mapping,
      '--json',
      '--db',
      db,
    ];
    const dry = dpo([...args, '--dry-run']);
    expect(dry.code).toBe(0);
    // "Mars" is no country: the firm is imported with its countries left empty, the cell kept and said.
    expect(JSON.parse(dry.stdout)).toMatchObject({
      importId: null,
      rows: 2,
      created: 2,
      invalid: [],
      warnings: [{ row: 3, field: 'processingCountries', message: expect.stringContaining('Mars') }],
    });
    expect(JSON.parse(dpo(['vendors', 'list', '--json', '--db', db]).stdout)).toEqual([]);
    const real = JSON.parse(dpo(args).stdout) as { created: number; mapping: Record<string, string | null> };
    expect(real.created).toBe(2);
    expect(real.mapping).toEqual({ 'Supplier ref': null, Firm: 'name', Where: 'processingCountries' });
  });

  it('exits non-zero with a clear message when nothing could be imported or the file is refused', async () => {
    const { dir, db } = await files();
    const bad = join(dir, 'bad.csv');
    writeCsv(
      bad,
      [
        ['Vendor', 'Country'],
        ['A', 'Narnia'],
        ['B', 'Atlantis'],
      ],
      { delimiter: ';' },
    );
    // All or nothing asked for: the places that are no country make their rows invalid, and nothing is written.
    const r = dpo(['import', bad, '--strict', '--json', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Nothing was imported \(all or nothing\): 2 of 2 rows are invalid, the first in row 2/,
    );
    expect(JSON.parse(dpo(['vendors', 'list', '--json', '--db', db]).stdout)).toEqual([]);
    // A file with no usable name at all: nothing could be imported.
    const nameless = join(dir, 'nameless.csv');
    writeCsv(
      nameless,
      [
        ['Vendor', 'Country'],
        ['', 'Germany'],
        ['', 'France'],
      ],
      { delimiter: ';' },
    );
    const none = dpo(['import', nameless, '--json', '--db', db]);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({ created: 0, invalid: [{ row: 2 }, { row: 3 }] });
    expect(none.stderr).toMatch(/Nothing was imported: 2 invalid/);

    const xls = join(dir, 'old.xls');
    writeFileSync(
      xls,
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.from('Workbook', 'utf16le'),
      ]),
    );
    const refused = dpo(['import', xls, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Excel 97–2003 workbook \(\.xls\).*\.xlsx/);
    expect(dpo(['import', join(dir, 'missing.csv'), '--db', db]).stderr).toMatch(/not found/);
  });

  it('reads the whole file to settle the date order when only rows past the first 5,000 prove it', async () => {
    const { dir, db } = await files();
    const csv = join(dir, 'long.csv');
    // 5,200 vendors whose "DPA signed" dates read either way (03/04/2024) until row 5,101, which can only be
    // day-first (25/04/2024): a file read whole is day-first, so the first rows are 3 April, not 4 March.
    const rows = Array.from({ length: 5_200 }, (_, i) => [
      `Vendor ${i}`,
      i === 5_100 ? '25/04/2024' : '03/04/2024',
    ]);
    writeCsv(csv, [['Vendor', 'DPA signed'], ...rows]);
    const r = dpo(['import', csv, '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 5_200, invalidRows: 0 });
    // The vendors were created in the file's order: row 2 is record 1.
    const got = (id: number) =>
      JSON.parse(dpo(['vendors', 'get', String(id), '--json', '--db', db]).stdout) as {
        name: string;
        dpaSignedAt: string | null;
      };
    expect(got(1)).toMatchObject({ name: 'Vendor 0', dpaSignedAt: '2024-04-03' });
    expect(got(5_101)).toMatchObject({ name: 'Vendor 5100', dpaSignedAt: '2024-04-25' });
  });

  it('reads a rating column of numbers on the scale judged or given with --scale', async () => {
    const { dir, db } = await files();
    const csv = join(dir, 'risk.csv');
    writeCsv(csv, [
      ['Vendor', 'Risk'],
      ['Acme Ltd', '3'],
      ['Beta Ltd', '5'],
    ]);
    const judged = dpo(['import', csv, '--dry-run', '--json', '--db', db]);
    expect(judged.code).toBe(0);
    expect(JSON.parse(judged.stdout).inspection.warnings).toContain(
      '"Risk" is read on a 1–5 scale: 1–2 Low, 3 Medium, 4 High, 5 Critical. Its numbers run 3–5; choose another scale if the list uses one.',
    );
    const r = dpo(['import', csv, '--scale', '5-1', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const risk = (id: number) =>
      (JSON.parse(dpo(['vendors', 'get', String(id), '--json', '--db', db]).stdout) as { riskRating: string })
        .riskRating;
    expect([risk(1), risk(2)]).toEqual(['medium', 'low']);
    const bad = dpo(['import', csv, '--scale', 'high', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Give the lowest rating's number, then the highest's");
    // A vendor tier with a 0: said, with the other way up offered; the 0 is reported, not read as Low.
    const tiers = join(dir, 'tiers.csv');
    writeCsv(tiers, [
      ['Vendor', 'Risk tier'],
      ['Acme Ltd', '1'],
      ['Beta Ltd', '0'],
    ]);
    const tier = JSON.parse(dpo(['import', tiers, '--dry-run', '--json', '--db', db]).stdout);
    expect(tier.inspection.warnings.join(' ')).toContain(
      'A 0 is off the scale: it is reported and left empty. If Tier 1 is the most critical, choose 1–4, 1 highest.',
    );
    expect(tier.warnings).toEqual([expect.objectContaining({ row: 3, field: 'riskRating' })]);
    // --scale with no rating column is a wrong option, not ignored.
    const none = join(dir, 'none.csv');
    writeCsv(none, [['Vendor'], ['Acme Ltd']]);
    const ignored = dpo(['import', none, '--scale', '1-5', '--db', db]);
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toContain('--scale: no column of none.csv is mapped to a rating');
  });

  it('saves nothing for an unknown preset and lists imports', async () => {
    const { db, list } = await files();
    expect(dpo(['import', list, '--mapping', 'No such preset', '--db', db]).stderr).toMatch(
      /no mapping preset named/,
    );
    expect(dpo(['import', 'list', '--db', db]).stdout).toBe('No imports yet.\n');
  });
});

describe('upload through the web door', () => {
  it('stores an upload privately, imports it by id, refuses without the token or over the limit, and cleans up', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const core = openCore({
      dbPath: join(t.dir, 'w.sqlite'),
      door: 'web',
      actor: 'web',
      importMode: 'inline',
    });
    cleanups.push(() => core.close());
    const server = await startWebServer({ core, staticDir: t.dir, maxUploadBytes: 64 * 1024 });
    let closed = false;
    cleanups.push(() => (closed ? undefined : server.close()));
    const list = join(t.dir, 'list.csv');
    const bytes = writeCsv(
      list,
      [
        ['Vendor', 'Country'],
        ['Acme', 'Deutschland'],
        ['Globex', 'USA'],
      ],
      { delimiter: ';', bom: true },
    );
    const base = `http://127.0.0.1:${server.port}`;
    const auth = { authorization: `Bearer ${server.token}` };
    const upload = (body: Buffer, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/upload`, {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('Liste fournisseurs.csv'),
          ...headers,
        },
        body: new Uint8Array(body),
      });

    const before = new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('dpo-uploads-')));
    const res = await upload(bytes);
    expect(res.status).toBe(200);
    const { value } = (await res.json()) as { value: { fileId: string; fileName: string; size: number } };
    expect(value).toMatchObject({ fileName: 'Liste fournisseurs.csv', size: bytes.length });
    const folder = readdirSync(tmpdir()).find((d) => d.startsWith('dpo-uploads-') && !before.has(d))!;
    expect(existsSync(join(tmpdir(), folder, value.fileId))).toBe(true);

    const invoke = async (channel: string, input: unknown) =>
      (await (
        await fetch(`${base}/api/invoke`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ channel, input }),
        })
      ).json()) as { ok: boolean; value: never; error: { code: string } };
    const inspected = await invoke('import:inspect', { source: { fileId: value.fileId } });
    expect(inspected.ok).toBe(true);
    const i = inspected.value as {
      sheet: null;
      headerRow: number;
      columns: { column: number; header: string; field: string }[];
    };
    const committed = await invoke('import:commit', {
      source: { fileId: value.fileId },
      sheet: i.sheet,
      headerRow: i.headerRow,
      columns: i.columns.map((c) => ({ column: c.column, header: c.header, field: c.field })),
    });
    expect(committed).toMatchObject({ ok: true, value: { created: 2 } });
    // Committed: the upload is gone.
    expect(existsSync(join(tmpdir(), folder, value.fileId))).toBe(false);
    expect(await invoke('import:inspect', { source: { fileId: value.fileId } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    expect((await upload(bytes, { authorization: 'Bearer nope' })).status).toBe(403);
    expect((await upload(bytes, { 'content-type': 'text/csv' })).status).toBe(400);
    const tooBig = await upload(Buffer.alloc(65 * 1024, 65));
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/100 MB/);

    await upload(bytes);
    await server.close();
    closed = true;
    expect(existsSync(join(tmpdir(), folder))).toBe(false);
  });
});
