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
      },
      {
        register: 'transfers',
        id: expect.any(Number),
        title: 'Zendesk → United States of America',
        detail: 'EU SCCs (2021/914)',
      },
      {
        register: 'activities',
        id: expect.any(Number),
        title: 'Customer support',
        detail: 'Customer success · Contract',
      },
      // The activity created above names Zendesk among its vendors.
      { register: 'activities', id: expect.any(Number), title: 'Webinars', detail: 'Legitimate interests' },
    ]);
  });
});
