import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { localIsoDate } from '../../db/kit/repository';
import { EEA_EFTA_STATES, EU_MEMBER_STATES } from '../../shared/reference/eea';
import { JURISDICTIONS, UK_REGIONS } from '../../shared/reference/jurisdictions';
import { addDays, daysBetween } from '../../shared/rules/calendar';
import { openCore } from '../../db/core';
import { ok, tempDir } from '../helpers/core';

const ROOT = join(import.meta.dirname, '..', '..');
const N = 1000;

/** Runs `dpo …` in this process and returns what it printed (the same program the command line runs). */
async function dpo(args: string[]): Promise<string> {
  let out = '';
  let err = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const error = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'dpo', ...args]);
    if (code !== 0) throw new Error(`dpo ${args.join(' ')} failed (${code}): ${err}`);
  } finally {
    write.mockRestore();
    error.mockRestore();
    process.exitCode = undefined;
  }
  return out;
}

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
const REGIONS: Record<string, readonly (string | null)[]> = {
  'UK-GDPR': [null, ...UK_REGIONS],
  PIPEDA: [null, 'ON', 'QC', 'BC'],
  LGPD: [null, 'SP', 'RJ'],
  FADP: [null, 'ZH', 'GE'],
  GDPR: [null],
};

/** A request as a DPO records it: any law and type the engine knows, with identity, fee, pauses, extension. */
const request = fc
  .record({
    kind: fc.constantFrom(
      ...JURISDICTIONS.flatMap((j) => j.requestTypes.map((t) => ({ jurisdiction: j.code, type: t.type }))),
    ),
    receivedOn: day('2024-01-01', 1200),
    country: fc.constantFrom(...EU_MEMBER_STATES, ...EEA_EFTA_STATES),
    region: fc.nat(),
    identityAfter: fc.option(fc.integer({ min: 0, max: 25 })),
    feeAfter: fc.option(fc.integer({ min: 0, max: 25 })),
    pause: fc.option(
      fc.record({ after: fc.integer({ min: 0, max: 30 }), length: fc.integer({ min: 0, max: 20 }) }),
    ),
    extendedAfter: fc.option(fc.integer({ min: 1, max: 28 })),
  })
  .map((g) => {
    const regions = REGIONS[g.kind.jurisdiction] ?? [null];
    return {
      reference: '',
      jurisdiction: g.kind.jurisdiction,
      type: g.kind.type,
      country: g.kind.jurisdiction === 'GDPR' ? g.country : null,
      region: regions[g.region % regions.length] ?? null,
      receivedOn: g.receivedOn,
      identityReceivedOn: g.identityAfter === null ? null : addDays(g.receivedOn, g.identityAfter),
      feeReceivedOn: g.feeAfter === null ? null : addDays(g.receivedOn, g.feeAfter),
      pauses: g.pause
        ? [
            {
              from: addDays(g.receivedOn, g.pause.after),
              to: addDays(g.receivedOn, g.pause.after + g.pause.length),
              reason: 'Clarification asked for',
            },
          ]
        : [],
      extensionNoticeOn: g.extendedAfter === null ? null : addDays(g.receivedOn, g.extendedAfter),
      extensionReason: g.extendedAfter === null ? null : 'Complex request',
    };
  });

type Generated = ReturnType<(typeof request)['generate']>['value'];
type Listed = Record<string, unknown> & {
  reference: string;
  due: string;
  state: string;
  daysLeft: number | null;
};

/** The `dpo deadline` arguments for the same facts and the same settings. */
function deadlineArgs(r: Generated, settings: Record<string, unknown>): string[] {
  const args = [
    'deadline',
    '--json',
    '--jurisdiction',
    r.jurisdiction,
    '--type',
    r.type,
    '--received',
    r.receivedOn,
  ];
  if (r.country) args.push('--country', r.country);
  if (r.region) args.push('--region', r.region);
  if (r.identityReceivedOn) args.push('--identity-received', r.identityReceivedOn);
  if (r.feeReceivedOn) args.push('--fee-received', r.feeReceivedOn);
  for (const p of r.pauses) args.push('--paused', `${p.from}..${p.to}`);
  if (r.extensionNoticeOn) args.push('--extended');
  if (settings.extensionMethod) args.push('--extension-method', String(settings.extensionMethod));
  if (settings.readings) args.push('--readings', String(settings.readings));
  if (settings.smallProcessingAgent) args.push('--small-agent');
  if (settings.internalTargetDays) args.push('--internal-days', String(settings.internalTargetDays));
  return args;
}

const FIELDS = [
  'due',
  'legalDue',
  'baseDue',
  'extendedDue',
  'extensionNoticeDue',
  'ackDue',
  'internalDue',
  'holidayCalendar',
  'pausedDays',
  'contested',
  'steps',
] as const;

const { dir, cleanup } = tempDir();
const dbPath = join(dir, 'requests.sqlite');
let generated: Generated[] = [];
beforeAll(async () => {
  const core = openCore({ dbPath, door: 'cli', actor: 'tester' });
  try {
    await ok(core, 'settings:update', { organisation: { name: 'Example AS', country: 'NO' } });
    generated = fc
      .sample(request, { numRuns: N, seed: 20261201 })
      .map((r, i) => ({ ...r, reference: `GEN-${i}` }));
    for (const r of generated) await ok(core, 'requests:create', r);
  } finally {
    core.close();
  }
}, 120_000);
afterAll(() => cleanup());

/** Every request as `dpo requests list --json` prints it, from the built command in its own process. */
function listed(): { rows: Map<string, Listed>; today: string | null } {
  const before = localIsoDate(new Date());
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'dpo.js'), 'requests', 'list', '--json', '--db', dbPath],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
  );
  expect(r.stderr).toBe('');
  const after = localIsoDate(new Date());
  const rows = JSON.parse(r.stdout) as Listed[];
  expect(rows).toHaveLength(N);
  // Across midnight the list's "today" is not known to the test: its dates are still compared.
  return { rows: new Map(rows.map((x) => [x.reference, x])), today: before === after ? before : null };
}

async function compareAll(settings: Record<string, unknown>) {
  const { rows, today } = listed();
  for (const g of generated) {
    const record = rows.get(g.reference)!;
    const engine = JSON.parse(await dpo(deadlineArgs(g, settings))) as Record<string, unknown> & {
      due: string;
    };
    for (const key of FIELDS) expect(record[key], `${g.reference} ${key}`).toEqual(engine[key]);
    if (today) {
      expect(record.state, g.reference).toBe(engine.due < today ? 'overdue' : 'open');
      expect(record.daysLeft, g.reference).toBe(daysBetween(today, engine.due));
    }
  }
}

describe('a request’s dates in the register are the ones `dpo deadline` gives for the same facts', () => {
  it(`holds for ${N} generated requests under the default settings`, async () => {
    await compareAll({});
  }, 300_000);

  it('holds again once the settings change the readings, the extension method and the internal target', async () => {
    const settings = {
      readings: 'later',
      extensionMethod: 'from-base-deadline',
      smallProcessingAgent: true,
      internalTargetDays: 21,
    };
    const again = openCore({ dbPath, door: 'cli', actor: 'tester' });
    try {
      await ok(again, 'settings:update', { deadlines: settings });
    } finally {
      again.close();
    }
    await compareAll(settings);
  }, 300_000);
});

const ZONES = [
  'Europe/Oslo',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'Asia/Tokyo',
  null,
] as const;
const NOW = '2026-03-29T01:30:00Z'; // The night the clocks go forward in the EU.

/** A breach as recorded: awareness around a clock change, a zone or none, perhaps filed, perhaps late. */
const breach = fc.record({
  awareMinutes: fc.integer({ min: -6 * 24 * 60, max: 24 * 60 }),
  zone: fc.constantFrom(...ZONES),
  regime: fc.constantFrom('gdpr', 'uk-gdpr', 'uk-pecr'),
  filedAfterMinutes: fc.option(fc.integer({ min: 0, max: 100 * 60 })),
});

describe('a breach’s clock in the register is the one `dpo breach-deadline` gives', () => {
  it('holds for 300 generated breaches, running, overdue and stopped', async () => {
    const core = openCore({ dbPath, door: 'cli', actor: 'tester', now: () => new Date(NOW) });
    try {
      const samples = fc.sample(breach, { numRuns: 300, seed: 72 });
      const states = new Set<string>();
      for (const [i, b] of samples.entries()) {
        const awareAt = new Date(Date.parse(NOW) + b.awareMinutes * 60_000).toISOString();
        const filedAt =
          b.filedAfterMinutes === null
            ? null
            : new Date(Date.parse(awareAt) + b.filedAfterMinutes * 60_000).toISOString();
        const created = await ok(core, 'breaches:create', {
          title: `Generated breach ${i}`,
          awareAt,
          timeZone: b.zone,
          regime: b.regime,
          filings: filedAt
            ? [
                {
                  kind: 'initial',
                  authority: 'DPA',
                  filedAt,
                  channel: null,
                  reference: null,
                  delayReason: 'Late.',
                },
              ]
            : [],
        });
        const args = ['breach-deadline', '--json', '--aware-at', awareAt, '--regime', b.regime, '--now', NOW];
        if (b.zone) args.push('--tz', b.zone);
        if (filedAt) args.push('--notified-at', filedAt, '--delay-reason', 'Late.');
        const engine = JSON.parse(await dpo(args)) as {
          deadline: string;
          remainingMs: number;
          status: string;
        };
        const clock = created.clock;
        states.add(clock.state);
        expect(clock.deadline, `breach ${i}`).toBe(engine.deadline);
        if (filedAt) {
          expect(clock).toMatchObject({ state: 'stopped', hoursLeft: null });
        } else {
          expect(clock.state, `breach ${i}`).toBe(engine.status === 'overdue' ? 'overdue' : 'running');
          expect(clock.hoursLeft, `breach ${i}`).toBe(
            Math.trunc(Math.trunc(engine.remainingMs / 60_000) / 60),
          );
        }
      }
      expect([...states].sort()).toEqual(['overdue', 'running', 'stopped']);
    } finally {
      core.close();
    }
  }, 120_000);
});
