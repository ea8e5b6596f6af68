import type { Migration } from './index';

const list = (col: string) =>
  `${col} TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(${col}) AND json_type(${col}) = 'array')`;
const oneOf = (col: string, values: string[], nullable = false) =>
  `CHECK (${nullable ? `${col} IS NULL OR ` : ''}${col} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

/** The vendor / sub-processor register, its search index and the hash-chained audit log. */
export const m0001VendorsAndAudit: Migration = {
  version: 1,
  name: 'vendors-and-audit',
  up(db) {
    db.exec(`
      CREATE TABLE vendors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        name_key TEXT NOT NULL,
        legal_entity TEXT COLLATE NOCASE,
        role TEXT NOT NULL ${oneOf('role', ['processor', 'sub-processor', 'joint-controller', 'independent-controller'])},
        ${list('services')},
        ${list('data_categories')},
        ${list('data_subject_categories')},
        special_category_data INTEGER NOT NULL DEFAULT 0 CHECK (special_category_data IN (0, 1)),
        ${list('processing_countries')},
        headquarters_country TEXT CHECK (headquarters_country IS NULL OR length(headquarters_country) = 2),
        dpa_status TEXT NOT NULL ${oneOf('dpa_status', ['none', 'requested', 'draft', 'signed', 'expired', 'not-required'])},
        dpa_signed_at TEXT,
        dpa_expires_at TEXT,
        contract_reference TEXT,
        ${list('certifications')},
        risk_rating TEXT ${oneOf('risk_rating', ['low', 'medium', 'high', 'critical'], true)},
        risk_rank INTEGER GENERATED ALWAYS AS (
          CASE risk_rating WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END
        ) VIRTUAL,
        internal_owner TEXT COLLATE NOCASE,
        next_review_at TEXT,
        status TEXT NOT NULL ${oneOf('status', ['onboarding', 'active', 'offboarded'])},
        parent_id INTEGER REFERENCES vendors(id) ON DELETE RESTRICT,
        website TEXT,
        contact TEXT,
        notes TEXT,
        subprocessor_authorisation TEXT ${oneOf('subprocessor_authorisation', ['general', 'specific'], true)},
        objection_period_days INTEGER,
        breach_notice_hours INTEGER,
        audit_rights INTEGER CHECK (audit_rights IS NULL OR audit_rights IN (0, 1)),
        end_of_contract_data TEXT ${oneOf('end_of_contract_data', ['return', 'delete', 'return-then-delete'], true)},
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        import_id TEXT,
        search_extra TEXT NOT NULL DEFAULT '',
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (parent_id IS NULL OR parent_id <> id)
      ) STRICT;

      -- The register's default view hides archived vendors: partial indexes serve its sorts without row reads.
      CREATE INDEX vendors_name ON vendors(name, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_name_key ON vendors(name_key);
      CREATE INDEX vendors_legal_entity ON vendors(legal_entity, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_role ON vendors(role, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_services ON vendors(services, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_data_categories ON vendors(data_categories, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_processing_countries ON vendors(processing_countries, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_headquarters_country ON vendors(headquarters_country, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_dpa_status ON vendors(dpa_status, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_dpa_expires_at ON vendors(dpa_expires_at, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_risk_rank ON vendors(risk_rank, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_internal_owner ON vendors(internal_owner, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_next_review_at ON vendors(next_review_at, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_status ON vendors(status, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_created_at ON vendors(created_at, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_updated_at ON vendors(updated_at, id) WHERE archived_at IS NULL;
      CREATE INDEX vendors_parent ON vendors(parent_id);
      CREATE INDEX vendors_import ON vendors(import_id) WHERE import_id IS NOT NULL;

      -- One row per processing country, kept by the repository, so a country filter is an index lookup.
      CREATE TABLE vendor_countries (
        country TEXT NOT NULL,
        vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
        PRIMARY KEY (country, vendor_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX vendor_countries_vendor ON vendor_countries(vendor_id);

      -- Full-text search: contentless, kept by the repository (faster than triggers on bulk imports); the column names are the per-column filter keys.
      CREATE VIRTUAL TABLE vendor_fts USING fts5(
        name, legalEntity, services, dataCategories, internalOwner, notes, other,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Append-only, hash-chained: each entry's hash covers its fields and the previous entry's hash.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action TEXT NOT NULL ${oneOf('action', ['create', 'update', 'archive', 'restore', 'delete'])},
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        import_id TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
      CREATE INDEX audit_log_import ON audit_log(import_id) WHERE import_id IS NOT NULL;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'The audit log is append-only.');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'The audit log is append-only.');
      END;

      -- The chain's head, so a removed last entry is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_id INTEGER NOT NULL,
        last_hash TEXT NOT NULL
      ) STRICT;
    `);
  },
};
