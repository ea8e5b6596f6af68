import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { deadlineInput } from '../../shared/registers/requests';
import { computeRightsDeadline } from '../../shared/rules/rights-deadline';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

async function norway(deadlines: Record<string, unknown> = {}) {
  await ok(t.core, 'settings:update', {
    organisation: { name: 'Example AS', country: 'NO', timeZone: 'Europe/Oslo' },
    deadlines,
  });
}

describe('rights-request register: dates from the rules engine', () => {
  it('takes the law, country and holiday calendar from the settings, and gives the engine’s dates and trace', async () => {
    t = testCore('2026-12-01T09:00:00Z');
    await norway();
    const r = await ok(t.core, 'requests:create', {
      reference: 'DSAR-1',
      type: 'access',
      receivedOn: '2026-11-21',
    });
    expect(r).toMatchObject({ jurisdiction: 'GDPR', country: 'NO', region: null, holidayCalendar: 'NO' });
    const engine = computeRightsDeadline({
      jurisdiction: 'GDPR',
      country: 'NO',
      requestType: 'access',
      receivedOn: '2026-11-21',
    });
    expect(r).toMatchObject({
      due: engine.due,
      baseDue: engine.baseDue,
      extendedDue: engine.extendedDue,
      ackDue: engine.ackDue,
      internalDue: null,
      state: 'open',
      daysLeft: 20,
      steps: engine.steps,
    });
    // 21 December 2026 is a Monday: the month rule gives it as it is.
    expect(r.due).toBe('2026-12-21');
  });

  it('moves the due date with a pause (day by day while it is open) and with an extension', async () => {
    t = testCore('2026-12-01T09:00:00Z');
    await norway();
    const r = await ok(t.core, 'requests:create', {
      reference: 'DSAR-2',
      type: 'erasure',
      receivedOn: '2026-11-21',
      pauses: [{ from: '2026-11-25', to: null, reason: 'Identity asked for' }],
    });
    const today = await ok(t.core, 'requests:get', { id: r.id });
    expect(today.request.pausedDays).toBe(6);
    t.setNow('2026-12-04T09:00:00Z');
    const later = (await ok(t.core, 'requests:get', { id: r.id })).request;
    expect(later.pausedDays).toBe(9);
    expect(later.due > today.request.due).toBe(true);
    // The stored due date (what the list sorts on) has followed.
    const other = await ok(t.core, 'requests:create', {
      reference: 'DSAR-3',
      type: 'access',
      receivedOn: '2026-11-24',
    });
    const sorted = await ok(t.core, 'requests:list', { sort: { key: 'due', direction: 'desc' } });
    expect(sorted.rows.map((x) => [x.reference, x.due])).toEqual(
      [
        ['DSAR-2', later.due],
        ['DSAR-3', other.due],
      ].sort((a, b) => b[1]!.localeCompare(a[1]!)),
    );

    const closed = await ok(t.core, 'requests:update', {
      id: r.id,
      values: {
        ...pick(later),
        pauses: [{ from: '2026-11-25', to: '2026-12-02', reason: 'Identity asked for' }],
      },
      expectedUpdatedAt: later.updatedAt,
    });
    expect(closed.pausedDays).toBe(7);
    const extended = await ok(t.core, 'requests:update', {
      id: r.id,
      values: {
        ...pick(closed),
        extensionNoticeOn: '2026-12-05',
        extensionReason: 'Many systems to search.',
      },
      expectedUpdatedAt: closed.updatedAt,
    });
    expect(extended.due).toBe(extended.extendedDue);
    expect(extended.due > closed.due).toBe(true);
    expect(extended.steps.map((s) => s.text).join(' ')).toMatch(/Extension/);

    // Two open pauses, or an extension without its reasons, are refused naming the field.
    const two = await t.core.dispatch('requests:update', {
      id: r.id,
      values: {
        ...pick(extended),
        pauses: [
          { from: '2026-11-25', to: null, reason: 'a' },
          { from: '2026-11-28', to: null, reason: 'b' },
        ],
      },
      expectedUpdatedAt: extended.updatedAt,
    });
    expect(!two.ok && two.error.details).toEqual([expect.objectContaining({ path: 'values.pauses' })]);
    const bare = await t.core.dispatch('requests:create', {
      reference: 'DSAR-4',
      type: 'access',
      receivedOn: '2026-11-30',
      extensionNoticeOn: '2026-12-01',
    });
    expect(!bare.ok && bare.error.details).toEqual([expect.objectContaining({ path: 'extensionReason' })]);
  });

  it('opens on what is open, overdue first, and filters on the state as the record judges it', async () => {
    t = testCore('2026-06-01T09:00:00Z');
    await norway();
    for (const [i, receivedOn] of [
      '2026-03-02',
      '2026-04-20',
      '2026-05-04',
      '2026-05-25',
      '2026-05-29',
    ].entries()) {
      await ok(t.core, 'requests:create', {
        reference: `R-${i}`,
        type: 'access',
        receivedOn,
        ...(i === 0 ? { outcome: 'fulfilled', completedOn: '2026-03-20' } : {}),
      });
    }
    for (const now of ['2026-06-01T09:00:00Z', '2026-06-05T09:00:00Z', '2026-07-01T09:00:00Z']) {
      t.setNow(now);
      const all = (await ok(t.core, 'requests:list', { limit: 100 })).rows;
      for (const state of ['open', 'overdue', 'closed'] as const) {
        const filtered = await ok(t.core, 'requests:list', { limit: 100, filters: { state: [state] } });
        expect(filtered.rows.map((x) => x.reference).sort(), `${state} at ${now}`).toEqual(
          all
            .filter((x) => x.state === state)
            .map((x) => x.reference)
            .sort(),
        );
      }
    }
    // The default view: open and overdue, soonest due first (so overdue first).
    t.setNow('2026-06-05T09:00:00Z');
    const view = await ok(t.core, 'requests:list', {
      limit: 100,
      filters: { state: ['open', 'overdue'] },
      sort: { key: 'due', direction: 'asc' },
    });
    expect(view.rows.map((x) => x.state)).toEqual(['overdue', 'overdue', 'open', 'open']);
    expect(view.rows[0]!.daysLeft).toBeLessThan(0);
  });

  it('judges every request again when the settings change', async () => {
    t = testCore('2026-12-01T09:00:00Z');
    await norway();
    const r = await ok(t.core, 'requests:create', {
      reference: 'DSAR-5',
      type: 'access',
      receivedOn: '2026-11-21',
    });
    expect(r.internalDue).toBeNull();
    await ok(t.core, 'settings:update', { deadlines: { internalTargetDays: 14 } });
    const got = (await ok(t.core, 'requests:get', { id: r.id })).request;
    expect(got.internalDue).toBe('2026-12-05');
    expect(got.due).toBe('2026-12-05');
    expect(got.legalDue).toBe('2026-12-21');
    // The stored due date, which the list filters and sorts on, changed with it.
    const soon = await ok(t.core, 'requests:list', { sort: { key: 'due', direction: 'asc' } });
    expect(soon.rows[0]!.due).toBe('2026-12-05');
    const settings = await ok(t.core, 'settings:get', {});
    expect(got).toMatchObject({
      due: computeRightsDeadline(deadlineInput({ ...r, pauses: [] } as never, settings, '2026-12-01')).due,
    });
  });

  it('never keeps the requester’s contact in the history, and erases it after the retention set', async () => {
    t = testCore('2026-12-01T09:00:00Z');
    await norway({ contactRetentionDays: 30 });
    const contact = 'Kari Nordmann <kari.nordmann@example.no>';
    const r = await ok(t.core, 'requests:create', {
      reference: 'DSAR-6',
      type: 'access',
      receivedOn: '2026-10-01',
      requester: contact,
    });
    const done = await ok(t.core, 'requests:update', {
      id: r.id,
      values: { ...pick(r), outcome: 'fulfilled', completedOn: '2026-10-20' },
      expectedUpdatedAt: r.updatedAt,
    });
    expect(done.requester).toBe(contact);
    // 30 days after completion: 19 November. From the next read on 20 November the contact is gone.
    t.setNow('2026-11-19T12:00:00Z');
    expect((await ok(t.core, 'requests:get', { id: r.id })).request.requester).toBe(contact);
    t.setNow('2026-11-21T12:00:00Z');
    const erased = await ok(t.core, 'requests:get', { id: r.id });
    expect(erased.request.requester).toBeNull();
    expect(erased.request).toMatchObject({
      receivedOn: '2026-10-01',
      completedOn: '2026-10-20',
      due: done.due,
    });
    expect(erased.history.find((h) => h.field === 'requester')).toMatchObject({ actor: 'system' });

    // Not in the change history, nor anywhere in the database file.
    t.core.close();
    const db = new Database(t.dbPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const audit = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    db.close();
    expect(audit).not.toContain('kari');
    expect(audit).toContain('personal data, not kept in the history');
    expect(readFileSync(t.dbPath).includes(Buffer.from('kari.nordmann'))).toBe(false);
    t.close = () => {};
  });
});

/** A request's stored fields only, for sending back in an update. */
function pick(r: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    'reference',
    'jurisdiction',
    'country',
    'region',
    'type',
    'receivedOn',
    'channel',
    'requester',
    'identityReceivedOn',
    'feeReceivedOn',
    'pauses',
    'extensionNoticeOn',
    'extensionReason',
    'outcome',
    'refusalGround',
    'completedOn',
    'activities',
    'actions',
    'notes',
    'sourceKind',
    'sourceDetail',
  ];
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}
