import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from '../domain/common';
import { ImportRegisterNames } from '../registers/index';

/**
 * What one spreadsheet cell holds once read: text, a number, a boolean, a date (xlsx date cells), nothing, or a
 * spreadsheet error value such as `#N/A` cached from a formula. Formulas themselves are never evaluated: a
 * reader hands over the value Excel saved with the file.
 */
export type CellValue = string | number | boolean | Date | null | { error: string };

/** The registers the import engine can fill: every register, through the import profile of its declaration. */
export const ImportRegisterSchema = z.enum(ImportRegisterNames);
export type ImportRegister = z.infer<typeof ImportRegisterSchema>;

/**
 * A field a column can be mapped to: a field of the register's import profile (checked by the core against
 * the register, since the name alone cannot say which register it belongs to).
 */
export const ImportFieldSchema = z.string().min(1).max(100);
export type ImportField = z.infer<typeof ImportFieldSchema>;

/** What to do with a row whose company is already in the register or earlier in the same file. */
export const DuplicatePolicies = ['update', 'skip', 'create'] as const;
export const DuplicatePolicySchema = z.enum(DuplicatePolicies);
export type DuplicatePolicy = z.infer<typeof DuplicatePolicySchema>;

/** How to read a numeric date such as 03/04/2024: day first (3 April) or month first (4 March). */
export const DateOrderSchema = z.enum(['dmy', 'mdy']);
export type DateOrder = z.infer<typeof DateOrderSchema>;

/** A job's id, chosen by the caller so it can follow the job's progress events and cancel it. */
export const JobIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,64}$/, 'A job id is 6–64 letters, digits, - or _.');

/**
 * Where the file comes from: a path (the command line only: it already reads any file its user can) or a
 * file id handed out by the web door's upload or the desktop's open dialog.
 */
export const ImportSourceSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ fileId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a file id.') }).strict(),
]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;

/** How a column was judged for dates: the order its values prove, or that the user must choose. */
export const ColumnDateOrderSchema = z.enum(['dmy', 'mdy', 'ambiguous', 'mixed']).nullable();

/**
 * How a column of numbers reads as an ordered enum: the number meaning its lowest value and the one meaning its
 * highest (1–5; 5–1 when 1 is the highest).
 */
export const NumberScaleSchema = z
  .object({ low: z.number().int().min(0).max(999), high: z.number().int().min(0).max(999) })
  .refine((s) => s.low !== s.high, { message: 'A scale needs two different ends.' });
export type NumberScale = z.infer<typeof NumberScaleSchema>;

export const ImportColumnSchema = z.object({
  /** 1-based column number (A = 1). */
  column: z.number().int().min(1),
  letter: z.string(),
  /** The header as shown; repeated headers get " (2)", " (3)" so each label names one column. */
  header: z.string(),
  /** Hidden in the workbook: shown, but ignored unless the user maps it. */
  hidden: z.boolean(),
  /** A few distinct values from the column, cleaned, for the mapping table. */
  samples: z.array(z.string()),
  nonEmpty: z.number().int().nonnegative(),
  /** What the header and the values suggest, before presets and hidden-column rules. */
  suggested: ImportFieldSchema.nullable(),
  confidence: z.number().min(0).max(1),
  /** The proposed mapping: the preset's when one was given, else the suggestion (null for hidden columns). */
  field: ImportFieldSchema.nullable(),
  dateOrder: ColumnDateOrderSchema,
  /** Columns mapped to an ordered enum (a risk rating) that hold numbers: the scale they read on, when judged. */
  scale: NumberScaleSchema.nullable().optional(),
  /** The smallest and largest whole number the column holds (0–999), or null when it holds none. */
  numbers: z.object({ min: z.number().int(), max: z.number().int() }).nullable().optional(),
});
export type ImportColumn = z.infer<typeof ImportColumnSchema>;

export const InspectInputSchema = z.object({
  source: ImportSourceSchema,
  register: ImportRegisterSchema.default('vendors'),
  /** The sheet to read; the first visible one when absent. */
  sheet: z.string().min(1).max(200).optional(),
  /** The 1-based row holding the headers; found automatically when absent. */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  /** A saved mapping preset to propose instead of the suggestions. */
  preset: z.string().trim().min(1).max(100).optional(),
  /**
   * Read the header and this many data rows, not the whole file (the command line, which imports at once and
   * counts every row then): the mapping and its warnings come from these rows, and `rowCount` is null when the
   * file goes on.
   */
  sampleRows: z.number().int().min(100).max(1_000_000).optional(),
  jobId: JobIdSchema.optional(),
});

export const InspectResultSchema = z.object({
  fileName: z.string(),
  fileSize: z.number().int().nonnegative(),
  format: z.enum(['xlsx', 'csv']),
  /** CSV only: the text encoding found and the delimiter used. */
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
  sheet: z.string().nullable(),
  headerRow: z.number().int().min(1),
  headerDetected: z.boolean(),
  /**
   * Data rows below the header (blank rows and trailing notes not counted); null when only a sample was read
   * (`sampleRows`) and the file goes on.
   */
  rowCount: z.number().int().nonnegative().nullable(),
  /**
   * With `rowCount` null: the rows the whole file holds, judged from the bytes read for the sample. The reader
   * reads ahead of the rows it gives, so the judgement errs low.
   */
  rowEstimate: z.number().int().nonnegative().optional(),
  columns: z.array(ImportColumnSchema),
  warnings: z.array(z.string()),
  /**
   * Another register the file reads as, when it lacks what this one needs (the ICO record-of-processing template
   * given as a vendor list): its name, and how many columns it would fill.
   */
  looksLike: z
    .object({ register: ImportRegisterSchema, title: z.string(), columns: z.number().int() })
    .nullable()
    .optional(),
});
export type InspectResult = z.infer<typeof InspectResultSchema>;

export const ColumnMappingSchema = z.object({
  column: z.number().int().min(1).max(16_384),
  /** The header label from inspect; used in messages, presets and the result's mapping. */
  header: z.string().max(500),
  field: ImportFieldSchema.nullable(),
  /** For date fields whose values are ambiguous (03/04/2024). */
  dateOrder: DateOrderSchema.optional(),
  /** For a column of numbers mapped to an ordered enum (a risk rating on 1–5). */
  scale: NumberScaleSchema.optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const ImportOptionsSchema = z
  .object({
    onDuplicate: DuplicatePolicySchema.default('skip'),
    /**
     * Expand the region words "EU" and "EEA" to their member states (see REGION_RULE). "Worldwide", "Global",
     * "Europe" and continents are never expanded.
     */
    expandRegions: z.boolean().default(false),
    /**
     * All or nothing: any cell that cannot be read makes its row invalid, and any invalid row stops the commit
     * (nothing is written). Otherwise a row with a usable name is imported, its unreadable cells left empty.
     */
    strict: z.boolean().default(false),
    /**
     * Rows the user says name another company than the one the import took them for, where the match was unsure
     * (a name with no legal form beside one with a form): each is imported as a company of its own.
     */
    apart: z.array(z.number().int().min(1).max(1_048_576)).max(10_000).default([]),
  })
  .default({ onDuplicate: 'skip', expandRegions: false, strict: false, apart: [] });
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

export const ImportRequestSchema = z.object({
  source: ImportSourceSchema,
  register: ImportRegisterSchema.default('vendors'),
  sheet: z.string().min(1).max(200).nullable().default(null),
  headerRow: z.number().int().min(1).max(1_048_576),
  columns: z
    .array(ColumnMappingSchema)
    .min(1, 'Map at least one column.')
    .refine((cols) => new Set(cols.map((c) => c.column)).size === cols.length, 'Each column appears once.'),
  options: ImportOptionsSchema,
  /** Rows counted by inspect, so progress can say "1,200 of 100,000". */
  expectedRows: z.number().int().nonnegative().optional(),
  /** The row count is judged from a sample (`rowEstimate`), not counted. */
  rowsEstimated: z.boolean().optional(),
  jobId: JobIdSchema.optional(),
});
export type ImportRequest = z.input<typeof ImportRequestSchema>;
export type ImportRequestParsed = z.output<typeof ImportRequestSchema>;

/** One problem with one cell (or row): its spreadsheet row, the column and field, and what is wrong. */
export const ImportIssueSchema = z.object({
  row: z.number().int().min(1),
  column: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  /** Errors keep the row out of the import; warnings are shown and the row goes in. */
  severity: z.enum(['error', 'warning']),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const RowActions = ['create', 'update', 'merge', 'skip', 'invalid'] as const;
export const RowActionSchema = z.enum(RowActions);
export type RowAction = z.infer<typeof RowActionSchema>;

export const DuplicateGroupSchema = z.object({
  /** The normalised legal name the rows share. */
  key: z.string(),
  name: z.string(),
  /** The rows of this file with that name (at most 20 listed). */
  rows: z.array(z.number().int()),
  /** The record already in the register with that identity, if any. */
  existing: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** What the chosen policy does with the group. */
  outcome: z.string(),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroupSchema>;

/**
 * A row taken as the same company as another (an earlier row, or a record of the register) on a likely but unsure
 * match: the import asks; `options.apart` gives the answer "another company".
 */
export const UnsureMatchSchema = z.object({
  row: z.number().int().min(1),
  name: z.string(),
  /** What it was taken for: "row 3 (Globex Corporation)" or "the register's Globex Corporation". */
  sameAs: z.string(),
  reason: z.string(),
});
export type UnsureMatch = z.infer<typeof UnsureMatchSchema>;

export const ImportCountsSchema = z.object({
  /** Data rows read below the header. */
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  /** Records of the register changed by a row. */
  updated: z.number().int().nonnegative(),
  /** Rows folded into an earlier row of the same file (policy "update"). */
  merged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const MappedRowSchema = z.object({
  row: z.number().int(),
  action: RowActionSchema,
  /** The register's record the row updates, or the earlier row it merges into / duplicates. */
  recordId: IdSchema.nullable(),
  duplicateOfRow: z.number().int().nullable(),
  values: z.record(z.string(), z.unknown()),
  /** The fields the row gave: its mapped columns, and what a cell gave besides (a link's website). */
  given: z.array(z.string()).optional(),
});
export type MappedRow = z.infer<typeof MappedRowSchema>;

export const PreviewResultSchema = z.object({
  counts: ImportCountsSchema,
  /** Errors first, then warnings; at most 1,000 listed, `issuesTotal` counts them all. */
  issues: z.array(ImportIssueSchema),
  issuesTotal: z.number().int().nonnegative(),
  duplicates: z.array(DuplicateGroupSchema),
  duplicatesTotal: z.number().int().nonnegative(),
  /** Rows matched on a likely but unsure duplicate, to be confirmed or kept apart (at most 200 listed). */
  unsure: z.array(UnsureMatchSchema),
  /** The first rows as they will be written. */
  sample: z.array(MappedRowSchema),
  /** The region rule in words, for the preview. */
  regionRule: z.string(),
});
export type PreviewResult = z.infer<typeof PreviewResultSchema>;

export const CommitResultSchema = z.object({
  /** Null when nothing was written (every row skipped or invalid): no import is recorded. */
  importId: z.string().nullable(),
  jobId: z.string(),
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  merged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Every invalid cell (at most 10,000 listed; `invalidTotal` counts them all). */
  invalid: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), message: z.string() })),
  invalidRows: z.number().int().nonnegative(),
  invalidTotal: z.number().int().nonnegative(),
  warnings: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), message: z.string() })),
  /** Column header → field (null when ignored). */
  mapping: z.record(z.string(), ImportFieldSchema.nullable()),
  /** Rows naming the same record, with what the duplicate policy did. */
  duplicates: z.array(DuplicateGroupSchema),
  /** Rows taken as another row's or record's company on an unsure match (see `options.apart`). */
  unsure: z.array(UnsureMatchSchema),
});
export type CommitResult = z.infer<typeof CommitResultSchema>;

export const ImportRecordSchema = z.object({
  id: z.string(),
  register: ImportRegisterSchema,
  fileName: z.string(),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  mapping: z.record(z.string(), ImportFieldSchema.nullable()),
  options: z.object({ onDuplicate: DuplicatePolicySchema, expandRegions: z.boolean() }),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  actor: z.string(),
  createdAt: IsoDateTimeSchema,
  undoneAt: IsoDateTimeSchema.nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

export const UndoResultSchema = z.object({
  importId: z.string(),
  register: ImportRegisterSchema,
  /** Records the import had created, now removed. */
  removed: z.number().int().nonnegative(),
  /** Records the import had updated, now back to their values before it. */
  reverted: z.number().int().nonnegative(),
});
export type UndoResult = z.infer<typeof UndoResultSchema>;

/** A saved mapping: normalised header → field (null = ignore), reusable on the next file of the same shape. */
export const MappingPresetSchema = z.object({
  name: z.string(),
  register: ImportRegisterSchema,
  mapping: z.record(z.string(), ImportFieldSchema.nullable()),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type MappingPreset = z.infer<typeof MappingPresetSchema>;

export const PresetNameSchema = z.string().trim().min(1, 'Give the preset a name.').max(100);

/** The file a door handed to the core (upload or open dialog). */
export const ImportFileSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
});
export type ImportFile = z.infer<typeof ImportFileSchema>;
