import type { Database } from 'better-sqlite3';
import { m0001VendorsAndAudit } from './0001-vendors-and-audit';
import { m0002VendorListIndexes } from './0002-vendor-list-indexes';
import { m0003Imports } from './0003-imports';
import { m0004TransfersAndSettings } from './0004-transfers-and-settings';
import { m0005ActivitiesAndDpias } from './0005-activities-and-dpias';
import { m0006BreachesAndRequests } from './0006-breaches-and-requests';
import { m0007BreachClosure } from './0007-breach-closure';
import { m0008OverviewFacts } from './0008-overview-facts';
import { m0009SubprocessorReviews } from './0009-subprocessor-reviews';
import { m0010BrandKeys } from './0010-brand-keys';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * Forward-only, numbered, never edited after they land. Each moves the schema from `version - 1` to `version`;
 * `openDatabase` runs the pending ones in one transaction and sets `PRAGMA user_version`.
 */
export const migrations: readonly Migration[] = [
  m0001VendorsAndAudit,
  m0002VendorListIndexes,
  m0003Imports,
  m0004TransfersAndSettings,
  m0005ActivitiesAndDpias,
  m0006BreachesAndRequests,
  m0007BreachClosure,
  m0008OverviewFacts,
  m0009SubprocessorReviews,
  m0010BrandKeys,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
