import {
  ART_28_2,
  CALENDAR_DAYS,
  COMMON_PERIODS,
  CONTRACT_PERIOD,
  SPECIFIC_AUTHORISATION,
} from '../reference/subprocessors';
import { addDays, toDay, weekdayName, isWeekend, type IsoDate } from './calendar';
import { traceStep, type TraceStep } from './trace';

export interface ObjectionDeadlineInput {
  /** The day the vendor's notice of its new list was received. */
  noticeOn: IsoDate;
  /** The vendor's objection period in days, as recorded on the vendor; null when none is recorded. */
  periodDays: number | null;
  /** The contract's kind of sub-processor authorisation; null when not recorded. */
  authorisation: 'general' | 'specific' | null;
  /** How many sub-processors the new list adds. */
  added: number;
  /**
   * How many sub-processors it adds or changes (countries, purposes); none: a list that only drops sub-processors,
   * or repeats the chain, leaves nothing to object to. Defaults to `added`.
   */
  changes?: number;
}

export interface ObjectionDeadline {
  /** The last day to object; null under a specific authorisation (consent is needed instead). */
  deadline: IsoDate | null;
  /**
   * contract: the vendor's recorded period; assumed: none recorded, the shortest usual period counted;
   * consent: a specific authorisation, where every new sub-processor needs prior written consent; none: the list
   * adds and changes nothing, so there is nothing to object to.
   */
  basis: 'contract' | 'assumed' | 'consent' | 'none';
  /** The days counted (null under a specific authorisation). */
  periodDays: number | null;
  /** What the DPO must check, in words (no period recorded, authorisation not recorded, consent needed). */
  flags: string[];
  steps: TraceStep[];
}

/**
 * The last day to object to a vendor's new sub-processors (GDPR Art 28(2); SCC 2021/914 Clause 9(a) Option 2):
 * the notice day plus the contract's objection period in calendar days, the last day not moved off a weekend
 * (a contract term, not a statute: the earliest reading is the cautious one, and the trace names the later
 * date). With no period recorded, the shortest period usual in practice (10 days) is counted and flagged, the
 * usual 30-day date named beside it. Under a specific authorisation there is no objection window: every new
 * sub-processor needs prior written consent, and no deadline is counted.
 */
export function objectionDeadline(input: ObjectionDeadlineInput): ObjectionDeadline {
  toDay(input.noticeOn, 'noticeOn');
  const steps: TraceStep[] = [
    traceStep(`Notice of the new sub-processor list received.`, ART_28_2, input.noticeOn),
  ];
  const flags: string[] = [];
  if ((input.changes ?? input.added) === 0) {
    steps.push(
      traceStep(
        'The list adds no sub-processor and changes none (it only drops some, or repeats the chain): there is no intended addition or replacement to object to.',
        ART_28_2,
      ),
    );
    return { deadline: null, basis: 'none', periodDays: null, flags, steps };
  }
  if (input.authorisation === 'specific') {
    steps.push(traceStep(SPECIFIC_AUTHORISATION.text, SPECIFIC_AUTHORISATION));
    if (input.added > 0)
      flags.push(
        `Specific authorisation: the ${input.added === 1 ? 'new sub-processor needs' : `${input.added} new sub-processors need`} your prior written consent before the vendor engages ${input.added === 1 ? 'it' : 'them'}.`,
      );
    return { deadline: null, basis: 'consent', periodDays: null, flags, steps };
  }
  if (input.authorisation === null) {
    flags.push(
      'The contract’s kind of sub-processor authorisation is not recorded on the vendor: counted as a general authorisation. Check the DPA.',
    );
    steps.push(
      traceStep(
        'The kind of authorisation is not recorded on the vendor: counted as a general written authorisation, which gives a right to object.',
        ART_28_2,
      ),
    );
  }
  steps.push(traceStep(CONTRACT_PERIOD.text, CONTRACT_PERIOD));
  let period = input.periodDays;
  let basis: ObjectionDeadline['basis'] = 'contract';
  if (period === null) {
    basis = 'assumed';
    period = COMMON_PERIODS.shortest;
    const usual = addDays(input.noticeOn, COMMON_PERIODS.usual);
    flags.push(
      `No objection period is recorded on the vendor: ${period} days were counted, the shortest usual period; with the usual ${COMMON_PERIODS.usual} days it would be ${usual}. Record the contract’s period on the vendor.`,
    );
    steps.push(
      traceStep(
        `No objection period is recorded on the vendor: the shortest usual period, ${period} days, is counted (the cautious date). ${COMMON_PERIODS.text} With ${COMMON_PERIODS.usual} days the last day would be ${usual}.`,
        COMMON_PERIODS,
      ),
    );
  } else {
    steps.push(
      traceStep(
        `The vendor’s contract gives ${period} day${period === 1 ? '' : 's'} to object (the objection period recorded on the vendor).`,
        CONTRACT_PERIOD,
      ),
    );
  }
  const deadline = addDays(input.noticeOn, period);
  const day = toDay(deadline);
  if (isWeekend(day)) {
    const monday = addDays(deadline, weekdayName(day) === 'Saturday' ? 2 : 1);
    steps.push(
      traceStep(
        `${period} calendar days after the notice is a ${weekdayName(day)}. It is not moved: read as a period of Union law it would end on Monday ${monday}, a later date.`,
        CALENDAR_DAYS,
        deadline,
      ),
    );
  } else {
    steps.push(
      traceStep(`${period} calendar days after the notice: the last day to object.`, CALENDAR_DAYS, deadline),
    );
  }
  return { deadline, basis, periodDays: period, flags, steps };
}
