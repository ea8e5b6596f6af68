import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { EU_ADEQUACY } from '../../../shared/reference/adequacy';
import {
  checkTransfer,
  verdictChangesOn,
  type TransferCheckInput,
} from '../../../shared/rules/transfer-validity';

const check = (input: Partial<TransferCheckInput>) =>
  checkTransfer({
    exporterCountry: 'DE',
    importerCountry: 'IN',
    mechanism: 'none',
    on: '2026-06-01',
    ...input,
  });
const texts = (r: { reasons: { text: string }[] }) => r.reasons.map((x) => x.text).join('\n');

describe('inside the EEA', () => {
  it('is no transfer, including Iceland, Liechtenstein, Norway and mapped territories', () => {
    expect(check({ importerCountry: 'FR' }).status).toBe('valid');
    expect(check({ importerCountry: 'NO' }).status).toBe('valid');
    expect(check({ exporterCountry: 'LI', importerCountry: 'IS' }).status).toBe('valid');
    const aland = check({ importerCountry: 'AX' });
    expect(aland.status).toBe('valid');
    expect(aland.reasons.some((r) => r.confidence === 'R')).toBe(true);
  });

  it('Greenland and the Faroe Islands are outside the EEA', () => {
    expect(check({ importerCountry: 'GL' }).status).toBe('invalid');
    expect(check({ importerCountry: 'FO', mechanism: 'adequacy' }).status).toBe('valid');
  });
});

describe('adequacy decisions', () => {
  it('every EU decision is valid on a date it is in force, and invalid the day before its adoption', () => {
    for (const d of EU_ADEQUACY) {
      const first = d.periods[0];
      if (!first) throw new Error(`no period for ${d.destination}`);
      const inScope = {
        importerDpfCertified: d.scope?.condition === 'dpf-certified',
        importerInScope: d.scope?.condition === 'in-scope' ? true : null,
      };
      const onAdoption = check({
        importerCountry: d.destination,
        mechanism: 'adequacy',
        on: first.from,
        ...inScope,
      });
      expect(onAdoption.status, d.destination).not.toBe('invalid');
      expect(onAdoption.adequacy?.from).toBe(first.from);
      const dayBefore = new Date(Date.parse(`${first.from}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(
        check({ importerCountry: d.destination, mechanism: 'adequacy', on: dayBefore, ...inScope }).status,
      ).toBe('invalid');
    }
  });

  it('United Kingdom: in force until 27 December 2031, not after; warned in the last 180 days', () => {
    expect(check({ importerCountry: 'GB', mechanism: 'adequacy', on: '2026-06-01' }).status).toBe('valid');
    const last = check({ importerCountry: 'GB', mechanism: 'adequacy', on: '2031-12-27' });
    expect(last.status).toBe('warning');
    expect(texts(last)).toContain('plan another transfer tool');
    const after = check({ importerCountry: 'GB', mechanism: 'adequacy', on: '2031-12-28' });
    expect(after.status).toBe('invalid');
    expect(texts(after)).toContain('ended on Saturday 27 December 2031');
  });

  it('United Kingdom: cites the decision in force on the date (original, extension, renewal)', () => {
    expect(
      check({ importerCountry: 'GB', mechanism: 'adequacy', on: '2024-01-01' }).adequacy?.decision,
    ).toMatch(/2021\/1772/);
    expect(
      check({ importerCountry: 'GB', mechanism: 'adequacy', on: '2025-09-01' }).adequacy?.decision,
    ).toMatch(/extension/);
    expect(check({ importerCountry: 'GB', mechanism: 'adequacy', on: '2026-09-01' }).adequacy?.to).toBe(
      '2031-12-27',
    );
  });

  it('Brazil only from 26 January 2026', () => {
    expect(check({ importerCountry: 'BR', mechanism: 'adequacy', on: '2026-01-25' }).status).toBe('invalid');
    expect(check({ importerCountry: 'BR', mechanism: 'adequacy', on: '2026-01-26' }).status).toBe('valid');
  });

  it('United States only for DPF-certified importers, from 10 July 2023', () => {
    expect(check({ importerCountry: 'US', mechanism: 'dpf' }).status).toBe('invalid');
    expect(check({ importerCountry: 'US', mechanism: 'adequacy' }).status).toBe('invalid');
    expect(check({ importerCountry: 'US', mechanism: 'dpf', importerDpfCertified: true }).status).toBe(
      'valid',
    );
    expect(
      check({ importerCountry: 'US', mechanism: 'dpf', importerDpfCertified: true, on: '2023-07-09' }).status,
    ).toBe('invalid');
    expect(texts(check({ importerCountry: 'US', mechanism: 'dpf', importerDpfCertified: true }))).toContain(
      'C-703/25 P',
    );
  });

  it('DPF is for the United States only', () => {
    expect(check({ importerCountry: 'JP', mechanism: 'dpf', importerDpfCertified: true }).status).toBe(
      'invalid',
    );
  });

  it('Canada only under PIPEDA: unconfirmed scope warns, out of scope is invalid', () => {
    expect(check({ importerCountry: 'CA', mechanism: 'adequacy' }).status).toBe('warning');
    expect(check({ importerCountry: 'CA', mechanism: 'adequacy', importerInScope: true }).status).toBe(
      'valid',
    );
    expect(check({ importerCountry: 'CA', mechanism: 'adequacy', importerInScope: false }).status).toBe(
      'invalid',
    );
  });

  it('the European Patent Organisation from 15 July 2025', () => {
    expect(check({ importerCountry: 'EPO', mechanism: 'adequacy', on: '2025-07-15' }).status).toBe('valid');
    expect(check({ importerCountry: 'epo', mechanism: 'adequacy', on: '2025-07-14' }).status).toBe('invalid');
  });

  it('no adequacy for India: adequacy as the mechanism is invalid', () => {
    expect(check({ mechanism: 'adequacy' }).status).toBe('invalid');
  });

  it('no mechanism: invalid without adequacy, valid with it (and asks to record it)', () => {
    expect(check({ mechanism: 'none' }).status).toBe('invalid');
    const japan = check({ importerCountry: 'JP', importerInScope: true });
    expect(japan.status).toBe('valid');
    expect(texts(japan)).toContain('record “adequacy”');
  });
});

describe('standard contractual clauses', () => {
  it('2021 SCCs with a TIA are valid; a missing TIA is a warning', () => {
    expect(check({ mechanism: 'scc-2021', sccModule: 2, tia: 'done', signedOn: '2022-05-01' }).status).toBe(
      'valid',
    );
    const missing = check({ mechanism: 'scc-2021', sccModule: 2, tia: 'missing', signedOn: '2022-05-01' });
    expect(missing.status).toBe('warning');
    expect(texts(missing)).toContain('Transfer impact assessment missing');
    expect(check({ mechanism: 'scc-2021', sccModule: 1 }).status).toBe('warning');
  });

  it('no TIA is needed where adequacy covers the destination', () => {
    expect(check({ importerCountry: 'CH', mechanism: 'scc-2021', sccModule: 1 }).status).toBe('valid');
  });

  it('asks for the module, and refuses a contract signed before the clauses existed or after the judging date', () => {
    expect(texts(check({ mechanism: 'scc-2021', tia: 'done' }))).toContain('record which module');
    expect(check({ mechanism: 'scc-2021', sccModule: 2, tia: 'done', signedOn: '2021-05-01' }).status).toBe(
      'invalid',
    );
    expect(check({ mechanism: 'scc-2021', sccModule: 2, tia: 'done', signedOn: '2026-07-01' }).status).toBe(
      'invalid',
    );
  });

  it('old EU SCCs: valid in the transition until 27 December 2022, invalid after', () => {
    const base = { mechanism: 'scc-2010' as const, tia: 'done' as const, signedOn: '2019-03-01' };
    expect(check({ ...base, on: '2022-12-27' }).status).toBe('valid');
    expect(check({ ...base, on: '2022-12-28' }).status).toBe('invalid');
    expect(check({ ...base, on: '2022-06-01', signedOn: '2021-10-01' }).status).toBe('invalid');
    expect(check({ ...base, on: '2022-06-01', signedOn: null }).status).toBe('warning');
  });

  it('old SCCs for UK transfers: valid until 21 March 2024, invalid after', () => {
    const base = {
      exporterCountry: 'GB',
      mechanism: 'scc-2010' as const,
      tia: 'done' as const,
      signedOn: '2022-09-21',
    };
    expect(check({ ...base, on: '2024-03-21' }).status).toBe('valid');
    expect(check({ ...base, on: '2024-03-22' }).status).toBe('invalid');
    expect(check({ ...base, on: '2023-06-01', signedOn: '2022-09-22' }).status).toBe('invalid');
  });

  it('from the UK, the 2021 SCCs need the Addendum', () => {
    expect(check({ exporterCountry: 'GB', mechanism: 'scc-2021', sccModule: 2, tia: 'done' }).status).toBe(
      'invalid',
    );
    expect(check({ exporterCountry: 'GB', mechanism: 'uk-addendum', tia: 'done' }).status).toBe('valid');
    expect(check({ exporterCountry: 'GB', mechanism: 'idta', tia: 'missing' }).status).toBe('warning');
  });

  it('UK instruments do not cover EU exports, nor exist before 21 March 2022', () => {
    expect(check({ mechanism: 'idta', tia: 'done' }).status).toBe('invalid');
    expect(check({ exporterCountry: 'GB', mechanism: 'idta', tia: 'done', on: '2022-03-20' }).status).toBe(
      'invalid',
    );
  });
});

describe('BCRs and derogations', () => {
  it('BCRs follow the TIA rule', () => {
    expect(check({ mechanism: 'bcr', tia: 'done' }).status).toBe('valid');
    expect(check({ mechanism: 'bcr' }).status).toBe('warning');
  });

  it('a derogation is a warning: exceptional, never routine', () => {
    const r = check({ mechanism: 'derogation' });
    expect(r.status).toBe('warning');
    expect(texts(r)).toContain('exceptional');
    expect(texts(r)).toContain('never for routine transfers');
  });
});

describe('exporters', () => {
  it('from the UK to the EEA relies on the UK’s adequacy regulations, marked [R]', () => {
    const r = check({ exporterCountry: 'GB', importerCountry: 'DE', mechanism: 'adequacy' });
    expect(r.status).toBe('valid');
    expect(r.regime).toBe('UK GDPR');
    expect(r.reasons.every((x) => x.confidence === 'R')).toBe(true);
  });

  it('an exporter outside the EEA, the UK and Switzerland is outside what the engine judges', () => {
    const r = check({ exporterCountry: 'SG', mechanism: 'scc-2021', sccModule: 1 });
    expect(r.status).toBe('warning');
    expect(r.regime).toBeNull();
  });

  it('names the field of a bad country', () => {
    try {
      check({ importerCountry: 'XX' });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).details).toEqual([expect.objectContaining({ path: 'importerCountry' })]);
    }
  });
});

describe('the 2021 SCCs from their entry into force (issue 8, point 4)', () => {
  // Decision 2021/914 was published in OJ L 199 of 7 June 2021 and entered into force on the twentieth day
  // following publication (Art 4): counting 8 June as day 1, day 20 is 27 June 2021.
  const scc = (on: string, signedOn: string | null = null) =>
    check({ importerCountry: 'IN', mechanism: 'scc-2021', sccModule: 2, tia: 'done', signedOn, on });

  it('gives no safeguard before 27 June 2021', () => {
    expect(scc('2021-06-26').status).toBe('invalid');
    expect(texts(scc('2021-06-26'))).toContain('apply only from Sunday 27 June 2021');
    expect(scc('2021-06-27').status).toBe('valid');
  });

  it('warns about a contract signed between adoption and entry into force, and refuses one signed before adoption', () => {
    expect(scc('2022-01-10', '2021-06-10').status).toBe('warning');
    expect(texts(scc('2022-01-10', '2021-06-10'))).toContain('before the Decision entered into force');
    expect(scc('2022-01-10', '2021-06-03').status).toBe('invalid');
    expect(scc('2022-01-10', '2021-06-27').status).toBe('valid');
  });
});

describe('a chain of adequacy decisions (issue 8, point 6)', () => {
  // The EU decision for the UK (2021/1772) ran to 27 June 2025, was extended to 27 December 2025 and renewed
  // from 28 December 2025 to 27 December 2031: the days before each old end are not the end of adequacy.
  const uk = (on: string) => check({ importerCountry: 'GB', mechanism: 'adequacy', on });

  it('does not warn of an end that a renewal follows straight on', () => {
    for (const on of ['2025-06-20', '2025-12-20', '2025-12-27', '2025-12-28']) {
      expect([on, uk(on).status]).toEqual([on, 'valid']);
      expect(texts(uk(on))).not.toMatch(/The decision ends/);
    }
    expect(texts(uk('2025-12-20'))).toContain(
      'Followed without a gap by Commission Implementing Decision (EU) 2025/2574 (renewal of 19 December 2025)',
    );
  });

  it('warns in the last 180 days of the chain', () => {
    // 27 December 2031 − 180 days = 30 June 2031, the first day of the warning.
    expect(uk('2031-06-30').status).toBe('warning');
    expect(texts(uk('2031-06-30'))).toContain('The decision ends in 180 days (Saturday 27 December 2031)');
    expect(uk('2031-06-29').status).toBe('valid');
    expect(uk('2031-12-28').status).toBe('invalid');
  });
});

describe('Swiss exporters (FADP Arts 16–17; FDPO Annex 1)', () => {
  const swiss = (extra: Partial<TransferCheckInput>) =>
    checkTransfer({
      exporterCountry: 'CH',
      importerCountry: 'US',
      mechanism: 'adequacy',
      on: '2026-06-01',
      ...extra,
    });

  it('are judged under the FADP; a transfer inside Switzerland is no disclosure abroad', () => {
    const r = swiss({ importerCountry: 'CH' });
    expect(r.regime).toBe('Swiss FADP');
    expect(r.status).toBe('valid');
    expect(texts(r)).toContain('no disclosure abroad');
  });

  it('the EEA states, the UK, Gibraltar and Monaco are on Annex 1; Japan and Korea are not', () => {
    for (const country of ['DE', 'LI', 'GB', 'GI', 'MC', 'IL', 'NZ']) {
      expect(swiss({ importerCountry: country }).status, country).toBe('valid');
    }
    expect(swiss({ importerCountry: 'DE' }).adequacy?.decision).toBe('FDPO Annex 1');
    for (const country of ['JP', 'KR', 'BR', 'IN']) {
      expect(swiss({ importerCountry: country }).status, country).toBe('invalid');
    }
    // Before the FDPO was in force, Annex 1 did not yet apply.
    expect(swiss({ importerCountry: 'GB', on: '2023-08-31' }).status).toBe('invalid');
  });

  it('the United States only for Swiss-U.S. DPF certified importers, from 15 September 2024', () => {
    expect(swiss({ importerDpfCertified: true }).status).toBe('valid');
    expect(texts(swiss({ importerDpfCertified: true }))).toContain('Swiss-U.S.');
    expect(swiss({ importerDpfCertified: false }).status).toBe('invalid');
    expect(swiss({ importerDpfCertified: true, on: '2024-09-14' }).status).toBe('invalid');
    expect(swiss({ importerDpfCertified: true, on: '2024-09-15' }).status).toBe('valid');
    expect(
      verdictChangesOn({
        exporterCountry: 'CH',
        importerCountry: 'US',
        mechanism: 'adequacy',
        on: '2024-09-01',
      }),
    ).toBe('2024-09-15');
  });

  it('the 2021 SCCs from the FDPIC’s recognition on 27 August 2021, with the Swiss adaptations', () => {
    const r = swiss({
      importerCountry: 'IN',
      mechanism: 'scc-2021',
      sccModule: 2,
      signedOn: '2025-01-10',
      tia: 'done',
    });
    expect(r.status).toBe('valid');
    expect(texts(r)).toContain('FDPIC as competent authority');
    expect(
      swiss({ importerCountry: 'IN', mechanism: 'scc-2021', sccModule: 2, on: '2021-08-26' }).status,
    ).toBe('invalid');
    // Without a TIA the transfer warns, as under the GDPR.
    expect(swiss({ importerCountry: 'IN', mechanism: 'scc-2021', sccModule: 2 }).status).toBe('warning');
  });

  it('UK instruments do not serve; Art 17 exceptions warn; BCRs under Art 16(2)(e)', () => {
    const idta = swiss({ importerCountry: 'IN', mechanism: 'idta' });
    expect(idta.status).toBe('invalid');
    expect(texts(idta)).toContain('under the Swiss FADP');
    const d = swiss({ importerCountry: 'IN', mechanism: 'derogation' });
    expect(d.status).toBe('warning');
    expect(d.reasons.some((x) => x.rule.startsWith('FADP Art 17'))).toBe(true);
    const bcr = swiss({ importerCountry: 'IN', mechanism: 'bcr', tia: 'done' });
    expect(bcr.reasons.some((x) => x.rule.startsWith('FADP Art 16(2)(e)'))).toBe(true);
  });

  it('the old EU SCCs gave no safeguard after 31 December 2022 [R]', () => {
    expect(swiss({ importerCountry: 'IN', mechanism: 'scc-2010', signedOn: '2019-01-01' }).status).toBe(
      'invalid',
    );
    expect(swiss({ importerCountry: 'IN', mechanism: 'scc-2010', on: '2022-06-01' }).status).toBe('warning');
  });
});
