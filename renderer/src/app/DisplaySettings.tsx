import { Alert, Paper, Select, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DATE_FORMATS, formatDay, formatHint, type DateFormat } from '../../../shared/date-format';
import { setDateFormat } from '../lib/format';
import { useSettingsSection } from './use-settings-section';

const EXAMPLE = '2028-03-01';

/** How days are written and read everywhere: the system's way, or a chosen order. */
export function DisplaySettings() {
  const [format, setFormat] = useState<DateFormat>('auto');
  const { saved, error, saving, save } = useSettingsSection('display', 'Date format saved.', (v) =>
    setFormat(v.dateFormat),
  );
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h5" mb={4}>
        Dates
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        How every date is shown and how a typed date is read (a date written as 2028-03-01 is always read).
        The command line&apos;s text output follows it too.
      </Text>
      {error && (
        <Alert color="red" mb="sm">
          {error}
        </Alert>
      )}
      <Select
        label="Date format"
        maw={360}
        disabled={saved === null || saving}
        value={format}
        allowDeselect={false}
        data={DATE_FORMATS.map((f) => ({
          value: f,
          label:
            f === 'auto'
              ? `As this computer writes them (${formatHint('auto')}, shown as ${formatDay(EXAMPLE, 'auto')})`
              : `${f} (1 March 2028: ${formatDay(EXAMPLE, f)})`,
        }))}
        onChange={(v) => {
          if (!v) return;
          const next = v as DateFormat;
          setFormat(next);
          void save({ dateFormat: next }).then(() => setDateFormat(next));
        }}
      />
    </Paper>
  );
}
