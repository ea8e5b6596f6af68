import {
  ART_35_3_CASES,
  AUTHORITY_LIST,
  CNIL_LEVELS,
  CNIL_SCALES,
  DPIA_REQUIRED,
  PRIOR_CONSULTATION,
  RISK_MATRIX_RULE,
  WP248_CRITERIA,
  WP248_RULE_OF_THUMB,
  type Art35Case,
  type Wp248Criterion,
} from '../reference/dpia';
import { invalidField } from './invalid';
import { Trace, traceStep, type TraceStep } from './trace';

/** What the screening of a processing activity found. */
export interface DpiaScreeningInput {
  /** Art 35(3) cases that apply. */
  art35Cases?: readonly Art35Case[];
  /** WP248 criteria met. */
  criteria?: readonly Wp248Criterion[];
  /** The processing is on the supervisory authority's Art 35(4) list. */
  onAuthorityList?: boolean;
  /** Why no DPIA is carried out, when none is. */
  reasonNotRequired?: string | null;
}

/**
 * required: Art 35(3) case or authority list; likely-required: two or more WP248 criteria; not-likely-required:
 * fewer than two, and the reason for not doing a DPIA must be recorded.
 */
export type DpiaConclusion = 'required' | 'likely-required' | 'not-likely-required';

export interface DpiaScreening {
  conclusion: DpiaConclusion;
  criteriaMet: number;
  /** Not doing a DPIA needs a recorded reason (always, unless one is required and cannot be skipped). */
  reasonRequiredIfNoDpia: boolean;
  /** Fewer than two criteria and no reason recorded. */
  reasonMissing: boolean;
  steps: TraceStep[];
}

/**
 * Screens a processing activity for a DPIA: an Art 35(3) case (or the authority's Art 35(4) list) makes it
 * required; two or more of the nine WP248 criteria make it likely required; with fewer, the reason for not doing
 * one must be recorded.
 */
export function screenDpia(input: DpiaScreeningInput): DpiaScreening {
  const cases = [...new Set(input.art35Cases ?? [])];
  const criteria = [...new Set(input.criteria ?? [])];
  const trace = new Trace();
  for (const id of cases) {
    const c = ART_35_3_CASES.find((x) => x.id === id);
    if (!c) invalidField('art35Cases', `Unknown Art 35(3) case "${id}".`);
    trace.add(() => traceStep(`${c.label}: a DPIA is required.`, c));
  }
  if (input.onAuthorityList)
    trace.add(() => traceStep(`${AUTHORITY_LIST.text} A DPIA is required.`, AUTHORITY_LIST));
  for (const id of criteria) {
    const c = WP248_CRITERIA.find((x) => x.id === id);
    if (!c) invalidField('criteria', `Unknown WP248 criterion "${id}".`);
    trace.add(() => traceStep(`Criterion met: ${c.label}.`, c));
  }
  const n = criteria.length;
  const reason = input.reasonNotRequired?.trim() ?? '';
  let conclusion: DpiaConclusion;
  if (cases.length > 0 || input.onAuthorityList) {
    conclusion = 'required';
    trace.add(() => traceStep(DPIA_REQUIRED.text, DPIA_REQUIRED));
    if (reason) {
      trace.add(() =>
        traceStep('A recorded reason cannot replace a DPIA that the law requires.', DPIA_REQUIRED),
      );
    }
  } else if (n >= 2) {
    conclusion = 'likely-required';
    trace.add(() =>
      traceStep(
        `${n} of 9 criteria met: a DPIA is likely required. If you conclude it is not, record why. ` +
          WP248_RULE_OF_THUMB.text,
        WP248_RULE_OF_THUMB,
      ),
    );
  } else {
    conclusion = 'not-likely-required';
    trace.add(() =>
      traceStep(
        `${n} of 9 criteria met: a DPIA is not likely required, but record the reason for not doing one` +
          `${reason ? ' (recorded)' : ' (none recorded yet)'}. ${WP248_RULE_OF_THUMB.text}`,
        WP248_RULE_OF_THUMB,
      ),
    );
  }
  return {
    conclusion,
    criteriaMet: n,
    reasonRequiredIfNoDpia: conclusion !== 'required',
    reasonMissing: conclusion === 'not-likely-required' && !reason,
    steps: trace.steps,
  };
}

/** A CNIL level, 1 Negligible … 4 Maximum. */
export type CnilLevel = 1 | 2 | 3 | 4;
export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskRating {
  likelihood: CnilLevel;
  severity: CnilLevel;
  likelihoodLabel: string;
  severityLabel: string;
  level: RiskLevel;
}

function checkLevel(value: number, path: string): CnilLevel {
  if (value === 1 || value === 2 || value === 3 || value === 4) return value;
  return invalidField(path, 'Use a CNIL level from 1 (Negligible) to 4 (Maximum).');
}

/** Places a risk on the 4 × 4 likelihood × severity map (CNIL levels) and gives its level. */
export function rateRisk(likelihood: number, severity: number): RiskRating {
  const l = checkLevel(likelihood, 'likelihood');
  const s = checkLevel(severity, 'severity');
  // CNIL map quadrants [R]: both axes Significant+ → high; one → medium; neither → low.
  const high = (l >= 3 ? 1 : 0) + (s >= 3 ? 1 : 0);
  return {
    likelihood: l,
    severity: s,
    likelihoodLabel: CNIL_LEVELS[l].en,
    severityLabel: CNIL_LEVELS[s].en,
    level: high === 2 ? 'high' : high === 1 ? 'medium' : 'low',
  };
}

/** One risk of a DPIA: inherent likelihood and severity, and the residual ones once measures are in place. */
export interface DpiaRiskInput {
  title?: string;
  likelihood: number;
  severity: number;
  residualLikelihood?: number | null;
  residualSeverity?: number | null;
}

export interface DpiaRiskResult {
  title: string;
  inherent: RiskRating;
  residual: RiskRating;
  /** False when no residual rating was given and the inherent one stands in for it. */
  residualAssessed: boolean;
}

export interface DpiaRiskAssessment {
  risks: DpiaRiskResult[];
  highestResidual: RiskLevel | null;
  /** A high residual risk requires Art 36 prior consultation. */
  priorConsultationRequired: boolean;
  steps: TraceStep[];
}

const LEVEL_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/**
 * Rates each risk of a DPIA on the CNIL 4 × 4 map, before and after measures; a high residual risk requires Art 36
 * prior consultation. A risk without residual ratings keeps its inherent one, and the trace says so.
 */
export function assessDpiaRisks(risks: readonly DpiaRiskInput[]): DpiaRiskAssessment {
  const trace = new Trace();
  trace.add(() => traceStep(CNIL_SCALES.text, CNIL_SCALES));
  trace.add(() => traceStep(RISK_MATRIX_RULE.text, RISK_MATRIX_RULE));
  const results = risks.map((r, i): DpiaRiskResult => {
    const title = r.title?.trim() || `Risk ${i + 1}`;
    const inherent = rateRisk(r.likelihood, r.severity);
    const assessed =
      r.residualLikelihood !== undefined &&
      r.residualLikelihood !== null &&
      r.residualSeverity !== undefined &&
      r.residualSeverity !== null;
    const residual = assessed ? rateRisk(r.residualLikelihood ?? 0, r.residualSeverity ?? 0) : inherent;
    trace.add(() =>
      traceStep(
        `${title}: likelihood ${inherent.likelihoodLabel}, severity ${inherent.severityLabel} → ${inherent.level}; ` +
          (assessed
            ? `after measures: likelihood ${residual.likelihoodLabel}, severity ${residual.severityLabel} → ` +
              `${residual.level}.`
            : 'no residual rating yet, so the inherent level stands.'),
        RISK_MATRIX_RULE,
      ),
    );
    return { title, inherent, residual, residualAssessed: assessed };
  });
  const highestResidual = results.reduce<RiskLevel | null>(
    (max, r) => (max === null || LEVEL_RANK[r.residual.level] > LEVEL_RANK[max] ? r.residual.level : max),
    null,
  );
  const priorConsultationRequired = highestResidual === 'high';
  if (priorConsultationRequired) {
    const titles = results.filter((r) => r.residual.level === 'high').map((r) => r.title);
    trace.add(() =>
      traceStep(
        `Residual risk stays high (${titles.join(', ')}). ${PRIOR_CONSULTATION.text}`,
        PRIOR_CONSULTATION,
      ),
    );
  }
  return { risks: results, highestResidual, priorConsultationRequired, steps: trace.steps };
}
