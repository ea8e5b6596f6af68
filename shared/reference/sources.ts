/**
 * How well a fact was checked, as marked in legal-reference.md:
 * V verified against the primary text or the regulator's page; S verified against a secondary source that
 * quotes it; R unverified (recall or one weak source): check it before relying on it.
 */
export type Confidence = 'V' | 'S' | 'R';

/** A fact's legal source and how well it was checked. Every reference fact carries one. */
export interface Sourced {
  /** The rule cited, e.g. "GDPR Art 12(3)" or "Reg. 1182/71 Art 3(4)". */
  source: string;
  confidence: Confidence;
}

/** A fact with the sentence that states it. */
export type Note = Sourced & { text: string };

/** The citation as shown to a DPO: the source with its mark, e.g. "Art 12A UK GDPR [S]"; [V] is implied. */
export function cite(fact: Sourced): string {
  return fact.confidence === 'V' ? fact.source : `${fact.source} [${fact.confidence}]`;
}

/** The text a DPO reads beside an unverified fact. */
export const UNVERIFIED_MARK = '[R] unverified: check before relying on it.';

/** The lowest confidence of several facts (a conclusion is only as sure as its weakest source). */
export function weakest(...levels: Confidence[]): Confidence {
  if (levels.includes('R')) return 'R';
  if (levels.includes('S')) return 'S';
  return 'V';
}
