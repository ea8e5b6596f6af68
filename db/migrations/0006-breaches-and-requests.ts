import type { Migration } from './index';

const list = (col: string) =>
  `${col} TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(${col}) AND json_type(${col}) = 'array')`;
const oneOf = (col: string, values: string[], nullable = false) =>
  `CHECK (${nullable ? `${col} IS NULL OR ` : ''}${col} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

const kitColumns = `
  import_id TEXT,
  search_extra TEXT NOT NULL DEFAULT '',
  derived_until TEXT NOT NULL,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;
const listIndexes = (table: string, sorts: string[]) =>
  [
    `CREATE INDEX ${table}_active ON ${table}(id) WHERE archived_at IS NULL;`,
    `CREATE INDEX ${table}_archived ON ${table}(id) WHERE archived_at IS NOT NULL;`,
    ...[...sorts, 'created_at', 'updated_at'].map(
      (c) => `CREATE INDEX ${table}_${c} ON ${table}(${c}, id) WHERE archived_at IS NULL;`,
    ),
    `CREATE INDEX ${table}_import ON ${table}(import_id) WHERE import_id IS NOT NULL;`,
    `CREATE INDEX ${table}_derived_until ON ${table}(derived_until);`,
  ].join('\n');

/**
 * The breach register (Arts 33–34, the Art 33(5) record) with its stored deadline, and the rights-request
 * register with its stored due date and state, both judged by the rules engine; link tables tie breaches to
 * vendors and activities and requests to the activities searched.
 */
export const m0006BreachesAndRequests: Migration = {
  version: 6,
  name: 'breaches-and-requests',
  up(db) {
    db.exec(`
      CREATE TABLE breaches (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        title_key TEXT NOT NULL,
        occurred_at TEXT,
        discovered_at TEXT,
        aware_at TEXT NOT NULL,
        time_zone TEXT,
        regime TEXT NOT NULL ${oneOf('regime', ['gdpr', 'uk-gdpr', 'uk-pecr'])},
        detected_by TEXT,
        ${list('nature')},
        description TEXT,
        cause TEXT,
        ${list('data_categories')},
        people_affected INTEGER CHECK (people_affected IS NULL OR people_affected >= 0),
        records_affected INTEGER CHECK (records_affected IS NULL OR records_affected >= 0),
        consequences TEXT,
        measures_taken TEXT,
        measures_proposed TEXT,
        ${list('assessments')},
        ${list('filings')},
        subjects_told_at TEXT,
        subjects_told_how TEXT,
        subjects_told_count INTEGER CHECK (subjects_told_count IS NULL OR subjects_told_count >= 0),
        art34_ground TEXT ${oneOf('art34_ground', ['unintelligible', 'measures-taken', 'disproportionate'], true)},
        processor_aware_at TEXT,
        processor_notice_at TEXT,
        ${list('vendors')},
        ${list('activities')},
        status TEXT NOT NULL ${oneOf('status', ['open', 'dismissed', 'closed', 'reopened'])},
        dismissal_rationale TEXT,
        lessons TEXT,
        notes TEXT,
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        -- The authority deadline (ISO-8601 UTC to the second) and whether the clock stopped, from the rules engine.
        deadline_at TEXT NOT NULL,
        clock_stopped INTEGER NOT NULL CHECK (clock_stopped IN (0, 1)),
        ${kitColumns}
      ) STRICT;
      ${listIndexes('breaches', ['title', 'aware_at', 'people_affected', 'status', 'deadline_at'])}
      CREATE INDEX breaches_title_key ON breaches(title_key);
      CREATE INDEX breaches_clock ON breaches(clock_stopped, deadline_at);

      CREATE TABLE breach_vendors (
        breach_id INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
        vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE RESTRICT,
        PRIMARY KEY (breach_id, vendor_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX breach_vendors_vendor ON breach_vendors(vendor_id, breach_id);
      CREATE TABLE breach_activities (
        breach_id INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE RESTRICT,
        PRIMARY KEY (breach_id, activity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX breach_activities_activity ON breach_activities(activity_id, breach_id);

      CREATE VIRTUAL TABLE breach_fts USING fts5(
        title, description, cause, dataCategories, consequences, measuresTaken, measuresProposed, lessons, notes,
        other, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),
        reference_key TEXT NOT NULL,
        jurisdiction TEXT ${oneOf('jurisdiction', ['GDPR', 'UK-GDPR', 'CCPA', 'VCDPA', 'CPA', 'LGPD', 'PIPEDA', 'FADP'], true)},
        country TEXT CHECK (country IS NULL OR length(country) = 2),
        region TEXT,
        type TEXT,
        received_on TEXT NOT NULL,
        channel TEXT ${oneOf('channel', ['email', 'web-form', 'post', 'phone', 'in-person', 'other'], true)},
        requester TEXT,
        identity_received_on TEXT,
        fee_received_on TEXT,
        ${list('pauses')},
        extension_notice_on TEXT,
        extension_reason TEXT,
        outcome TEXT ${oneOf('outcome', ['fulfilled', 'partly', 'refused', 'no-data'], true)},
        refusal_ground TEXT,
        completed_on TEXT,
        ${list('activities')},
        actions TEXT,
        notes TEXT,
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        -- The due date and the state from the rules engine, kept for the list (judged again when they may change).
        due_on TEXT NOT NULL,
        request_state TEXT NOT NULL ${oneOf('request_state', ['open', 'overdue', 'closed'])},
        ${kitColumns}
      ) STRICT;
      ${listIndexes('requests', ['reference', 'received_on', 'due_on'])}
      CREATE INDEX requests_reference_key ON requests(reference_key);
      CREATE INDEX requests_state ON requests(request_state, due_on, id) WHERE archived_at IS NULL;
      CREATE INDEX requests_completed ON requests(completed_on) WHERE requester IS NOT NULL;

      CREATE TABLE request_activities (
        request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE RESTRICT,
        PRIMARY KEY (request_id, activity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX request_activities_activity ON request_activities(activity_id, request_id);

      CREATE VIRTUAL TABLE request_fts USING fts5(
        reference, actions, notes, other,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
