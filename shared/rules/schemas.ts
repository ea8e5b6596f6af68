import { z } from 'zod';
import { parseCountry } from '../countries';
import { AppError, issuesFromZod } from '../errors';
import { EUROPEAN_PATENT_ORGANISATION } from '../reference/adequacy';
import { BREACH_REGIMES, RISK_LEVELS } from '../reference/breach';
import { ART_35_3_CASES, WP248_CRITERIA } from '../reference/dpia';
import { findJurisdiction, findRequestType, JURISDICTION_CODES } from '../reference/jurisdictions';
import { TRANSFER_MECHANISMS } from '../reference/transfer-instruments';
import { CountryCodeSchema, IsoDateSchema } from '../domain/common';
import { isTimeZone, parseInstant } from './instant';
import { resolveHolidayCalendar } from './rights-deadline';

/**
 * Zod schemas for every input of the rules engine, so the contract channels, the CLI and the UI validate the same
 * way. Each refuses bad input with a message naming the field; {@link parseRulesInput} turns the issues into one
 * VALIDATION AppError.
 */

export const JurisdictionCodeSchema = z.enum(JURISDICTION_CODES, {
  error: `Use one of ${JURISDICTION_CODES.join(', ')}.`,
});

export const ClockPauseSchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').nullish(),
  })
  .refine((p) => p.to >= p.from, { message: 'The pause ends before it starts.', path: ['to'] });

export const ExtensionMethodSchema = z.enum(['from-receipt', 'from-base-deadline'], {
  error: 'Use from-receipt or from-base-deadline.',
});

export const ReadingsSchema = z.enum(['cautious', 'later'], { error: 'Use cautious or later.' });

export const RightsDeadlineInputSchema = z
  .object({
    jurisdiction: JurisdictionCodeSchema,
    country: CountryCodeSchema.nullish(),
    region: z.string().trim().min(1).max(10).nullish(),
    requestType: z.string().trim().min(1, 'Give the request type.'),
    receivedOn: IsoDateSchema,
    identityReceivedOn: IsoDateSchema.nullish(),
    feeReceivedOn: IsoDateSchema.nullish(),
    pauses: z.array(ClockPauseSchema).max(50, 'At most 50 pauses.').default([]),
    extended: z.boolean().default(false),
    /** Unset: the ICO's reading under UK GDPR, the cautious earlier date under the GDPR. */
    extensionMethod: ExtensionMethodSchema.optional(),
    readings: ReadingsSchema.optional(),
    smallProcessingAgent: z.boolean().optional(),
    internalTargetDays: z
      .number({ error: 'Give a whole number of days.' })
      .int('Give a whole number of days.')
      .min(1, 'At least 1 day.')
      .max(366, 'At most 366 days.')
      .nullish(),
  })
  .superRefine((v, ctx) => {
    const j = findJurisdiction(v.jurisdiction);
    if (!j) return;
    if (!findRequestType(j, v.requestType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestType'],
        message: `Not a ${j.code} request type; use one of ${j.requestTypes.map((t) => t.type).join(', ')}.`,
      });
    }
    try {
      resolveHolidayCalendar(j, v.country, v.region);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const [issue] = (err.details as { path: string; message: string }[] | undefined) ?? [];
      ctx.addIssue({
        code: 'custom',
        path: [issue?.path ?? 'country'],
        message: issue?.message ?? err.message,
      });
    }
  });
export type RightsDeadlineRequest = z.infer<typeof RightsDeadlineInputSchema>;

/** An ISO-8601 moment with its offset ("2026-03-27T14:30:00+01:00" or "…Z"). */
export const InstantSchema = z.string().superRefine((v, ctx) => {
  try {
    parseInstant(v);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.addIssue({
      code: 'custom',
      message: 'Use an ISO-8601 moment with an offset, e.g. 2026-03-27T14:30:00+01:00.',
    });
  }
});

export const BreachClockInputSchema = z.object({
  awareAt: InstantSchema,
  timeZone: z.string().trim().refine(isTimeZone, 'Use an IANA time zone such as Europe/Paris.').nullish(),
  regime: z.enum(BREACH_REGIMES, { error: `Use one of ${BREACH_REGIMES.join(', ')}.` }).default('gdpr'),
  now: InstantSchema.nullish(),
  authorityNotifiedAt: InstantSchema.nullish(),
  delayReason: z.string().trim().max(2000, 'Keep the reason under 2000 characters.').nullish(),
  riskLevel: z.enum(RISK_LEVELS, { error: 'Use none, risk or high.' }).nullish(),
  processor: z
    .object({
      awareAt: InstantSchema,
      controllerNotifiedAt: InstantSchema.nullish(),
      limitHours: z
        .number()
        .positive('Give a positive number of hours.')
        .max(720, 'At most 720 hours.')
        .nullish(),
    })
    .nullish(),
});
export type BreachClockRequest = z.infer<typeof BreachClockInputSchema>;

/** An importer's country: an ISO code or a common name, or EPO for the European Patent Organisation. */
export const ImporterCountrySchema = z.string().transform((v, ctx) => {
  if (v.trim().toUpperCase() === EUROPEAN_PATENT_ORGANISATION) return EUROPEAN_PATENT_ORGANISATION;
  const code = parseCountry(v);
  if (code) return code;
  ctx.addIssue({
    code: 'custom',
    message: 'Not a country we recognise; use an ISO code such as US, or EPO.',
  });
  return z.NEVER;
});

export const TransferCheckInputSchema = z.object({
  exporterCountry: CountryCodeSchema,
  importerCountry: ImporterCountrySchema,
  mechanism: z.enum(TRANSFER_MECHANISMS, { error: `Use one of ${TRANSFER_MECHANISMS.join(', ')}.` }),
  sccModule: z
    .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'Use module 1, 2, 3 or 4.' })
    .nullish(),
  signedOn: IsoDateSchema.nullish(),
  tia: z.enum(['done', 'missing'], { error: 'Use done or missing.' }).nullish(),
  importerDpfCertified: z.boolean().default(false),
  importerInScope: z.boolean().nullish(),
  on: IsoDateSchema,
});
export type TransferCheckRequest = z.infer<typeof TransferCheckInputSchema>;

export const DpiaScreeningInputSchema = z.object({
  art35Cases: z.array(z.enum(ART_35_3_CASES.map((c) => c.id))).default([]),
  criteria: z.array(z.enum(WP248_CRITERIA.map((c) => c.id))).default([]),
  onAuthorityList: z.boolean().default(false),
  reasonNotRequired: z.string().trim().max(4000).nullish(),
});

const CnilLevelSchema = z
  .number()
  .int('Use a level from 1 (Negligible) to 4 (Maximum).')
  .min(1, 'Use a level from 1 (Negligible) to 4 (Maximum).')
  .max(4, 'Use a level from 1 (Negligible) to 4 (Maximum).');

export const DpiaRiskInputSchema = z.object({
  title: z.string().trim().max(200).optional(),
  likelihood: CnilLevelSchema,
  severity: CnilLevelSchema,
  residualLikelihood: CnilLevelSchema.nullish(),
  residualSeverity: CnilLevelSchema.nullish(),
});
export const DpiaRisksInputSchema = z.array(DpiaRiskInputSchema).max(200);

/**
 * Parses input with one of the schemas above; on failure throws a VALIDATION AppError whose message names each
 * field ("receivedOn: This date does not exist.") and whose details are the field issues, the first per field.
 */
export function parseRulesInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // One message per field: a malformed date would otherwise also be reported as a date that does not exist.
  const issues = issuesFromZod(result.error).filter(
    (issue, i, all) => all.findIndex((other) => other.path === issue.path) === i,
  );
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError('VALIDATION', message, issues);
}
