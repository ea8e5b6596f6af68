import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  assessDpiaRisks,
  BreachClockInputSchema,
  checkTransfer,
  computeBreachClock,
  computeRightsDeadline,
  DpiaRisksInputSchema,
  DpiaScreeningInputSchema,
  parseRulesInput,
  RightsDeadlineInputSchema,
  screenDpia,
  TransferCheckInputSchema,
} from '../../../shared/rules';

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).details as { path: string; message: string }[];
  }
  throw new Error('expected a validation error');
};

describe('rules input schemas', () => {
  it('parse a rights request, fill the defaults, and feed the engine', () => {
    const input = parseRulesInput(RightsDeadlineInputSchema, {
      jurisdiction: 'GDPR',
      country: 'Germany',
      requestType: 'access',
      receivedOn: '2026-03-05',
    });
    // No extension method unless the organisation chose one: the engine then takes the reading the law
    // supports (the ICO's under UK GDPR, the cautious earlier date under the GDPR).
    expect(input).toMatchObject({ country: 'DE', pauses: [], extended: false });
    expect(input.extensionMethod).toBeUndefined();
    expect(computeRightsDeadline(input).due).toBe('2026-04-07');
  });

  it('accept EL for Greece', () => {
    const input = parseRulesInput(RightsDeadlineInputSchema, {
      jurisdiction: 'GDPR',
      country: 'EL',
      requestType: 'access',
      receivedOn: '2026-03-05',
    });
    expect(input.country).toBe('GR');
  });

  it('name each bad field of a rights request', () => {
    const issues = issuesOf(() =>
      parseRulesInput(RightsDeadlineInputSchema, {
        jurisdiction: 'CCPA',
        requestType: 'erasure',
        receivedOn: '2026-02-30',
        pauses: [{ from: '2026-03-10', to: '2026-03-01' }],
        internalTargetDays: 2.5,
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['internalTargetDays', 'pauses.0.to', 'receivedOn']);
    const typeIssue = issuesOf(() =>
      parseRulesInput(RightsDeadlineInputSchema, {
        jurisdiction: 'CCPA',
        requestType: 'erasure',
        receivedOn: '2026-02-03',
      }),
    );
    expect(typeIssue).toEqual([
      { path: 'requestType', message: expect.stringContaining('know, delete, correct') },
    ]);
  });

  it('check the holiday calendar a GDPR or UK request needs', () => {
    expect(
      issuesOf(() =>
        parseRulesInput(RightsDeadlineInputSchema, {
          jurisdiction: 'GDPR',
          requestType: 'access',
          receivedOn: '2026-02-03',
        }),
      ),
    ).toEqual([expect.objectContaining({ path: 'country' })]);
    expect(
      issuesOf(() =>
        parseRulesInput(RightsDeadlineInputSchema, {
          jurisdiction: 'UK-GDPR',
          region: 'wales-ish',
          requestType: 'access',
          receivedOn: '2026-02-03',
        }),
      ),
    ).toEqual([expect.objectContaining({ path: 'region' })]);
  });

  it('parse the breach clock input and refuse a moment without offset', () => {
    const input = parseRulesInput(BreachClockInputSchema, {
      awareAt: '2026-05-08T12:00:00Z',
      timeZone: 'Europe/Dublin',
    });
    expect(input.regime).toBe('gdpr');
    expect(computeBreachClock(input).deadline).toBe('2026-05-11T12:00:00Z');
    const issues = issuesOf(() =>
      parseRulesInput(BreachClockInputSchema, {
        awareAt: '2026-05-08 12:00',
        timeZone: 'Nowhere/Land',
        riskLevel: 'huge',
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['awareAt', 'riskLevel', 'timeZone']);
  });

  it('parse a transfer, reading names and EPO', () => {
    const input = parseRulesInput(TransferCheckInputSchema, {
      exporterCountry: 'France',
      importerCountry: 'epo',
      mechanism: 'adequacy',
      on: '2026-06-01',
    });
    expect(input).toMatchObject({
      exporterCountry: 'FR',
      importerCountry: 'EPO',
      importerDpfCertified: false,
    });
    expect(checkTransfer(input).status).toBe('valid');
    const issues = issuesOf(() =>
      parseRulesInput(TransferCheckInputSchema, {
        exporterCountry: 'DE',
        importerCountry: 'Atlantis',
        mechanism: 'telepathy',
        sccModule: 5,
        on: '2026-06-01',
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['importerCountry', 'mechanism', 'sccModule']);
  });

  it('parse DPIA screening and risks', () => {
    const screening = parseRulesInput(DpiaScreeningInputSchema, {
      criteria: ['large-scale', 'sensitive-data'],
    });
    expect(screenDpia(screening).conclusion).toBe('likely-required');
    const risks = parseRulesInput(DpiaRisksInputSchema, [{ likelihood: 3, severity: 4 }]);
    expect(assessDpiaRisks(risks).priorConsultationRequired).toBe(true);
    expect(
      issuesOf(() => parseRulesInput(DpiaRisksInputSchema, [{ likelihood: 5, severity: 0 }])).map(
        (i) => i.path,
      ),
    ).toEqual(['0.likelihood', '0.severity']);
    expect(issuesOf(() => parseRulesInput(DpiaScreeningInputSchema, { criteria: ['vibes'] }))[0]?.path).toBe(
      'criteria.0',
    );
  });

  it('put every field into one readable message', () => {
    try {
      parseRulesInput(RightsDeadlineInputSchema, {
        jurisdiction: 'UK-GDPR',
        requestType: 'access',
        receivedOn: 'yesterday',
      });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).message).toBe('receivedOn: Use a date as YYYY-MM-DD.');
      expect((e as AppError).code).toBe('VALIDATION');
    }
  });
});
