import { EEA_TERRITORIES, isInEea } from '../reference/eea';
import { DEADLINE_EQUIVALENT_DAYS } from '../reference/holiday-corrections';
import {
  EXTENSION_METHOD,
  findJurisdiction,
  findRequestType,
  GDPR_ACKNOWLEDGEMENT,
  JURISDICTIONS,
  REG_1182_71_ANALOGY,
  SMALL_AGENT,
  UK_ART_12A,
  UK_ART_12A_IN_FORCE,
  UK_REGIONS,
  UK_EXTENSION_METHOD,
  UK_START_BEFORE_ART_12A,
  US_BUSINESS_DAY,
  type Jurisdiction,
  type JurisdictionCode,
  type Period,
  type RequestTypeRule,
  type RollRule,
} from '../reference/jurisdictions';
import type { Note, Sourced } from '../reference/sources';
import {
  addMonthsToDay,
  fromDay,
  longDate,
  monthAndYear,
  partsFromDay,
  toDay,
  weekdayOf,
  type IsoDate,
} from './calendar';
import {
  addWorkingDays,
  calendarCode,
  calendarPlace,
  deadlineEquivalentOn,
  hasHolidayCalendar,
  holidayCalendar,
  holidayOnDay,
  holidayRegions,
  nonWorkingReason,
  type HolidayCalendar,
} from './holidays';
import { invalidField } from './invalid';
import { Trace, traceStep, type TraceStep } from './trace';

/**
 * How the extended deadline is counted; a per-organisation setting (EU texts do not settle it). When not set:
 * three months from receipt under UK GDPR (the ICO's reading), the cautious earlier date elsewhere.
 */
export type ExtensionMethod = 'from-receipt' | 'from-base-deadline';

/**
 * Which reading to use where the law is contested (CCPA's first day and roll, Saturdays under the LGPD, days a
 * national deadline law treats like holidays under Reg. 1182/71): the cautious, earlier date unless the
 * organisation chooses the later one. The trace names the other reading's date either way.
 */
export type Readings = 'cautious' | 'later';

/**
 * A clock pause from `from` to `to`. Under UK GDPR (Art 12A) both days are excluded, so the period grows by
 * `to − from + 1` days; elsewhere the clock stops on `from` and runs again on `to`, adding `to − from` days.
 */
export interface ClockPause {
  from: IsoDate;
  to: IsoDate;
  reason?: string | null;
}

/** Everything the deadline of one rights request depends on. */
export interface RightsDeadlineInput {
  jurisdiction: JurisdictionCode;
  /** GDPR: the EEA state whose public holidays apply (ISO alpha-2). Ignored elsewhere. */
  country?: string | null;
  /**
   * UK GDPR: eng (default), sct, nir, wls. GDPR: optionally a region of `country` with its own holidays. PIPEDA,
   * LGPD and FADP: the province, state or canton whose holidays also count.
   */
  region?: string | null;
  requestType: string;
  receivedOn: IsoDate;
  identityReceivedOn?: IsoDate | null;
  feeReceivedOn?: IsoDate | null;
  pauses?: readonly ClockPause[];
  /** The controller has extended the period (notice sent). */
  extended?: boolean;
  extensionMethod?: ExtensionMethod;
  /** Organisation setting: the reading used where the law is contested (default cautious). */
  readings?: Readings;
  /** Organisation setting: a small processing agent under Res. CD/ANPD 2/2022 (LGPD periods doubled). */
  smallProcessingAgent?: boolean;
  /** The organisation's internal target, in calendar days from the start. */
  internalTargetDays?: number | null;
}

/** Due dates of one rights request, with the steps that explain them. Dates are YYYY-MM-DD. */
export interface RightsDeadline {
  jurisdiction: JurisdictionCode;
  requestType: string;
  /** The holiday calendar used, e.g. "DE", "GB-ENG", "US-CA"; null when none applies. */
  holidayCalendar: string | null;
  /** The day the clock started. */
  start: IsoDate;
  /** The date to show: the earlier of the legal deadline and the internal target. */
  due: IsoDate;
  /** The legal deadline in force: the extended one when the request is extended, else the base one. */
  legalDue: IsoDate;
  /** The deadline without extension. */
  baseDue: IsoDate;
  /** The latest date an extension allows; null when the law allows none or sets no fixed maximum. */
  extendedDue: IsoDate | null;
  /** The last day to tell the requester of an extension; null when no extension exists. */
  extensionNoticeDue: IsoDate | null;
  /** A legally required acknowledgement of receipt; null when none is required. */
  ackDue: IsoDate | null;
  /** Start + the internal target days; null when no target is set. */
  internalDue: IsoDate | null;
  /** Calendar days added to the period by clock pauses. */
  pausedDays: number;
  /** Where a contested reading changes the dates: the reading used and what the other reading gives. */
  contested: {
    reading: Readings;
    other: { reading: Readings; baseDue: IsoDate; extendedDue: IsoDate | null };
  } | null;
  steps: TraceStep[];
}

/** Finds a jurisdiction's rules or fails with a message listing the codes. */
export function requireJurisdiction(code: string): Jurisdiction {
  return (
    findJurisdiction(code) ??
    invalidField(
      'jurisdiction',
      `Unknown jurisdiction "${code}"; use one of ${JURISDICTIONS.map((j) => j.code).join(', ')}.`,
    )
  );
}

/** Finds a request type's rules or fails with a message listing the jurisdiction's types. */
export function requireRequestType(jurisdiction: Jurisdiction, type: string): RequestTypeRule {
  return (
    findRequestType(jurisdiction, type) ??
    invalidField(
      'requestType',
      `"${type}" is not a ${jurisdiction.code} request type; use one of ` +
        `${jurisdiction.requestTypes.map((t) => t.type).join(', ')}.`,
    )
  );
}

/**
 * The holiday calendar a jurisdiction's deadline uses: the EEA state (and optional region) for the GDPR, the UK
 * region for UK GDPR, the state for US laws, the country narrowed by an optional province, state or canton for
 * PIPEDA, LGPD and FADP. Fails naming `country` or `region`.
 */
export function resolveHolidayCalendar(
  jurisdiction: Jurisdiction,
  country?: string | null,
  region?: string | null,
): HolidayCalendar | null {
  const scope = jurisdiction.holidays;
  if (!scope) return null;
  if (scope.kind === 'fixed') return holidayCalendar(scope.country, scope.region);
  if (scope.kind === 'national') {
    if (region && !hasHolidayCalendar(scope.country, region)) {
      const known = Object.keys(holidayRegions(scope.country)).join(', ');
      invalidField(
        'region',
        `No holiday calendar for ${scope.regionLabel} "${region}" of ${scope.country}; use one of ${known}.`,
      );
    }
    return holidayCalendar(scope.country, region);
  }
  if (scope.kind === 'uk-region') {
    const r = (region ?? 'eng').toLowerCase();
    if (!(UK_REGIONS as readonly string[]).includes(r)) {
      invalidField('region', `UK region "${region}" is unknown; use eng, sct, nir or wls.`);
    }
    return holidayCalendar('GB', r);
  }
  if (!country) {
    invalidField('country', 'GDPR deadlines need the EEA country whose public holidays apply (e.g. DE).');
  }
  const c = country.toUpperCase();
  if (!isInEea(c))
    invalidField('country', `${c} is not in the EEA; give the EEA country where the request is handled.`);
  if (region && !hasHolidayCalendar(c, region)) {
    invalidField('region', `No holiday calendar for region "${region}" of ${c}.`);
  }
  // Territories with their own ISO code use their own calendar when date-holidays has one, else their state's.
  const calendarCountry = hasHolidayCalendar(c) ? c : (EEA_TERRITORIES[c] ?? c);
  return holidayCalendar(calendarCountry, region);
}

const ART_12A_IN_FORCE = toDay(UK_ART_12A_IN_FORCE);

const noteStep = (note: Note): TraceStep => traceStep(note.text, note);

/** ", skipping holidays in California (US): Monday 19 January 2026 (Martin Luther King Jr. Day)", or "". */
function skippedHolidays(
  calendar: HolidayCalendar | null,
  skipped: readonly { day: number; name: string }[],
): string {
  if (!calendar || skipped.length === 0) return '';
  return `, skipping holidays in ${calendarPlace(calendar)}: ${skipped.map((s) => `${longDate(s.day)} (${s.name})`).join(', ')}`;
}

function startOfClock(j: Jurisdiction, input: RightsDeadlineInput, received: number, trace: Trace): number {
  trace.add(() =>
    traceStep(`Request received on ${longDate(received)}. ${j.start.text}`, j.start, fromDay(received)),
  );
  const identity = input.identityReceivedOn ? toDay(input.identityReceivedOn, 'identityReceivedOn') : null;
  const fee = input.feeReceivedOn ? toDay(input.feeReceivedOn, 'feeReceivedOn') : null;
  if (!j.startAtLatestOfIdentityAndFee) {
    if (identity !== null) {
      trace.add(() =>
        j.pauses.allowed
          ? traceStep(
              `Identity evidence received on ${longDate(identity)}: this does not move the start; a wait for it ` +
                'counts only if entered as a clock pause.',
              j.pauses,
            )
          : traceStep(
              `Identity evidence received on ${longDate(identity)}: this does not move the start.`,
              j.start,
            ),
      );
    }
    if (fee !== null) {
      trace.add(() => traceStep(`Fee received on ${longDate(fee)}: this does not move the start.`, j.start));
    }
    return received;
  }
  const start = Math.max(received, identity ?? received, fee ?? received);
  const rule = received >= ART_12A_IN_FORCE ? UK_ART_12A : UK_START_BEFORE_ART_12A;
  if (start === received) {
    if (identity !== null || fee !== null) {
      trace.add(() =>
        traceStep(
          `Identity evidence and fee came no later than the request: the clock starts on receipt.`,
          rule,
        ),
      );
    }
    return received;
  }
  const what = start === identity ? 'identity evidence' : 'the fee';
  trace.add(() =>
    traceStep(`${rule.text} The latest is ${what}, received on ${longDate(start)}.`, rule, fromDay(start)),
  );
  return start;
}

interface Pause {
  from: number;
  to: number;
  /** The days the pause adds to the period. */
  days: number;
}

function applicablePauses(j: Jurisdiction, input: RightsDeadlineInput, start: number, trace: Trace): Pause[] {
  const raw = input.pauses ?? [];
  if (raw.length === 0) return [];
  if (!j.pauses.allowed) {
    trace.add(() => traceStep(`${raw.length} clock pause(s) ignored. ${j.pauses.text}`, j.pauses));
    return [];
  }
  if (j.code === 'UK-GDPR' && toDay(input.receivedOn) < ART_12A_IN_FORCE) {
    trace.add(() =>
      traceStep(
        'This request predates Art 12A UK GDPR (in force 5 February 2026): check that each pause is justified ' +
          'under the guidance in force when it happened.',
        j.pauses,
      ),
    );
  }
  const sorted = raw
    .map((p, i) => {
      const from = toDay(p.from, `pauses.${i}.from`);
      const to = toDay(p.to, `pauses.${i}.to`);
      if (to < from) invalidField(`pauses.${i}`, `Pause ${p.from}..${p.to} ends before it starts.`);
      return { from: Math.max(from, start), to };
    })
    // A UK pause excludes its first and last days, so even a one-day pause counts; elsewhere the clock runs
    // again on the last day, so a pause must span at least one night.
    .filter((p) => (j.pauses.inclusive ? p.to >= p.from : p.to > p.from))
    .sort((a, b) => a.from - b.from);
  // Overlapping pauses are one pause: a stopped clock cannot stop twice.
  const merged: Pause[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p, days: 0 });
  }
  for (const p of merged) p.days = p.to - p.from + (j.pauses.inclusive ? 1 : 0);
  if (merged.length > 0) trace.add(() => traceStep(j.pauses.text, j.pauses));
  return merged;
}

/** Moves `end` later by each pause that began before the (moving) end of the period. */
function extendByPauses(
  end: number,
  pauses: readonly Pause[],
): { end: number; applied: Pause[]; late: Pause[] } {
  const applied: Pause[] = [];
  const late: Pause[] = [];
  let e = end;
  for (const p of pauses) {
    if (p.from > e) {
      late.push(p);
      continue;
    }
    e += p.days;
    applied.push(p);
  }
  return { end: e, applied, late };
}

function pauseSteps(
  label: string,
  result: { end: number; applied: Pause[]; late: Pause[] },
  fact: Sourced,
  trace: Trace,
): void {
  for (const p of result.applied) {
    trace.add(() =>
      traceStep(
        `${label}: clock paused from ${longDate(p.from)} to ${longDate(p.to)}` +
          `${p.days === p.to - p.from + 1 ? ', both days excluded' : ''}, so the period ends ${p.days} day(s) later.`,
        fact,
      ),
    );
  }
  for (const p of result.late) {
    trace.add(() =>
      traceStep(
        `${label}: the pause from ${longDate(p.from)} began after the period ended; not counted.`,
        fact,
      ),
    );
  }
  if (result.applied.length > 0) {
    trace.add(() =>
      traceStep(
        `${label}: with the pauses, the period ends on ${longDate(result.end)}.`,
        fact,
        fromDay(result.end),
      ),
    );
  }
}

/**
 * How a deadline is counted under the reading in use: the rule that moves a last day (or none), whether the day
 * of receipt is day 1 of a calendar-day period, and the calendar.
 */
interface Counting {
  j: Jurisdiction;
  calendar: HolidayCalendar | null;
  roll: RollRule | null;
  receiptNotCounted: boolean;
  reading: Readings;
}

function countingOf(j: Jurisdiction, calendar: HolidayCalendar | null, reading: Readings): Counting {
  const later = reading === 'later' ? j.contested : undefined;
  return {
    j,
    calendar,
    roll: later?.roll ?? j.roll,
    receiptNotCounted: later?.receiptNotCounted === true,
    reading,
  };
}

/** Why the roll rule does not let a day stand as a last day, or null when the day is a working day for it. */
function stopReason(c: Counting, rule: RollRule, day: number): string | null {
  const w = weekdayOf(day);
  if (w === 0) return 'a Sunday';
  if (w === 6 && rule.saturday) return 'a Saturday';
  const { calendar } = c;
  if (!calendar) return null;
  const holiday = holidayOnDay(calendar, day);
  if (holiday !== undefined) return `a public holiday in ${calendarPlace(calendar)} (${holiday})`;
  if (rule.equivalentDays) {
    const eve = deadlineEquivalentOn(calendar.country, day);
    if (eve) return `${eve.name}, which ${eve.source} treats like a holiday`;
  }
  return null;
}

/** The day the roll rule in use moves `day` to, without explaining it. */
function rollDay(c: Counting, day: number): number {
  const rule = c.roll;
  let d = day;
  if (rule) while (stopReason(c, rule, d) !== null) d += 1;
  return d;
}

/** Rolls a day forward past the days the rule in use names, explaining each day. */
function roll(c: Counting, day: number, label: string, trace: Trace): number {
  const rule = c.roll;
  if (!rule) {
    const reason = nonWorkingReason(c.calendar, day);
    const note = c.j.noRoll;
    if (reason !== null && note) {
      trace.add(() => traceStep(`${label}: ${longDate(day)} is ${reason}. ${note.text}`, note, fromDay(day)));
    }
    return day;
  }
  let d = day;
  for (let reason = stopReason(c, rule, d); reason !== null; reason = stopReason(c, rule, d)) {
    const skipped = d;
    const why = reason;
    trace.add(() =>
      traceStep(
        `${label}: ${longDate(skipped)} is ${why}, so the period ends on the next working day.`,
        rule,
        fromDay(skipped),
      ),
    );
    d += 1;
  }
  if (weekdayOf(d) === 6 && !rule.saturday) {
    const last = d;
    trace.add(() =>
      traceStep(
        `${label}: ${longDate(last)} is a Saturday, which this rule does not move; the date stands.`,
        rule,
      ),
    );
  }
  return d;
}

function monthsText(start: number, end: number, months: number): string {
  const from = partsFromDay(start).day;
  const unit = months === 1 ? 'month' : 'months';
  if (from === partsFromDay(end).day) return `+${months} ${unit}: the same date, ${longDate(end)}`;
  return (
    `+${months} ${unit}: ${monthAndYear(end)} has no day ${from}, so the period ends on its last day, ` +
    longDate(end)
  );
}

/** The unrolled end of the base period, with its step(s). */
function basePeriodEnd(p: Period, fact: Sourced, c: Counting, start: number, trace: Trace): number {
  const { calendar } = c;
  switch (p.unit) {
    case 'months': {
      const end = addMonthsToDay(start, p.amount);
      trace.add(() => traceStep(`${monthsText(start, end, p.amount)}.`, fact, fromDay(end)));
      return end;
    }
    case 'calendar-days': {
      const dayOne = p.receiptIsDayOne && !c.receiptNotCounted;
      const end = start + p.amount - (dayOne ? 1 : 0);
      const counting = dayOne ? 'the day of receipt is day 1' : 'counted from the day after receipt';
      trace.add(() =>
        traceStep(`${p.amount} calendar days (${counting}): ${longDate(end)}.`, fact, fromDay(end)),
      );
      return end;
    }
    case 'business-days': {
      const { day, skipped } = addWorkingDays(calendar, start, p.amount);
      trace.add(() =>
        traceStep(
          `${p.amount} business days after receipt, skipping weekends${skippedHolidays(calendar, skipped)}: ` +
            `${longDate(day)}.`,
          fact,
          fromDay(day),
        ),
      );
      trace.add(() => noteStep(US_BUSINESS_DAY));
      return day;
    }
    case 'immediate':
      trace.add(() => traceStep(`Due at once: ${longDate(start)}.`, fact, fromDay(start)));
      return start;
  }
}

/**
 * Computes the due dates of a rights request and explains them step by step, citing each rule: the start of the
 * clock, the base period (Reg. 1182/71 for GDPR and UK GDPR; calendar or business days elsewhere), clock pauses
 * where the law allows them, the roll past weekends and public holidays, the extension, the acknowledgement and
 * the organisation's internal target. Fails with a VALIDATION AppError naming the field on bad input.
 * With `explain: false` it returns the same dates and no steps, for bulk use.
 */
export function computeRightsDeadline(
  input: RightsDeadlineInput,
  options: { explain?: boolean } = {},
): RightsDeadline {
  const j = requireJurisdiction(input.jurisdiction);
  const rule = requireRequestType(j, input.requestType);
  const calendar = resolveHolidayCalendar(j, input.country, input.region);
  const received = toDay(input.receivedOn, 'receivedOn');
  const explain = options.explain ?? true;
  const reading: Readings = input.readings ?? 'cautious';
  const dates = deadlineDates(j, rule, calendar, input, received, reading, new Trace(explain));

  // A contested reading: compute the other one too and say what it gives when the dates differ.
  let contested: RightsDeadline['contested'] = null;
  const dispute = j.contested;
  if (dispute && contestedHere(j, calendar)) {
    const otherReading: Readings = reading === 'cautious' ? 'later' : 'cautious';
    const other = deadlineDates(j, rule, calendar, input, received, otherReading, new Trace(false));
    if (other.baseDue !== dates.baseDue || other.extendedDue !== dates.extendedDue) {
      contested = {
        reading,
        other: {
          reading: otherReading,
          baseDue: fromDay(other.baseDue),
          extendedDue: other.extendedDue === null ? null : fromDay(other.extendedDue),
        },
      };
      const used =
        reading === 'cautious'
          ? 'the cautious reading (the earlier date)'
          : 'the later reading (organisation setting)';
      const otherText =
        `${otherReading === 'later' ? 'The later' : 'The cautious'} reading gives ${longDate(other.baseDue)}` +
        (other.extendedDue !== null && other.extendedDue !== dates.extendedDue
          ? ` (${longDate(other.extendedDue)} if extended)`
          : '');
      dates.trace.insertBeforeLast(() =>
        traceStep(`${dispute.text} This deadline uses ${used}. ${otherText}.`, dispute),
      );
    }
  }

  return {
    jurisdiction: j.code,
    requestType: rule.type,
    holidayCalendar: calendar ? calendarCode(calendar) : null,
    start: fromDay(dates.start),
    due: fromDay(dates.due),
    legalDue: fromDay(dates.legalDue),
    baseDue: fromDay(dates.baseDue),
    extendedDue: dates.extendedDue === null ? null : fromDay(dates.extendedDue),
    extensionNoticeDue: dates.extensionNoticeDue === null ? null : fromDay(dates.extensionNoticeDue),
    ackDue: dates.ackDue === null ? null : fromDay(dates.ackDue),
    internalDue: dates.internalDue === null ? null : fromDay(dates.internalDue),
    pausedDays: dates.pausedDays,
    contested,
    steps: dates.trace.steps,
  };
}

/** Whether the jurisdiction's contested reading can matter for this calendar (the GDPR's only in SE, FI, NL). */
function contestedHere(j: Jurisdiction, calendar: HolidayCalendar | null): boolean {
  if (!j.contested) return false;
  if (j.contested.roll?.equivalentDays) return calendar !== null && hasEquivalentDays(calendar.country);
  return true;
}

function hasEquivalentDays(country: string): boolean {
  return DEADLINE_EQUIVALENT_DAYS.some((e) => e.country === country);
}

interface Dates {
  start: number;
  due: number;
  legalDue: number;
  baseDue: number;
  extendedDue: number | null;
  extensionNoticeDue: number | null;
  ackDue: number | null;
  internalDue: number | null;
  pausedDays: number;
  trace: Trace;
}

/** The dates of a request under one reading, with their trace. */
function deadlineDates(
  j: Jurisdiction,
  rule: RequestTypeRule,
  calendar: HolidayCalendar | null,
  input: RightsDeadlineInput,
  received: number,
  reading: Readings,
  trace: Trace,
): Dates {
  const c = countingOf(j, calendar, reading);
  const start = startOfClock(j, input, received, trace);
  const typeNote = rule.note;
  if (typeNote) trace.add(() => noteStep(typeNote));
  if (j.code === 'GDPR') trace.add(() => noteStep(REG_1182_71_ANALOGY));
  const pauses = applicablePauses(j, input, start, trace);

  // A small processing agent's own periods (Brazil, Res. CD/ANPD 2/2022 arts 14–15).
  const small = input.smallProcessingAgent === true ? rule.smallAgentPeriod : undefined;
  if (small) {
    trace.add(() => noteStep(SMALL_AGENT));
    trace.add(() => noteStep(small));
  }
  const period = small ?? rule.period;
  const periodFact: Sourced = small ?? rule;

  // Base period: GDPR Art 12(3); Reg. 1182/71 Art 3(2)(c) for months.
  const baseRaw = basePeriodEnd(period, periodFact, c, start, trace);
  const basePaused = extendByPauses(baseRaw, pauses);
  if (j.pauses.allowed) pauseSteps('Base period', basePaused, j.pauses, trace);
  // The jurisdiction's roll rule (Reg. 1182/71 Art 3(4) for the GDPR; see each jurisdiction's `roll`).
  const baseDue = roll(c, basePaused.end, 'Base period', trace);
  trace.add(() =>
    traceStep(`Legal deadline without extension: ${longDate(baseDue)}.`, periodFact, fromDay(baseDue)),
  );

  // The extension notice is due within the base period (GDPR Art 12(3); CCPA §1798.130; PIPEDA s.8(4)).
  const extensionNoticeDue = rule.extension ? baseDue : null;
  if (rule.extension) {
    const notice = rule.extension.notice ?? rule.extension;
    trace.add(() =>
      traceStep(
        `Any extension must be notified, with reasons, by ${longDate(baseDue)}.`,
        notice,
        fromDay(baseDue),
      ),
    );
  }
  const ext = extendedDeadline(c, rule, input, start, baseRaw, pauses, trace);

  const ackDue = acknowledgement(j, rule, calendar, received, trace);

  const isExtended = input.extended === true && ext !== null;
  const legalDue = isExtended ? ext : baseDue;
  const targetDays = input.internalTargetDays;
  const internalDue = targetDays === undefined || targetDays === null ? null : start + targetDays;
  if (internalDue !== null) {
    trace.add(() =>
      traceStep(
        `Internal target: ${targetDays} calendar days from the start, ${longDate(internalDue)}.`,
        ORG_SETTING,
        fromDay(internalDue),
      ),
    );
  }
  const due = internalDue !== null && internalDue < legalDue ? internalDue : legalDue;
  if (due !== legalDue) {
    trace.add(() =>
      traceStep(
        `Due: ${longDate(due)}, the internal target, earlier than the legal deadline of ${longDate(legalDue)}.`,
        ORG_SETTING,
        fromDay(due),
      ),
    );
  } else {
    const fact = isExtended && rule.extension ? rule.extension : periodFact;
    trace.add(() =>
      traceStep(`Due: ${longDate(due)}${isExtended ? ' (extended)' : ''}.`, fact, fromDay(due)),
    );
  }
  return {
    start,
    due,
    legalDue,
    baseDue,
    extendedDue: ext,
    extensionNoticeDue,
    ackDue,
    internalDue,
    pausedDays: basePaused.end - baseRaw,
    trace,
  };
}

const ORG_SETTING: Sourced = { source: 'organisation setting', confidence: 'V' };

function extendedDeadline(
  c: Counting,
  rule: RequestTypeRule,
  input: RightsDeadlineInput,
  start: number,
  baseRaw: number,
  pauses: readonly Pause[],
  trace: Trace,
): number | null {
  const { j } = c;
  const ext = rule.extension;
  if (!ext) {
    if (input.extended) trace.add(() => traceStep('No extension is available for this request type.', rule));
    return null;
  }
  if (ext.unit === 'open') {
    trace.add(() =>
      traceStep(
        'Extension: if the period cannot be met, tell the person within it and give the new period; the law sets ' +
          'no fixed maximum.',
        ext,
      ),
    );
    return null;
  }
  let raw: number;
  if (ext.unit === 'months' && rule.period.unit === 'months') {
    const total = rule.period.amount + ext.amount;
    const fromReceipt = addMonthsToDay(start, total);
    const first = addMonthsToDay(start, rule.period.amount);
    const fromFirst = addMonthsToDay(first, ext.amount);
    // UK: the ICO counts three months from receipt. EU: contested; the cautious reading (the earlier date, two
    // months from the unrolled end of the first period) unless the organisation has chosen one (setting).
    const chosen = input.extensionMethod;
    const method = chosen ?? (j.code === 'UK-GDPR' ? 'from-receipt' : 'from-base-deadline');
    const setting = chosen
      ? 'organisation setting'
      : j.code === 'UK-GDPR'
        ? 'ICO reading'
        : 'cautious reading';
    if (method === 'from-receipt') {
      raw = fromReceipt;
      trace.add(() =>
        traceStep(
          `Extension by up to ${ext.amount} further months, counted as ${total} months from receipt ` +
            `(${setting}): ${longDate(raw)}.`,
          ext,
          fromDay(raw),
        ),
      );
    } else {
      raw = fromFirst;
      trace.add(() =>
        traceStep(
          `Extension by up to ${ext.amount} further months, counted from the end of the first period ` +
            `(${longDate(first)}; ${setting}): ${longDate(raw)}.`,
          ext,
          fromDay(raw),
        ),
      );
    }
    if (j.code === 'UK-GDPR') trace.add(() => noteStep(UK_EXTENSION_METHOD));
    else {
      // The other readings, said in the trace so the DPO sees what is at stake (moved off weekends and holidays
      // like the date used; pauses aside).
      const shown = (day: number) => longDate(rollDay(c, day));
      const others: string[] = [];
      if (method !== 'from-receipt' && fromReceipt !== raw)
        others.push(`counted as ${total} months from receipt it ends on ${shown(fromReceipt)}`);
      if (method !== 'from-base-deadline' && fromFirst !== raw)
        others.push(`counted from the end of the first period it ends on ${shown(fromFirst)}`);
      const rolledFirst = rollDay(c, first);
      const fromRolled = addMonthsToDay(rolledFirst, ext.amount);
      if (rolledFirst !== first && rollDay(c, fromRolled) !== rollDay(c, raw))
        others.push(
          `counted from the first period as moved to ${longDate(rolledFirst)} it ends on ${shown(fromRolled)}`,
        );
      trace.add(() =>
        traceStep(
          `${EXTENSION_METHOD.text}${others.length > 0 ? ` Other readings: ${others.join('; ')}.` : ''}`,
          EXTENSION_METHOD,
        ),
      );
    }
  } else {
    raw = baseRaw + ext.amount;
    trace.add(() =>
      traceStep(
        `Extension by up to ${ext.amount} further calendar days: ${longDate(raw)}.`,
        ext,
        fromDay(raw),
      ),
    );
  }
  const paused = extendByPauses(raw, pauses);
  if (j.pauses.allowed) pauseSteps('Extended period', paused, j.pauses, trace);
  const due = roll(c, paused.end, 'Extended period', trace);
  trace.add(() => traceStep(`Latest extended deadline: ${longDate(due)}.`, ext, fromDay(due)));
  return due;
}

function acknowledgement(
  j: Jurisdiction,
  rule: RequestTypeRule,
  calendar: HolidayCalendar | null,
  received: number,
  trace: Trace,
): number | null {
  const ack = rule.acknowledgement;
  if (!ack) {
    if (j.code === 'GDPR' || j.code === 'UK-GDPR') trace.add(() => noteStep(GDPR_ACKNOWLEDGEMENT));
    return null;
  }
  const { day, skipped } = addWorkingDays(calendar, received, ack.amount);
  trace.add(() =>
    traceStep(
      `Confirm receipt within ${ack.amount} business days${skippedHolidays(calendar, skipped)}: by ${longDate(day)}.`,
      ack,
      fromDay(day),
    ),
  );
  return day;
}
