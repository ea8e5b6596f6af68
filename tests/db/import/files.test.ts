import { closeSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectEncoding, sniffDelimiter } from '../../../db/import/csv-source';
import { detectFile } from '../../../db/import/detect';
import { openRowSource } from '../../../db/import/row-source';
import { tempDir } from '../../helpers/core';
import { cfbFile, writeCsv, writeXlsx } from './fixtures';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function refusal(path: string, name = 'list.xlsx') {
  try {
    await detectFile(path, name);
  } catch (err) {
    return err as { code: string; message: string; details: { problem: string } };
  }
  throw new Error('the file was accepted');
}

async function rows(path: string, name: string) {
  const source = await openRowSource(path, name);
  const out: (string | number | boolean | Date | null | object)[][] = [];
  for await (const r of source.rows()) out.push(r.cells);
  return { source, rows: out };
}

const SMALL = [
  ['Name of Subprocessor', 'Purpose', 'Location'],
  ['Acme Cloud, Inc.', 'Hosting', 'United States, Germany'],
];

describe('files refused, with nothing read', () => {
  it('refuses a legacy .xls and says to save it as .xlsx', async () => {
    const p = join(dir, 'old.xls');
    writeFileSync(p, cfbFile(['Workbook', 'SummaryInformation']));
    const err = await refusal(p, 'old.xls');
    expect(err.code).toBe('VALIDATION');
    expect(err.details.problem).toBe('legacy-xls');
    expect(err.message).toMatch(/Excel 97–2003.*save it as .*\.xlsx/);
  });

  it('refuses a password-protected workbook (an encrypted OOXML package inside a compound file)', async () => {
    const p = join(dir, 'secret.xlsx');
    writeFileSync(p, cfbFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']));
    const err = await refusal(p);
    expect(err.details.problem).toBe('encrypted');
    expect(err.message).toMatch(/password/);
  });

  it('refuses an empty file and one over 100 MB', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect((await refusal(empty, 'empty.csv')).details.problem).toBe('empty');
    const big = join(dir, 'big.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024 + 1);
    closeSync(fd);
    const err = await refusal(big, 'big.csv');
    expect(err.details.problem).toBe('too-large');
    expect(err.message).toMatch(/100 MB/);
  });

  it('refuses a workbook whose central directory is broken or that was cut short', async () => {
    const good = join(dir, 'good.xlsx');
    await writeXlsx(good, [{ name: 'S', rows: SMALL }]);
    const bytes = readFileSync(good);

    const broken = Buffer.from(bytes);
    const cd = broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    broken.write('XXXX', cd, 'latin1');
    writeFileSync(join(dir, 'cd.xlsx'), broken);
    const e1 = await refusal(join(dir, 'cd.xlsx'));
    expect(e1.details.problem).toBe('corrupt');
    expect(e1.message).toMatch(/damaged.*central directory/);

    writeFileSync(join(dir, 'cut.xlsx'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect((await refusal(join(dir, 'cut.xlsx'))).details.problem).toBe('corrupt');

    const flipped = Buffer.from(bytes);
    const sheetData = flipped.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    flipped[sheetData + 60] = flipped[sheetData + 60]! ^ 0xff;
    writeFileSync(join(dir, 'flip.xlsx'), flipped);
    expect((await refusal(join(dir, 'flip.xlsx'))).details.problem).toBe('corrupt');
  });

  it('refuses ZIPs that are not Excel workbooks, and PDFs', async () => {
    const p = join(dir, 'doc.xlsx');
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
    zip.file('content.xml', '<x/>');
    writeFileSync(p, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await refusal(p)).message).toMatch(/OpenDocument.*\.xlsx/);
    writeFileSync(join(dir, 'a.pdf'), '%PDF-1.7\n');
    expect((await refusal(join(dir, 'a.pdf'), 'a.pdf')).message).toMatch(/PDF/);
  });

  it('refuses binary noise saved as .csv', async () => {
    const p = join(dir, 'noise.csv');
    writeFileSync(p, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
    await expect(rows(p, 'noise.csv')).rejects.toMatchObject({ details: { problem: 'not-text' } });
  });
});

describe('CSV and text files', () => {
  const rowsIn = [
    ['Name', 'Land', 'Notes'],
    ['Müller GmbH', 'Deutschland', 'Line one\nline two; with "quotes"'],
    ['Société Générale', 'France', '€ 100'],
  ];

  it('reads a semicolon CSV with a UTF-8 byte-order mark, as European Excel saves it', async () => {
    const p = join(dir, 'eu.csv');
    writeCsv(p, rowsIn, { delimiter: ';', bom: true });
    const { source, rows: got } = await rows(p, 'eu.csv');
    expect(source.delimiter).toBe(';');
    expect(source.encoding).toBe('utf-8');
    expect(got).toEqual(rowsIn);
  });

  it("reads UTF-16 tab-separated text, as Excel's Unicode text saves it", async () => {
    const p = join(dir, 'unicode.txt');
    writeCsv(p, rowsIn, { delimiter: '\t', encoding: 'utf16le', bom: true });
    const { source, rows: got } = await rows(p, 'unicode.txt');
    expect([source.encoding, source.delimiter]).toEqual(['utf-16le', '\t']);
    expect(got).toEqual(rowsIn);
  });

  it('reads UTF-16 without a byte-order mark, and big-endian', async () => {
    writeCsv(join(dir, 'le.txt'), rowsIn, { delimiter: '\t', encoding: 'utf16le' });
    expect((await rows(join(dir, 'le.txt'), 'le.txt')).rows).toEqual(rowsIn);
    writeCsv(join(dir, 'be.txt'), rowsIn, { delimiter: ',', encoding: 'utf16be', bom: true });
    expect((await rows(join(dir, 'be.txt'), 'be.txt')).rows).toEqual(rowsIn);
  });

  it('reads Windows-1252, as Excel on Windows saves "CSV"', async () => {
    const p = join(dir, 'ansi.csv');
    const bytes = writeCsv(p, rowsIn, { delimiter: ';', encoding: 'win1252' });
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    expect((await rows(p, 'ansi.csv')).rows).toEqual(rowsIn);
  });

  it("honours Excel's sep= line and skips it", async () => {
    const p = join(dir, 'sep.csv');
    writeCsv(p, rowsIn, { delimiter: '|', sepLine: true, eol: '\n' });
    const { source, rows: got } = await rows(p, 'sep.csv');
    expect(source.delimiter).toBe('|');
    expect(got).toEqual(rowsIn);
  });

  it('sniffs the delimiter from consistent field counts, ignoring quoted text and title lines', () => {
    expect(sniffDelimiter('Sub-processors, 2025\nName;Country;Purpose\n"A, Inc.";US;"x; y"\nB;DE;z\n')).toBe(
      ';',
    );
    expect(sniffDelimiter('Name,Country\nA,US\n')).toBe(',');
    expect(sniffDelimiter('Name\tCountry\nA\tUS\n')).toBe('\t');
  });

  it('reports a quote that is never closed, with where it stopped', async () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'Name,Country\nAcme,US\n"Broken,DE\nMore,FR\n');
    await expect(rows(p, 'bad.csv')).rejects.toMatchObject({
      details: { problem: 'corrupt' },
      message: expect.stringMatching(/quoted field is never closed/),
    });
  });
});
