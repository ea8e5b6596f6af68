import type { Migration } from './index';

const list = (col: string) =>
  `${col} TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(${col}) AND json_type(${col}) = 'array')`;
const oneOf = (col: string, values: string[], nullable = false) =>
  `CHECK (${nullable ? `${col} IS NULL OR ` : ''}${col} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

/**
 * Reviews of a vendor's new sub-processor list (GDPR Art 28(2)): the list as received, what it changes, the day
 * to object by (stored for the calendar and the Overview) and the decision.
 */
export const m0009SubprocessorReviews: Migration = {
  version: 9,
  name: 'subprocessor-reviews',
  up(db) {
    db.exec(`
      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE RESTRICT,
        notice_on TEXT NOT NULL,
        list_source TEXT,
        notice_reference TEXT,
        authorisation TEXT ${oneOf('authorisation', ['general', 'specific'], true)},
        objection_period_days INTEGER CHECK (objection_period_days IS NULL OR objection_period_days BETWEEN 0 AND 365),
        decision TEXT NOT NULL ${oneOf('decision', ['open', 'questions', 'accepted', 'objected'])},
        decided_on TEXT,
        objection_sent_on TEXT,
        reasons TEXT,
        applied_at TEXT,
        ${list('changes')},
        ${list('new_third_countries')},
        ${list('new_country_coverage')},
        ${list('received')},
        notes TEXT,
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        identity_key TEXT NOT NULL,
        -- The last day to object and where the review stands, from the rules engine (judged again when they may change).
        objection_deadline TEXT,
        objection_basis TEXT NOT NULL ${oneOf('objection_basis', ['contract', 'assumed', 'consent', 'none'])},
        review_state TEXT NOT NULL ${oneOf('review_state', ['open', 'lapsed', 'decided'])},
        import_id TEXT,
        search_extra TEXT NOT NULL DEFAULT '',
        derived_until TEXT NOT NULL,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_active ON reviews(id) WHERE archived_at IS NULL;
      CREATE INDEX reviews_archived ON reviews(id) WHERE archived_at IS NOT NULL;
      CREATE INDEX reviews_notice_on ON reviews(notice_on, id) WHERE archived_at IS NULL;
      CREATE INDEX reviews_decision ON reviews(decision, id) WHERE archived_at IS NULL;
      CREATE INDEX reviews_objection_deadline ON reviews(objection_deadline, id) WHERE archived_at IS NULL;
      CREATE INDEX reviews_created_at ON reviews(created_at, id) WHERE archived_at IS NULL;
      CREATE INDEX reviews_updated_at ON reviews(updated_at, id) WHERE archived_at IS NULL;
      CREATE INDEX reviews_import ON reviews(import_id) WHERE import_id IS NOT NULL;
      CREATE INDEX reviews_derived_until ON reviews(derived_until);
      CREATE INDEX reviews_identity_key ON reviews(identity_key);
      CREATE INDEX reviews_vendor ON reviews(vendor_id, notice_on);
      CREATE INDEX reviews_state ON reviews(review_state, objection_deadline) WHERE archived_at IS NULL;

      CREATE VIRTUAL TABLE review_fts USING fts5(
        reasons, notes, other,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
