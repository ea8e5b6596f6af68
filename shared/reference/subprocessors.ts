import type { Note } from './sources';

/**
 * Sub-processor authorisations and objection periods, from legal-reference.md §8 (GDPR Art 28(2), SCC 2021/914
 * Clause 9(a), EDPB Opinion 22/2024 as summarised, market practice).
 */

/** Art 28(2): prior specific or general written authorisation; under a general one, notice and a chance to object. */
export const ART_28_2: Note = {
  text:
    'A processor engages another processor only with the controller’s prior specific or general written ' +
    'authorisation; under a general authorisation it informs the controller of any intended addition or ' +
    'replacement, giving the controller the opportunity to object.',
  source: 'GDPR Art 28(2)',
  confidence: 'V',
};

/** Under a specific authorisation there is no objection window: each new sub-processor needs consent first. */
export const SPECIFIC_AUTHORISATION: Note = {
  text:
    'Under a specific authorisation every new sub-processor needs your prior written consent; there is no ' +
    'objection window, and the vendor may not engage it until you consent.',
  source: 'GDPR Art 28(2); SCC 2021/914 Clause 9(a) Option 1',
  confidence: 'S',
};

/** The period to object is a contract term: the GDPR and the SCCs leave it to the parties. */
export const CONTRACT_PERIOD: Note = {
  text:
    'The GDPR sets no objection period; the contract fixes it (the SCCs leave “at least [specify time period]” ' +
    'for the parties to fill).',
  source: 'SCC 2021/914 Clause 9(a) Option 2; EDPB Opinion 22/2024 (as summarised)',
  confidence: 'S',
};

/**
 * A contract period is counted in calendar days from the day the notice was received, and its last day is not
 * moved off a weekend or a public holiday: that is the earliest reading, so the cautious date. Read as a
 * period of Union law, a last day on a Saturday or Sunday would move to the Monday (Reg. 1182/71 Art 3(4)); the
 * trace names that later date.
 */
export const CALENDAR_DAYS: Note = {
  text:
    'Counted in calendar days from the day the notice was received; a last day on a weekend is not moved (the ' +
    'earliest reading, kept as the cautious date).',
  source: 'the contract; cf. Reg. 1182/71 Art 3(4)',
  confidence: 'S',
};

/**
 * Periods seen in executed SCCs and DPAs: 30 days most often, 10 and 14 days also. With no period recorded the
 * engine counts the shortest of them, the cautious date, and names the 30-day date too.
 */
export const COMMON_PERIODS: Note & { shortest: number; usual: number } = {
  shortest: 10,
  usual: 30,
  text: 'Executed SCCs and DPAs most often give 30 days to object; 10 and 14 days also appear.',
  source: 'market practice (lawinsider samples of executed SCCs and DPAs)',
  confidence: 'S',
};
