import type { Sourced } from './sources';

/**
 * EEA membership by ISO 3166-1 alpha-2 code.
 * Source: legal-reference §5.2 — EU 27 plus EEA-EFTA (IS, LI, NO) [V]; "EL" is mapped to GR by parseCountry.
 * Territories [R] (check each before relying on it): ISO gives separate codes to territories legally inside a
 * member state (Åland AX; the French outermost regions GF, GP, MQ, RE, YT, MF; the Canaries, Azores and Madeira
 * share ES/PT). Outside the EU: FO (Faroe Islands, own adequacy decision), GL (Greenland), SJ (Svalbard, excluded
 * by the EEA Agreement).
 */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;

export const EEA_EFTA_STATES = ['IS', 'LI', 'NO'] as const;

/** Territories with their own ISO code that are legally part of an EU member state [R]. */
export const EEA_TERRITORIES: Record<string, string> = {
  AX: 'FI',
  GF: 'FR',
  GP: 'FR',
  MQ: 'FR',
  RE: 'FR',
  YT: 'FR',
  MF: 'FR',
};

const EEA = new Set<string>([...EU_MEMBER_STATES, ...EEA_EFTA_STATES, ...Object.keys(EEA_TERRITORIES)]);

/** True when the country (ISO alpha-2) is in the EEA, counting the territories above. */
export function isInEea(code: string): boolean {
  return EEA.has(code.toUpperCase());
}

/** Where EEA membership comes from, as cited in explanations. */
export const EEA_MEMBERSHIP: Sourced = {
  source: 'EEA Agreement; legal-reference §5.2 (EU 27 + IS, LI, NO)',
  confidence: 'V',
};

/** The territory mapping above is unverified [R]. */
export const EEA_TERRITORY_MAPPING: Sourced = {
  source: 'legal-reference §5.2 (territories)',
  confidence: 'R',
};

/** True when the code is one of the territories mapped to a member state above (unverified mapping). */
export function isEeaTerritory(code: string): boolean {
  return code.toUpperCase() in EEA_TERRITORIES;
}
