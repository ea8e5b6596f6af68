// The reference an import is measured against: the same file streamed with exceljs (xlsx) or csv-parse (CSV),
// every row inserted into a plain SQLite table in one transaction, nothing else. Plain JavaScript, run by node
// itself, so its start-up and module loading count as the command's do.
// Usage: node bench/bare-import.mjs <file> <db>
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';

const [file, dbPath] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE rows (${Array.from({ length: 12 }, (_, i) => `c${i} TEXT`).join(', ')})`);
const insert = db.prepare(`INSERT INTO rows VALUES (${Array.from({ length: 12 }, () => '?').join(', ')})`);
const put = (cells) =>
  insert.run(Array.from({ length: 12 }, (_, i) => (cells[i] == null ? null : String(cells[i]))));
let rows = 0;
db.exec('BEGIN');
if (file.endsWith('.xlsx')) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader)
    for await (const r of ws) {
      put(r.values.slice(1));
      rows++;
    }
} else {
  for await (const r of createReadStream(file).pipe(
    parse({ delimiter: ';', bom: true, relax_column_count: true }),
  )) {
    put(r);
    rows++;
  }
}
db.exec('COMMIT');
db.close();
process.stdout.write(`${rows}\n`);
