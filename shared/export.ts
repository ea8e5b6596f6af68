import { z } from 'zod';
import { ImportSourceSchema, JobIdSchema } from './import/types';
import { RegisterNames } from './registers/index';

/** Formats an export can take. */
export const ExportFormatSchema = z.enum(['xlsx', 'csv', 'pdf'], { error: 'Use xlsx, csv or pdf.' });
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/**
 * Layouts of public templates an export can follow instead of the workbench's own columns: the ICO's record of
 * processing (UK) and the CNIL's register (France), both of processing activities.
 */
export const ExportLayoutSchema = z.enum(['workbench', 'ico-ropa', 'cnil'], {
  error: 'Use workbench, ico-ropa or cnil.',
});
export type ExportLayout = z.infer<typeof ExportLayoutSchema>;

const RegisterNameSchema = z.enum(RegisterNames, { error: `Use one of ${RegisterNames.join(', ')}.` });

/**
 * Where the file goes: a path (the command line only), a file chosen in the desktop's save dialog (by the id the
 * dialog returned), or a download (the web door serves it once by its id).
 */
export const ExportTargetSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ saveId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a save id.') }).strict(),
  z.object({ download: z.literal(true) }).strict(),
]);

export const ExportRequestSchema = z
  .object({
    format: ExportFormatSchema.default('xlsx'),
    layout: ExportLayoutSchema.default('workbench'),
    /** The registers to export, in any order; none: every register. A CSV file holds exactly one. */
    registers: z.array(RegisterNameSchema).max(20).default([]),
    includeArchived: z.boolean().default(false),
    /** The audit log as a sheet of the workbook (on by default). */
    auditLog: z.boolean().default(true),
    /** CSV only: the field delimiter. */
    delimiter: z.enum([',', ';', '\t'], { error: 'Use a comma, a semicolon or a tab.' }).default(','),
    target: ExportTargetSchema,
    jobId: JobIdSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.format === 'csv' && r.registers.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['registers'],
        message: 'A CSV file holds one register: name exactly one.',
      });
    }
    if (r.layout !== 'workbench' && r.format !== 'xlsx') {
      ctx.addIssue({
        code: 'custom',
        path: ['layout'],
        message: `The ${r.layout} layout is a workbook: use xlsx.`,
      });
    }
  });
export type ExportRequest = z.input<typeof ExportRequestSchema>;
export type ExportRequestParsed = z.output<typeof ExportRequestSchema>;

export const ExportResultSchema = z.object({
  /** The file's name (the desktop and the command line: its path). */
  file: z.string(),
  /** Rows written per sheet (CSV: one entry; PDF: one per register table). */
  sheets: z.record(z.string(), z.number().int()),
  bytes: z.number().int(),
  /** The web door: the id to download the file once by. */
  downloadId: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** One changed cell of a workbook coming back: the field, its value before and the file's. */
export const RoundTripChangeSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  id: z.number().int().nullable(),
  title: z.string(),
  field: z.string(),
  label: z.string(),
  old: z.string(),
  new: z.string(),
});
export type RoundTripChange = z.infer<typeof RoundTripChangeSchema>;

export const RoundTripIssueSchema = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
  /** Errors keep the row's changes out; warnings are shown and the rest of the row goes in. */
  severity: z.enum(['error', 'warning']),
});
export type RoundTripIssue = z.infer<typeof RoundTripIssueSchema>;

export const RoundTripSheetSchema = z.object({
  sheet: z.string(),
  register: z.string(),
  rows: z.number().int(),
  unchanged: z.number().int(),
  updated: z.number().int(),
  created: z.number().int(),
  invalid: z.number().int(),
  /** Records exported in this sheet whose rows are no longer in the file. */
  missing: z.array(z.object({ id: z.number().int(), title: z.string(), archived: z.boolean() })),
  /** The import that recorded this sheet's changes (commit only), for undo. */
  importId: z.string().nullable(),
});

export const RoundTripResultSchema = z.object({
  exportedAt: z.string(),
  sheets: z.array(RoundTripSheetSchema),
  changes: z.array(RoundTripChangeSchema),
  changesTotal: z.number().int(),
  issues: z.array(RoundTripIssueSchema),
  issuesTotal: z.number().int(),
  committed: z.boolean(),
});
export type RoundTripResult = z.infer<typeof RoundTripResultSchema>;

export const RoundTripOptionsSchema = z
  .object({
    /** Archive the records whose rows were deleted from the file (never done unless asked). */
    archiveMissing: z.boolean().default(false),
  })
  .strict()
  .default({ archiveMissing: false });

/** A workbook exported by the workbench coming back, and what to do with the records it no longer lists. */
export const RoundTripRequestSchema = z
  .object({
    source: ImportSourceSchema,
    options: RoundTripOptionsSchema,
    jobId: JobIdSchema.optional(),
  })
  .strict();
export type RoundTripRequest = z.input<typeof RoundTripRequestSchema>;
