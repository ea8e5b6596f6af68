import { readFileSync } from 'node:fs';
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

describe('dpo overview, due and calendar', () => {
  it('prints the counts as JSON, equal to the registers’ filtered lists', async () => {
    const r = await dpoInProcess('overview', '--json', '--db', db);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(
      expect.arrayContaining([
        'breachesRunning',
        'breachesOverdue',
        'requestsOverdue',
        'requestsDueSoon',
        'acksDue',
        'transfersByValidity',
        'vendorsByDpaStatus',
        'vendorsWithTransferGaps',
        'reviewsOverdue',
        'activitiesNeedingDpia',
        'priorConsultations',
      ]),
    );
    expect(o).not.toHaveProperty('nowItems');
    // The demo: one breach clock running (aware 30 hours before loading), the CCPA request overdue.
    expect(o.breachesRunning).toBe(1);
    expect(o.requestsOverdue).toBe(1);
    const list = await dpoInProcess('requests', 'list', '--json', '--db', db);
    const rows = JSON.parse(list.stdout) as { state: string }[];
    expect(rows.filter((x) => x.state === 'overdue')).toHaveLength(o.requestsOverdue as number);
    const text = await dpoInProcess('overview', '--db', db);
    expect(text.stdout).toMatch(/Rights requests overdue:\s+1/);
  });

  it('lists what is due or late, for a script', async () => {
    const r = await dpoInProcess('due', '--days', '30', '--json', '--db', db);
    expect(r.code).toBe(0);
    const due = JSON.parse(r.stdout) as {
      days: number;
      late: number;
      items: { kind: string; late: boolean }[];
    };
    expect(due.days).toBe(30);
    expect(due.late).toBe(due.items.filter((i) => i.late).length);
    expect(due.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['request-due', 'breach-deadline']));
    const text = await dpoInProcess('due', '--db', db);
    expect(text.stdout).toMatch(/LATE .*Rights request due: CCPA-DEMO-4/);
    const bad = await dpoInProcess('due', '--days', 'soon', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--days must be a whole number/);
  });

  it('writes the calendar as an iCalendar file', async () => {
    const out = join(dir.dir, 'deadlines.ics');
    const r = await dpoInProcess('calendar', '--out', out, '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote \d+ events to /);
    const ics = readFileSync(out, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    const missing = await dpoInProcess('calendar', '--db', db);
    expect(missing.code).toBe(2);
  });
});

describe('a quiet command line', () => {
  it('adds one pipe listener however many commands run in a process (no leak warning)', async () => {
    await dpoInProcess('--version');
    const before = process.stdout.listenerCount('error');
    for (let i = 0; i < 12; i++) await dpoInProcess('--version');
    expect(process.stdout.listenerCount('error')).toBe(before);
  });
});

describe('opening the browser', () => {
  it('says so, with the address again, when no browser can be opened', async () => {
    const { openInBrowser } = await import('../../cli/commands/core-commands');
    const { EventEmitter } = await import('node:events');
    const said: string[] = [];
    const child = Object.assign(new EventEmitter(), { unref: () => {} });
    openInBrowser('http://127.0.0.1:5000/#token=abc', {
      platform: 'linux',
      spawn: (() => child) as never,
      write: (t) => said.push(t),
    });
    child.emit('exit', 3);
    expect(said.join('')).toBe(
      'Could not open a browser (xdg-open exited with 3). Open this address yourself:\n  http://127.0.0.1:5000/#token=abc\n',
    );
    const missing = Object.assign(new EventEmitter(), { unref: () => {} });
    said.length = 0;
    openInBrowser('http://x', {
      platform: 'linux',
      spawn: (() => missing) as never,
      write: (t) => said.push(t),
    });
    missing.emit('error', Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' }));
    missing.emit('exit', -2);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/xdg-open is not installed/);
  });
});
