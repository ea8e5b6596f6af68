import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../db/core';
import { writePdf, type PdfOptions } from '../../db/export/pdf';
import { chosenRegisters, exportSource } from '../../db/export/source';
import { quietJob, type JobContext } from '../../db/import/job-context';
import { AppError } from '../../shared/errors';
import { tempDir } from '../helpers/core';

const now = new Date('2026-12-01T10:00:00Z');

/**
 * The text a PDF shows, read back without a PDF library: pdfmake embeds Roboto as a Type0 font whose text is glyph
 * numbers, and each font's ToUnicode map turns them back into characters. Needs an uncompressed file.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const glyphs = new Map<string, string[]>();
  for (const m of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    if (glyphs.has(m[1]!)) continue;
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(m[2])) ?? '');
    const cmap = objects.get(Number(ref?.[1])) ?? '';
    const map: string[] = [];
    for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
      const start = parseInt(range[1]!, 16);
      [...range[2]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => {
        map[start + i] = u[1]!
          .split(' ')
          .map((h) => String.fromCharCode(parseInt(h, 16)))
          .join('');
      });
    }
    glyphs.set(m[1]!, map);
  }
  // pdfmake writes each word (or each part of a word broken at a hyphen or slash) as a text object of its own;
  // parts on one line are joined again.
  let text = '';
  let lastY = '';
  for (const block of raw.matchAll(/\nBT\n([\s\S]*?)\nET\n/g)) {
    const y = /[\d.]+ ([\d.]+) Tm/.exec(block[1]!)?.[1] ?? '';
    let font: string[] = [];
    let part = '';
    for (const op of block[1]!.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) font = glyphs.get(op[1]) ?? [];
      else
        for (const hex of op[2]!.matchAll(/<([0-9a-f]+)>/gi))
          for (let i = 0; i < hex[1]!.length; i += 4)
            part += font[parseInt(hex[1]!.slice(i, i + 4), 16)] ?? '';
    }
    text += y !== lastY ? `\n${part}` : /[-–/]$/.test(text) ? part : ` ${part}`;
    lastY = y;
  }
  return text;
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

let core: Core;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('dpo-pdf-'));
  core = openCore({ dbPath: ':memory:', door: 'cli', actor: 'test', now: () => now, importMode: 'inline' });
  const loaded = await core.dispatch('demo:load', {});
  expect(loaded.ok).toBe(true);
});

afterAll(() => {
  core.close();
  cleanup();
});

/** Exports the registers named (all when null) inside a read transaction, as the export job does. */
async function exportPdf(
  name: string,
  registers: string[] | null,
  extra: Partial<PdfOptions> = {},
  job: JobContext = quietJob,
) {
  const file = join(dir, name);
  core.db.exec('BEGIN');
  try {
    const source = exportSource(core.db, {
      registers: chosenRegisters(registers),
      includeArchived: false,
      now,
    });
    const result = await writePdf(
      source,
      file,
      { includeArchived: false, auditLog: true, now, actor: 'test', ...extra },
      job,
    );
    return { file, result };
  } finally {
    core.db.exec('COMMIT');
  }
}

describe('PDF report', () => {
  it('writes a PDF of several pages with the cover, page numbers, the registers and the risk map', async () => {
    const { file, result } = await exportPdf('report.pdf', null, { compress: false });
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.bytes).toBe(pdf.length);
    expect(pageCount(pdf)).toBeGreaterThan(5);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Data protection registers');
    expect(text).toContain('We Are Learning AS');
    expect(text).toContain('Page 1 of');
    expect(text).toContain(`Page ${pageCount(pdf)} of ${pageCount(pdf)}`);
    expect(text).toContain('Generated 2026-12-01 10:00 UTC');
    expect(text).toContain('Contents');
    expect(text).toContain('Zendesk');
    expect(text).toContain('Risk map');
    expect(text).toContain('Breach log');
    expect(text).toContain('Datatilsynet');
    // The audit log's head, so a later `dpo audit verify` can show nothing before it changed.
    const head = core.db.prepare('SELECT last_hash FROM audit_head WHERE id = 1').get() as {
      last_hash: string;
    };
    expect(text).toContain(head.last_hash);
    // The overdue demo request is named in the summary.
    expect(text).toContain('Rights requests past their due date');
    expect(text).toContain('CCPA-DEMO-4');

    expect(result.sheets).toEqual({
      Vendors: 14,
      Transfers: 4,
      'Processing activities': 8,
      DPIAs: 1,
      Breaches: 2,
      'Rights requests': 5,
      'Sub-processor list reviews': 0,
    });
  });

  it('reports only the registers chosen', async () => {
    const { file, result } = await exportPdf('vendors.pdf', ['vendors'], { compress: false });
    expect(result.sheets).toEqual({ Vendors: 14 });
    const text = pdfText(readFileSync(file)).replace(/\s+/g, ' ');
    expect(text).toContain('Zendesk');
    expect(text).not.toContain('Risk map');
    expect(text).not.toContain('Breach log');
    expect(text).not.toContain('Rights requests past their due date');
  });

  it('prints long content in full: a breach with many filings and a crowded risk map', async () => {
    const long = 'The scope took days to establish because the export was rebuilt from backups. '.repeat(30);
    const filings = Array.from({ length: 40 }, (_, i) => ({
      kind: i === 0 ? 'initial' : 'follow-up',
      authority: 'Datatilsynet',
      filedAt: `2026-11-${String(21 + (i % 9)).padStart(2, '0')}T10:00:00Z`,
      reference: `REF-${i}`,
      delayReason: long.slice(0, 3000),
    }));
    const breach = await core.dispatch('breaches:create', {
      title: 'Backup tapes lost in transit',
      awareAt: '2026-11-20T08:00:00Z',
      filings,
    });
    expect(breach.ok).toBe(true);
    const risks = Array.from({ length: 60 }, (_, i) => ({
      title: `Risk ${i + 1}`,
      impact: long.slice(0, 1500),
      likelihood: 1,
      severity: 1,
      residualLikelihood: 1,
      residualSeverity: 1,
    }));
    const dpia = await core.dispatch('dpias:create', { title: 'Crowded DPIA', risks });
    expect(dpia.ok).toBe(true);

    const { file } = await exportPdf('long.pdf', ['dpias', 'breaches'], { compress: false });
    const text = pdfText(readFileSync(file)).replace(/\s+/g, ' ');
    // Content kept together that cannot fit a page would be dropped without a word: all of it is here.
    expect(text).toContain('Backup tapes lost in transit');
    expect(text).toContain('REF-0');
    expect(text).toContain('REF-39');
    expect(text).toContain('Crowded DPIA');
    expect(text).toMatch(/and \d+ more/);
    expect(text).toContain('Risk 60');
  });

  it('leaves no file behind when cancelled while drawing the pages', async () => {
    let cancelled = false;
    const cancelling: JobContext = {
      checkCancelled() {
        if (cancelled) throw new AppError('CANCELLED', 'Cancelled.');
      },
      progress: (p) => {
        if (p.percent > 60) cancelled = true;
      },
    };
    await expect(exportPdf('drawing.pdf', null, {}, cancelling)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(cancelled).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('drawing'))).toEqual([]);
  });

  it('leaves no file behind when cancelled while reading the records', async () => {
    let calls = 0;
    const cancelling: JobContext = {
      checkCancelled() {
        if (++calls > 2) throw new AppError('CANCELLED', 'Cancelled.');
      },
      progress: () => undefined,
    };
    await expect(exportPdf('cancelled.pdf', null, {}, cancelling)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});
