import type { Migration } from './index';

const list = (col: string) =>
  `${col} TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(${col}) AND json_type(${col}) = 'array')`;
const oneOf = (col: string, values: string[], nullable = false) =>
  `CHECK (${nullable ? `${col} IS NULL OR ` : ''}${col} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

/**
 * The transfer register (GDPR Chapter V) with its search index and the stored verdict of the rules engine;
 * vendors gain the DPF flag; the organisation's settings; imports and mapping presets open to every register
 * (the register is checked by the app, so a new register needs no table rebuild); and the stamp of the
 * reference data that stored verdicts were judged with.
 */
export const m0004TransfersAndSettings: Migration = {
  version: 4,
  name: 'transfers-and-settings',
  up(db) {
    db.exec(`
      ALTER TABLE vendors ADD COLUMN dpf_certified INTEGER NOT NULL DEFAULT 0 CHECK (dpf_certified IN (0, 1));

      CREATE TABLE transfers (
        id INTEGER PRIMARY KEY,
        importer_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE RESTRICT,
        destination_country TEXT NOT NULL CHECK (length(destination_country) = 2),
        mechanism TEXT NOT NULL ${oneOf('mechanism', ['none', 'adequacy', 'dpf', 'scc-2021', 'scc-2010', 'bcr', 'idta', 'uk-addendum', 'derogation'])},
        scc_module INTEGER CHECK (scc_module IS NULL OR scc_module BETWEEN 1 AND 4),
        scc_docking INTEGER CHECK (scc_docking IS NULL OR scc_docking IN (0, 1)),
        derogation_ground TEXT ${oneOf('derogation_ground', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'compelling'], true)},
        signed_on TEXT,
        document_reference TEXT,
        exporter_id INTEGER REFERENCES vendors(id) ON DELETE RESTRICT,
        exporter_country TEXT CHECK (exporter_country IS NULL OR length(exporter_country) = 2),
        ${list('data_categories')},
        purpose TEXT,
        tia TEXT ${oneOf('tia', ['done', 'missing', 'not-required'], true)},
        tia_date TEXT,
        tia_outcome TEXT,
        supplementary_measures TEXT,
        review_on TEXT,
        notes TEXT,
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        identity_key TEXT NOT NULL,
        -- The rules engine's verdict, stored so the list can filter and count on it; derived_until is the first
        -- day it may no longer hold (then it is judged again).
        validity_status TEXT NOT NULL ${oneOf('validity_status', ['valid', 'warning', 'invalid'])},
        derived_until TEXT NOT NULL,
        import_id TEXT,
        search_extra TEXT NOT NULL DEFAULT '',
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (exporter_id IS NULL OR exporter_id <> importer_id)
      ) STRICT;

      CREATE INDEX transfers_active ON transfers(id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_archived ON transfers(id) WHERE archived_at IS NOT NULL;
      CREATE INDEX transfers_destination_country ON transfers(destination_country, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_mechanism ON transfers(mechanism, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_signed_on ON transfers(signed_on, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_tia ON transfers(tia, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_review_on ON transfers(review_on, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_created_at ON transfers(created_at, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_updated_at ON transfers(updated_at, id) WHERE archived_at IS NULL;
      CREATE INDEX transfers_validity_status ON transfers(validity_status, id) WHERE archived_at IS NULL;
      -- The enum filters answered from one covering index instead of the wide rows; it ends with the default sort.
      CREATE INDEX transfers_filters ON transfers(
        mechanism, tia, validity_status, archived_at, destination_country
      );
      -- A vendor's transfers, and the transfer-gap probe (importer, country, verdict) from the index alone.
      CREATE INDEX transfers_importer ON transfers(importer_id, destination_country, validity_status);
      CREATE INDEX transfers_exporter ON transfers(exporter_id) WHERE exporter_id IS NOT NULL;
      CREATE INDEX transfers_identity_key ON transfers(identity_key);
      CREATE INDEX transfers_derived_until ON transfers(derived_until);
      CREATE INDEX transfers_import ON transfers(import_id) WHERE import_id IS NOT NULL;

      CREATE VIRTUAL TABLE transfer_fts USING fts5(
        dataCategories, purpose, notes, other,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE kit_stamps (
        register TEXT PRIMARY KEY,
        version TEXT NOT NULL
      ) STRICT;

      CREATE TABLE imports_v4 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        register TEXT NOT NULL CHECK (length(register) > 0),
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
        last_audit_id INTEGER NOT NULL,
        undone_at TEXT,
        undone_by TEXT
      ) STRICT;
      INSERT INTO imports_v4 SELECT * FROM imports;
      DROP TABLE imports;
      ALTER TABLE imports_v4 RENAME TO imports;
      CREATE INDEX imports_created_at ON imports(created_at, seq);

      CREATE TABLE mapping_presets_v4 (
        id INTEGER PRIMARY KEY,
        register TEXT NOT NULL CHECK (length(register) > 0),
        name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        mapping TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'object'),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (register, name)
      ) STRICT;
      INSERT INTO mapping_presets_v4 SELECT * FROM mapping_presets;
      DROP TABLE mapping_presets;
      ALTER TABLE mapping_presets_v4 RENAME TO mapping_presets;
    `);
  },
};
