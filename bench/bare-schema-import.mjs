// A second reference for `dpo import`: the same file streamed as bench/bare-import.mjs does, each row written the
// way the workbench stores a vendor (its table with the list's indexes, the full-text index, one hash-chained
// audit entry), but with no reading of the cells beyond taking them as text: no header mapping, country or date
// reading, validation, duplicate check or derived facts. What it costs is what the storage alone costs; the rest
// of the command's CPU is the reading and checking of the rows. Plain JavaScript, run by node itself.
// Usage: node bench/bare-schema-import.mjs <file> <db>   (the database already holds the workbench's schema)
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { streamRows } from './stream-rows.mjs';

const [file, dbPath] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('cache_size = -32768');
const now = new Date().toISOString();
const insert = db.prepare(
  `INSERT INTO vendors (name, name_key, legal_entity, role, services, data_categories, data_subject_categories,
     processing_countries, dpa_status, internal_owner, website, status, source_kind, search_extra, derived_until,
     created_at, updated_at)
   VALUES (?, ?, ?, 'processor', ?, ?, ?, '[]', 'none', ?, ?, 'active', 'import', ?, '9999-12-31', ?, ?)`,
);
const fts = db.prepare(
  `INSERT INTO vendor_fts (rowid, name, legalEntity, services, dataCategories, internalOwner, notes, other)
   VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
);
const audit = db.prepare(
  `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, field, old_value, new_value, import_id, prev_hash, hash)
   VALUES (?, ?, 'bench', 'vendor', ?, 'create', NULL, NULL, ?, NULL, ?, ?)`,
);
const head = db.prepare('SELECT last_id, last_hash FROM audit_head WHERE id = 1').get();
let lastId = head?.last_id ?? 0;
let prev = head?.last_hash ?? '0'.repeat(64);
const text = (v) => (v == null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
let rows = 0;
const put = (cells) => {
  const c = Array.from({ length: 12 }, (_, i) => text(cells[i]));
  const name = c[0] || `Row ${rows}`;
  const services = JSON.stringify([c[3]]);
  const categories = JSON.stringify([c[4]]);
  const subjects = JSON.stringify([c[5]]);
  const info = insert.run(
    name,
    name.toLowerCase(),
    c[1] || null,
    services,
    categories,
    subjects,
    c[10] || null,
    c[11] || null,
    c[6],
    now,
    now,
  );
  const id = Number(info.lastInsertRowid);
  fts.run(id, name, c[1], c[3], c[4], c[10], c[6]);
  const value = JSON.stringify({ name, legalEntity: c[1], services: [c[3]], dataCategories: [c[4]] });
  lastId++;
  const hash = createHash('sha256')
    .update(JSON.stringify([lastId, now, 'bench', 'vendor', id, 'create', null, null, value, null, prev]))
    .digest('hex');
  audit.run(lastId, now, id, value, prev, hash);
  prev = hash;
  rows++;
};
db.exec('BEGIN');
let header = true;
for await (const cells of streamRows(file)) {
  if (header) header = false;
  else put(cells);
}
db.prepare(
  `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)
   ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`,
).run(lastId, prev);
db.exec('COMMIT');
db.close();
process.stdout.write(`${rows}\n`);
