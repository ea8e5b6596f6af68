import { z } from 'zod';
import { JURISDICTION_CODES } from '../reference/jurisdictions';
import { isTimeZone } from '../rules/instant';
import { CountryCodeSchema, OptionalTextSchema } from './common';
import { DATE_FORMATS } from '../date-format';

/** The organisation whose registers these are: the controller, and the exporter of its transfers. */
export const OrganisationSchema = z.object({
  name: OptionalTextSchema(300).default(null),
  /** Where it is established (ISO 3166-1 alpha-2): decides the law its transfers are judged under. */
  country: CountryCodeSchema.nullable().default(null),
  /** How to reach the DPO, as the notices and filings give it. */
  dpoContact: OptionalTextSchema(500).default(null),
  /** The IANA zone its clocks are shown in (a breach deadline "17:00 Europe/Oslo"). */
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, { message: 'Use an IANA time zone such as Europe/Oslo.' })
    .nullable()
    .default(null),
});
export type Organisation = z.output<typeof OrganisationSchema>;

/**
 * How the organisation reads the deadline rules the law leaves open (shared/rules/rights-deadline.ts): which
 * reading to use where one is contested, how the GDPR extension is counted, and whether it is a small processing
 * agent under Brazil's Res. CD/ANPD 2/2022.
 */
export const DeadlineSettingsSchema = z.object({
  /** cautious: the earlier date wherever a reading is contested (default); later: the later reading. */
  readings: z.enum(['cautious', 'later'], { error: 'Use cautious or later.' }).default('cautious'),
  /** null: the engine's default (cautious under the GDPR, the ICO's reading under UK GDPR). */
  extensionMethod: z
    .enum(['from-receipt', 'from-base-deadline'], { error: 'Use from-receipt or from-base-deadline.' })
    .nullable()
    .default(null),
  smallProcessingAgent: z.boolean().default(false),
  /** The law a new rights request falls under unless said otherwise. */
  defaultJurisdiction: z
    .enum(JURISDICTION_CODES, { error: `Use one of ${JURISDICTION_CODES.join(', ')}.` })
    .nullable()
    .default(null),
  /** The region whose public holidays count besides the country's (a German state, a UK nation, a canton). */
  holidayRegion: z.string().trim().max(10).nullable().default(null),
  /** The organisation's own target for answering a request, in calendar days from the start. */
  internalTargetDays: z
    .number({ error: 'Give a whole number of days from 1 to 90.' })
    .int('Give a whole number of days from 1 to 90.')
    .min(1, 'Give a whole number of days from 1 to 90.')
    .max(90, 'Give a whole number of days from 1 to 90.')
    .nullable()
    .default(null),
  /** Days after a request is completed when the requester's contact details are erased (the dated facts stay). */
  contactRetentionDays: z
    .number({ error: 'Give a whole number of days from 30 to 3,650.' })
    .int('Give a whole number of days from 30 to 3,650.')
    .min(30, 'Give a whole number of days from 30 to 3,650.')
    .max(3650, 'Give a whole number of days from 30 to 3,650.')
    .default(365),
});
export type DeadlineSettings = z.output<typeof DeadlineSettingsSchema>;

/** How days are written and read: a chosen order, or the system's (auto). */
export const DisplaySettingsSchema = z.object({
  dateFormat: z.enum(DATE_FORMATS, { error: `Use one of ${DATE_FORMATS.join(', ')}.` }).default('auto'),
});
export type DisplaySettings = z.output<typeof DisplaySettingsSchema>;

/** Reminders of what falls due: desktop notifications, and the banner in the browser. */
export const ReminderSettingsSchema = z.object({
  enabled: z.boolean().default(true),
});
export type ReminderSettings = z.output<typeof ReminderSettingsSchema>;

export const SettingsSchema = z.object({
  organisation: OrganisationSchema,
  deadlines: DeadlineSettingsSchema.default({
    readings: 'cautious',
    extensionMethod: null,
    smallProcessingAgent: false,
    defaultJurisdiction: null,
    holidayRegion: null,
    internalTargetDays: null,
    contactRetentionDays: 365,
  }),
  reminders: ReminderSettingsSchema.default({ enabled: true }),
  display: DisplaySettingsSchema.default({ dateFormat: 'auto' }),
});
export type Settings = z.output<typeof SettingsSchema>;

/** A section's values as a change: each may be left out (it keeps its value); none takes a default. */
function patchOf<T extends z.ZodRawShape>(section: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(section.shape)) {
    const inner = value instanceof z.ZodDefault ? (value.unwrap() as z.ZodType) : (value as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.object(shape) as unknown as z.ZodType<Partial<z.output<z.ZodObject<T>>>>;
}

/** A change to some values of some sections of the settings; whatever is left out keeps its value. */
export const SettingsUpdateSchema = z.object({
  organisation: patchOf(OrganisationSchema).optional(),
  deadlines: patchOf(DeadlineSettingsSchema).optional(),
  reminders: patchOf(ReminderSettingsSchema).optional(),
  display: patchOf(DisplaySettingsSchema).optional(),
});
export type SettingsUpdate = z.output<typeof SettingsUpdateSchema>;

export const SETTINGS_SECTIONS = ['organisation', 'deadlines', 'reminders', 'display'] as const;
