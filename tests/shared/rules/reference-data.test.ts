import { describe, expect, it } from 'vitest';
import { CH_ADEQUACY, EU_ADEQUACY, UK_ADEQUACY } from '../../../shared/reference/adequacy';
import {
  BREACH_DEADLINES,
  HOURS_RUN_THROUGH,
  PECR_BEFORE_DUAA,
  RISK_OBLIGATIONS,
} from '../../../shared/reference/breach';
import {
  ART_35_3_CASES,
  AUTHORITY_LIST,
  PRIOR_CONSULTATION,
  WP248_CRITERIA,
} from '../../../shared/reference/dpia';
import { JURISDICTIONS, US_BUSINESS_DAY } from '../../../shared/reference/jurisdictions';
import type { Sourced } from '../../../shared/reference/sources';
import { computeBreachClock } from '../../../shared/rules/breach-clock';
import { computeRightsDeadline } from '../../../shared/rules/rights-deadline';

const find = (code: string, type: string) =>
  JURISDICTIONS.find((j) => j.code === code)?.requestTypes.find((t) => t.type === type);

describe('reference data', () => {
  it('every fact carries a source and a confidence mark', () => {
    const facts: Sourced[] = [
      ...JURISDICTIONS.flatMap((j) => [
        j.start,
        j.pauses,
        ...(j.roll ? [j.roll] : []),
        ...(j.noRoll ? [j.noRoll] : []),
        ...(j.contested ? [j.contested, ...(j.contested.roll ? [j.contested.roll] : [])] : []),
        ...j.requestTypes.flatMap((t) => [
          ...(t.smallAgentPeriod ? [t.smallAgentPeriod] : []),
          t,
          ...(t.extension ? [t.extension] : []),
          ...(t.acknowledgement ? [t.acknowledgement] : []),
          ...(t.note ? [t.note] : []),
        ]),
      ]),
      ...[...EU_ADEQUACY, ...UK_ADEQUACY, ...CH_ADEQUACY].flatMap((d) => [
        ...d.periods,
        ...(d.scope ? [d.scope] : []),
        ...d.notes,
      ]),
      ...Object.values(BREACH_DEADLINES),
      PECR_BEFORE_DUAA,
      ...Object.values(RISK_OBLIGATIONS),
      ...ART_35_3_CASES,
      ...WP248_CRITERIA,
    ];
    expect(facts.length).toBeGreaterThan(100);
    for (const f of facts) {
      expect(f.source.trim().length, JSON.stringify(f)).toBeGreaterThan(3);
      expect(['V', 'S', 'R']).toContain(f.confidence);
    }
  });

  it('every jurisdiction either moves a last day by a rule or says why none does', () => {
    for (const j of JURISDICTIONS) expect(j.roll === null, j.code).toBe(j.noRoll !== null);
  });

  it('keeps the [R] marks of legal-reference.md', () => {
    expect(find('CCPA', 'limit')?.confidence).toBe('R');
    expect(find('VCDPA', 'appeal')?.confidence).toBe('R');
    expect(find('CPA', 'access')?.confidence).toBe('R');
    expect(find('CPA', 'appeal')?.extension?.confidence).toBe('R');
    expect(EU_ADEQUACY.find((d) => d.destination === 'IL')?.scope?.confidence).toBe('R');
    expect(US_BUSINESS_DAY.confidence).toBe('R');
    expect(HOURS_RUN_THROUGH.confidence).toBe('R');
    expect(AUTHORITY_LIST.confidence).toBe('R');
    expect(PRIOR_CONSULTATION.confidence).toBe('R');
    expect(UK_ADEQUACY.every((d) => d.periods.every((p) => p.confidence === 'R'))).toBe(true);
  });

  it('and the [S] and [V] ones', () => {
    expect(find('CCPA', 'know')?.confidence).toBe('S');
    expect(find('VCDPA', 'access')?.confidence).toBe('S');
    expect(find('PIPEDA', 'access')?.confidence).toBe('V');
    expect(find('FADP', 'access')?.confidence).toBe('V');
    expect(find('GDPR', 'access')?.confidence).toBe('V');
    expect(EU_ADEQUACY.find((d) => d.destination === 'US')?.periods[0]?.confidence).toBe('V');
  });
});

describe('other worked examples of the reference', () => {
  it('ICO: older pages counting from the day after receipt (31 January → 1 May) are not followed', () => {
    const r = computeRightsDeadline({
      jurisdiction: 'UK-GDPR',
      requestType: 'access',
      receivedOn: '2025-01-31',
      extended: true,
    });
    expect(r.extendedDue).toBe('2025-04-30');
    expect(r.extendedDue).not.toBe('2025-05-01');
  });

  it('EDPB 01/2021 Case 01, ransomware with a good backup and no exfiltration: record internally only', () => {
    const r = computeBreachClock({ awareAt: '2026-02-02T08:00:00+01:00', riskLevel: 'none' });
    expect(r.obligations).toEqual({ documentOnly: true, notifyAuthority: false, notifyDataSubjects: false });
    expect(r.steps.some((s) => s.rule === 'GDPR Art 33(5)')).toBe(true);
  });

  it('EDPB 01/2021, the same at a hospital where restoring delays care: high risk, tell the authority and the patients', () => {
    const r = computeBreachClock({ awareAt: '2026-02-02T08:00:00+01:00', riskLevel: 'high' });
    expect(r.obligations).toEqual({ documentOnly: false, notifyAuthority: true, notifyDataSubjects: true });
  });
});
