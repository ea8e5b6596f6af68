import { afterEach, describe, expect, it } from 'vitest';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

describe('organisation settings', () => {
  it('start with the cautious deadline readings and no organisation', async () => {
    t = testCore();
    expect(await ok(t.core, 'settings:get', {})).toEqual({
      organisation: { name: null, country: null, dpoContact: null, timeZone: null },
      deadlines: {
        readings: 'cautious',
        extensionMethod: null,
        smallProcessingAgent: false,
        defaultJurisdiction: null,
        holidayRegion: null,
        internalTargetDays: null,
        contactRetentionDays: 365,
      },
      reminders: { enabled: true },
      display: { dateFormat: 'auto' },
    });
  });

  it('save one section without touching the other, audited value by value', async () => {
    t = testCore();
    await ok(t.core, 'settings:update', { organisation: { name: 'Example AS', country: 'NO' } });
    const saved = await ok(t.core, 'settings:update', {
      deadlines: { readings: 'later', extensionMethod: 'from-receipt', smallProcessingAgent: true },
    });
    expect(saved.organisation).toMatchObject({ name: 'Example AS', country: 'NO' });
    expect(saved.deadlines).toMatchObject({
      readings: 'later',
      extensionMethod: 'from-receipt',
      smallProcessingAgent: true,
    });
    const history = await ok(t.core, 'audit:history', { entity: 'settings', entityId: 1 });
    const fields = history.map((e) => e.field).sort();
    expect(fields).toEqual([
      'deadlines.extensionMethod',
      'deadlines.readings',
      'deadlines.smallProcessingAgent',
      'organisation.country',
      'organisation.name',
    ]);
    // A value left out keeps what it was.
    const tz = await ok(t.core, 'settings:update', { organisation: { timeZone: 'Europe/Oslo' } });
    expect(tz.organisation).toEqual({
      name: 'Example AS',
      country: 'NO',
      dpoContact: null,
      timeZone: 'Europe/Oslo',
    });
    const badZone = await t.core.dispatch('settings:update', { organisation: { timeZone: 'Mars/Olympus' } });
    expect(!badZone.ok && badZone.error.details).toEqual([
      expect.objectContaining({ path: 'organisation.timeZone' }),
    ]);
    // A value that does not change writes nothing.
    await ok(t.core, 'settings:update', { deadlines: saved.deadlines });
    expect(await ok(t.core, 'audit:history', { entity: 'settings', entityId: 1 })).toHaveLength(6);
  });

  it('refuse a reading it does not know, naming the field', async () => {
    t = testCore();
    const r = await t.core.dispatch('settings:update', { deadlines: { readings: 'latest' } });
    expect(!r.ok && r.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'deadlines.readings', message: 'Use cautious or later.' }],
    });
  });
});
