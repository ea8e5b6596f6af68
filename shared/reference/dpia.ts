import type { Note, Sourced } from './sources';

/**
 * DPIA screening and risk scales, from legal-reference.md §6 (Art 35, WP248 rev.01, Art 36, CNIL PIA scales).
 */

export interface Criterion extends Sourced {
  id: string;
  label: string;
}

/** Art 35(3): processing for which a DPIA is always required. */
export const ART_35_3_CASES = [
  {
    id: 'profiling-legal-effects',
    label:
      'Systematic and extensive evaluation of personal aspects by automated processing, including profiling, ' +
      'leading to decisions with legal or similarly significant effects',
    source: 'GDPR Art 35(3)(a)',
    confidence: 'V',
  },
  {
    id: 'large-scale-special-categories',
    label:
      'Large-scale processing of special categories (Art 9(1)) or of criminal conviction and offence data (Art 10)',
    source: 'GDPR Art 35(3)(b)',
    confidence: 'V',
  },
  {
    id: 'public-area-monitoring',
    label: 'Systematic monitoring of a publicly accessible area on a large scale',
    source: 'GDPR Art 35(3)(c)',
    confidence: 'V',
  },
] as const satisfies readonly Criterion[];
export type Art35Case = (typeof ART_35_3_CASES)[number]['id'];

const WP248: Sourced = { source: 'WP29 Guidelines WP248 rev.01 (endorsed by the EDPB)', confidence: 'V' };

/** The nine WP248 criteria for processing likely to result in a high risk. */
export const WP248_CRITERIA = [
  { id: 'evaluation-scoring', label: 'Evaluation or scoring, including profiling and prediction', ...WP248 },
  {
    id: 'automated-decision',
    label: 'Automated decision-making with legal or similarly significant effect',
    ...WP248,
  },
  { id: 'systematic-monitoring', label: 'Systematic monitoring', ...WP248 },
  { id: 'sensitive-data', label: 'Sensitive data or data of a highly personal nature', ...WP248 },
  { id: 'large-scale', label: 'Data processed on a large scale', ...WP248 },
  { id: 'matching-combining', label: 'Matching or combining datasets', ...WP248 },
  { id: 'vulnerable-subjects', label: 'Data concerning vulnerable data subjects', ...WP248 },
  {
    id: 'innovative-technology',
    label: 'Innovative use or new technological or organisational solutions',
    ...WP248,
  },
  {
    id: 'prevents-rights',
    label: 'Processing that prevents data subjects from exercising a right or using a service or contract',
    ...WP248,
  },
] as const satisfies readonly Criterion[];
export type Wp248Criterion = (typeof WP248_CRITERIA)[number]['id'];

export const DPIA_REQUIRED: Note = {
  text: 'A DPIA is required before processing likely to result in a high risk; Art 35(3) lists cases where it always is.',
  source: 'GDPR Art 35(1), 35(3)',
  confidence: 'V',
};

export const WP248_RULE_OF_THUMB: Note = {
  text:
    'In most cases processing meeting two criteria requires a DPIA; the more criteria, the likelier. Even one can ' +
    'be enough, and a controller may document why processing meeting two is still not high risk.',
  source: 'WP248 rev.01 (quoted by PANELFIT)',
  confidence: 'S',
};

export const AUTHORITY_LIST: Note = {
  text: 'The processing is on the supervisory authority’s list of processing requiring a DPIA.',
  source: 'GDPR Art 35(4)',
  confidence: 'R',
};

/** The CNIL's four levels, used for both likelihood and severity (French labels [V], English [S]). */
export const CNIL_LEVELS = {
  1: { en: 'Negligible', fr: 'Négligeable' },
  2: { en: 'Limited', fr: 'Limitée' },
  3: { en: 'Significant', fr: 'Importante' },
  4: { en: 'Maximum', fr: 'Maximale' },
} as const;

export const CNIL_SCALES: Note = {
  text: 'Likelihood and severity are each rated on the CNIL’s four levels: Negligible, Limited, Significant, Maximum.',
  source: 'CNIL PIA methodology and knowledge bases (French labels verified; English labels secondary)',
  confidence: 'S',
};

/**
 * The 4 × 4 map. No official CNIL combination rule was confirmed in the research; this follows the quadrants of
 * the CNIL's risk-management method as recalled: both axes Significant or Maximum → high (avoid or reduce);
 * one axis → medium (reduce); neither → low (may be accepted).
 */
export const RISK_MATRIX_RULE: Note = {
  text:
    'Both likelihood and severity Significant or above: high (avoid or reduce). One of them: medium (reduce). ' +
    'Neither: low (may be accepted).',
  source: 'CNIL risk map quadrants (engine mapping; no official rule confirmed)',
  confidence: 'R',
};

export const PRIOR_CONSULTATION: Note = {
  text:
    'A high risk that the controller’s measures cannot reduce requires consulting the supervisory authority ' +
    'before processing; it answers in 8 weeks, extendable by 6.',
  source: 'GDPR Art 36(1)–(2); Recital 84',
  confidence: 'R',
};
