import { z } from 'zod';
import { CountryCodeSchema, OptionalTextSchema } from './common';

/** The organisation whose registers these are: the controller, and the exporter of its transfers. */
export const OrganisationSchema = z.object({
  name: OptionalTextSchema(300).default(null),
  /** Where it is established (ISO 3166-1 alpha-2): decides the law its transfers are judged under. */
  country: CountryCodeSchema.nullable().default(null),
});
export type Organisation = z.output<typeof OrganisationSchema>;

export const SettingsSchema = z.object({ organisation: OrganisationSchema });
export type Settings = z.output<typeof SettingsSchema>;
