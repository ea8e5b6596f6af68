import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { Reminder } from '../../../shared/overview';
import { currentDoor, desktopBridge, invoke } from '../api/client';
import { navigate } from '../app/router';

const POLL_MS = 5 * 60_000;

/**
 * The reminders in the browser door (the desktop app gives them as system notifications): a breach clock under
 * 24 hours or under 4, a request due tomorrow, what is overdue once a day. Dismissing them marks them given, so
 * they do not come back; a link opens the record.
 */
export function ReminderBanner() {
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const web = currentDoor() === 'web';
  const load = useCallback(() => {
    invoke('reminders:due', {}).then(setReminders, () => {});
  }, []);
  useEffect(() => {
    if (!web) return;
    load();
    const timer = window.setInterval(load, POLL_MS);
    return () => window.clearInterval(timer);
  }, [web, load]);
  if (!web || reminders.length === 0) return null;
  const critical = reminders.some((r) => r.urgency === 'critical');
  const dismiss = (keys: string[]) => {
    setReminders((rs) => rs.filter((r) => !keys.includes(r.key)));
    invoke('reminders:given', { keys }).catch(() => {});
  };
  return (
    <Alert
      className="reminder-banner"
      role={critical ? 'alert' : 'status'}
      color={critical ? 'red' : 'orange'}
      icon={<IconBell size={18} />}
      title={reminders.length === 1 ? 'Reminder' : `${reminders.length} reminders`}
      withCloseButton
      closeButtonLabel="Dismiss all reminders"
      onClose={() => dismiss(reminders.map((r) => r.key))}
      data-testid="reminder-banner"
    >
      <Stack gap={6}>
        {reminders.slice(0, 5).map((r) => (
          <div key={r.key}>
            <Anchor
              href={`#${r.path}`}
              fw={600}
              size="sm"
              onClick={(e) => {
                e.preventDefault();
                dismiss([r.key]);
                void navigate(r.path);
              }}
            >
              {r.title}
            </Anchor>
            <Text size="xs">{r.body}</Text>
          </div>
        ))}
        {reminders.length > 5 && (
          <Text size="xs" c="dimmed">
            and {reminders.length - 5} more on the Overview.
          </Text>
        )}
        <Group justify="flex-end">
          <Button size="compact-xs" variant="subtle" onClick={() => dismiss(reminders.map((r) => r.key))}>
            Dismiss
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Desktop: a notification clicked in the system tray opens its record here. */
export function useDesktopNavigation(): void {
  useEffect(() => {
    const bridge = desktopBridge();
    if (!bridge?.onNavigate) return;
    return bridge.onNavigate((path) => {
      if (typeof path === 'string' && /^\/[a-z]+(\/\d+)?(\?[\w.=,&%-]*)?$/.test(path)) void navigate(path);
    });
  }, []);
}
