import { cite, UNVERIFIED_MARK, type Confidence, type Sourced } from '../reference/sources';
import type { IsoDate } from './calendar';

/**
 * One step of an explained result, in the order a DPO would check it by hand, e.g. "received → +1 month →
 * falls on a Sunday → next day is a public holiday → due date". `rule` is the citation with its confidence mark
 * ([S], [R]); a step resting on an unverified [R] fact says so in its text too.
 */
export interface TraceStep {
  /** The date this step lands on, when it has one (YYYY-MM-DD). */
  date?: IsoDate;
  text: string;
  rule: string;
  confidence: Confidence;
}

/** Builds a step citing `fact`; an [R] fact gets the unverified mark in the text. */
export function traceStep(text: string, fact: Sourced, date?: IsoDate): TraceStep {
  const shown = fact.confidence === 'R' ? `${text} ${UNVERIFIED_MARK}` : text;
  return date === undefined
    ? { text: shown, rule: cite(fact), confidence: fact.confidence }
    : { date, text: shown, rule: cite(fact), confidence: fact.confidence };
}

/** The steps as plain lines, for the command line and logs. */
export function traceLines(steps: readonly TraceStep[]): string[] {
  return steps.map((s, i) => `${i + 1}. ${s.date ? `${s.date}: ` : ''}${s.text} (${s.rule})`);
}

/**
 * Collects the steps of one computation. Steps are built lazily, so a computation run without explanation
 * (bulk due dates for a register) builds no text at all.
 */
export class Trace {
  readonly steps: TraceStep[] = [];
  readonly enabled: boolean;
  constructor(enabled = true) {
    this.enabled = enabled;
  }
  /** Adds the step `make` builds, when explaining. */
  add(make: () => TraceStep): void {
    if (this.enabled) this.steps.push(make());
  }
  /** Adds the step `make` builds before the last step (the conclusion), when explaining. */
  insertBeforeLast(make: () => TraceStep): void {
    if (this.enabled) this.steps.splice(Math.max(0, this.steps.length - 1), 0, make());
  }
}
