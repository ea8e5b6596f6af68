import { z } from 'zod';
import { CountryCodeSchema, OptionalTextSchema } from './common';

/** The organisation whose registers these are: the controller, and the exporter of its transfers. */
export const OrganisationSchema = z.object({
  name: OptionalTextSchema(300).default(null),
  /** Where it is established (ISO 3166-1 alpha-2): decides the law its transfers are judged under. */
  country: CountryCodeSchema.nullable().default(null),
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
});
export type DeadlineSettings = z.output<typeof DeadlineSettingsSchema>;

export const SettingsSchema = z.object({
  organisation: OrganisationSchema,
  deadlines: DeadlineSettingsSchema.default({
    readings: 'cautious',
    extensionMethod: null,
    smallProcessingAgent: false,
  }),
});
export type Settings = z.output<typeof SettingsSchema>;

/** A change to some sections of the settings; a section left out keeps its value. */
export const SettingsUpdateSchema = z.object({
  organisation: OrganisationSchema.optional(),
  deadlines: DeadlineSettingsSchema.optional(),
});
export type SettingsUpdate = z.output<typeof SettingsUpdateSchema>;

export const SETTINGS_SECTIONS = ['organisation', 'deadlines'] as const;
