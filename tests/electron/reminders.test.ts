import { afterEach, describe, expect, it, vi } from 'vitest';
import { startReminders, type NotificationApi } from '../../electron/main/reminders';
import { ok, testCore } from '../helpers/core';

/** Electron's Notification, mocked: records what was shown and lets a test click it. */
function fakeNotifications(supported = true) {
  const shown: { title: string; body: string; urgency?: string; click: () => void }[] = [];
  class FakeNotification {
    private listener: () => void = () => {};
    constructor(private readonly options: { title: string; body: string; urgency?: string }) {}
    static isSupported() {
      return supported;
    }
    on(_event: 'click', listener: () => void) {
      this.listener = listener;
      return this;
    }
    show() {
      shown.push({ ...this.options, click: () => this.listener() });
    }
  }
  return { Notification: FakeNotification as unknown as NotificationApi, shown };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

let t: ReturnType<typeof testCore> | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

describe('desktop reminders', () => {
  it('shows a breach under 24 hours, then under 4, once each; a click opens the breach', async () => {
    t = testCore('2026-12-01T11:00:00Z');
    await ok(t.core, 'settings:update', { organisation: { name: 'X AS', country: 'NO' } });
    const b = await ok(t.core, 'breaches:create', { title: 'Lost laptop', awareAt: '2026-11-29T10:00:00Z' });
    const { Notification, shown } = fakeNotifications();
    const open = vi.fn();
    let tick: () => void = () => {};
    const stop = startReminders({
      core: t.core,
      Notification,
      open,
      setInterval: (fn) => ((tick = fn), 1),
      clearInterval: () => {},
    });
    await flush();
    expect(shown.map((n) => n.title)).toEqual(['23 h 0 min left to notify: Lost laptop']);
    expect(shown[0]!.urgency).toBe('normal');
    shown[0]!.click();
    expect(open).toHaveBeenCalledWith(`/breaches/${b.id}`);
    // The next look, an hour later: nothing new (each threshold once).
    t.setNow('2026-12-01T12:00:00Z');
    tick();
    await flush();
    expect(shown).toHaveLength(1);
    t.setNow('2026-12-02T06:30:00Z');
    tick();
    await flush();
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ title: '3 h 30 min left to notify: Lost laptop', urgency: 'critical' });
    stop();
  });

  it('shows nothing when reminders are turned off, or where the system has no notifications', async () => {
    t = testCore('2026-12-01T11:00:00Z');
    await ok(t.core, 'breaches:create', { title: 'Lost laptop', awareAt: '2026-11-29T10:00:00Z' });
    await ok(t.core, 'settings:update', { reminders: { enabled: false } });
    const off = fakeNotifications();
    startReminders({
      core: t.core,
      Notification: off.Notification,
      open: vi.fn(),
      setInterval: () => 1,
      clearInterval: () => {},
    })();
    await flush();
    expect(off.shown).toEqual([]);
    await ok(t.core, 'settings:update', { reminders: { enabled: true } });
    const unsupported = fakeNotifications(false);
    startReminders({ core: t.core, Notification: unsupported.Notification, open: vi.fn() })();
    await flush();
    expect(unsupported.shown).toEqual([]);
    // Nothing was marked given: the banner or a later start still has them.
    expect((await ok(t.core, 'reminders:due', {})).length).toBe(1);
  });
});
