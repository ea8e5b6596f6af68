// The reference an import is measured against: the same file streamed with exceljs (xlsx) or csv-parse (CSV),
// every row inserted into a plain SQLite table in one transaction, nothing else. Plain JavaScript, run by node
// itself, so its start-up and module loading count as the command's do.
// Usage: node bench/bare-import.mjs <file> <db>
import Database from 'better-sqlite3';
import { streamRows } from './stream-rows.mjs';

const [file, dbPath] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE rows (${Array.from({ length: 12 }, (_, i) => `c${i} TEXT`).join(', ')})`);
const insert = db.prepare(`INSERT INTO rows VALUES (${Array.from({ length: 12 }, () => '?').join(', ')})`);
const put = (cells) =>
  insert.run(Array.from({ length: 12 }, (_, i) => (cells[i] == null ? null : String(cells[i]))));
let rows = 0;
db.exec('BEGIN');
for await (const cells of streamRows(file)) {
  put(cells);
  rows++;
}
db.exec('COMMIT');
db.close();
process.stdout.write(`${rows}\n`);
