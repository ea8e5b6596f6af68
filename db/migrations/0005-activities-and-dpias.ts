import type { Migration } from './index';

const list = (col: string) =>
  `${col} TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(${col}) AND json_type(${col}) = 'array')`;
const object = (col: string) =>
  `${col} TEXT NOT NULL CHECK (json_valid(${col}) AND json_type(${col}) = 'object')`;
const oneOf = (col: string, values: string[], nullable = false) =>
  `CHECK (${nullable ? `${col} IS NULL OR ` : ''}${col} IN (${values.map((v) => `'${v}'`).join(', ')}))`;
const yesNo = (col: string) => `${col} INTEGER CHECK (${col} IS NULL OR ${col} IN (0, 1))`;

/** The columns every register table has, and its list indexes (active, archived, each sort). */
const kitColumns = `
  import_id TEXT,
  search_extra TEXT NOT NULL DEFAULT '',
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
  ].join('\n');

/**
 * The record of processing activities (Art 30) and the DPIA register (Art 35), with the link tables that tie an
 * activity to its vendors and transfers and a DPIA to its activities, so each side finds the other by index.
 */
export const m0005ActivitiesAndDpias: Migration = {
  version: 5,
  name: 'activities-and-dpias',
  up(db) {
    db.exec(`
      CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key TEXT NOT NULL,
        business_function TEXT,
        owner TEXT,
        ${list('purposes')},
        lawful_basis TEXT ${oneOf('lawful_basis', ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests', 'undetermined'], true)},
        legitimate_interests TEXT,
        lia_reference TEXT,
        ${list('special_categories')},
        art9_condition TEXT ${oneOf('art9_condition', ['explicit-consent', 'employment', 'vital-interests', 'not-for-profit', 'made-public', 'legal-claims', 'substantial-public-interest', 'health-care', 'public-health', 'archiving-research'], true)},
        ${list('data_subjects')},
        ${list('data_categories')},
        ${list('retention')},
        data_source TEXT,
        ${yesNo('children_data')},
        ${yesNo('automated_decisions')},
        ${list('vendors')},
        ${list('recipients')},
        ${list('transfers')},
        joint_controller TEXT,
        security_measures TEXT,
        ${object('screening')},
        -- Whether the screening calls for a DPIA (an Art 35(3) case, the authority's list, or two or more criteria
        -- with no reason recorded for not doing one), kept beside it so "DPIA needed" filters by index.
        dpia_screening_calls INTEGER GENERATED ALWAYS AS (
          json_array_length(screening, '$.art35Cases') > 0
          OR json_extract(screening, '$.onAuthorityList') = 1
          OR (json_array_length(screening, '$.criteria') >= 2
            AND coalesce(trim(json_extract(screening, '$.reasonNotRequired')), '') = '')
        ) STORED,
        status TEXT NOT NULL ${oneOf('status', ['draft', 'in-review', 'approved', 'retired'])},
        review_on TEXT,
        notes TEXT,
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        ${kitColumns}
      ) STRICT;
      ${listIndexes('activities', ['name', 'business_function', 'lawful_basis', 'status', 'review_on'])}
      CREATE INDEX activities_name_key ON activities(name_key);
      CREATE INDEX activities_dpia_screening_calls ON activities(dpia_screening_calls, id);
      -- The enum filters answered from one covering index; it ends with the default sort.
      CREATE INDEX activities_filters ON activities(lawful_basis, status, archived_at, name);

      CREATE TABLE activity_vendors (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE RESTRICT,
        PRIMARY KEY (activity_id, vendor_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX activity_vendors_vendor ON activity_vendors(vendor_id, activity_id);

      CREATE TABLE activity_transfers (
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
        transfer_id INTEGER NOT NULL REFERENCES transfers(id) ON DELETE RESTRICT,
        PRIMARY KEY (activity_id, transfer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX activity_transfers_transfer ON activity_transfers(transfer_id, activity_id);

      CREATE VIRTUAL TABLE activity_fts USING fts5(
        name, businessFunction, purposes, dataSubjects, dataCategories, recipients, securityMeasures, notes, other,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE dpias (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        title_key TEXT NOT NULL,
        ${list('activities')},
        status TEXT NOT NULL ${oneOf('status', ['screening', 'draft', 'in-review', 'approved', 'rejected', 'prior-consultation', 'closed'])},
        ${object('screening')},
        description TEXT,
        necessity TEXT,
        ${list('risks')},
        dpo_opinion TEXT ${oneOf('dpo_opinion', ['favourable', 'favourable-with-conditions', 'unfavourable'], true)},
        dpo_advice TEXT,
        ${yesNo('views_sought')},
        data_subject_views TEXT,
        decision TEXT,
        prior_consultation_on TEXT,
        authority_reference TEXT,
        review_on TEXT,
        notes TEXT,
        source_kind TEXT NOT NULL ${oneOf('source_kind', ['manual', 'import', 'demo'])},
        source_detail TEXT,
        ${kitColumns}
      ) STRICT;
      ${listIndexes('dpias', ['title', 'status', 'review_on'])}
      CREATE INDEX dpias_title_key ON dpias(title_key);

      CREATE TABLE dpia_activities (
        dpia_id INTEGER NOT NULL REFERENCES dpias(id) ON DELETE CASCADE,
        activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE RESTRICT,
        PRIMARY KEY (dpia_id, activity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dpia_activities_activity ON dpia_activities(activity_id, dpia_id);

      CREATE VIRTUAL TABLE dpia_fts USING fts5(
        title, description, necessity, dpoAdvice, dataSubjectViews, decision, notes, other,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
