import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';

const ROOT = join(import.meta.dirname, '..', '..');

let db = '';
let cleanup = () => {};
beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = join(t.dir, 'w.sqlite');
});
afterAll(() => cleanup());

function dpo(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dpo.js'), ...args, '--db', db], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the same commands for every register', () => {
  it('creates a transfer from JSON on stdin, naming the importer, and reads it back with its validity', () => {
    expect(dpo(['demo']).code).toBe(0);
    const created = dpo(
      ['transfers', 'create', '--input', '-', '--json'],
      JSON.stringify({ importer: 'OpenAI', destinationCountry: 'US', mechanism: 'scc-2021', sccModule: 3 }),
    );
    expect(created.stderr).toBe('');
    const t = JSON.parse(created.stdout) as Record<string, unknown> & {
      validity: { status: string; reasons: unknown[] };
    };
    expect(t).toMatchObject({
      importerName: 'OpenAI',
      destinationCountry: 'US',
      mechanism: 'scc-2021',
      sccModule: 3,
    });
    for (const key of ['id', 'importer', 'exporter', 'exporterCountry', 'signedOn', 'tia', 'reviewOn']) {
      expect(t).toHaveProperty(key);
    }
    expect(t.validity.status).toBe('warning');
    expect(t.validity.reasons.length).toBeGreaterThan(0);

    const got = JSON.parse(dpo(['transfers', 'get', String(t.id), '--json']).stdout) as { id: number };
    expect(got.id).toBe(t.id);
    const list = JSON.parse(dpo(['transfers', 'list', '--json']).stdout) as unknown[];
    expect(list).toHaveLength(5);

    const vendors = JSON.parse(dpo(['vendors', 'list', '--json', '--search', 'youtube']).stdout) as {
      id: number;
      transferGaps: string[];
    }[];
    expect(vendors[0]!.transferGaps).toEqual(['US']);
  });

  it('names an unknown importer, and archives by id', () => {
    const bad = dpo(
      ['transfers', 'create', '--input', '-'],
      JSON.stringify({ importer: 'Nobody', destinationCountry: 'US' }),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Importer: no vendor is named "Nobody".');
    const archived = dpo(['transfers', 'archive', '1']);
    expect(archived.stdout).toMatch(
      /^Archived transfer 1: Microsoft Azure OpenAI Service \(United States\) → United States/,
    );
    expect(JSON.parse(dpo(['transfers', 'list', '--json']).stdout)).toHaveLength(4);
  });

  it('creates a processing activity naming its vendors, and a DPIA naming the activity, with the JSON fields', () => {
    const a = dpo(
      ['activities', 'create', '--input', '-', '--json'],
      JSON.stringify({
        name: 'Webinars',
        purposes: ['Run webinars'],
        lawfulBasis: 'legitimate-interests',
        specialCategories: [],
        dataSubjects: ['Attendees'],
        dataCategories: ['Name', 'Email address'],
        vendors: ['Zendesk', 'OpenAI'],
        retention: [{ category: 'Recordings', period: '1 year', basis: null }],
      }),
    );
    expect(a.stderr).toBe('');
    const activity = JSON.parse(a.stdout) as Record<string, unknown>;
    expect(activity).toMatchObject({
      name: 'Webinars',
      vendorNames: ['Zendesk', 'OpenAI'],
      thirdCountries: ['US'],
      // OpenAI's and Zendesk's transfers to the US are recorded above and in the demo.
      transferGaps: [],
      dpiaNeeded: false,
    });
    const d = dpo(
      ['dpias', 'create', '--input', '-', '--json'],
      JSON.stringify({
        title: 'DPIA: webinars',
        activities: ['Webinars'],
        screening: {
          art35Cases: [],
          criteria: ['large-scale', 'systematic-monitoring'],
          onAuthorityList: false,
        },
        risks: [
          {
            title: 'Recording shared',
            likelihood: 3,
            severity: 3,
            residualLikelihood: 3,
            residualSeverity: 4,
          },
        ],
      }),
    );
    expect(d.stderr).toBe('');
    expect(JSON.parse(d.stdout)).toMatchObject({
      activityNames: ['Webinars'],
      screening: { conclusion: 'likely-required', criteriaMet: 2 },
      risks: [{ title: 'Recording shared', level: 'high', residualLevel: 'high' }],
      highestResidual: 'high',
      priorConsultationRequired: true,
    });
    const shown = dpo(['activities', 'get', String(activity.id)]).stdout;
    expect(shown).toContain('Vendors and processors: Zendesk, OpenAI');
    expect(dpo(['activities', 'create', '--help']).stdout.replace(/\s+/g, ' ')).toContain(
      'vendors (ids or vendors names)',
    );
  });

  it('pauses, resumes and extends a request, giving the dates `dpo deadline` gives for the same facts', () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const created = dpo(
      ['requests', 'create', '--input', '-', '--json'],
      JSON.stringify({
        reference: 'CLI-1',
        jurisdiction: 'GDPR',
        country: 'DE',
        type: 'access',
        receivedOn: day(-10),
      }),
    );
    expect(created.stderr).toBe('');
    const r = JSON.parse(created.stdout) as Record<string, unknown> & { id: number };
    for (const key of [
      'due',
      'baseDue',
      'extendedDue',
      'ackDue',
      'internalDue',
      'state',
      'daysLeft',
      'steps',
    ])
      expect(r).toHaveProperty(key);
    expect(r.state).toBe('open');

    expect(dpo(['requests', 'pause', String(r.id), '--from', day(-8)]).stderr).toContain('Give --reason');
    const paused = dpo([
      'requests',
      'pause',
      String(r.id),
      '--from',
      day(-8),
      '--reason',
      'Proof of identity',
    ]);
    expect(paused.stdout).toMatch(/^Request CLI-1: due \d{4}-\d{2}-\d{2} \(open\)\.\n$/);
    const resumed = JSON.parse(
      dpo(['requests', 'pause', String(r.id), '--to', day(-3), '--json']).stdout,
    ) as Record<string, unknown>;
    expect(resumed.pauses).toEqual([{ from: day(-8), to: day(-3), reason: 'Proof of identity' }]);
    const extended = JSON.parse(
      dpo(['requests', 'extend', String(r.id), '--notice-on', day(-1), '--reason', 'Many systems', '--json'])
        .stdout,
    ) as Record<string, unknown>;
    const engine = JSON.parse(
      dpo([
        'deadline',
        '--json',
        '--jurisdiction',
        'GDPR',
        '--country',
        'DE',
        '--type',
        'access',
        '--received',
        day(-10),
        '--paused',
        `${day(-8)}..${day(-3)}`,
        '--extended',
      ]).stdout,
    ) as Record<string, unknown>;
    for (const key of ['due', 'baseDue', 'extendedDue', 'ackDue', 'internalDue', 'steps'])
      expect(extended[key], key).toEqual(engine[key]);
    expect(extended.due).toBe(engine.extendedDue);
    expect(dpo(['requests', 'pause', String(r.id), '--to', day(0)]).stderr).toContain('No pause is open');
  });

  it('files a breach with the authority, which stops its clock; a late filing must give its reasons', () => {
    const hoursAgo = (h: number) =>
      new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const running = JSON.parse(
      dpo(
        ['breaches', 'create', '--input', '-', '--json'],
        JSON.stringify({ title: 'CLI breach', awareAt: hoursAgo(10), timeZone: 'Europe/Oslo' }),
      ).stdout,
    ) as { id: number; clock: Record<string, unknown> };
    expect(running.clock).toMatchObject({ state: 'running', hoursLeft: expect.any(Number) });
    expect(running.clock.hoursLeft).toBeGreaterThanOrEqual(61);
    expect(running.clock.deadline).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const filed = dpo([
      'breaches',
      'file',
      String(running.id),
      '--authority',
      'Datatilsynet',
      '--at',
      hoursAgo(1),
    ]);
    expect(filed.stdout).toBe(`Breach ${running.id} filed: the clock is stopped.\n`);

    const late = JSON.parse(
      dpo(
        ['breaches', 'create', '--input', '-', '--json'],
        JSON.stringify({ title: 'CLI late breach', awareAt: hoursAgo(100) }),
      ).stdout,
    ) as { id: number; clock: Record<string, unknown> };
    expect(late.clock).toMatchObject({ state: 'overdue' });
    const refused = dpo([
      'breaches',
      'file',
      String(late.id),
      '--authority',
      'Datatilsynet',
      '--at',
      hoursAgo(1),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('give the reasons for the delay (Art 33(1))');
    const ok = JSON.parse(
      dpo([
        'breaches',
        'file',
        String(late.id),
        '--authority',
        'Datatilsynet',
        '--at',
        hoursAgo(1),
        '--delay-reason',
        'The scope was unclear',
        '--json',
      ]).stdout,
    ) as { clock: Record<string, unknown>; filings: unknown[] };
    expect(ok.clock).toMatchObject({ state: 'stopped', stoppedBy: 'filing', hoursLeft: null });
    expect(ok.filings).toHaveLength(1);
  });

  it('narrows vendors by the countries they process in (not their headquarters)', () => {
    const help = dpo(['vendors', 'list', '--help']).stdout;
    expect(help).toMatch(/--country <code\.\.\.>\s+processing countries/i);
    const inUs = JSON.parse(dpo(['vendors', 'list', '--country', 'US', '--json']).stdout) as {
      processingCountries: string[];
      headquartersCountry: string | null;
    }[];
    expect(inUs.length).toBeGreaterThan(0);
    expect(inUs.every((v) => v.processingCountries.includes('US'))).toBe(true);
    // Processing in the US without being headquartered there is still a match.
    expect(inUs.some((v) => v.headquartersCountry !== 'US')).toBe(true);
  });

  it('searches every register', () => {
    const hits = JSON.parse(dpo(['search', 'zendesk', '--json']).stdout) as Record<string, unknown>[];
    expect(hits).toEqual([
      {
        register: 'vendors',
        id: expect.any(Number),
        title: 'Zendesk',
        detail: 'Processor · Customer support',
        matched: null,
      },
      {
        register: 'transfers',
        id: expect.any(Number),
        title: 'Zendesk → United States of America',
        detail: 'EU SCCs (2021/914)',
        matched: null,
      },
      {
        register: 'activities',
        id: expect.any(Number),
        title: 'Customer support',
        detail: 'Customer success · Contract',
        matched: { field: 'Vendors', excerpt: 'Zendesk, Intercom' },
      },
      // The activity created above names Zendesk among its vendors.
      {
        register: 'activities',
        id: expect.any(Number),
        title: 'Webinars',
        detail: 'Legitimate interests',
        matched: { field: 'Vendors', excerpt: expect.stringContaining('Zendesk') },
      },
    ]);
  });
});
