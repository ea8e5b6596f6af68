import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpoInProcess } from '../helpers/cli';
import { tempDir } from '../helpers/core';

let dir: { dir: string; cleanup: () => void };
let db: string;
let list: string;

beforeAll(async () => {
  dir = tempDir();
  db = join(dir.dir, 'cli.sqlite');
  list = join(dir.dir, 'google-subprocessors.csv');
  expect((await dpoInProcess('demo', '--db', db)).code).toBe(0);
  // The demo's Google engages reCAPTCHA (a processor) and passes data to YouTube (a controller, no sub-processor).
  writeFileSync(
    list,
    [
      'Google sub-processors,,',
      'Name of Subprocessor,Purpose,Location',
      'Google reCAPTCHA,Bot detection on web forms,"USA, Ireland"',
      'Infosys Limited,Support,India',
      '* Only for support escalations.,,',
    ].join('\n'),
  );
});
afterAll(() => dir.cleanup());

describe('dpo vendors review-subprocessors', () => {
  it('prints the diff and the deadline as JSON and writes nothing without --apply', async () => {
    const r = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      'Google',
      '--file',
      list,
      '--notice-on',
      '2026-11-20',
      '--json',
      '--db',
      db,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      added: [{ name: 'Infosys Limited', countries: ['IN'] }],
      removed: [],
      changed: [{ name: 'Google reCAPTCHA', field: 'processingCountries', old: ['US'], new: ['US', 'IE'] }],
      newThirdCountries: ['IN'],
      objectionDeadline: '2026-11-30',
      reviewId: null,
    });
    const reviews = await dpoInProcess('reviews', 'list', '--json', '--db', db);
    expect(JSON.parse(reviews.stdout)).toEqual([]);
  });

  it('applies with --apply, and says what it did in words', async () => {
    const r = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      '5',
      '--file',
      list,
      '--notice-on',
      '2026-11-20',
      '--apply',
      '--db',
      db,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\+ Infosys Limited \[IN\]: Support/);
    expect(r.stdout).toMatch(/New country IN: GAP/);
    expect(r.stdout).toMatch(/Object by 2026-11-30 \(10 calendar days, assumed\)/);
    expect(r.stdout).toMatch(/Review \d+ saved and accepted: 1 added, 0 offboarded, 1 updated\./);
    const again = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      'Google',
      '--file',
      list,
      '--notice-on',
      '2026-11-25',
      '--db',
      db,
    );
    expect(again.stdout).toMatch(/No change/);
  });

  it('names the option at fault', async () => {
    const bad = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      'Nobody Ltd',
      '--file',
      list,
      '--notice-on',
      '2026-11-20',
      '--db',
      db,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/No vendor is named "Nobody Ltd"/);
    const day = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      'Google',
      '--file',
      list,
      '--notice-on',
      '20/11/2026',
      '--db',
      db,
    );
    expect(day.code).toBe(2);
    expect(day.stderr).toMatch(/--notice-on must be a date as YYYY-MM-DD/);
    const missing = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      'Google',
      '--file',
      join(dir.dir, 'none.csv'),
      '--notice-on',
      '2026-11-20',
      '--db',
      db,
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/none\.csv was not found/);
  });

  it('saves a review for later, and decides it with dpo reviews decide', async () => {
    const other = join(dir.dir, 'zendesk.csv');
    writeFileSync(other, 'Subprocessor,Location\nTwilio Inc.,USA\n');
    const saved = await dpoInProcess(
      'vendors',
      'review-subprocessors',
      'Zendesk',
      '--file',
      other,
      '--notice-on',
      '2026-11-20',
      '--save',
      '--json',
      '--db',
      db,
    );
    expect(saved.code).toBe(0);
    const id = String((JSON.parse(saved.stdout) as { reviewId: number }).reviewId);
    const noReasons = await dpoInProcess('reviews', 'decide', id, '--object', '--db', db);
    expect(noReasons.code).not.toBe(0);
    expect(noReasons.stderr).toMatch(/--reasons|reasons/);
    const both = await dpoInProcess('reviews', 'decide', id, '--object', '--accept', '--db', db);
    expect(both.code).toBe(2);
    const objected = await dpoInProcess(
      'reviews',
      'decide',
      id,
      '--object',
      '--reasons',
      'No DPA with Twilio yet',
      '--sent-on',
      '2026-11-21',
      '--db',
      db,
    );
    expect(objected.code).toBe(0);
    expect(objected.stdout).toMatch(/: objected on /);
  });
});
