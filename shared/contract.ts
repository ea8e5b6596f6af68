import { z } from 'zod';
import { IdSchema, PageSchema } from './domain/common';
import {
  CommitResultSchema,
  ImportRecordSchema,
  ImportRegisterSchema,
  ImportRequestSchema,
  InspectInputSchema,
  InspectResultSchema,
  JobIdSchema,
  MappingPresetSchema,
  PresetNameSchema,
  PreviewResultSchema,
  UndoResultSchema,
  ImportFieldSchema,
} from './import/types';
import { SettingsSchema, SettingsUpdateSchema } from './domain/settings';
import {
  ExportRequestSchema,
  ExportResultSchema,
  RoundTripRequestSchema,
  RoundTripResultSchema,
} from './export';
import { registerChannels } from './kit/channels';
import {
  ReviewCheckInputSchema,
  ReviewCheckSchema,
  ReviewDecideInputSchema,
  ReviewRecordInputSchema,
} from './subprocessors/review';
import { CalendarQuerySchema, ObligationSchema, OverviewSchema, ReminderSchema } from './overview';
import { AuditEntrySchema } from './kit/define';
import {
  activities,
  breaches,
  dpias,
  RegisterNames,
  requests,
  reviews,
  transfers,
  vendors,
} from './registers/index';

/** One snapshot of the database: where, when, why, how big, and what it holds. */
export const BackupInfoSchema = z.object({
  file: z.string(),
  name: z.string(),
  at: z.string(),
  reason: z.string(),
  bytes: z.number().int(),
  schemaVersion: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

/** One record found by the global search, with where to open it. */
export const RecordHitSchema = z.object({
  register: z.enum(RegisterNames),
  id: IdSchema,
  title: z.string(),
  detail: z.string(),
  archived: z.boolean(),
  /** Why it matched, when its title does not say: the field and the words around the match. */
  matched: z.object({ field: z.string(), excerpt: z.string() }).nullable().optional(),
});
export type RecordHit = z.infer<typeof RecordHitSchema>;

/** The only place a channel name is written. Every door (Electron IPC, web, CLI) goes through `dispatch`. */
export const contract = {
  'app:info': {
    input: z.object({}).default({}),
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      door: z.enum(['desktop', 'web', 'cli']),
    }),
  },
  ...registerChannels(vendors),
  ...registerChannels(transfers),
  ...registerChannels(activities),
  ...registerChannels(dpias),
  ...registerChannels(breaches),
  ...registerChannels(requests),
  ...registerChannels(reviews),
  /** The organisation's settings: name and country (the law its transfers are judged under), deadline readings. */
  'settings:get': { input: z.object({}).default({}), output: SettingsSchema },
  'settings:update': { input: SettingsUpdateSchema, output: SettingsSchema },
  'audit:history': {
    input: z.object({ entity: z.string(), entityId: z.number().int() }),
    output: z.array(AuditEntrySchema),
  },
  /** The database's snapshots (automatic and manual), newest first. */
  'backups:list': { input: z.object({}).default({}), output: z.array(BackupInfoSchema) },
  /** Takes a snapshot now (checked with SQLite's integrity check), then rotates. */
  'backups:create': { input: z.object({}).default({}), output: BackupInfoSchema },
  'audit:verify': {
    input: z.object({}).default({}),
    output: z.object({
      /** The chain holds, the registers replay from it, and it still holds the head this app last saw. */
      ok: z.boolean(),
      /** The hash chain alone: no entry altered, inserted or removed, the head where it says. */
      chainOk: z.boolean(),
      entries: z.number().int(),
      firstBadId: z.number().int().nullable(),
      reason: z.string().nullable(),
      /** The registers against the log: records with no creating entry, or fields other than it recorded. */
      records: z.object({
        checked: z.number().int(),
        total: z.number().int(),
        mismatches: z.array(z.object({ register: z.string(), id: z.number().int(), problem: z.string() })),
      }),
      /** The head now: an auditor notes it, and a later head must still contain it. */
      head: z.object({ id: z.number().int(), hash: z.string() }).nullable(),
      /** The head recorded outside the database when the app last closed it. */
      anchor: z.object({
        ok: z.boolean(),
        message: z.string().nullable(),
        recordedId: z.number().int().nullable(),
      }),
    }),
  },
  /** Loads the demo data set into every register, skipping records already there. */
  'demo:load': {
    input: z.object({}).default({}),
    output: z.object({
      created: z.number().int(),
      skipped: z.number().int(),
      registers: z.record(z.string(), z.object({ created: z.number().int(), skipped: z.number().int() })),
    }),
  },
  /** The global search (Ctrl/Cmd+K): records of every register matching the words, archived ones included. */
  'search:records': {
    input: z.object({
      query: z.string().trim().min(1).max(200),
      limit: z.number().int().min(1).max(50).default(12),
    }),
    output: z.array(RecordHitSchema),
  },
  /** Reads a file's sheets, header row and columns, and suggests a mapping. A long job: pass a jobId to follow it. */
  'import:inspect': { input: InspectInputSchema, output: InspectResultSchema },
  /** What the import would do, row by row, without writing anything. */
  'import:preview': { input: ImportRequestSchema, output: PreviewResultSchema },
  /** Runs the import in one transaction (all or nothing) and records it for undo. */
  'import:commit': { input: ImportRequestSchema, output: CommitResultSchema },
  'import:cancel': { input: z.object({ jobId: JobIdSchema }), output: z.object({ cancelled: z.boolean() }) },
  /** Removes what an import created and restores what it updated, in one audited transaction. */
  'import:undo': {
    input: z.object({ id: z.string().min(1).max(64), jobId: JobIdSchema.optional() }),
    output: UndoResultSchema,
  },
  'import:list': {
    input: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .default({ offset: 0, limit: 50 }),
    output: PageSchema(ImportRecordSchema),
  },
  'import:presets:list': {
    input: z.object({ register: ImportRegisterSchema.default('vendors') }).default({ register: 'vendors' }),
    output: z.array(MappingPresetSchema),
  },
  /** Saves (or replaces) a named mapping: column header → field, null to ignore the column. */
  'import:presets:save': {
    input: z.object({
      register: ImportRegisterSchema.default('vendors'),
      name: PresetNameSchema,
      mapping: z.record(z.string().max(500), ImportFieldSchema.nullable()),
    }),
    output: MappingPresetSchema,
  },
  'import:presets:delete': {
    input: z.object({ register: ImportRegisterSchema.default('vendors'), name: PresetNameSchema }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** What is due, late and at risk across the registers: counts equal to the registers' filtered lists. */
  'overview:get': { input: z.object({}).default({}), output: OverviewSchema },
  /** Every dated obligation in a range (or every one still open up to a day), in date order. */
  'calendar:get': { input: CalendarQuerySchema, output: z.array(ObligationSchema) },
  /** The deadlines calendar as an iCalendar file (RFC 5545): open obligations up to `days` ahead. */
  'calendar:ics': {
    input: z
      .object({
        days: z.number().int().min(1).max(3650).default(365),
        /** Desktop: the place the save dialog chose; the file is written there and `text` comes back empty. */
        saveId: z.string().min(1).max(64).optional(),
      })
      .default({ days: 365 }),
    output: z.object({
      fileName: z.string(),
      text: z.string(),
      events: z.number().int(),
      saved: z.boolean(),
    }),
  },
  /** The reminders that hold now and were not given yet (none when they are turned off in Settings). */
  'reminders:due': { input: z.object({}).default({}), output: z.array(ReminderSchema) },
  /** Reminders given (shown as a notification, or dismissed from the banner): not given again. */
  'reminders:given': {
    input: z.object({ keys: z.array(z.string().min(1).max(200)).max(500) }),
    output: z.object({ given: z.number().int() }),
  },
  /** Writes the registers as a workbook, CSV, an authority's template or a PDF report (a job: progress, cancel). */
  /** Reads a vendor's new sub-processor list and compares it with its chain; nothing is written. */
  'reviews:check': { input: ReviewCheckInputSchema, output: ReviewCheckSchema },
  /** Saves the review of a new list; `accepted` applies its changes to the chain in the same transaction. */
  'reviews:record': { input: ReviewRecordInputSchema, output: ReviewCheckSchema },
  /** Decides a saved review: accept (applies its changes), object, or ask questions. */
  'reviews:decide': { input: ReviewDecideInputSchema, output: reviews.schemas.record },
  'export:run': { input: ExportRequestSchema, output: ExportResultSchema },
  'export:cancel': { input: z.object({ jobId: JobIdSchema }), output: z.object({ cancelled: z.boolean() }) },
  /** What a workbook the workbench exported, edited and brought back, would change; nothing is written. */
  'roundtrip:preview': { input: RoundTripRequestSchema, output: RoundTripResultSchema },
  /** Writes those changes in one transaction, each register's recorded as an import that can be undone. */
  'roundtrip:commit': { input: RoundTripRequestSchema, output: RoundTripResultSchema },
} as const satisfies Record<`${string}:${string}`, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Progress events that long jobs (import, export, backup) emit, named here beside the channels. */
export const progressEvents = {
  'job:progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    /** Share of the work done, 0–100 (an import measures it in bytes of the file read). */
    percent: z.number().min(0).max(100).optional(),
    message: z.string().optional(),
  }),
} as const;
export type ProgressEventName = keyof typeof progressEvents;
export type ProgressEvent = z.infer<(typeof progressEvents)['job:progress']>;
