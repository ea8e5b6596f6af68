import { describe, expect, it } from 'vitest';
import { WP248_CRITERIA } from '../../../shared/reference/dpia';
import { assessDpiaRisks, rateRisk, screenDpia } from '../../../shared/rules/dpia';

describe('DPIA screening', () => {
  it('an Art 35(3) case makes a DPIA required, whatever the criteria', () => {
    const r = screenDpia({ art35Cases: ['public-area-monitoring'] });
    expect(r.conclusion).toBe('required');
    expect(r.reasonRequiredIfNoDpia).toBe(false);
    expect(r.steps.some((s) => s.rule === 'GDPR Art 35(3)(c)')).toBe(true);
  });

  it('the authority’s Art 35(4) list makes it required, marked [R]', () => {
    const r = screenDpia({ onAuthorityList: true });
    expect(r.conclusion).toBe('required');
    expect(r.steps.some((s) => s.confidence === 'R')).toBe(true);
  });

  it('two or more WP248 criteria: likely required', () => {
    const r = screenDpia({ criteria: ['sensitive-data', 'large-scale'] });
    expect(r.conclusion).toBe('likely-required');
    expect(r.criteriaMet).toBe(2);
    expect(r.reasonMissing).toBe(false);
  });

  it('fewer than two: not likely required, and the reason for not doing one must be recorded', () => {
    const none = screenDpia({ criteria: ['innovative-technology'] });
    expect(none.conclusion).toBe('not-likely-required');
    expect(none.reasonMissing).toBe(true);
    const recorded = screenDpia({ criteria: [], reasonNotRequired: 'Internal staff directory only.' });
    expect(recorded.reasonMissing).toBe(false);
    expect(recorded.reasonRequiredIfNoDpia).toBe(true);
  });

  it('counts a repeated criterion once', () => {
    expect(screenDpia({ criteria: ['large-scale', 'large-scale'] }).conclusion).toBe('not-likely-required');
  });

  it('knows the nine criteria', () => {
    expect(WP248_CRITERIA).toHaveLength(9);
    expect(screenDpia({ criteria: WP248_CRITERIA.map((c) => c.id) }).criteriaMet).toBe(9);
  });
});

describe('risk matrix (CNIL levels, 4 × 4)', () => {
  it('gives every cell its level', () => {
    const grid = [1, 2, 3, 4].map((l) => [1, 2, 3, 4].map((s) => rateRisk(l, s).level));
    expect(grid).toEqual([
      ['low', 'low', 'medium', 'medium'],
      ['low', 'low', 'medium', 'medium'],
      ['medium', 'medium', 'high', 'high'],
      ['medium', 'medium', 'high', 'high'],
    ]);
    expect(rateRisk(3, 4)).toMatchObject({ likelihoodLabel: 'Significant', severityLabel: 'Maximum' });
  });

  it('refuses a level outside 1–4', () => {
    expect(() => rateRisk(0, 2)).toThrow(/likelihood/);
    expect(() => rateRisk(2, 5)).toThrow(/severity/);
  });

  it('a high residual risk requires Art 36 prior consultation', () => {
    const r = assessDpiaRisks([
      {
        title: 'Illegitimate access',
        likelihood: 4,
        severity: 4,
        residualLikelihood: 2,
        residualSeverity: 4,
      },
      { title: 'Disappearance', likelihood: 3, severity: 4, residualLikelihood: 3, residualSeverity: 3 },
    ]);
    expect(r.risks.map((x) => [x.inherent.level, x.residual.level])).toEqual([
      ['high', 'medium'],
      ['high', 'high'],
    ]);
    expect(r.highestResidual).toBe('high');
    expect(r.priorConsultationRequired).toBe(true);
    expect(r.steps.at(-1)?.text).toContain('Disappearance');
  });

  it('measures that bring the residual risk down avoid prior consultation', () => {
    const r = assessDpiaRisks([{ likelihood: 4, severity: 4, residualLikelihood: 1, residualSeverity: 3 }]);
    expect(r.priorConsultationRequired).toBe(false);
    expect(r.highestResidual).toBe('medium');
  });

  it('without a residual rating, the inherent level stands', () => {
    const r = assessDpiaRisks([{ likelihood: 3, severity: 3 }]);
    expect(r.risks[0]?.residualAssessed).toBe(false);
    expect(r.priorConsultationRequired).toBe(true);
    expect(assessDpiaRisks([]).highestResidual).toBeNull();
  });
});
