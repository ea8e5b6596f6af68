import type { Migration } from './index';

/**
 * What the Overview counts in SQL is kept beside each record: a request's acknowledgement (when it was sent, the
 * day it is owed by, where it stands) and its legal deadline (a closed request answered on time or late); a
 * breach's latest risk level; where a DPIA's prior consultation stands. A vendor's service contract has an end
 * date (a dated obligation of the calendar), and the reminders given are remembered. The new columns are filled at the next
 * read: every row of these registers is marked for judging again.
 */
export const m0008OverviewFacts: Migration = {
  version: 8,
  name: 'overview-facts',
  up(db) {
    db.exec(`
      ALTER TABLE requests ADD COLUMN acknowledged_on TEXT;
      ALTER TABLE requests ADD COLUMN ack_due_on TEXT;
      ALTER TABLE requests ADD COLUMN ack_state TEXT
        CHECK (ack_state IS NULL OR ack_state IN ('due', 'late', 'sent', 'none'));
      ALTER TABLE requests ADD COLUMN legal_due_on TEXT;
      CREATE INDEX requests_ack ON requests(ack_state, ack_due_on) WHERE archived_at IS NULL;
      CREATE INDEX requests_closed_on ON requests(completed_on, legal_due_on) WHERE archived_at IS NULL;
      UPDATE requests SET derived_until = '0000-00-00';

      ALTER TABLE breaches ADD COLUMN latest_risk TEXT
        CHECK (latest_risk IS NULL OR latest_risk IN ('none', 'risk', 'high'));
      CREATE INDEX breaches_risk ON breaches(aware_at, latest_risk) WHERE archived_at IS NULL;
      UPDATE breaches SET derived_until = '0000-00-00';

      ALTER TABLE dpias ADD COLUMN prior_consultation TEXT
        CHECK (prior_consultation IS NULL OR prior_consultation IN ('awaiting', 'filed', 'not-required'));
      ALTER TABLE dpias ADD COLUMN derived_until TEXT NOT NULL DEFAULT '0000-00-00';
      CREATE INDEX dpias_prior_consultation ON dpias(prior_consultation) WHERE archived_at IS NULL;
      CREATE INDEX dpias_derived_until ON dpias(derived_until);

      ALTER TABLE vendors ADD COLUMN contract_ends_on TEXT;

      -- The reminders already given (a breach under 24 hours, a request due tomorrow), so each is given once.
      CREATE TABLE reminders_sent (
        key TEXT PRIMARY KEY,
        sent_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
