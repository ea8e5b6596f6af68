import type { Migration } from './index';

/**
 * A breach records when it was closed (the last event of its timeline) and the reasoning behind an Art 34(3)
 * ground for not telling the people affected.
 */
export const m0007BreachClosure: Migration = {
  version: 7,
  name: 'breach-closure',
  up(db) {
    db.exec(`
      ALTER TABLE breaches ADD COLUMN closed_at TEXT;
      ALTER TABLE breaches ADD COLUMN art34_reasoning TEXT;
    `);
  },
};
