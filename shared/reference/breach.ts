import type { Note } from './sources';

/**
 * Personal-data breach rules, from legal-reference.md §2 (GDPR Arts 33–34, EDPB Guidelines 9/2022, ICO).
 */

/** Who the notice goes to and within how many hours of awareness. */
export const BREACH_REGIMES = ['gdpr', 'uk-gdpr', 'uk-pecr'] as const;
export type BreachRegime = (typeof BREACH_REGIMES)[number];

export const BREACH_DEADLINES: Record<BreachRegime, Note & { hours: number }> = {
  gdpr: {
    hours: 72,
    text:
      'Notify the competent supervisory authority without undue delay and, where feasible, no later than 72 hours ' +
      'after becoming aware; a later notification must give the reasons for the delay.',
    source: 'GDPR Art 33(1)',
    confidence: 'V',
  },
  'uk-gdpr': {
    hours: 72,
    text: 'Report to the ICO without undue delay and, where feasible, within 72 hours of becoming aware.',
    source: 'UK GDPR Art 33(1); ICO report-a-breach page',
    confidence: 'V',
  },
  'uk-pecr': {
    hours: 72,
    text:
      'A public electronic communications service provider notifies the ICO without undue delay and, where ' +
      'feasible, not later than 72 hours after becoming aware (breaches of which it became aware from 20 August ' +
      '2025).',
    source:
      'PECR reg 5A(2) as amended by the Data (Use and Access) Act 2025 s.111, in force 20 August 2025 (SI 2025/904 ' +
      'reg 2(p)); ICO breach guidance [the amended wording read in secondary sources]',
    confidence: 'S',
  },
};

/**
 * PECR before 20 August 2025: the provider notified the ICO within 24 hours of detection where feasible (Reg.
 * (EU) 611/2013 Art 2(2), retained). The rule in force is chosen by the moment of awareness.
 */
export const PECR_BEFORE_DUAA: Note & { hours: number; until: string } = {
  hours: 24,
  /** The first moment the 72-hour rule applies: 00:00 on 20 August 2025 in London (BST, UTC+1). */
  until: '2025-08-19T23:00:00Z',
  text:
    'Before 20 August 2025 a public electronic communications service provider notified the ICO within 24 hours ' +
    'of detecting the breach, where feasible.',
  source: 'PECR reg 5A(2); Commission Regulation (EU) 611/2013 Art 2(2) (retained); SI 2025/904 reg 2(p)',
  confidence: 'S',
};

/** The authority deadline rule for a regime, by the moment of awareness (PECR changed on 20 August 2025). */
export function breachDeadlineRule(regime: BreachRegime, awareMs: number): Note & { hours: number } {
  if (regime === 'uk-pecr' && awareMs < Date.parse(PECR_BEFORE_DUAA.until)) return PECR_BEFORE_DUAA;
  return BREACH_DEADLINES[regime];
}

export const AWARENESS: Note = {
  text:
    'A controller is aware when it is reasonably certain that a security incident has compromised personal data; ' +
    'a short, prompt investigation may come first.',
  source: 'EDPB Guidelines 9/2022',
  confidence: 'S',
};

export const HOURS_RUN_THROUGH: Note = {
  text:
    'The hours run through nights, weekends and public holidays: the working-day roll of Reg. 1182/71 Art 3(4) ' +
    'covers only periods not counted in hours. The deadline is the moment of awareness plus exactly 72 hours, as ' +
    'computed in practice; Art 3(1) would not count the hour of awareness itself.',
  source: 'Reg. 1182/71 Art 3(1), 3(4) (reading not confirmed by any authority)',
  confidence: 'R',
};

export const LATE_REASONS: Note = {
  text: 'A notification made after the deadline must give the reasons for the delay.',
  source: 'GDPR Art 33(1)',
  confidence: 'V',
};

export const PHASED: Note = {
  text: 'Information not yet available may follow in phases, without further undue delay.',
  source: 'GDPR Art 33(4)',
  confidence: 'V',
};

export const RISK_LEVELS = ['none', 'risk', 'high'] as const;
export type BreachRiskLevel = (typeof RISK_LEVELS)[number];

/** What each risk level triggers (EDPB Guidelines 9/2022 Annex A); every breach is documented (Art 33(5)). */
export const RISK_OBLIGATIONS: Record<
  BreachRiskLevel,
  Note & { notifyAuthority: boolean; notifyDataSubjects: boolean }
> = {
  none: {
    notifyAuthority: false,
    notifyDataSubjects: false,
    text: 'Unlikely to result in a risk: no notification; document the breach only.',
    source: 'GDPR Art 33(1), 33(5); EDPB Guidelines 9/2022 Annex A',
    confidence: 'V',
  },
  risk: {
    notifyAuthority: true,
    notifyDataSubjects: false,
    text: 'Risk: notify the competent supervisory authority (the lead authority for cross-border processing).',
    source: 'GDPR Art 33(1); EDPB Guidelines 9/2022 Annex A',
    confidence: 'V',
  },
  high: {
    notifyAuthority: true,
    notifyDataSubjects: true,
    text:
      'High risk: notify the supervisory authority and tell the data subjects without undue delay, in clear and ' +
      'plain language, with the steps they can take.',
    source: 'GDPR Art 33(1), 34(1)–(2); EDPB Guidelines 9/2022 Annex A',
    confidence: 'V',
  },
};

export const DOCUMENT_EVERY_BREACH: Note = {
  text: 'Every breach is documented, notified or not: the facts, its effects and the remedial action.',
  source: 'GDPR Art 33(5)',
  confidence: 'V',
};

export const ART_34_3_EXEMPTIONS: Note = {
  text:
    'Telling data subjects is not needed if the data were unintelligible (e.g. encrypted), if later measures make ' +
    'the high risk unlikely, or if it would take disproportionate effort (then a public communication instead).',
  source: 'GDPR Art 34(3)',
  confidence: 'S',
};

export const PROCESSOR_NOTICE: Note = {
  text:
    'A processor notifies its controller without undue delay after becoming aware, without assessing the risk ' +
    'first; the GDPR sets no fixed time, so the limit here is the organisation’s or the contract’s.',
  source: 'GDPR Art 33(2); EDPB Guidelines 9/2022',
  confidence: 'V',
};

/** The default internal limit, in hours, for a processor's notice to its controller (an organisation setting). */
export const DEFAULT_PROCESSOR_LIMIT_HOURS = 24;
