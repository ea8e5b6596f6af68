import type { Sourced } from './sources';

/**
 * The lawful bases of GDPR Art 6(1), the special categories of Art 9(1) with criminal-offence data (Art 10), and
 * the conditions of Art 9(2) that lift the prohibition. Texts read in reproductions of the Regulation (GDPRhub's
 * legal text, a published deskbook): [S].
 */
export interface LegalOption extends Sourced {
  value: string;
  label: string;
  /** The letter or paragraph the option is, for exports and the CLI ("6(1)(b)"). */
  ref: string;
  /** Words registers and templates use for it (import). */
  words: readonly string[];
}

const ART6: Pick<Sourced, 'confidence'> = { confidence: 'S' };

export const LAWFUL_BASES = [
  {
    value: 'consent',
    label: 'Consent',
    ref: '6(1)(a)',
    source: 'GDPR Art 6(1)(a)',
    words: ['consent', 'consentement', 'einwilligung', '6(1)(a)', 'art 6 1 a'],
    ...ART6,
  },
  {
    value: 'contract',
    label: 'Contract',
    ref: '6(1)(b)',
    source: 'GDPR Art 6(1)(b)',
    words: [
      'contract',
      'performance of a contract',
      'contractual necessity',
      'exécution du contrat',
      'contrat',
      'vertrag',
      'vertragserfüllung',
      '6(1)(b)',
      'art 6 1 b',
    ],
    ...ART6,
  },
  {
    value: 'legal-obligation',
    label: 'Legal obligation',
    ref: '6(1)(c)',
    source: 'GDPR Art 6(1)(c)',
    words: [
      'legal obligation',
      'legal requirement',
      'compliance with a legal obligation',
      'obligation légale',
      'rechtliche verpflichtung',
      '6(1)(c)',
      'art 6 1 c',
    ],
    ...ART6,
  },
  {
    value: 'vital-interests',
    label: 'Vital interests',
    ref: '6(1)(d)',
    source: 'GDPR Art 6(1)(d)',
    words: ['vital interests', 'vital interest', 'intérêts vitaux', 'lebenswichtige interessen', '6(1)(d)'],
    ...ART6,
  },
  {
    value: 'public-task',
    label: 'Public task',
    ref: '6(1)(e)',
    source: 'GDPR Art 6(1)(e)',
    words: [
      'public task',
      'public interest',
      'official authority',
      'mission d’intérêt public',
      "mission d'intérêt public",
      'öffentliches interesse',
      '6(1)(e)',
    ],
    ...ART6,
  },
  {
    value: 'legitimate-interests',
    label: 'Legitimate interests',
    ref: '6(1)(f)',
    source: 'GDPR Art 6(1)(f)',
    words: [
      'legitimate interests',
      'legitimate interest',
      'intérêt légitime',
      'intérêts légitimes',
      'berechtigtes interesse',
      'berechtigte interessen',
      '6(1)(f)',
      'art 6 1 f',
    ],
    ...ART6,
  },
] as const satisfies readonly LegalOption[];

/** Special categories (Art 9(1)) and criminal-offence data (Art 10). */
export const SPECIAL_CATEGORIES = [
  {
    value: 'racial-ethnic',
    label: 'Racial or ethnic origin',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['race', 'ethnic origin', 'racial origin'],
    ...ART6,
  },
  {
    value: 'political',
    label: 'Political opinions',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['political opinions', 'politics'],
    ...ART6,
  },
  {
    value: 'religious',
    label: 'Religious or philosophical beliefs',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['religion', 'religious beliefs', 'philosophical beliefs'],
    ...ART6,
  },
  {
    value: 'trade-union',
    label: 'Trade union membership',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['trade union', 'union membership'],
    ...ART6,
  },
  {
    value: 'genetic',
    label: 'Genetic data',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['genetic', 'dna'],
    ...ART6,
  },
  {
    value: 'biometric',
    label: 'Biometric data (to identify a person)',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['biometric', 'biometrics', 'fingerprint', 'facial recognition'],
    ...ART6,
  },
  {
    value: 'health',
    label: 'Health data',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['health', 'medical', 'santé', 'gesundheit', 'gesundheitsdaten'],
    ...ART6,
  },
  {
    value: 'sex-life',
    label: 'Sex life or sexual orientation',
    ref: '9(1)',
    source: 'GDPR Art 9(1)',
    words: ['sex life', 'sexual orientation'],
    ...ART6,
  },
  {
    value: 'criminal',
    label: 'Criminal convictions and offences (Art 10)',
    ref: '10',
    source: 'GDPR Art 10',
    words: ['criminal', 'criminal records', 'convictions', 'offences', 'casier judiciaire', 'strafregister'],
    ...ART6,
  },
] as const satisfies readonly LegalOption[];

/** The conditions of Art 9(2) that lift the prohibition of Art 9(1). */
export const ART9_CONDITIONS = [
  [
    'explicit-consent',
    'Explicit consent',
    'a',
    ['explicit consent', 'consentement explicite', 'ausdrückliche einwilligung'],
  ],
  [
    'employment',
    'Employment, social security and social protection law',
    'b',
    ['employment', 'social security', 'employment law'],
  ],
  ['vital-interests', 'Vital interests, where the person cannot consent', 'c', ['vital interests']],
  [
    'not-for-profit',
    'Not-for-profit body (its members)',
    'd',
    ['not-for-profit', 'non-profit', 'foundation', 'association'],
  ],
  [
    'made-public',
    'Manifestly made public by the data subject',
    'e',
    ['made public', 'manifestly made public'],
  ],
  [
    'legal-claims',
    'Legal claims or courts acting judicially',
    'f',
    ['legal claims', 'defence of legal claims'],
  ],
  [
    'substantial-public-interest',
    'Substantial public interest (on Union or Member State law)',
    'g',
    ['substantial public interest'],
  ],
  [
    'health-care',
    'Preventive or occupational medicine, health or social care',
    'h',
    ['medicine', 'health care', 'occupational medicine', 'social care'],
  ],
  ['public-health', 'Public health', 'i', ['public health']],
  [
    'archiving-research',
    'Archiving, scientific or historical research, statistics (Art 89(1))',
    'j',
    ['archiving', 'research', 'statistics', 'scientific research'],
  ],
].map(([value, label, letter, words]): LegalOption => ({
  value: value as string,
  label: label as string,
  ref: `9(2)(${letter as string})`,
  source: `GDPR Art 9(2)(${letter as string})`,
  confidence: 'S',
  words: [...(words as string[]), `9(2)(${letter as string})`, `art 9 2 ${letter as string}`],
}));

/** A record of processing needs an Art 9(2) condition whenever it processes special categories (Art 9(1)). */
export const ART9_PAIRING: Sourced & { text: string } = {
  text: 'Special categories of personal data may be processed only on one of the conditions of Art 9(2).',
  source: 'GDPR Art 9(1)–(2)',
  confidence: 'S',
};

/** A right of the data subject and whether a lawful basis leaves it, with the rule that says so. */
export interface RightUnderBasis extends Sourced {
  right: string;
  applies: (basis: string) => boolean;
}

/**
 * Which of the data subject's rights a lawful basis leaves (the ICO's template asks for them per activity).
 * Access, rectification and restriction hold whatever the basis; erasure yields to a legal obligation or a
 * public task (Art 17(3)(b)); portability needs consent or a contract, and processing by automated means
 * (Art 20(1)); objection is against a public task or legitimate interests (Art 21(1)); consent may be withdrawn
 * (Art 7(3)). Read in reproductions of the Regulation: [S].
 */
export const RIGHTS_BY_BASIS: readonly RightUnderBasis[] = [
  { right: 'access', applies: () => true, source: 'GDPR Art 15', confidence: 'S' },
  { right: 'rectification', applies: () => true, source: 'GDPR Art 16', confidence: 'S' },
  {
    right: 'erasure',
    applies: (b) => b !== 'legal-obligation' && b !== 'public-task',
    source: 'GDPR Art 17(3)(b)',
    confidence: 'S',
  },
  { right: 'restriction', applies: () => true, source: 'GDPR Art 18', confidence: 'S' },
  {
    right: 'data portability (where processing is automated)',
    applies: (b) => b === 'consent' || b === 'contract',
    source: 'GDPR Art 20(1)',
    confidence: 'S',
  },
  {
    right: 'object',
    applies: (b) => b === 'public-task' || b === 'legitimate-interests',
    source: 'GDPR Art 21(1)',
    confidence: 'S',
  },
  { right: 'withdraw consent', applies: (b) => b === 'consent', source: 'GDPR Art 7(3)', confidence: 'S' },
];
