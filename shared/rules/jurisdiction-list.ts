import { JURISDICTIONS, type Period, type RequestTypeRule } from '../reference/jurisdictions';
import { cite, type Confidence } from '../reference/sources';

/** One request type as listed for a DPO: its periods in words, with the rule and confidence. */
export interface RequestTypeSummary {
  type: string;
  label: string;
  period: string;
  extension: string | null;
  acknowledgement: string | null;
  rule: string;
  confidence: Confidence;
}

/** One jurisdiction as listed by `dpo jurisdictions` and the UI's pickers. */
export interface JurisdictionSummary {
  code: string;
  name: string;
  law: string;
  /** Whose public holidays apply (a member state, a UK region, or a US state calendar such as US-CA), or null. */
  holidays: string | null;
  pausesAllowed: boolean;
  requestTypes: RequestTypeSummary[];
}

/** A period in words: "1 month", "45 calendar days (day of receipt is day 1)", "15 business days", "immediately". */
export function describePeriod(period: Period): string {
  switch (period.unit) {
    case 'months':
      return `${period.amount} ${period.amount === 1 ? 'month' : 'months'}`;
    case 'calendar-days':
      return `${period.amount} calendar days${period.receiptIsDayOne ? ' (day of receipt is day 1)' : ''}`;
    case 'business-days':
      return `${period.amount} business days`;
    case 'immediate':
      return 'immediately';
  }
}

function describeType(t: RequestTypeRule): RequestTypeSummary {
  const ext = t.extension;
  return {
    type: t.type,
    label: t.label,
    period: describePeriod(t.period),
    extension: !ext
      ? null
      : ext.unit === 'open'
        ? 'longer period possible, no fixed maximum'
        : `+${ext.amount} ${ext.unit === 'months' ? 'months' : 'calendar days'}`,
    acknowledgement: t.acknowledgement ? `${t.acknowledgement.amount} business days` : null,
    rule: cite(t),
    confidence: t.confidence,
  };
}

/** Every jurisdiction code with its request types and their periods. */
export function listJurisdictions(): JurisdictionSummary[] {
  return JURISDICTIONS.map((j) => ({
    code: j.code,
    name: j.name,
    law: j.law,
    holidays: !j.holidays
      ? null
      : j.holidays.kind === 'member-state'
        ? 'EEA member state given with the request'
        : j.holidays.kind === 'uk-region'
          ? 'UK region: eng (default), sct, nir or wls'
          : `${j.holidays.country}-${j.holidays.region}`,
    pausesAllowed: j.pauses.allowed,
    requestTypes: j.requestTypes.map(describeType),
  }));
}
