import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CH_ADEQUACY, EU_ADEQUACY, UK_ADEQUACY } from '../../../shared/reference/adequacy';
import { TRANSFER_MECHANISMS } from '../../../shared/reference/transfer-instruments';
import { addDays, daysBetween } from '../../../shared/rules/calendar';
import {
  checkAdequacy,
  checkTransfer,
  verdictChangesOn,
  type TransferCheckInput,
} from '../../../shared/rules/transfer-validity';

describe('checkAdequacy: the adequacy question alone, as checkTransfer answers it for "adequacy"', () => {
  it('covers Switzerland, the UK and Japan from the EEA, and the US only for a DPF-certified importer', () => {
    const eu = (importerCountry: string, importerDpfCertified = false) =>
      checkAdequacy({ regime: 'EU GDPR', importerCountry, importerDpfCertified, on: '2026-06-01' }).status;
    // Japan's decision covers the private sector only: covered, with a warning to confirm the importer is in scope.
    expect(['CH', 'GB', 'JP'].map((c) => eu(c))).toEqual(['valid', 'valid', 'warning']);
    expect(eu('US')).toBe('invalid');
    expect(eu('US', true)).toBe('valid');
    expect(eu('IN')).toBe('invalid');
    expect(eu('FR')).toBe('valid');
  });

  it('gives the same verdict as checkTransfer with the mechanism "adequacy", for every decision, every regime', () => {
    for (const [regime, exporter, list] of [
      ['EU GDPR', 'DE', EU_ADEQUACY],
      ['UK GDPR', 'GB', UK_ADEQUACY],
      ['Swiss FADP', 'CH', CH_ADEQUACY],
    ] as const) {
      for (const d of list) {
        if (d.destination === 'EPO') continue;
        for (const dpf of [false, true]) {
          for (const on of ['2019-01-01', '2023-08-01', '2024-09-15', '2026-06-01', '2031-12-31']) {
            const a = checkAdequacy({
              regime,
              importerCountry: d.destination,
              importerDpfCertified: dpf,
              on,
            });
            const t = checkTransfer({
              exporterCountry: exporter,
              importerCountry: d.destination,
              mechanism: 'adequacy',
              importerDpfCertified: dpf,
              on,
            });
            expect([d.destination, dpf, on, a.status]).toEqual([d.destination, dpf, on, t.status]);
          }
        }
      }
    }
  });
});

describe('verdictChangesOn: the day a stored verdict must be judged again', () => {
  const countries = [
    'US',
    'GB',
    'CH',
    'JP',
    'KR',
    'IN',
    'BR',
    'CA',
    'FR',
    'IL',
    'AR',
    'NZ',
    'UY',
    'MC',
    'GI',
  ];
  const input = fc.record({
    exporterCountry: fc.constantFrom('DE', 'GB', 'NO', 'CH'),
    importerCountry: fc.constantFrom(...countries),
    mechanism: fc.constantFrom(...TRANSFER_MECHANISMS),
    sccModule: fc.constantFrom(null, 1, 2, 3, 4),
    signedOn: fc.option(fc.integer({ min: 0, max: 6000 }).map((d) => addDays('2018-01-01', d))),
    tia: fc.constantFrom(null, 'done', 'missing'),
    importerDpfCertified: fc.boolean(),
    on: fc.integer({ min: 0, max: 7000 }).map((d) => addDays('2018-01-01', d)),
  }) as fc.Arbitrary<TransferCheckInput>;

  it('no verdict changes before that day: every day from `on` up to it gives the same status', () => {
    fc.assert(
      fc.property(input, (i) => {
        const first = checkTransfer(i).status;
        const next = verdictChangesOn(i);
        // Walk the days up to the next change (at most two years ahead, every 7th day plus the day before).
        const last = next ? addDays(next, -1) : addDays(i.on, 730);
        const span = daysBetween(i.on, last);
        for (let d = 0; d <= Math.min(span, 730); d += 7) {
          expect(checkTransfer({ ...i, on: addDays(i.on, d) }).status).toBe(first);
        }
        expect(checkTransfer({ ...i, on: last }).status).toBe(first);
      }),
      { numRuns: 400 },
    );
  });

  it('names the end of the old SCCs and the day a contract signed later starts', () => {
    const old: TransferCheckInput = {
      exporterCountry: 'DE',
      importerCountry: 'US',
      mechanism: 'scc-2010',
      signedOn: '2020-05-01',
      tia: 'done',
      on: '2022-06-01',
    };
    expect(verdictChangesOn(old)).toBe('2022-12-28');
    expect(checkTransfer({ ...old, on: '2022-12-27' }).status).toBe('valid');
    expect(checkTransfer({ ...old, on: '2022-12-28' }).status).toBe('invalid');
    const future: TransferCheckInput = {
      ...old,
      mechanism: 'scc-2021',
      sccModule: 2,
      signedOn: '2026-07-01',
      on: '2026-06-01',
    };
    expect(verdictChangesOn(future)).toBe('2026-07-01');
  });
});
