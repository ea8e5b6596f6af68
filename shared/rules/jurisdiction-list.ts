import {
  JURISDICTIONS,
  type HolidayScope,
  type Jurisdiction,
  type Period,
  type RequestTypeRule,
  type RollRule,
} from '../reference/jurisdictions';
import { cite, type Confidence } from '../reference/sources';

/** One request type as listed for a DPO: its periods in words, with the rule and confidence. */
export interface RequestTypeSummary {
  type: string;
  label: string;
  period: string;
  extension: string | null;
  acknowledgement: string | null;
  /** The period of a small processing agent (Brazil), when the law gives one. */
  smallAgentPeriod: string | null;
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
  /** Whether and why a last day on a weekend or holiday moves to the next working day. */
  lastDay: LastDaySummary;
  requestTypes: RequestTypeSummary[];
}

/** Whether a last day rolls, past which days, and the rule (or why none applies). */
export interface LastDaySummary {
  /** Under the default (cautious) reading. */
  rolls: boolean;
  /** The days that move it, e.g. "Saturdays, Sundays and public holidays (EEA member state given with the request)". */
  past: string | null;
  why: string;
  rule: string;
  confidence: Confidence;
  /** A contested reading that changes it, with what the later reading does. */
  contested: { text: string; rule: string; confidence: Confidence; laterReading: string | null } | null;
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
    smallAgentPeriod: t.smallAgentPeriod
      ? `${describePeriod(t.smallAgentPeriod)} (${cite(t.smallAgentPeriod)})`
      : null,
    rule: cite(t),
    confidence: t.confidence,
  };
}

function describeHolidays(scope: HolidayScope | null): string | null {
  if (!scope) return null;
  switch (scope.kind) {
    case 'member-state':
      return 'EEA member state given with the request';
    case 'uk-region':
      return 'UK region: eng (default), sct, nir or wls';
    case 'fixed':
      return `${scope.country}-${scope.region}`;
    case 'national':
      return `${scope.country}, with the ${scope.regionLabel} given with the request`;
  }
}

function pastDays(rule: RollRule, holidays: string | null): string {
  const days = rule.saturday ? 'Saturdays, Sundays' : 'Sundays (not Saturdays)';
  const extra = rule.equivalentDays ? ' and days the national deadline law treats like holidays' : '';
  return `${days} and public holidays${holidays ? ` (${holidays})` : ''}${extra}`;
}

function describeLastDay(j: Jurisdiction): LastDaySummary {
  const holidays = describeHolidays(j.holidays);
  const c = j.contested;
  const contested = c
    ? {
        text: c.text,
        rule: cite(c),
        confidence: c.confidence,
        laterReading: c.roll
          ? `${c.receiptNotCounted ? 'day of receipt not counted; ' : ''}rolls past ${pastDays(c.roll, holidays)}`
          : null,
      }
    : null;
  if (j.roll) {
    return {
      rolls: true,
      past: pastDays(j.roll, holidays),
      why: j.roll.text,
      rule: cite(j.roll),
      confidence: j.roll.confidence,
      contested,
    };
  }
  const none = j.noRoll ?? {
    text: 'Counted in months or business days; no last day to move.',
    source: 'no rule needed',
    confidence: 'V' as const,
  };
  return {
    rolls: false,
    past: null,
    why: none.text,
    rule: cite(none),
    confidence: none.confidence,
    contested,
  };
}

/** Every jurisdiction code with its request types and their periods. */
export function listJurisdictions(): JurisdictionSummary[] {
  return JURISDICTIONS.map((j) => ({
    code: j.code,
    name: j.name,
    law: j.law,
    holidays: describeHolidays(j.holidays),
    pausesAllowed: j.pauses.allowed,
    lastDay: describeLastDay(j),
    requestTypes: j.requestTypes.map(describeType),
  }));
}
