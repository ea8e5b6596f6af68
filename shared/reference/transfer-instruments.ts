import type { Note } from './sources';

/**
 * Transfer tools and their dates, from legal-reference.md §4 (SCCs, TIAs, UK IDTA and Addendum). Facts the
 * reference does not cover (BCRs, Art 49 derogations) are marked [R].
 */

export const TRANSFER_MECHANISMS = [
  'none',
  'adequacy',
  'dpf',
  'scc-2021',
  'scc-2010',
  'bcr',
  'idta',
  'uk-addendum',
  'derogation',
] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

export const SCC_MODULES: Record<1 | 2 | 3 | 4, string> = {
  1: 'Module One: controller to controller',
  2: 'Module Two: controller to processor',
  3: 'Module Three: processor to processor',
  4: 'Module Four: processor to controller',
};

/**
 * The 2021 SCCs were adopted on 4 June 2021 and published in OJ L 199 of 7 June 2021; the Decision entered into
 * force on the twentieth day following its publication (Art 4): 27 June 2021, the first day they could be used.
 */
export const SCC_2021: Note & { adopted: string; inForce: string } = {
  adopted: '2021-06-04',
  inForce: '2021-06-27',
  text: 'Standard contractual clauses of 4 June 2021, in four modules, in force since 27 June 2021.',
  source: 'Commission Implementing Decision (EU) 2021/914 Art 4 (OJ L 199, 7.6.2021)',
  confidence: 'V',
};

export const OLD_SCC_EU: Note & { repealed: string; validUntil: string } = {
  repealed: '2021-09-27',
  validUntil: '2022-12-27',
  text:
    'The old SCCs (2001/497/EC, 2004/915/EC, 2010/87/EU) were repealed from 27 September 2021; contracts ' +
    'concluded before then stayed valid until 27 December 2022 if the processing was unchanged. After that they ' +
    'give no valid safeguard.',
  source: 'Decision (EU) 2021/914 Art 4(2)–(4)',
  confidence: 'S',
};

export const OLD_SCC_UK: Note & { newContractsUntil: string; validUntil: string } = {
  newContractsUntil: '2022-09-21',
  validUntil: '2024-03-21',
  text:
    'For UK restricted transfers, contracts on the old EU SCCs concluded on or before 21 September 2022 stayed ' +
    'valid until 21 March 2024 if the processing was unchanged; after that they are not valid.',
  source: 'ICO transitional provisions under s.119A DPA 2018',
  confidence: 'S',
};

export const UK_IDTA: Note & { inForce: string } = {
  inForce: '2022-03-21',
  text:
    'The ICO’s International Data Transfer Agreement and the UK Addendum to the EU SCCs, in force since ' +
    '21 March 2022 (required for new contracts from 21 September 2022).',
  source: 's.119A DPA 2018; IDTA v A1.0 and Addendum v B1.0',
  confidence: 'S',
};

export const UK_NEEDS_ADDENDUM: Note = {
  text: 'For transfers from the UK, the 2021 EU SCCs are valid only with the UK Addendum.',
  source: 'ICO guidance on the UK Addendum',
  confidence: 'R',
};

export const TIA: Note = {
  text:
    'With SCCs or BCRs to a country without adequacy, the exporter must assess, case by case, whether the ' +
    'destination’s law and practice allow the safeguards to work, and add supplementary measures where they do not.',
  source: 'CJEU C-311/18 Schrems II ¶¶105, 134; EDPB Recommendations 01/2020',
  confidence: 'S',
};

export const BCR: Note = {
  text: 'Binding corporate rules approved by the competent supervisory authority.',
  source: 'GDPR Art 47',
  confidence: 'R',
};

export const DEROGATION: Note = {
  text:
    'An Art 49 derogation is exceptional: for occasional, non-repetitive transfers on a specific ground, never for ' +
    'routine transfers. Record the ground and why no other tool is available.',
  source: 'GDPR Art 49; EDPB Guidelines 2/2018',
  confidence: 'R',
};

/**
 * Switzerland: the FDPIC recognised the 2021 SCCs on 27 August 2021 for transfers under Swiss law, provided they
 * are adapted (FADP Art 16(2)(d)).
 */
export const SCC_2021_CH: Note & { recognised: string } = {
  recognised: '2021-08-27',
  text:
    'The 2021 SCCs, recognised by the FDPIC on 27 August 2021, with the Swiss adaptations: the FDPIC as competent ' +
    'authority, “Member State” read to include Switzerland (so data subjects can sue where they live), references ' +
    'to the GDPR read as references to the FADP.',
  source: 'FADP Art 16(2)(d); FDPIC paper on the recognised SCCs of 27 August 2021',
  confidence: 'S',
};

/** Switzerland: the old EU SCCs stopped being usable once the transition for existing contracts ended [R]. */
export const OLD_SCC_CH: Note & { validUntil: string } = {
  validUntil: '2022-12-31',
  text:
    'Under the FDPIC’s transition, the old EU SCCs could no longer be used for new contracts from 27 September ' +
    '2021, and existing contracts had to move to the 2021 SCCs by 31 December 2022.',
  source: 'FDPIC statement of 27 August 2021 on the transition (dates from recall)',
  confidence: 'R',
};

export const CH_BCR: Note = {
  text: 'Binding corporate rules approved by the FDPIC or by an authority of a state with adequate protection.',
  source: 'FADP Art 16(2)(e)',
  confidence: 'S',
};

export const CH_DEROGATION: Note = {
  text:
    'An exception of FADP Art 17 (explicit consent, a contract with the data subject, an overriding public ' +
    'interest or legal claims, vital interests, data made public, a public register). Some must be reported to ' +
    'the FDPIC on request (Art 17(2)). Record the ground.',
  source: 'FADP Art 17',
  confidence: 'S',
};
