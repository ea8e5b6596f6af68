import type { Migration } from './index';

/**
 * Spreadsheet imports and saved column mappings. An import row records what was read, how it was mapped and
 * what it did, so the whole import can be undone later; the vendors it touched are found through the audit
 * log's `import_id` (and `vendors.import_id` for the ones it created).
 */
export const m0003Imports: Migration = {
  version: 3,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE imports (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        register TEXT NOT NULL CHECK (register IN ('vendors')),
        file_name TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        file_sha256 TEXT NOT NULL,
        sheet TEXT,
        header_row INTEGER NOT NULL,
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        options TEXT NOT NULL CHECK (json_valid(options)),
        rows INTEGER NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        merged INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        invalid INTEGER NOT NULL,
        actor TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- The last audit entry the import wrote: later entries on the same vendors are changes made after it.
        last_audit_id INTEGER NOT NULL,
        undone_at TEXT,
        undone_by TEXT
      ) STRICT;
      CREATE INDEX imports_created_at ON imports(created_at, seq);

      CREATE TABLE mapping_presets (
        id INTEGER PRIMARY KEY,
        register TEXT NOT NULL CHECK (register IN ('vendors')),
        name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        mapping TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'object'),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (register, name)
      ) STRICT;
    `);
  },
};
