import type { Core } from '../../db/core';
import type { Reminder } from '../../shared/overview';

/** What the reminders need of Electron's `Notification`: injected, so tests run without Electron. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NotificationApi {
  new (options: {
    title: string;
    body: string;
    urgency?: 'normal' | 'critical' | 'low';
    silent?: boolean;
  }): NotificationLike;
  isSupported(): boolean;
}

export interface ReminderOptions {
  core: Pick<Core, 'dispatch'>;
  Notification: NotificationApi;
  /** A notification was clicked: show the window and open the path in it. */
  open: (path: string) => void;
  /** How often to look (default every 5 minutes); the first look is at start. */
  everyMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * Desktop reminders: every few minutes, asks the core for the reminders that hold and were not given yet (a breach
 * clock under 24 hours and under 4, a request due tomorrow, once a day what is overdue; none when turned off in
 * Settings), shows each as a system notification that opens its record when clicked, and marks them given so none
 * is shown twice. Returns a function that stops it.
 */
export function startReminders(options: ReminderOptions): () => void {
  const { core, Notification } = options;
  if (!Notification.isSupported()) return () => {};
  // Electron drops a notification's click handler when the object is collected: keep the shown ones.
  const shown = new Set<NotificationLike>();
  let running = false;
  const look = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const due = await core.dispatch('reminders:due', {});
      if (!due.ok) return;
      const reminders = due.value as Reminder[];
      if (reminders.length === 0) return;
      for (const r of reminders) {
        const n = new Notification({ title: r.title, body: r.body, urgency: r.urgency });
        n.on('click', () => {
          shown.delete(n);
          options.open(r.path);
        });
        shown.add(n);
        n.show();
      }
      while (shown.size > 50) shown.delete(shown.values().next().value!);
      await core.dispatch('reminders:given', { keys: reminders.map((r) => r.key) });
    } finally {
      running = false;
    }
  };
  void look();
  const set = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const clear = options.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout));
  const handle = set(() => void look(), options.everyMs ?? 5 * 60_000);
  return () => clear(handle);
}
