import type { Note, Sourced } from './sources';

/**
 * Adequacy decisions, from legal-reference.md §5.1 (status about Q2 2026). The reference asks to re-verify each
 * decision number on EUR-Lex before shipping; confidence marks follow its table.
 * A decision is in force over one or more periods (`to` is the last day in force, inclusive; null: open-ended),
 * and may cover only some importers (`scope`).
 */

/** The code used for the European Patent Organisation, which has no ISO 3166-1 code. */
export const EUROPEAN_PATENT_ORGANISATION = 'EPO';

export interface AdequacyPeriod extends Sourced {
  decision: string;
  from: string;
  to: string | null;
}

export interface AdequacyScope extends Sourced {
  /** dpf-certified: only importers on the DPF List; in-scope: only importers the decision's law covers. */
  condition: 'dpf-certified' | 'in-scope';
  text: string;
}

export interface AdequacyDecision {
  /** ISO 3166-1 alpha-2, or EPO. */
  destination: string;
  name: string;
  periods: AdequacyPeriod[];
  scope: AdequacyScope | null;
  notes: Note[];
}

const PRE_GDPR_REVIEW: Note = {
  text:
    'Adopted under Directive 95/46; confirmed in the Commission’s first review of January 2024. It stays in force ' +
    'until amended or repealed (Art 45(9) GDPR [R]).',
  source: 'Commission review report, January 2024',
  confidence: 'S',
};

const preGdpr = (
  destination: string,
  name: string,
  decision: string,
  from: string,
  scope: AdequacyScope | null = null,
): AdequacyDecision => ({
  destination,
  name,
  periods: [{ decision, from, to: null, source: decision, confidence: 'S' }],
  scope,
  notes: [PRE_GDPR_REVIEW],
});

/** The EU's adequacy decisions (GDPR Art 45). */
export const EU_ADEQUACY: readonly AdequacyDecision[] = [
  preGdpr('CH', 'Switzerland', 'Commission Decision 2000/518/EC', '2000-07-26'),
  preGdpr('CA', 'Canada', 'Commission Decision 2002/2/EC', '2001-12-20', {
    condition: 'in-scope',
    text: 'Only recipients subject to PIPEDA (commercial organisations).',
    source: 'Commission Decision 2002/2/EC',
    confidence: 'S',
  }),
  preGdpr('AR', 'Argentina', 'Commission Decision 2003/490/EC', '2003-06-30'),
  preGdpr('GG', 'Guernsey', 'Commission Decision 2003/821/EC', '2003-11-21'),
  preGdpr('IM', 'Isle of Man', 'Commission Decision 2004/411/EC', '2004-04-28'),
  preGdpr('JE', 'Jersey', 'Commission Decision 2008/393/EC', '2008-05-08'),
  preGdpr('FO', 'Faroe Islands', 'Commission Decision 2010/146/EU', '2010-03-05'),
  preGdpr('AD', 'Andorra', 'Commission Decision 2010/625/EU', '2010-10-19'),
  preGdpr('IL', 'Israel', 'Commission Decision 2011/61/EU', '2011-01-31', {
    condition: 'in-scope',
    text: 'Automated international transfers, or data that undergo further automated processing in Israel.',
    source: 'Commission Decision 2011/61/EU (scope wording)',
    confidence: 'R',
  }),
  preGdpr('UY', 'Uruguay', 'Commission Implementing Decision 2012/484/EU', '2012-08-21'),
  preGdpr('NZ', 'New Zealand', 'Commission Implementing Decision 2013/65/EU', '2012-12-19'),
  {
    destination: 'JP',
    name: 'Japan',
    periods: [
      {
        decision: 'Commission Implementing Decision (EU) 2019/419',
        from: '2019-01-23',
        to: null,
        source: 'Commission Implementing Decision (EU) 2019/419',
        confidence: 'S',
      },
    ],
    scope: {
      condition: 'in-scope',
      text: 'Private-sector importers under the APPI, with the Supplementary Rules.',
      source: 'Commission Implementing Decision (EU) 2019/419',
      confidence: 'S',
    },
    notes: [],
  },
  {
    destination: 'KR',
    name: 'Republic of Korea',
    periods: [
      {
        decision: 'Commission Implementing Decision (EU) 2022/254',
        from: '2021-12-17',
        to: null,
        source: 'Commission Implementing Decision (EU) 2022/254',
        confidence: 'V',
      },
    ],
    scope: {
      condition: 'in-scope',
      text:
        'Importers under the PIPA, except credit information under FSC supervision, religious organisations and ' +
        'political parties.',
      source: 'Commission Implementing Decision (EU) 2022/254',
      confidence: 'V',
    },
    notes: [],
  },
  {
    destination: 'GB',
    name: 'United Kingdom',
    periods: [
      {
        decision: 'Commission Implementing Decision (EU) 2021/1772',
        from: '2021-06-28',
        to: '2025-06-27',
        source: 'Commission Implementing Decision (EU) 2021/1772 (4-year sunset)',
        confidence: 'S',
      },
      {
        decision: 'Commission Implementing Decision (EU) 2025/1226 (extension of 24 June 2025)',
        from: '2025-06-28',
        to: '2025-12-27',
        source:
          'Commission Implementing Decision (EU) 2025/1226 of 24 June 2025 amending 2021/1772 (number from ' +
          'secondary sources; EUR-Lex not read)',
        confidence: 'S',
      },
      {
        decision: 'Commission Implementing Decision (EU) 2025/2574 (renewal of 19 December 2025)',
        from: '2025-12-28',
        to: '2031-12-27',
        source:
          'Commission Implementing Decision (EU) 2025/2574 of 19 December 2025 amending 2021/1772, new Art 4 ' +
          '(expires 27 December 2031); OJ L 2025/2574, 23.12.2025',
        confidence: 'S',
      },
    ],
    scope: null,
    notes: [
      {
        text: 'The only adequacy decision with a fixed end date; the renewal is reviewed after 4 years.',
        source: 'Commission Implementing Decision (EU) 2025/2574, recital 127',
        confidence: 'S',
      },
    ],
  },
  {
    destination: 'US',
    name: 'United States (EU-US Data Privacy Framework)',
    periods: [
      {
        decision: 'Commission Implementing Decision (EU) 2023/1795',
        from: '2023-07-10',
        to: null,
        source: 'Commission Implementing Decision (EU) 2023/1795 (OJ L 231, 20.9.2023)',
        confidence: 'V',
      },
    ],
    scope: {
      condition: 'dpf-certified',
      text: 'Only organisations self-certified on the DPF List (dataprivacyframework.gov).',
      source: 'Commission Implementing Decision (EU) 2023/1795',
      confidence: 'V',
    },
    notes: [
      {
        text:
          'The General Court dismissed the annulment action T-553/23 Latombe on 3 September 2025; an appeal, ' +
          'C-703/25 P, is pending.',
        source: 'ECLI:EU:T:2025:831; C-703/25 P',
        confidence: 'V',
      },
    ],
  },
  {
    destination: EUROPEAN_PATENT_ORGANISATION,
    name: 'European Patent Organisation',
    periods: [
      {
        decision: 'Commission Implementing Decision (EU) 2025/1382',
        from: '2025-07-15',
        to: null,
        source: 'Commission Implementing Decision (EU) 2025/1382, C(2025) 4626',
        confidence: 'V',
      },
    ],
    scope: null,
    notes: [
      {
        text: 'The first adequacy decision for an international organisation.',
        source: 'Commission Implementing Decision (EU) 2025/1382',
        confidence: 'V',
      },
    ],
  },
  {
    destination: 'BR',
    name: 'Brazil',
    periods: [
      {
        decision: 'Commission Implementing Decision (EU) 2026/179',
        from: '2026-01-26',
        to: null,
        source: 'Commission Implementing Decision (EU) 2026/179',
        confidence: 'V',
      },
    ],
    scope: null,
    notes: [
      {
        text: 'LGPD; mutual adequacy with the ANPD’s decision. Review after 4 years.',
        source: 'Commission Implementing Decision (EU) 2026/179; EDPB Opinion 28/2025',
        confidence: 'S',
      },
    ],
  },
];

const UK_RETAINED: Sourced = {
  source: 'DPA 2018 s.17A and Sch 21 (adequacy regulations retained on 1 January 2021)',
  confidence: 'R',
};

const ukRetained = (
  destination: string,
  name: string,
  scope: AdequacyScope | null = null,
): AdequacyDecision => ({
  destination,
  name,
  periods: [{ decision: 'UK adequacy regulations (retained)', from: '2021-01-01', to: null, ...UK_RETAINED }],
  scope,
  notes: [],
});

/**
 * The UK's own adequacy regulations for restricted transfers from the UK. Not covered by legal-reference.md:
 * from recall, so every entry is [R] and must be checked against the ICO's list before relying on it.
 */
export const UK_ADEQUACY: readonly AdequacyDecision[] = [
  ukRetained('GI', 'Gibraltar'),
  ukRetained('CH', 'Switzerland'),
  ukRetained('CA', 'Canada', {
    condition: 'in-scope',
    text: 'Only recipients subject to PIPEDA.',
    ...UK_RETAINED,
  }),
  ukRetained('AR', 'Argentina'),
  ukRetained('GG', 'Guernsey'),
  ukRetained('IM', 'Isle of Man'),
  ukRetained('JE', 'Jersey'),
  ukRetained('FO', 'Faroe Islands'),
  ukRetained('AD', 'Andorra'),
  ukRetained('IL', 'Israel'),
  ukRetained('UY', 'Uruguay'),
  ukRetained('NZ', 'New Zealand'),
  ukRetained('JP', 'Japan', {
    condition: 'in-scope',
    text: 'Private-sector importers under the APPI.',
    ...UK_RETAINED,
  }),
  {
    destination: 'KR',
    name: 'Republic of Korea',
    periods: [
      {
        decision: 'Data Protection (Adequacy) (Republic of Korea) Regulations 2022',
        from: '2022-12-19',
        to: null,
        source: 'Data Protection (Adequacy) (Republic of Korea) Regulations 2022',
        confidence: 'R',
      },
    ],
    scope: null,
    notes: [],
  },
  {
    destination: 'US',
    name: 'United States (UK Extension to the EU-US DPF)',
    periods: [
      {
        decision: 'Data Protection (Adequacy) (United States of America) Regulations 2023',
        from: '2023-10-12',
        to: null,
        source: 'Data Protection (Adequacy) (United States of America) Regulations 2023',
        confidence: 'R',
      },
    ],
    scope: {
      condition: 'dpf-certified',
      text: 'Only organisations on the DPF List that have signed up to the UK Extension.',
      source: 'Data Protection (Adequacy) (United States of America) Regulations 2023',
      confidence: 'R',
    },
    notes: [],
  },
];

/** The UK treats transfers to EEA states as adequate (UK adequacy regulations, retained) [R]. */
export const UK_EEA_ADEQUACY: Sourced = UK_RETAINED;

/** The list of EU adequacy decisions as a whole (GDPR Art 45). */
export const EU_ADEQUACY_LIST: Sourced = {
  source: 'GDPR Art 45; Commission adequacy list (legal-reference §5.1)',
  confidence: 'V',
};

/** The list of UK adequacy regulations as a whole (from recall, not in the reference). */
export const UK_ADEQUACY_LIST: Sourced = { source: 'UK GDPR Art 45; DPA 2018 s.17A', confidence: 'R' };

/**
 * Switzerland's list of states with adequate protection (FADP Art 16(1); FDPO Art 8 and Annex 1, in force 1
 * September 2023): the 30 EEA states and 13 others as published in 2022 [S]. The current consolidated Annex was
 * not read, so later additions may be missing [R]. The United States is listed since 15 September 2024 for
 * organisations certified under the Swiss-U.S. Data Privacy Framework [S].
 */
const CH_ANNEX_1: Sourced = {
  source:
    'FADP Art 16(1); FDPO (SR 235.11) Art 8(1) and Annex 1, in force 1 September 2023 (list as published 2022)',
  confidence: 'S',
};
const CH_ANNEX_IN_FORCE = '2023-09-01';

const chListed = (
  destination: string,
  name: string,
  scope: AdequacyScope | null = null,
): AdequacyDecision => ({
  destination,
  name,
  periods: [{ decision: 'FDPO Annex 1', from: CH_ANNEX_IN_FORCE, to: null, ...CH_ANNEX_1 }],
  scope,
  notes: [],
});

/** Switzerland's adequacy list (FDPO Annex 1) outside the EEA; EEA states are listed too (CH_EEA_ADEQUACY). */
export const CH_ADEQUACY: readonly AdequacyDecision[] = [
  chListed('AD', 'Andorra'),
  chListed('AR', 'Argentina'),
  chListed('CA', 'Canada', {
    condition: 'in-scope',
    text: 'Annex 1’s note on Canada was not read; the earlier Swiss list covered only the private sector (PIPEDA).',
    source: 'FDPO Annex 1 (scope note not read)',
    confidence: 'R',
  }),
  chListed('FO', 'Faroe Islands'),
  chListed('GI', 'Gibraltar'),
  chListed('GG', 'Guernsey'),
  chListed('IM', 'Isle of Man'),
  chListed('IL', 'Israel'),
  chListed('JE', 'Jersey'),
  chListed('MC', 'Monaco'),
  chListed('NZ', 'New Zealand'),
  chListed('GB', 'United Kingdom'),
  chListed('UY', 'Uruguay'),
  {
    destination: 'US',
    name: 'United States (Swiss-U.S. Data Privacy Framework)',
    periods: [
      {
        decision: 'FDPO Annex 1 as amended on 14 August 2024 (Swiss-U.S. DPF)',
        from: '2024-09-15',
        to: null,
        source:
          'Federal Council decision of 14 August 2024 amending FDPO Annex 1, in force 15 September 2024',
        confidence: 'S',
      },
    ],
    scope: {
      condition: 'dpf-certified',
      text:
        'Only organisations certified under the Swiss-U.S. Data Privacy Framework (dataprivacyframework.gov): ' +
        'check that the importer’s certification includes the Swiss-U.S. framework, not only the EU-U.S. one.',
      source: 'FDPO Annex 1 as amended on 14 August 2024',
      confidence: 'S',
    },
    notes: [],
  },
];

/** The EEA states are on Switzerland's list (FDPO Annex 1). */
export const CH_EEA_ADEQUACY: Sourced & { from: string } = { ...CH_ANNEX_1, from: CH_ANNEX_IN_FORCE };

/** The Swiss list as a whole. */
export const CH_ADEQUACY_LIST: Sourced = CH_ANNEX_1;

/** Finds the decision for a destination in a list. */
export function findAdequacy(
  list: readonly AdequacyDecision[],
  destination: string,
): AdequacyDecision | undefined {
  return list.find((d) => d.destination === destination);
}

/**
 * The first day after `after` on which some adequacy decision starts or stops applying (a period's first day, or
 * the day after its last): until then, which countries a decision covers stays the same.
 */
const nextChangeMemo = new Map<string, string | null>();

export function nextAdequacyChange(after: string): string | null {
  // Asked for every vendor written on a day: the answer is the same all day.
  if (nextChangeMemo.has(after)) return nextChangeMemo.get(after)!;
  if (nextChangeMemo.size > 1000) nextChangeMemo.clear();
  const value = nextChangeAfter(after);
  nextChangeMemo.set(after, value);
  return value;
}

function nextChangeAfter(after: string): string | null {
  let next: string | null = null;
  const consider = (day: string) => {
    if (day > after && (next === null || day < next)) next = day;
  };
  for (const list of [EU_ADEQUACY, UK_ADEQUACY, CH_ADEQUACY]) {
    for (const d of list) {
      for (const p of d.periods) {
        consider(p.from);
        if (p.to) {
          const t = new Date(`${p.to}T00:00:00Z`);
          t.setUTCDate(t.getUTCDate() + 1);
          consider(t.toISOString().slice(0, 10));
        }
      }
    }
  }
  consider(CH_EEA_ADEQUACY.from);
  return next;
}
