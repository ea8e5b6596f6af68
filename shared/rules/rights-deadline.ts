import { EEA_TERRITORIES, isInEea } from '../reference/eea';
import {
  EXTENSION_METHOD,
  findJurisdiction,
  findRequestType,
  GDPR_ACKNOWLEDGEMENT,
  JURISDICTIONS,
  NO_ROLL,
  REG_1182_71_ANALOGY,
  UK_ART_12A,
  UK_ART_12A_IN_FORCE,
  UK_REGIONS,
  UK_EXTENSION_METHOD,
  UK_START_BEFORE_ART_12A,
  US_BUSINESS_DAY,
  type Jurisdiction,
  type JurisdictionCode,
  type RequestTypeRule,
} from '../reference/jurisdictions';
import type { Note, Sourced } from '../reference/sources';
import {
  addMonthsToDay,
  fromDay,
  longDate,
  monthAndYear,
  partsFromDay,
  toDay,
  type IsoDate,
} from './calendar';
import {
  addWorkingDays,
  calendarCode,
  calendarPlace,
  hasHolidayCalendar,
  holidayCalendar,
  isWorkingDay,
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
  /** UK GDPR: eng (default), sct, nir, wls. GDPR: optionally a region of `country` with its own holidays. */
  region?: string | null;
  requestType: string;
  receivedOn: IsoDate;
  identityReceivedOn?: IsoDate | null;
  feeReceivedOn?: IsoDate | null;
  pauses?: readonly ClockPause[];
  /** The controller has extended the period (notice sent). */
  extended?: boolean;
  extensionMethod?: ExtensionMethod;
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
 * region for UK GDPR, the state for US laws, none for LGPD, PIPEDA and FADP. Fails naming `country` or `region`.
 */
export function resolveHolidayCalendar(
  jurisdiction: Jurisdiction,
  country?: string | null,
  region?: string | null,
): HolidayCalendar | null {
  const scope = jurisdiction.holidays;
  if (!scope) return null;
  if (scope.kind === 'fixed') return holidayCalendar(scope.country, scope.region);
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

/** The day a jurisdiction's roll rule moves `day` to, without explaining it. */
function rollDay(j: Jurisdiction, calendar: HolidayCalendar | null, day: number): number {
  let d = day;
  if (j.roll) while (!isWorkingDay(calendar, d)) d += 1;
  return d;
}

/** Rolls a day forward past weekends and holidays where the jurisdiction's rule says so, explaining each day. */
function roll(
  j: Jurisdiction,
  calendar: HolidayCalendar | null,
  day: number,
  label: string,
  trace: Trace,
): number {
  if (!j.roll) {
    if (!isWorkingDay(calendar, day)) {
      trace.add(() =>
        traceStep(
          `${label}: ${longDate(day)} is ${nonWorkingReason(calendar, day)}. ${NO_ROLL.text}`,
          NO_ROLL,
          fromDay(day),
        ),
      );
    }
    return day;
  }
  const rule = j.roll;
  let d = day;
  while (!isWorkingDay(calendar, d)) {
    const skipped = d;
    trace.add(() =>
      traceStep(
        `${label}: ${longDate(skipped)} is ${nonWorkingReason(calendar, skipped)}, so the period ends on the next ` +
          'working day.',
        rule,
        fromDay(skipped),
      ),
    );
    d += 1;
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
function basePeriodEnd(
  rule: RequestTypeRule,
  calendar: HolidayCalendar | null,
  start: number,
  trace: Trace,
): number {
  const p = rule.period;
  switch (p.unit) {
    case 'months': {
      const end = addMonthsToDay(start, p.amount);
      trace.add(() => traceStep(`${monthsText(start, end, p.amount)}.`, rule, fromDay(end)));
      return end;
    }
    case 'calendar-days': {
      const end = start + p.amount - (p.receiptIsDayOne ? 1 : 0);
      const counting = p.receiptIsDayOne
        ? 'the day of receipt is day 1'
        : 'counted from the day after receipt';
      trace.add(() =>
        traceStep(`${p.amount} calendar days (${counting}): ${longDate(end)}.`, rule, fromDay(end)),
      );
      return end;
    }
    case 'business-days': {
      const { day, skipped } = addWorkingDays(calendar, start, p.amount);
      trace.add(() =>
        traceStep(
          `${p.amount} business days after receipt, skipping weekends${skippedHolidays(calendar, skipped)}: ` +
            `${longDate(day)}.`,
          rule,
          fromDay(day),
        ),
      );
      trace.add(() => noteStep(US_BUSINESS_DAY));
      return day;
    }
    case 'immediate':
      trace.add(() => traceStep(`Due at once: ${longDate(start)}.`, rule, fromDay(start)));
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
  const trace = new Trace(options.explain ?? true);

  const start = startOfClock(j, input, received, trace);
  const typeNote = rule.note;
  if (typeNote) trace.add(() => noteStep(typeNote));
  if (j.code === 'GDPR') trace.add(() => noteStep(REG_1182_71_ANALOGY));
  const pauses = applicablePauses(j, input, start, trace);

  // Base period: GDPR Art 12(3); Reg. 1182/71 Art 3(2)(c) for months.
  const baseRaw = basePeriodEnd(rule, calendar, start, trace);
  const basePaused = extendByPauses(baseRaw, pauses);
  if (j.pauses.allowed) pauseSteps('Base period', basePaused, j.pauses, trace);
  // Reg. 1182/71 Art 3(4): a period ending on a Saturday, Sunday or public holiday ends on the next working day.
  const baseDue = roll(j, calendar, basePaused.end, 'Base period', trace);
  trace.add(() =>
    traceStep(`Legal deadline without extension: ${longDate(baseDue)}.`, rule, fromDay(baseDue)),
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
  const ext = extendedDeadline(j, rule, calendar, input, start, baseRaw, pauses, trace);

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
    const fact = isExtended && rule.extension ? rule.extension : rule;
    trace.add(() =>
      traceStep(`Due: ${longDate(due)}${isExtended ? ' (extended)' : ''}.`, fact, fromDay(due)),
    );
  }

  return {
    jurisdiction: j.code,
    requestType: rule.type,
    holidayCalendar: calendar ? calendarCode(calendar) : null,
    start: fromDay(start),
    due: fromDay(due),
    legalDue: fromDay(legalDue),
    baseDue: fromDay(baseDue),
    extendedDue: ext === null ? null : fromDay(ext),
    extensionNoticeDue: extensionNoticeDue === null ? null : fromDay(extensionNoticeDue),
    ackDue: ackDue === null ? null : fromDay(ackDue),
    internalDue: internalDue === null ? null : fromDay(internalDue),
    pausedDays: basePaused.end - baseRaw,
    steps: trace.steps,
  };
}

const ORG_SETTING: Sourced = { source: 'organisation setting', confidence: 'V' };

function extendedDeadline(
  j: Jurisdiction,
  rule: RequestTypeRule,
  calendar: HolidayCalendar | null,
  input: RightsDeadlineInput,
  start: number,
  baseRaw: number,
  pauses: readonly Pause[],
  trace: Trace,
): number | null {
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
      const shown = (day: number) => longDate(rollDay(j, calendar, day));
      const others: string[] = [];
      if (method !== 'from-receipt' && fromReceipt !== raw)
        others.push(`counted as ${total} months from receipt it ends on ${shown(fromReceipt)}`);
      if (method !== 'from-base-deadline' && fromFirst !== raw)
        others.push(`counted from the end of the first period it ends on ${shown(fromFirst)}`);
      const rolledFirst = rollDay(j, calendar, first);
      const fromRolled = addMonthsToDay(rolledFirst, ext.amount);
      if (rolledFirst !== first && rollDay(j, calendar, fromRolled) !== rollDay(j, calendar, raw))
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
  const due = roll(j, calendar, paused.end, 'Extended period', trace);
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
