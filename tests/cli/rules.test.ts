import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';

const DPO = fileURLToPath(new URL('../../bin/dpo.js', import.meta.url));

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const dpo = (...args: string[]) => main(['node', 'dpo', ...args]);
const json = () => JSON.parse(out) as Record<string, unknown>;

describe('dpo deadline', () => {
  it('prints the due dates and the steps as JSON', async () => {
    const code = await dpo(
      'deadline',
      '--jurisdiction',
      'GDPR',
      '--country',
      'DE',
      '--type',
      'access',
      '--received',
      '2026-03-05',
      '--json',
    );
    expect(code).toBe(0);
    const r = json();
    expect(r).toMatchObject({
      start: '2026-03-05',
      due: '2026-04-07',
      extendedDue: '2026-06-05',
      ackDue: null,
      internalDue: null,
    });
    expect(Array.isArray(r.steps)).toBe(true);
    expect(JSON.stringify(r.steps)).toContain('Easter Monday');
  });

  it('takes the UK options: region, identity, fee, pauses, extension and internal target', async () => {
    const code = await dpo(
      'deadline',
      '--jurisdiction',
      'UK-GDPR',
      '--region',
      'sct',
      '--type',
      'erasure',
      '--received',
      '2026-03-02',
      '--identity-received',
      '2026-03-04',
      '--fee-received',
      '2026-03-03',
      '--paused',
      '2026-03-05..2026-03-12',
      '--paused',
      '2026-03-20..2026-03-21',
      '--extended',
      '--extension-method',
      'from-base-deadline',
      '--internal-days',
      '20',
      '--json',
    );
    expect(code).toBe(0);
    // Art 12A excludes both days of each pause: 5..12 March (8 days) and 20..21 March (2 days). From the start on
    // 4 March, + 1 month = Sat 4 April + 10 days = Tue 14 April; the extension from the end of the first period,
    // Thu 4 June + 10 = Sun 14 June → Mon 15 June.
    expect(json()).toMatchObject({
      start: '2026-03-04',
      baseDue: '2026-04-14',
      extendedDue: '2026-06-15',
      internalDue: '2026-03-24',
      due: '2026-03-24',
      pausedDays: 10,
      holidayCalendar: 'GB-SCT',
    });
  });

  it('prints a readable form without --json', async () => {
    expect(
      await dpo('deadline', '--jurisdiction', 'CCPA', '--type', 'know', '--received', '2026-01-05'),
    ).toBe(0);
    expect(out).toContain('Acknowledge by:');
    expect(out).toContain('2026-01-20');
    expect(out).toContain('Martin Luther King Jr. Day');
  });

  it('refuses bad input with a clear message naming the flag and a non-zero exit', async () => {
    expect(
      await dpo(
        'deadline',
        '--jurisdiction',
        'GDPR',
        '--country',
        'DE',
        '--type',
        'access',
        '--received',
        '2026-02-30',
      ),
    ).toBe(2);
    expect(err).toBe('dpo: --received: This date does not exist.\n');
    expect(out).toBe('');
    err = '';
    expect(
      await dpo('deadline', '--jurisdiction', 'GDPR', '--type', 'access', '--received', '2026-02-03'),
    ).toBe(2);
    expect(err).toContain('--country');
    err = '';
    expect(
      await dpo('deadline', '--jurisdiction', 'MARS', '--type', 'access', '--received', '2026-02-03'),
    ).toBe(2);
    expect(err).toContain('--jurisdiction: Use one of GDPR, UK-GDPR');
    err = '';
    expect(
      await dpo('deadline', '--jurisdiction', 'CCPA', '--type', 'erasure', '--received', '2026-02-03'),
    ).toBe(2);
    expect(err).toContain('--type: Not a CCPA request type');
    err = '';
    expect(
      await dpo(
        'deadline',
        '--jurisdiction',
        'UK-GDPR',
        '--type',
        'access',
        '--received',
        '2026-02-03',
        '--paused',
        '2026-02-05',
      ),
    ).toBe(2);
    expect(err).toContain('--paused: use FROM..TO');
    err = '';
    expect(
      await dpo(
        'deadline',
        '--jurisdiction',
        'UK-GDPR',
        '--type',
        'access',
        '--received',
        '2026-02-03',
        '--internal-days',
        'ten',
      ),
    ).toBe(2);
    expect(err).toContain('--internal-days');
  });

  it('fails when a required option is missing', async () => {
    expect(await dpo('deadline', '--jurisdiction', 'GDPR', '--country', 'DE', '--type', 'access')).not.toBe(
      0,
    );
    expect(err).toContain('--received');
  });
});

describe('dpo breach-deadline', () => {
  it('gives the deadline in UTC and the steps', async () => {
    const code = await dpo(
      'breach-deadline',
      '--aware-at',
      '2026-03-27T14:30:00+01:00',
      '--tz',
      'Europe/Paris',
      '--now',
      '2026-03-28T13:30:00Z',
      '--json',
    );
    expect(code).toBe(0);
    const r = json();
    expect(r.deadline).toBe('2026-03-30T13:30:00Z');
    expect(r.status).toBe('running');
    expect(r.remainingMs).toBe(48 * 3_600_000);
    expect(JSON.stringify(r.steps)).toContain('The clocks change in Europe/Paris');
  });

  it('refuses a moment without an offset and an unknown zone', async () => {
    expect(await dpo('breach-deadline', '--aware-at', '2026-03-27T14:30:00', '--json')).toBe(2);
    expect(err).toContain('--aware-at');
    err = '';
    expect(
      await dpo('breach-deadline', '--aware-at', '2026-03-27T14:30:00Z', '--tz', 'Europe/Atlantis'),
    ).toBe(2);
    expect(err).toContain('--tz');
  });
});

describe('dpo transfer-check', () => {
  it('judges a transfer with its reasons', async () => {
    expect(
      await dpo(
        'transfer-check',
        '--from',
        'DE',
        '--to',
        'US',
        '--mechanism',
        'dpf',
        '--dpf-certified',
        '--on',
        '2026-06-01',
        '--json',
      ),
    ).toBe(0);
    expect(json().status).toBe('valid');
    out = '';
    expect(
      await dpo(
        'transfer-check',
        '--from',
        'DE',
        '--to',
        'US',
        '--mechanism',
        'scc-2010',
        '--signed',
        '2019-01-01',
        '--on',
        '2026-06-01',
        '--json',
      ),
    ).toBe(0);
    const r = json();
    expect(r.status).toBe('invalid');
    expect((r.reasons as { text: string }[])[0]?.text).toContain('27 December 2022');
    out = '';
    expect(
      await dpo(
        'transfer-check',
        '--from',
        'Germany',
        '--to',
        'Canada',
        '--mechanism',
        'adequacy',
        '--in-scope',
        'no',
        '--on',
        '2026-06-01',
        '--json',
      ),
    ).toBe(0);
    expect(json().status).toBe('invalid');
  });

  it('refuses an unknown country', async () => {
    expect(await dpo('transfer-check', '--from', 'DE', '--to', 'Narnia', '--mechanism', 'none')).toBe(2);
    expect(err).toContain('--to: Not a country we recognise');
  });
});

describe('dpo jurisdictions', () => {
  it('lists the codes, request types and periods', async () => {
    expect(await dpo('jurisdictions', '--json')).toBe(0);
    const list = JSON.parse(out) as { code: string; requestTypes: { type: string; period: string }[] }[];
    expect(list.map((j) => j.code)).toEqual([
      'GDPR',
      'UK-GDPR',
      'CCPA',
      'VCDPA',
      'CPA',
      'LGPD',
      'PIPEDA',
      'FADP',
    ]);
    const ccpa = list.find((j) => j.code === 'CCPA');
    expect(ccpa?.requestTypes.find((t) => t.type === 'opt-out')?.period).toBe('15 business days');
  });

  it('says per jurisdiction whether and why a last day on a weekend or holiday moves', async () => {
    expect(await dpo('jurisdictions', '--json')).toBe(0);
    const list = JSON.parse(out) as {
      code: string;
      lastDay: { rolls: boolean; why: string; rule: string };
    }[];
    const rolls = Object.fromEntries(list.map((j) => [j.code, j.lastDay.rolls]));
    expect(rolls).toEqual({
      GDPR: true,
      'UK-GDPR': true,
      CCPA: false,
      VCDPA: false,
      CPA: true,
      LGPD: true,
      PIPEDA: true,
      FADP: true,
    });
    expect(list.find((j) => j.code === 'PIPEDA')?.lastDay.rule).toContain('Interpretation Act');
  });

  it('gives the other reading of a contested deadline and the small agent’s period', async () => {
    expect(
      await dpo(
        'deadline',
        '--jurisdiction',
        'LGPD',
        '--type',
        'access',
        '--received',
        '2026-03-06',
        '--json',
      ),
    ).toBe(0);
    const cautious = JSON.parse(out) as { baseDue: string; contested: { other: { baseDue: string } } };
    expect(cautious.baseDue).toBe('2026-03-21');
    expect(cautious.contested.other.baseDue).toBe('2026-03-23');
    out = '';
    expect(
      await dpo(
        'deadline',
        '--jurisdiction',
        'LGPD',
        '--type',
        'access',
        '--received',
        '2026-03-06',
        '--readings',
        'later',
        '--small-agent',
        '--json',
      ),
    ).toBe(0);
    // 30 days from 6 March: Sunday 5 April (Easter Sunday) → Monday 6 April.
    expect((JSON.parse(out) as { baseDue: string }).baseDue).toBe('2026-04-06');
  });
});

describe('the installed command', () => {
  it('runs through bin/dpo.js and exits non-zero on bad input', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, [
      DPO,
      'deadline',
      '--jurisdiction',
      'UK-GDPR',
      '--type',
      'access',
      '--received',
      '2024-11-25',
      '--json',
    ]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ due: '2024-12-27' });
    const bad = await run(process.execPath, [
      DPO,
      'transfer-check',
      '--from',
      'DE',
      '--to',
      'US',
      '--mechanism',
      'adequacy',
      '--on',
      '2026-13-01',
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('--on');
  });
});
