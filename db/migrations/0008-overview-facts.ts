import type { Migration } from './index';

/**
 * What the Overview counts in SQL is kept beside each record: a request's acknowledgement (when it was sent, the
 * day it is owed by, where it stands) its legal deadline and whether a closed request was answered on time or late; a
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
      ALTER TABLE requests ADD COLUMN timeliness TEXT CHECK (timeliness IS NULL OR timeliness IN ('on-time', 'late'));
      CREATE INDEX requests_ack ON requests(ack_state, ack_due_on) WHERE archived_at IS NULL;
      CREATE INDEX requests_timeliness ON requests(timeliness, completed_on) WHERE archived_at IS NULL;
      UPDATE requests SET derived_until = '0000-00-00';

      ALTER TABLE breaches ADD COLUMN latest_risk TEXT
        CHECK (latest_risk IS NULL OR latest_risk IN ('none', 'risk', 'high'));
      CREATE INDEX breaches_risk ON breaches(latest_risk, aware_at) WHERE archived_at IS NULL;
      UPDATE breaches SET derived_until = '0000-00-00';

      ALTER TABLE dpias ADD COLUMN prior_consultation TEXT
        CHECK (prior_consultation IS NULL OR prior_consultation IN ('awaiting', 'filed', 'not-required'));
      ALTER TABLE dpias ADD COLUMN derived_until TEXT NOT NULL DEFAULT '0000-00-00';
      CREATE INDEX dpias_prior_consultation ON dpias(prior_consultation) WHERE archived_at IS NULL;
      CREATE INDEX dpias_derived_until ON dpias(derived_until);

      ALTER TABLE vendors ADD COLUMN contract_ends_on TEXT;
      -- Places a vendor gave that name no country ("EU", "Worldwide"): its location is unclear until cleared.
      ALTER TABLE vendors ADD COLUMN unclear_locations TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(unclear_locations) AND json_type(unclear_locations) = 'array');
      -- Whether a vendor has transfer gaps, kept (and judged again when its transfers change) so the list and
      -- the Overview count it from an index instead of probing every vendor's countries.
      ALTER TABLE vendors ADD COLUMN transfer_gaps INTEGER CHECK (transfer_gaps IS NULL OR transfer_gaps IN (0, 1));
      ALTER TABLE vendors ADD COLUMN derived_until TEXT NOT NULL DEFAULT '0000-00-00';
      CREATE INDEX vendors_derived_until ON vendors(derived_until);
      CREATE INDEX vendors_transfer_gaps ON vendors(transfer_gaps) WHERE archived_at IS NULL;

      -- What the Overview counts, read from the index alone: reviews overdue beside the status that exempts a
      -- record, and a DPA's status beside its expiry.
      CREATE INDEX vendors_review_status ON vendors(next_review_at, status) WHERE archived_at IS NULL;
      CREATE INDEX activities_review_status ON activities(review_on, status) WHERE archived_at IS NULL;
      CREATE INDEX dpias_review_status ON dpias(review_on, status) WHERE archived_at IS NULL;
      CREATE INDEX vendors_dpa ON vendors(dpa_status, dpa_expires_at) WHERE archived_at IS NULL;

      -- The reminders already given (a breach under 24 hours, a request due tomorrow), so each is given once.
      CREATE TABLE reminders_sent (
        key TEXT PRIMARY KEY,
        sent_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
