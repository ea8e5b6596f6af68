import {
  ART_34_3_EXEMPTIONS,
  AWARENESS,
  breachDeadlineRule,
  DEFAULT_PROCESSOR_LIMIT_HOURS,
  DOCUMENT_EVERY_BREACH,
  HOURS_RUN_THROUGH,
  LATE_REASONS,
  PHASED,
  PROCESSOR_NOTICE,
  RISK_OBLIGATIONS,
  type BreachRegime,
  type BreachRiskLevel,
} from '../reference/breach';
import type { Sourced } from '../reference/sources';
import {
  formatDuration,
  formatInstant,
  formatOffset,
  isoUtc,
  isTimeZone,
  parseInstant,
  zoneOffsetMinutes,
} from './instant';
import { invalidField } from './invalid';
import { Trace, traceStep, type TraceStep } from './trace';

/** A processor's notice to its controller, tracked against the organisation's (or the contract's) limit. */
export interface ProcessorNoticeInput {
  /** When the processor became aware (ISO-8601 with offset). */
  awareAt: string;
  /** When it told the controller, if it has. */
  controllerNotifiedAt?: string | null;
  /** The internal limit in hours (default 24). */
  limitHours?: number | null;
}

/** Everything the breach clock depends on. Moments are ISO-8601 with an offset. */
export interface BreachClockInput {
  /** When the controller became aware of the breach. */
  awareAt: string;
  /** The IANA zone to explain the clock in (e.g. "Europe/Paris"); without it, the offset of `awareAt`. */
  timeZone?: string | null;
  /** gdpr (72 h, default), uk-gdpr (72 h), uk-pecr (72 h; 24 h when aware before 20 August 2025). */
  regime?: BreachRegime;
  /** The moment to judge remaining time on (the caller's clock); without it no remaining time is given. */
  now?: string | null;
  /** The first filing to the authority, which stops the clock. */
  authorityNotifiedAt?: string | null;
  delayReason?: string | null;
  riskLevel?: BreachRiskLevel | null;
  processor?: ProcessorNoticeInput | null;
}

/**
 * running / overdue: not yet notified, before / after the deadline; met / late: notified before / after it;
 * not-required: assessed as unlikely to result in a risk; unknown: not notified and no `now` given.
 */
export type BreachClockStatus = 'running' | 'overdue' | 'met' | 'late' | 'not-required' | 'unknown';

export interface ProcessorNotice {
  due: string;
  limitHours: number;
  status: 'running' | 'overdue' | 'met' | 'late' | 'unknown';
  remainingMs: number | null;
}

export interface BreachClock {
  /** Awareness, ISO-8601 UTC. */
  awareAt: string;
  /** Awareness + the regime's hours, ISO-8601 UTC. */
  deadline: string;
  hours: number;
  /** The zone the local times are shown in: an IANA name or "UTC+01:00". */
  timeZone: string;
  awareAtLocal: string;
  deadlineLocal: string;
  status: BreachClockStatus;
  /** Milliseconds from `now` (or the filing) to the deadline; negative when overdue or late; null without `now`. */
  remainingMs: number | null;
  /** A late (or now overdue) notification must give the reasons for the delay (Art 33(1)). */
  delayReasonRequired: boolean;
  delayReasonMissing: boolean;
  /** What the risk level triggers; null until the risk is assessed. */
  obligations: { documentOnly: boolean; notifyAuthority: boolean; notifyDataSubjects: boolean } | null;
  processorNotice: ProcessorNotice | null;
  steps: TraceStep[];
}

const HOUR = 3_600_000;

/**
 * The breach clock: the authority deadline is the moment of awareness plus exactly 72 hours (24 under PECR for
 * awareness before 20 August 2025),
 * elapsed time through nights, weekends, holidays and clock changes, explained in the zone given. Gives the
 * remaining time, the overdue state, whether a delay reason is needed, what the risk level triggers, and a
 * processor's notice against its internal limit. Fails with a VALIDATION AppError naming the field.
 */
export function computeBreachClock(input: BreachClockInput): BreachClock {
  const aware = parseInstant(input.awareAt, 'awareAt');
  // PECR: 24 hours for awareness before 20 August 2025, 72 from then (DUAA 2025 s.111).
  const regime = breachDeadlineRule(input.regime ?? 'gdpr', aware.ms);
  const zoneName = input.timeZone ?? null;
  if (zoneName !== null && !isTimeZone(zoneName)) {
    invalidField('timeZone', `"${zoneName}" is not an IANA time zone; use one such as Europe/Paris.`);
  }
  const zone: string | number = zoneName ?? aware.offsetMinutes;
  const shownZone = zoneName ?? formatOffset(aware.offsetMinutes);
  const deadlineMs = aware.ms + regime.hours * HOUR;
  const trace = new Trace();
  const at = (ms: number) => `${formatInstant(ms, zone)}${zoneName ? ` in ${zoneName}` : ''} [${isoUtc(ms)}]`;

  trace.add(() => traceStep(`Became aware on ${at(aware.ms)}. ${AWARENESS.text}`, AWARENESS));
  // A moment written in UTC ("Z", as the app and most systems store one) is not a local wall time, so only a
  // numeric offset that disagrees with the zone's can be a slip (+01:00 typed in summer).
  const writtenInUtc = /z$/i.test(input.awareAt.trim());
  if (zoneName !== null && !writtenInUtc) {
    const zoneOffset = zoneOffsetMinutes(zoneName, aware.ms);
    if (zoneOffset !== aware.offsetMinutes) {
      trace.add(() =>
        traceStep(
          `The offset written (${formatOffset(aware.offsetMinutes)}) is not ${zoneName}'s at that moment ` +
            `(${formatOffset(zoneOffset)}); the moment is taken as written. Check the awareness time.`,
          AWARENESS,
        ),
      );
    }
  }
  trace.add(() => traceStep(`+${regime.hours} hours: ${at(deadlineMs)}. ${regime.text}`, regime));
  trace.add(() => traceStep(HOURS_RUN_THROUGH.text, HOURS_RUN_THROUGH));
  if (zoneName !== null) {
    const before = zoneOffsetMinutes(zoneName, aware.ms);
    const after = zoneOffsetMinutes(zoneName, deadlineMs);
    if (before !== after) {
      trace.add(() =>
        traceStep(
          `The clocks change in ${zoneName} in between (${formatOffset(before)} → ${formatOffset(after)}): the ` +
            `local time of the deadline differs from the time of awareness by ${Math.abs(after - before)} ` +
            `minutes, but exactly ${regime.hours} hours elapse.`,
          regime,
        ),
      );
    }
  }

  const risk = input.riskLevel ?? null;
  const notified = input.authorityNotifiedAt
    ? parseInstant(input.authorityNotifiedAt, 'authorityNotifiedAt')
    : null;
  const now = input.now ? parseInstant(input.now, 'now') : null;
  let status: BreachClockStatus;
  let remainingMs: number | null = null;
  if (notified) {
    remainingMs = deadlineMs - notified.ms;
    status = remainingMs >= 0 ? 'met' : 'late';
    trace.add(() =>
      traceStep(
        status === 'met'
          ? `Authority notified on ${at(notified.ms)}, ${formatDuration(remainingMs ?? 0)} before the deadline.`
          : `Authority notified on ${at(notified.ms)}, ${formatDuration(remainingMs ?? 0)} after the deadline.`,
        regime,
      ),
    );
  } else if (risk === 'none') {
    status = 'not-required';
  } else if (now) {
    remainingMs = deadlineMs - now.ms;
    status = remainingMs >= 0 ? 'running' : 'overdue';
    trace.add(() =>
      traceStep(
        status === 'running'
          ? `Not yet notified: ${formatDuration(remainingMs ?? 0)} left at ${at(now.ms)}.`
          : `Not yet notified and overdue by ${formatDuration(remainingMs ?? 0)} at ${at(now.ms)}.`,
        regime,
      ),
    );
  } else {
    status = 'unknown';
  }

  const delayReasonRequired = status === 'late' || status === 'overdue';
  const delayReasonMissing = delayReasonRequired && !input.delayReason?.trim();
  if (delayReasonRequired) {
    trace.add(() =>
      traceStep(
        delayReasonMissing
          ? `${LATE_REASONS.text} No reason is recorded yet.`
          : `${LATE_REASONS.text} Recorded.`,
        LATE_REASONS,
      ),
    );
  }
  if (status === 'running' || status === 'overdue') trace.add(() => traceStep(PHASED.text, PHASED));

  let obligations: BreachClock['obligations'] = null;
  if (risk) {
    const o = RISK_OBLIGATIONS[risk];
    obligations = {
      documentOnly: !o.notifyAuthority,
      notifyAuthority: o.notifyAuthority,
      notifyDataSubjects: o.notifyDataSubjects,
    };
    trace.add(() => traceStep(o.text, o));
    if (risk === 'high') trace.add(() => traceStep(ART_34_3_EXEMPTIONS.text, ART_34_3_EXEMPTIONS));
  } else {
    trace.add(() =>
      traceStep(
        `The risk is not assessed yet: until it is, treat the ${regime.hours}-hour deadline as running.`,
        regime,
      ),
    );
  }
  trace.add(() => traceStep(DOCUMENT_EVERY_BREACH.text, DOCUMENT_EVERY_BREACH));

  const processorNotice = input.processor
    ? processorClock(input.processor, now?.ms ?? null, at, trace)
    : null;

  return {
    awareAt: isoUtc(aware.ms),
    deadline: isoUtc(deadlineMs),
    hours: regime.hours,
    timeZone: shownZone,
    awareAtLocal: formatInstant(aware.ms, zone),
    deadlineLocal: formatInstant(deadlineMs, zone),
    status,
    remainingMs,
    delayReasonRequired,
    delayReasonMissing,
    obligations,
    processorNotice,
    steps: trace.steps,
  };
}

const ORG_LIMIT: Sourced = {
  source: 'organisation setting (GDPR Art 33(2): without undue delay)',
  confidence: 'V',
};

function processorClock(
  p: ProcessorNoticeInput,
  nowMs: number | null,
  at: (ms: number) => string,
  trace: Trace,
): ProcessorNotice {
  const limitHours = p.limitHours ?? DEFAULT_PROCESSOR_LIMIT_HOURS;
  if (!(limitHours > 0)) {
    invalidField('processor.limitHours', 'Give a positive number of hours.');
  }
  const aware = parseInstant(p.awareAt, 'processor.awareAt');
  const dueMs = aware.ms + limitHours * HOUR;
  const sent = p.controllerNotifiedAt
    ? parseInstant(p.controllerNotifiedAt, 'processor.controllerNotifiedAt')
    : null;
  let status: ProcessorNotice['status'] = 'unknown';
  let remainingMs: number | null = null;
  if (sent) {
    remainingMs = dueMs - sent.ms;
    status = remainingMs >= 0 ? 'met' : 'late';
  } else if (nowMs !== null) {
    remainingMs = dueMs - nowMs;
    status = remainingMs >= 0 ? 'running' : 'overdue';
  }
  trace.add(() => traceStep(PROCESSOR_NOTICE.text, PROCESSOR_NOTICE));
  trace.add(() =>
    traceStep(
      `Processor aware on ${at(aware.ms)}; internal limit ${limitHours} h: notify the controller by ${at(dueMs)}` +
        (status === 'unknown'
          ? '.'
          : ` (${status}${remainingMs === null ? '' : `, ${formatDuration(remainingMs)}`}).`),
      ORG_LIMIT,
    ),
  );
  return { due: isoUtc(dueMs), limitHours, status, remainingMs };
}
