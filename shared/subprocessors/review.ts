import { z } from 'zod';
import { CountryCodeSchema, IdSchema, IsoDateSchema, OptionalTextSchema } from '../domain/common';
import { ImportSourceSchema, JobIdSchema } from '../import/types';
import type { ListEntry } from './diff';

/** A sub-processor list as read from a file or a pasted table, before it is compared. */
export interface SubprocessorListRead {
  fileName: string;
  sheet: string | null;
  headerRow: number;
  /** The columns read, with the field each was recognised as. */
  columns: { header: string; field: string }[];
  entries: ListEntry[];
  /** Rows left out or cells not read, each naming its row; title and note rows skipped. */
  warnings: string[];
}

/**
 * The batch id the audit entries of an accepted review's changes carry (`review:12`), so a record's history names
 * the review that changed it.
 */
export const REVIEW_BATCH = 'review:';

/** The most text a pasted table may hold (a long published list is about 100 kB). */
export const MAX_PASTE = 2_000_000;

/** Where the new list comes from: a file (a path at the command line, an id elsewhere) or a pasted table. */
export const ReviewSourceSchema = z.union([
  ImportSourceSchema,
  z
    .object({
      text: z
        .string()
        .max(MAX_PASTE, 'The pasted table is too long: save it as a file and give the file.')
        .refine((t) => t.trim().length > 0, 'Paste the table of sub-processors.'),
    })
    .strict(),
]);
export type ReviewSource = z.infer<typeof ReviewSourceSchema>;

const VendorRefSchema = z.union([IdSchema, z.string().trim().min(1, 'Name the vendor.').max(300)], {
  error: 'Give the vendor’s id or name.',
});

export const ReviewCheckInputSchema = z.object({
  /** The vendor whose list it is: its id or its name. */
  vendor: VendorRefSchema,
  noticeOn: IsoDateSchema,
  source: ReviewSourceSchema,
  sheet: z.string().min(1).max(200).optional(),
  jobId: JobIdSchema.optional(),
});
export type ReviewCheckInput = z.infer<typeof ReviewCheckInputSchema>;

export const DecisionSchema = z.enum(['open', 'questions', 'accepted', 'objected'], {
  error: 'Use open, questions, accepted or objected.',
});

const DecisionFieldsSchema = z.object({
  decidedOn: IsoDateSchema.nullish(),
  objectionSentOn: IsoDateSchema.nullish(),
  reasons: OptionalTextSchema(10_000).optional(),
});

/** Saves the review; `accepted` applies its changes to the vendor's chain in the same transaction. */
export const ReviewRecordInputSchema = ReviewCheckInputSchema.extend({
  decision: DecisionSchema.default('open'),
  noticeReference: OptionalTextSchema(500).optional(),
  /**
   * What the page showed when the DPO decided (the check's `fingerprint`): the review is refused when the chain
   * changed since, so what is applied is what was seen.
   */
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
}).extend(DecisionFieldsSchema.shape);
export type ReviewRecordInput = z.infer<typeof ReviewRecordInputSchema>;

/** The decision on a saved review; `accepted` applies its changes. */
export const ReviewDecideInputSchema = z
  .object({
    id: IdSchema,
    decision: z.enum(['questions', 'accepted', 'objected'], {
      error: 'Use accepted, objected or questions.',
    }),
    expectedUpdatedAt: z.string().optional(),
  })
  .extend(DecisionFieldsSchema.shape);
export type ReviewDecideInput = z.infer<typeof ReviewDecideInputSchema>;

const StepSchema = z.object({
  date: z.string().optional(),
  text: z.string(),
  rule: z.string(),
  confidence: z.enum(['V', 'S', 'R']),
});

export const ReviewCheckSchema = z.object({
  vendor: z.object({ id: IdSchema, name: z.string() }),
  noticeOn: IsoDateSchema,
  listSource: z.string(),
  read: z.object({
    sheet: z.string().nullable(),
    headerRow: z.number().int(),
    columns: z.array(z.object({ header: z.string(), field: z.string() })),
    companies: z.number().int(),
    warnings: z.array(z.string()),
  }),
  added: z.array(
    z.object({
      name: z.string(),
      countries: z.array(CountryCodeSchema),
      purposes: z.array(z.string()),
      unclear: z.array(z.string()),
      rows: z.array(z.number().int()),
      returningId: IdSchema.nullable(),
    }),
  ),
  removed: z.array(z.object({ id: IdSchema, name: z.string() })),
  changed: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      field: z.enum(['processingCountries', 'services']),
      old: z.array(z.string()),
      new: z.array(z.string()),
    }),
  ),
  unchanged: z.array(z.object({ id: IdSchema, name: z.string() })),
  newThirdCountries: z.array(CountryCodeSchema),
  /** How each new third country is covered today: adequacy, one of the vendor's transfer records, or a gap. */
  coverage: z.array(
    z.object({
      country: CountryCodeSchema,
      covered: z.enum(['adequacy', 'transfer', 'gap']),
      detail: z.string(),
    }),
  ),
  objectionDeadline: IsoDateSchema.nullable(),
  deadline: z.object({
    basis: z.enum(['contract', 'assumed', 'consent', 'none']),
    periodDays: z.number().int().nullable(),
    flags: z.array(z.string()),
    steps: z.array(StepSchema),
  }),
  /** The list changes nothing. */
  noChange: z.boolean(),
  /** Names these changes (SHA-256): give it back when deciding, so the changes applied are the ones seen. */
  fingerprint: z.string(),
  /** The vendor's undecided review, which must be decided (or archived) before another is saved. */
  undecided: z.object({ id: IdSchema, noticeOn: IsoDateSchema }).nullable(),
  /** The saved review; null when only checked. */
  reviewId: IdSchema.nullable(),
  /** What accepting wrote to the vendor register; null when nothing was applied. */
  applied: z
    .object({ created: z.number().int(), offboarded: z.number().int(), updated: z.number().int() })
    .nullable(),
});
export type ReviewCheck = z.infer<typeof ReviewCheckSchema>;

/** The words of a changed field, for every door. */
export const CHANGED_FIELD_LABEL: Record<'processingCountries' | 'services', string> = {
  processingCountries: 'Countries',
  services: 'Purpose',
};
