import { Alert, Paper, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSettingsSection } from './use-settings-section';

/** Reminders on or off: the desktop's notifications and the browser's banner. */
export function ReminderSettings() {
  const [enabled, setEnabled] = useState(true);
  const { saved, error, saving, save } = useSettingsSection('reminders', 'Reminders saved.', (v) =>
    setEnabled(v.enabled),
  );
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h5" mb={4}>
        Reminders
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A breach clock under 24 hours and under 4 hours, a rights request due tomorrow, and once a day what is
        overdue. The desktop app shows them as system notifications; the browser as a banner. Each is given
        once.
      </Text>
      {error && (
        <Alert color="red" mb="sm">
          {error}
        </Alert>
      )}
      <Switch
        label="Remind me of what falls due"
        checked={enabled}
        disabled={saved === null || saving}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setEnabled(next);
          void save({ enabled: next });
        }}
      />
    </Paper>
  );
}
