import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpoInProcess } from '../helpers/cli';
import { tempDir } from '../helpers/core';

let dir: { dir: string; cleanup: () => void };
let db: string;

beforeAll(async () => {
  dir = tempDir();
  db = join(dir.dir, 'cli.sqlite');
  expect((await dpoInProcess('demo', '--db', db)).code).toBe(0);
});
afterAll(() => dir.cleanup());

describe('what the command line says', () => {
  it('names the option and the value, never an internal path', async () => {
    const r = await dpoInProcess('vendors', 'list', '--country', 'XX', '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'dpo: --country "XX": Not a country we recognise; use a name or an ISO code such as DE.\n',
    );
  });

  it('says no vendor matches a search, instead of offering the demo to a full register', async () => {
    const r = await dpoInProcess('vendors', 'list', '--search', 'xyzzy', '--db', db);
    expect(r.stdout).toBe('No vendor matches.\n');
  });

  it('names --header-row when no header row is found', async () => {
    const file = join(dir.dir, 'no-header.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const r = await dpoInProcess('import', file, '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Choose the header row yourself\. Give it with --header-row N/);
  });

  it('prints the flagged cells of an import in text, as --json does', async () => {
    const file = join(dir.dir, 'flagged.csv');
    writeFileSync(file, 'Name,Processing countries\nAcme Regions,EU\nBeta,Germany\n');
    const r = await dpoInProcess('import', file, '--dry-run', '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Warnings \(1\):\n {2}row 2, processingCountries: "EU" is a region/m);
  });

  it('marks the options a command cannot do without in --help', async () => {
    const calendar = await dpoInProcess('calendar', '--help');
    expect(calendar.stdout).toMatch(/--out <file\.ics>\s+the file to write \(required\)/);
    const create = await dpoInProcess('vendors', 'create', '--help');
    expect(create.stdout).toMatch(/--input <file>.*\(required\)/s);
    const list = await dpoInProcess('vendors', 'list', '--help');
    expect(list.stdout).not.toMatch(/\(required\)/);
  });
});

describe('the demo data', () => {
  it('shows what the registers do: DPA dates, reviews (some overdue), risk ratings, each marked as an example', async () => {
    const o = JSON.parse((await dpoInProcess('overview', '--json', '--db', db)).stdout) as {
      reviewsOverdueByRegister: { vendors: number };
      vendorsByDpaStatus: Record<string, number>;
    };
    expect(o.reviewsOverdueByRegister.vendors).toBeGreaterThanOrEqual(2);
    expect(o.vendorsByDpaStatus.signed).toBeGreaterThanOrEqual(3);
    expect(o.vendorsByDpaStatus.expired).toBeGreaterThanOrEqual(1);
    const vendors = JSON.parse((await dpoInProcess('vendors', 'list', '--json', '--db', db)).stdout) as {
      name: string;
      riskRating: string | null;
      nextReviewAt: string | null;
      sourceDetail: string;
    }[];
    const zendesk = vendors.find((v) => v.name === 'Zendesk')!;
    expect(zendesk.riskRating).toBe('medium');
    expect(zendesk.nextReviewAt).not.toBeNull();
    expect(zendesk.sourceDetail).toMatch(/example values, not from the notice/);
    expect(vendors.every((v) => v.riskRating !== null)).toBe(true);
  });
});

describe('search results', () => {
  it('say why a record matched when its title does not, in the declaration’s words', async () => {
    const r = await dpoInProcess('search', 'customer content', '--json', '--db', db);
    const hits = JSON.parse(r.stdout) as {
      title: string;
      detail: string;
      matched: { field: string; excerpt: string } | null;
    }[];
    const azure = hits.find((h) => h.title === 'Microsoft Azure (EEA hosting)')!;
    expect(azure.matched).toEqual({
      field: 'Services',
      excerpt: 'Hosting of the services and customer content',
    });
    // The role reads as the register's own label.
    expect(azure.detail.startsWith('Sub-processor · ')).toBe(true);
    const zendesk = JSON.parse((await dpoInProcess('search', 'zendesk', '--json', '--db', db)).stdout) as {
      title: string;
      matched: { field: string } | null;
    }[];
    expect(zendesk.find((h) => h.title === 'Zendesk')!.matched).toBeNull();
    expect(zendesk.find((h) => h.title === 'Customer support')!.matched?.field).toBe('Vendors');
  });
});

describe('vendors whose location is unclear', () => {
  it('keeps the places that name no country, reads as location unclear, and filters on it', async () => {
    const file = join(dir.dir, 'regions.csv');
    writeFileSync(file, 'Name,Processing countries\nRegion Cloud,EU\nGlobe Support,"Worldwide, Germany"\n');
    expect((await dpoInProcess('import', file, '--db', db)).code).toBe(0);
    const vendors = JSON.parse((await dpoInProcess('vendors', 'list', '--json', '--db', db)).stdout) as {
      name: string;
      unclearLocations: string[];
      locationUnclear: boolean;
      processingCountries: string[];
    }[];
    const region = vendors.find((v) => v.name === 'Region Cloud')!;
    expect(region).toMatchObject({
      unclearLocations: ['EU'],
      locationUnclear: true,
      processingCountries: [],
    });
    const globe = vendors.find((v) => v.name === 'Globe Support')!;
    expect(globe).toMatchObject({
      unclearLocations: ['Worldwide'],
      locationUnclear: true,
      processingCountries: ['DE'],
    });
    expect(vendors.find((v) => v.name === 'Zendesk')!.locationUnclear).toBe(false);
    // Expanding EU leaves nothing unclear for it.
    const expanded = join(dir.dir, 'regions-expanded.csv');
    writeFileSync(expanded, 'Name,Processing countries\nExpanded Cloud,EU\n');
    expect((await dpoInProcess('import', expanded, '--expand-regions', '--db', db)).code).toBe(0);
    const after = JSON.parse((await dpoInProcess('vendors', 'list', '--json', '--db', db)).stdout) as {
      name: string;
      locationUnclear: boolean;
    }[];
    expect(after.find((v) => v.name === 'Expanded Cloud')!.locationUnclear).toBe(false);
  });
});

describe('dates in text output', () => {
  it('follow the date format chosen in Settings', async () => {
    const { openCore } = await import('../../db/core');
    const core = openCore({ dbPath: db, door: 'cli', actor: 'test', anchorFile: null });
    await core.dispatch('settings:update', { display: { dateFormat: 'DD/MM/YYYY' } });
    core.close();
    const list = JSON.parse((await dpoInProcess('vendors', 'list', '--json', '--db', db)).stdout) as {
      id: number;
      name: string;
      nextReviewAt: string;
    }[];
    const zendesk = list.find((v) => v.name === 'Zendesk')!;
    const [y, m, d] = zendesk.nextReviewAt.split('-');
    const text = await dpoInProcess('vendors', 'get', String(zendesk.id), '--db', db);
    expect(text.stdout).toContain(`Next review: ${d}/${m}/${y}`);
    const json = await dpoInProcess('vendors', 'get', String(zendesk.id), '--json', '--db', db);
    expect((JSON.parse(json.stdout) as { nextReviewAt: string }).nextReviewAt).toBe(zendesk.nextReviewAt);
  });
});
