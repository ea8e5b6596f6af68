import type { Note, Sourced } from './sources';

/**
 * Rights-request deadlines per jurisdiction, from legal-reference.md §1 (GDPR, UK GDPR) and §3 (other laws).
 * Every period, extension and acknowledgement carries its source and confidence mark; the rules engine
 * (shared/rules/rights-deadline.ts) cites them in its trace.
 */
export const JURISDICTION_CODES = [
  'GDPR',
  'UK-GDPR',
  'CCPA',
  'VCDPA',
  'CPA',
  'LGPD',
  'PIPEDA',
  'FADP',
] as const;
export type JurisdictionCode = (typeof JURISDICTION_CODES)[number];

/** A response period as the law counts it. */
export type Period =
  /** Calendar months under Reg. 1182/71 Art 3(2)(c): same date in the target month, else its last day. */
  | { unit: 'months'; amount: number }
  /** Calendar days; `receiptIsDayOne` when the law makes the day of receipt day 1 (CCPA), else it is day 0. */
  | { unit: 'calendar-days'; amount: number; receiptIsDayOne: boolean }
  /** Business days (Monday–Friday, not a holiday of the jurisdiction's calendar), counted after receipt. */
  | { unit: 'business-days'; amount: number }
  /** At once: the due date is the day of receipt. */
  | { unit: 'immediate' };

/**
 * How far a response period may be extended, counted from the end of the base period; `notice` is the rule for
 * telling the requester (by the base deadline) when it differs from the extension's own source.
 */
export type Extension = (
  | { unit: 'months'; amount: number }
  | { unit: 'calendar-days'; amount: number }
  /** The law lets the controller set a longer period without a fixed maximum (FADP). */
  | { unit: 'open' }
) &
  Sourced & { notice?: Note };

export interface RequestTypeRule extends Sourced {
  type: string;
  label: string;
  period: Period;
  extension: Extension | null;
  /** A legally required acknowledgement of receipt, in business days. */
  acknowledgement: ({ unit: 'business-days'; amount: number } & Sourced) | null;
  /** Said in the trace of every deadline of this type. */
  note?: Note;
  /** The period of a small processing agent (Brazil, Res. CD/ANPD 2/2022), when the organisation is one. */
  smallAgentPeriod?: Period & Sourced & { text: string };
}

/** Whose public holidays move a deadline or count against business days. */
export type HolidayScope =
  /** The EEA state given with the request (GDPR; Reg. 1182/71 Art 2(1)). */
  | { kind: 'member-state' }
  /** UK bank holidays of a region: eng (default), sct, nir, wls. */
  | { kind: 'uk-region' }
  /** One fixed calendar, e.g. California's state holidays for CCPA business days. */
  | { kind: 'fixed'; country: string; region: string }
  /**
   * A country's calendar, narrowed by the region given with the request (a Canadian province, a Brazilian state,
   * a Swiss canton); `regionLabel` names what a region is there.
   */
  | { kind: 'national'; country: string; regionLabel: string };

/**
 * The rule that moves a last day falling on a non-working day to the next working day. Sundays and the
 * calendar's holidays always stop the date; `saturday` says whether Saturdays do too.
 */
export interface RollRule extends Note {
  saturday: boolean;
  /** The country's deadline law also treats these days like holidays (Sweden's eves): a contested reading. */
  equivalentDays?: boolean;
}

/**
 * A reading of the law that is contested, with what each reading does. The engine keeps the cautious (earlier)
 * date unless the organisation chooses the later reading, and says in the trace what the other gives.
 */
export interface ContestedReading extends Note {
  /** Under the later reading: the day of receipt is not counted (it is under the cautious one). */
  receiptNotCounted?: boolean;
  /** Under the later reading: this rule moves the last day (instead of the jurisdiction's own, or none). */
  roll?: RollRule;
}

export interface Jurisdiction {
  code: JurisdictionCode;
  name: string;
  law: string;
  holidays: HolidayScope | null;
  /** The rule that moves a due date off a weekend or holiday, or null when dates stand as counted. */
  roll: RollRule | null;
  /** Why no rule moves a due date (checked and not found, or found not to apply); null when one does. */
  noRoll: Note | null;
  /** Readings the law leaves open that change the due date; the cautious one is the default. */
  contested?: ContestedReading;
  /** When the clock starts. */
  start: Note;
  /** Under UK GDPR the clock starts at the latest of request, identity evidence and fee (Art 12A). */
  startAtLatestOfIdentityAndFee: boolean;
  /**
   * Whether the clock may be paused, and the rule that says so (or that none was found). `inclusive`: the pause
   * is a period "beginning with" its first day and "ending with" its last, so both days are excluded (a pause
   * that starts and ends on the same day excludes that day); otherwise the clock stops on the first day and runs
   * again on the last, adding the days between.
   */
  pauses: Note & { allowed: boolean; inclusive?: boolean };
  requestTypes: RequestTypeRule[];
}

const GDPR_PERIOD: Sourced = { source: 'GDPR Art 12(3); Reg. 1182/71 Art 3(1), 3(2)(c)', confidence: 'V' };
const GDPR_EXTENSION: Extension = {
  unit: 'months',
  amount: 2,
  source: 'GDPR Art 12(3)',
  confidence: 'V',
  notice: {
    text: 'Any extension must be notified, with reasons, within one month of receipt; after that none can be claimed.',
    source: 'GDPR Art 12(3); DPC access FAQ',
    confidence: 'V',
  },
};
const UK_PERIOD: Sourced = { source: 'UK GDPR Art 12(3); ICO time limits page', confidence: 'V' };
const UK_EXTENSION: Extension = {
  unit: 'months',
  amount: 2,
  source: 'UK GDPR Art 12(3); ICO: three months from receipt',
  confidence: 'V',
  notice: {
    text: 'Any extension must be notified, with reasons, within one month of receipt.',
    source: 'UK GDPR Art 12(3); ICO time limits page',
    confidence: 'V',
  },
};

const WITHDRAW_CONSENT_NOTE: Note = {
  text:
    'Withdrawal of consent (Art 7(3)) is not one of the Arts 15–22 requests: it should take effect without ' +
    'delay. The one-month limit of Art 12(3) is shown as the outer limit.',
  source: 'GDPR Art 7(3)',
  confidence: 'R',
};

function gdprTypes(period: Sourced, extension: Extension): RequestTypeRule[] {
  const t = (type: string, label: string, note?: Note): RequestTypeRule => ({
    type,
    label,
    period: { unit: 'months', amount: 1 },
    extension,
    acknowledgement: null,
    ...period,
    ...(note ? { note } : {}),
  });
  return [
    t('access', 'Access (Art 15)'),
    t('rectification', 'Rectification (Art 16)'),
    t('erasure', 'Erasure (Art 17)'),
    t('restriction', 'Restriction (Art 18)'),
    t('portability', 'Portability (Art 20)'),
    t('objection', 'Objection (Art 21)'),
    t('automated-decision', 'Automated decision-making (Art 22)'),
    t('withdraw-consent', 'Withdrawal of consent (Art 7(3))', WITHDRAW_CONSENT_NOTE),
  ];
}

const CCPA_45: Sourced = { source: 'Cal. Civ. Code §1798.130(a)(2)(A); 11 CCR §7021(b)', confidence: 'S' };
const CCPA_ACK = { unit: 'business-days', amount: 10, source: '11 CCR §7021(a)', confidence: 'S' } as const;

function ccpaRightsType(type: string, label: string): RequestTypeRule {
  return {
    type,
    label,
    period: { unit: 'calendar-days', amount: 45, receiptIsDayOne: true },
    extension: { unit: 'calendar-days', amount: 45, ...CCPA_45 },
    acknowledgement: CCPA_ACK,
    ...CCPA_45,
    note: {
      text: 'Time spent verifying the consumer does not extend the period.',
      ...CCPA_45,
    },
  };
}

function usStateType(type: string, label: string, fact: Sourced): RequestTypeRule {
  return {
    type,
    label,
    period: { unit: 'calendar-days', amount: 45, receiptIsDayOne: false },
    extension: { unit: 'calendar-days', amount: 45, ...fact },
    acknowledgement: null,
    ...fact,
  };
}

const NO_PAUSE: Note & { allowed: boolean } = {
  allowed: false,
  text: 'No rule recorded lets the clock pause under this law; the period runs on.',
  source: 'legal-reference §3 (no pause rule recorded)',
  confidence: 'R',
};

const VA_45: Sourced = { source: 'Va. Code §59.1-577(B)(1)–(2)', confidence: 'S' };
const CO_45: Sourced = { source: 'C.R.S. §6-1-1306(2)', confidence: 'R' };

/** The jurisdictions the engine knows, with their request types. */
export const JURISDICTIONS: readonly Jurisdiction[] = [
  {
    code: 'GDPR',
    name: 'EU/EEA GDPR',
    law: 'Regulation (EU) 2016/679',
    holidays: { kind: 'member-state' },
    roll: {
      saturday: true,
      text:
        'A period counted in months that ends on a Saturday, Sunday or public holiday ends on the following ' +
        'working day, using the holidays of the Member State where the act is done.',
      source: 'Reg. 1182/71 Art 3(4), Art 2(1); EDPB Guidelines 01/2022 §161',
      confidence: 'V',
    },
    noRoll: null,
    contested: {
      text:
        'Contested reading: Swedish and Finnish law (and Dutch law for Good Friday and days equated by decree) ' +
        'move their own statutory deadlines past days that are not public holidays (midsummer, Christmas and, ' +
        'in Sweden, New Year’s Eve). Whether Reg. 1182/71 Art 2(1) counts them is not settled: by default they ' +
        'do not move the date.',
      source:
        'Reg. 1182/71 Art 2(1); SE Lag (1930:173) §2; FI Laki 150/1930 §5 (applies before courts and ' +
        'authorities); NL Algemene termijnenwet art 3(2)–(3)',
      confidence: 'R',
      roll: {
        saturday: true,
        equivalentDays: true,
        text:
          'The period ends on the following working day, counting as holidays also the days the national ' +
          'deadline law treats like holidays (later reading).',
        source: 'Reg. 1182/71 Art 3(4), Art 2(1), read with the national deadline law',
        confidence: 'R',
      },
    },
    start: {
      text: 'The clock starts when the request reaches the controller through one of its official channels.',
      source: 'EDPB Guidelines 01/2022 §159',
      confidence: 'S',
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: {
      allowed: true,
      text:
        'Time may be suspended while the controller waits for information it asked for without undue delay ' +
        'to identify the requester or to narrow a broad request (Recital 63). The GDPR text itself has no ' +
        'express basis for this suspension.',
      source: 'EDPB Guidelines 01/2022 §159',
      confidence: 'S',
    },
    requestTypes: gdprTypes(GDPR_PERIOD, GDPR_EXTENSION),
  },
  {
    code: 'UK-GDPR',
    name: 'UK GDPR',
    law: 'UK GDPR and Data Protection Act 2018',
    holidays: { kind: 'uk-region' },
    roll: {
      saturday: true,
      text: 'A deadline that falls on a weekend or bank holiday moves to the next working day.',
      source: 'ICO time limits page',
      confidence: 'V',
    },
    noRoll: null,
    start: {
      text:
        'The calendar month starts on the day of receipt, even a weekend or holiday, and ends on the ' +
        'matching date of the next month.',
      source: 'ICO time limits page',
      confidence: 'V',
    },
    startAtLatestOfIdentityAndFee: true,
    pauses: {
      allowed: true,
      inclusive: true,
      text:
        'The clock stops while the controller waits for a clarification it has asked for ("stop the clock"): the ' +
        'period excluded begins with the day the controller makes the request and ends with the day it receives ' +
        'the information, both days included.',
      source: 'Art 12A UK GDPR (DUAA 2025; in force 5 Feb 2026, SI 2026/82)',
      confidence: 'S',
    },
    requestTypes: gdprTypes(UK_PERIOD, UK_EXTENSION),
  },
  {
    code: 'CCPA',
    name: 'California CCPA/CPRA',
    law: 'Cal. Civ. Code §1798.100 ff.; 11 CCR §7000 ff.',
    holidays: { kind: 'fixed', country: 'US', region: 'CA' },
    roll: null,
    noRoll: {
      text:
        'Under the cautious reading the 45 days include the day of receipt and the last day stands even on a ' +
        'weekend or holiday.',
      ...CCPA_45,
    },
    contested: {
      text:
        'Contested reading: 11 CCR §7021(b) says the 45 days "begin on the day that the business receives the ' +
        'request", which makes receipt day 1; California’s general computation rule excludes the first day and ' +
        'moves a last day falling on a Saturday or judicial holiday to the next day, for periods set by any ' +
        'code or regulation. No CPPA guidance or ruling settles it: by default the earlier date is used.',
      source: '11 CCR §7021(b); Cal. Code Civ. Proc. §§12, 12a(b), 135; Cal. Civ. Code §10',
      confidence: 'R',
      receiptNotCounted: true,
      roll: {
        saturday: true,
        text:
          'Code Civ. Proc. §12a: a last day on a Saturday or holiday moves to the next day that is not one ' +
          '(judicial holidays, §135; the California calendar is used, which may differ from the judicial list).',
        source: 'Cal. Code Civ. Proc. §§12a, 135',
        confidence: 'R',
      },
    },
    start: {
      text: 'The period begins on the day the business receives the request, whatever time verification takes.',
      ...CCPA_45,
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: {
      allowed: false,
      text: 'The period runs regardless of the time needed to verify the request; there is no pause.',
      ...CCPA_45,
    },
    requestTypes: [
      ccpaRightsType('know', 'Request to know'),
      ccpaRightsType('delete', 'Request to delete'),
      ccpaRightsType('correct', 'Request to correct'),
      {
        type: 'opt-out',
        label: 'Opt-out of sale or sharing',
        period: { unit: 'business-days', amount: 15 },
        extension: null,
        acknowledgement: null,
        source: '11 CCR §7026(f)(1)',
        confidence: 'S',
        note: {
          text: 'Comply as soon as feasibly possible; 15 business days is the maximum. No verification applies.',
          source: '11 CCR §7026(f)(1)',
          confidence: 'S',
        },
      },
      {
        type: 'limit',
        label: 'Limit use of sensitive personal information',
        period: { unit: 'business-days', amount: 15 },
        extension: null,
        acknowledgement: null,
        source: '11 CCR §7027',
        confidence: 'R',
      },
    ],
  },
  {
    code: 'VCDPA',
    name: 'Virginia VCDPA',
    law: 'Va. Code §59.1-575 ff.',
    holidays: { kind: 'fixed', country: 'US', region: 'VA' },
    roll: null,
    noRoll: {
      text:
        'Virginia’s computation statute excludes the day of receipt but moves a last day off a weekend or holiday ' +
        'only in court proceedings, for bringing an action, or for acts at a government office; no rule found ' +
        'moves a controller’s reply, so the date stands.',
      source: 'Va. Code §1-210(A)–(C), (E) [text S; not applying to a VCDPA reply: no authority found]',
      confidence: 'R',
    },
    start: {
      text: 'The period runs from receipt of the request; the day of receipt is not counted.',
      ...VA_45,
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: NO_PAUSE,
    requestTypes: [
      usStateType('access', 'Access', VA_45),
      usStateType('correct', 'Correction', VA_45),
      usStateType('delete', 'Deletion', VA_45),
      usStateType('portability', 'Portability', VA_45),
      usStateType('opt-out', 'Opt-out (targeted advertising, sale, profiling)', VA_45),
      {
        type: 'appeal',
        label: 'Appeal of a refusal',
        period: { unit: 'calendar-days', amount: 60, receiptIsDayOne: false },
        extension: null,
        acknowledgement: null,
        source: 'Va. Code §59.1-577(C)',
        confidence: 'R',
      },
    ],
  },
  {
    code: 'CPA',
    name: 'Colorado Privacy Act',
    law: 'C.R.S. §6-1-1301 ff.',
    holidays: { kind: 'fixed', country: 'US', region: 'CO' },
    roll: {
      saturday: true,
      text:
        'If the last day of a period is a Saturday, Sunday or legal holiday, the period runs to the next day that ' +
        'is none of those (Colorado’s general rule for computing periods; no CPA-specific rule found).',
      source:
        'C.R.S. §2-4-108(1)–(2); legal holidays C.R.S. §24-11-101 [text S; its application to the CPA R]',
      confidence: 'R',
    },
    noRoll: null,
    start: {
      text: 'The period runs from receipt of the request; the day of receipt is not counted.',
      ...CO_45,
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: NO_PAUSE,
    requestTypes: [
      usStateType('access', 'Access', CO_45),
      usStateType('correct', 'Correction', CO_45),
      usStateType('delete', 'Deletion', CO_45),
      usStateType('portability', 'Portability', CO_45),
      usStateType('opt-out', 'Opt-out (targeted advertising, sale, profiling)', CO_45),
      {
        type: 'appeal',
        label: 'Appeal of a refusal',
        period: { unit: 'calendar-days', amount: 45, receiptIsDayOne: false },
        extension: { unit: 'calendar-days', amount: 60, source: 'C.R.S. §6-1-1306(3)', confidence: 'R' },
        acknowledgement: null,
        source: 'C.R.S. §6-1-1306(3)',
        confidence: 'R',
      },
    ],
  },
  {
    code: 'LGPD',
    name: 'Brazil LGPD',
    law: 'Lei 13.709/2018',
    holidays: { kind: 'national', country: 'BR', regionLabel: 'state' },
    roll: {
      saturday: false,
      text:
        'Periods exclude the first day and include the last; a last day falling on a holiday (or a Sunday) moves ' +
        'to the next working day. National holidays are counted; give the state to count its own.',
      source: 'Código Civil (Lei 10.406/2002) art 132 caput and §1; Lei 662/1949; Lei 9.093/1995',
      confidence: 'S',
    },
    noRoll: null,
    contested: {
      text:
        'Contested reading: art 132 §1 names only holidays ("feriado"); some commentary extends it to any day ' +
        'without business, Saturdays included. No court or ANPD rule found: by default a Saturday does not move ' +
        'the date.',
      source: 'Código Civil art 132 §1; commentary (trilhante.com.br)',
      confidence: 'R',
      roll: {
        saturday: true,
        text: 'A last day falling on a Saturday, Sunday or holiday moves to the next working day (later reading).',
        source: 'Código Civil art 132 §1, read as covering Saturdays',
        confidence: 'R',
      },
    },
    start: {
      text: 'The period is counted from the date of the data subject’s request.',
      source: 'LGPD Art 19 II',
      confidence: 'V',
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: NO_PAUSE,
    requestTypes: [
      {
        type: 'confirmation',
        label: 'Confirmation of processing (simplified format)',
        period: { unit: 'immediate' },
        extension: null,
        acknowledgement: null,
        source: 'LGPD Art 19 I',
        confidence: 'V',
        smallAgentPeriod: {
          unit: 'calendar-days',
          amount: 15,
          receiptIsDayOne: false,
          text:
            'Small processing agent: the simplified confirmation may be given within up to 15 days of the request ' +
            'instead of at once.',
          source: 'Res. CD/ANPD 2/2022 art 15',
          confidence: 'S',
        },
      },
      {
        type: 'access',
        label: 'Access (clear and complete statement)',
        period: { unit: 'calendar-days', amount: 15, receiptIsDayOne: false },
        extension: null,
        acknowledgement: null,
        source: 'LGPD Art 19 II',
        confidence: 'V',
        smallAgentPeriod: {
          unit: 'calendar-days',
          amount: 30,
          receiptIsDayOne: false,
          text: 'Small processing agent: the period of Art 19 II is doubled, to 30 days.',
          source: 'Res. CD/ANPD 2/2022 art 14 III',
          confidence: 'S',
        },
        note: {
          text: 'No extension in Art 19; the ANPD may set different periods for specific sectors.',
          source: 'LGPD Art 19 §4',
          confidence: 'V',
        },
      },
    ],
  },
  {
    code: 'PIPEDA',
    name: 'Canada PIPEDA',
    law: 'Personal Information Protection and Electronic Documents Act',
    holidays: { kind: 'national', country: 'CA', regionLabel: 'province' },
    roll: {
      saturday: false,
      text:
        'A time limit that expires on a holiday may be met on the next day that is not a holiday. Holidays are ' +
        'Sundays and the days of s.35(1) (federal, and the province’s when given); Saturday is not one, unless ' +
        'provincial law makes it a non-juridical day.',
      source: 'Interpretation Act (R.S.C. 1985, c. I-21) ss.26, 35(1)',
      confidence: 'V',
    },
    noRoll: null,
    start: {
      text: 'The period runs from receipt of the request; the day of receipt is not counted.',
      source: 'PIPEDA s.8(3); Interpretation Act s.27(5)',
      confidence: 'V',
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: NO_PAUSE,
    requestTypes: [
      {
        type: 'access',
        label: 'Access (Sch. 1 cl. 4.9)',
        period: { unit: 'calendar-days', amount: 30, receiptIsDayOne: false },
        extension: { unit: 'calendar-days', amount: 30, source: 'PIPEDA s.8(4)', confidence: 'V' },
        acknowledgement: null,
        source: 'PIPEDA s.8(3)',
        confidence: 'V',
        note: {
          text:
            'An extension notice (new time limit, reasons, right to complain to the Commissioner) is due within ' +
            'the first 30 days. Missing the deadline is a deemed refusal.',
          source: 'PIPEDA s.8(4)–(5)',
          confidence: 'V',
        },
      },
    ],
  },
  {
    code: 'FADP',
    name: 'Switzerland revFADP',
    law: 'Federal Act on Data Protection (SR 235.1); Data Protection Ordinance (SR 235.11)',
    holidays: { kind: 'national', country: 'CH', regionLabel: 'canton' },
    roll: {
      saturday: true,
      text:
        'Applied by analogy: a last day falling on a Saturday, Sunday or public holiday at the place of ' +
        'performance moves to the next working day. Without a canton only the holidays of every canton count.',
      source:
        'CO arts 77(1)–(2), 78(1); Federal Act on Saturdays (SR 173.110.3) Art 1 [texts S; applied to FDPO Art ' +
        '18 by analogy, no commentary found: R]',
      confidence: 'R',
    },
    noRoll: null,
    start: {
      text: 'The period runs from receipt of the request; the day of receipt is not counted.',
      source: 'FDPO Art 18(1); CO art 77(1)–(2)',
      confidence: 'S',
    },
    startAtLatestOfIdentityAndFee: false,
    pauses: NO_PAUSE,
    requestTypes: [
      {
        type: 'access',
        label: 'Right of information (access)',
        period: { unit: 'calendar-days', amount: 30, receiptIsDayOne: false },
        extension: {
          unit: 'open',
          source: 'FDPO Art 18',
          confidence: 'V',
        },
        acknowledgement: null,
        source: 'FADP Art 25(7); FDPO Art 18',
        confidence: 'V',
      },
    ],
  },
];

/**
 * Who counts as a small processing agent, said whenever the setting is used: the doubled periods are not for
 * agents excluded by art 3 or ordered otherwise by the ANPD (art 16).
 */
export const SMALL_AGENT: Note = {
  text:
    'The organisation is set as a small processing agent. The doubled periods do not apply to an agent doing ' +
    'high-risk processing (art 4), with revenue above the limit of LC 123/2006 art 3 II (or its group), or ' +
    'ordered otherwise by the ANPD.',
  source: 'Res. CD/ANPD 2/2022 arts 2–4, 14–16 (as amended by Res. 15/2024)',
  confidence: 'S',
};

/** "Business day" is not defined in the CCPA texts examined; the engine reads it as Mon–Fri minus state holidays. */
export const US_BUSINESS_DAY: Note = {
  text: 'Business days are Monday to Friday, excluding the state’s holidays, counted from the day after receipt.',
  source: 'legal-reference §3.1 ("business day" not defined in the CCPA texts)',
  confidence: 'R',
};

/** Reg. 1182/71 applies by analogy: its Art 1 covers Council and Commission acts; EDPB §160 points to it. */
export const REG_1182_71_ANALOGY: Note = {
  text:
    'Reg. 1182/71 governs Council and Commission acts; the EDPB applies it to Art 12(3) by analogy, so the ' +
    'day of receipt is not counted.',
  source: 'Reg. 1182/71 Art 1; EDPB Guidelines 01/2022 §160',
  confidence: 'S',
};

/** The ICO's start rule before Art 12A: the time limit starts once requested ID or information arrives. */
export const UK_START_BEFORE_ART_12A: Note = {
  text: 'Where ID or other information is needed, the time limit starts once it is received.',
  source: 'ICO time limits page',
  confidence: 'V',
};

/** Art 12A UK GDPR: the period runs from the latest of request, requested ID and any fee. */
export const UK_ART_12A: Note = {
  text: 'The period runs from the latest of receipt of the request, of any ID reasonably requested, and of any fee.',
  source: 'Art 12A UK GDPR (DUAA 2025; in force 5 Feb 2026, SI 2026/82)',
  confidence: 'S',
};

/** The day Art 12A UK GDPR came into force. */
export const UK_ART_12A_IN_FORCE = '2026-02-05';

/** The ICO counts the extended period as three calendar months from the day of receipt. */
export const UK_EXTENSION_METHOD: Note = {
  text: 'The ICO counts the extended period as at most three calendar months from the day of receipt.',
  source: 'ICO time limits page',
  confidence: 'V',
};

/** EU texts do not settle whether three months run from receipt or two from the base deadline. */
export const EXTENSION_METHOD: Note = {
  text:
    'Contested reading: EU texts do not settle whether the extended period is three months from receipt (ICO ' +
    'wording) or two months from the end of the first, nor whether the first period counts as moved off a ' +
    'weekend or holiday; the readings differ at month ends. Without a choice in the settings the earliest date ' +
    'is used.',
  source: 'GDPR Art 12(3); ICO time limits page; legal-reference §1.4',
  confidence: 'S',
};

/** An acknowledgement is good practice under the GDPR, not a legal requirement. */
export const GDPR_ACKNOWLEDGEMENT: Note = {
  text: 'No acknowledgement is legally required; acknowledging with the expected answer date is good practice.',
  source: 'EDPB Guidelines 01/2022 §57',
  confidence: 'S',
};

/** Finds a jurisdiction by code. */
export function findJurisdiction(code: string): Jurisdiction | undefined {
  return JURISDICTIONS.find((j) => j.code === code);
}

/** Finds the rule for a request type within a jurisdiction. */
export function findRequestType(jurisdiction: Jurisdiction, type: string): RequestTypeRule | undefined {
  return jurisdiction.requestTypes.find((t) => t.type === type);
}

/** UK regions whose bank holidays differ: England (default; Wales has the same), Scotland, Northern Ireland. */
export const UK_REGIONS = ['eng', 'sct', 'nir', 'wls'] as const;
export type UkRegion = (typeof UK_REGIONS)[number];
