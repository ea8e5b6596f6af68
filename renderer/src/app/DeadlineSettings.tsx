import { Alert, Button, Checkbox, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { DeadlineSettings as Deadlines } from '../../../shared/domain/settings';
import { useSettingsSection } from './use-settings-section';

const EXTENSION_CHOICES: { value: string; label: string; description: string }[] = [
  {
    value: 'default',
    label: 'Cautious (default)',
    description:
      'EU GDPR: two months from the unmoved end of the first month, the earliest reading. UK GDPR: three months ' +
      'from receipt, the ICO’s reading.',
  },
  {
    value: 'from-receipt',
    label: 'Three months from receipt',
    description: 'The ICO’s wording, used for the EU GDPR too.',
  },
  {
    value: 'from-base-deadline',
    label: 'Two months from the end of the first month',
    description: 'Counted from the first month’s end before any weekend or holiday moves it.',
  },
];

/**
 * How the organisation reads deadline rules the law leaves open: the reading used where one is contested (CCPA's
 * first and last day, Saturdays under the LGPD, the Swedish, Finnish and Dutch eves under Reg. 1182/71), how the
 * GDPR extension is counted, and Brazil's small processing agents. Every deadline's trace names the other reading.
 */
export function DeadlineSettings() {
  const [readings, setReadings] = useState<Deadlines['readings']>('cautious');
  const [extension, setExtension] = useState('default');
  const [smallAgent, setSmallAgent] = useState(false);
  const { saved, error, saving, save } = useSettingsSection(
    'deadlines',
    'The deadline readings are saved.',
    (d) => {
      setReadings(d.readings);
      setExtension(d.extensionMethod ?? 'default');
      setSmallAgent(d.smallProcessingAgent);
    },
  );

  const extensionMethod = extension === 'default' ? null : (extension as Deadlines['extensionMethod']);
  const dirty =
    saved !== null &&
    (saved.readings !== readings ||
      saved.extensionMethod !== extensionMethod ||
      saved.smallProcessingAgent !== smallAgent);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="deadlines-heading">
      <Title order={2} size="h5" mb={4} id="deadlines-heading">
        Deadline readings
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Where the law leaves a deadline rule open, the workbench uses the earlier date unless you choose
        otherwise here. Every deadline’s explanation says when a reading is contested and what the other
        reading gives.
      </Text>
      <Stack gap="md">
        <Radio.Group
          label="Where a reading is contested"
          description="California’s first and last day, Saturdays under Brazil’s LGPD, and the eves Swedish, Finnish and Dutch law treat like holidays."
          value={readings}
          onChange={(v) => setReadings(v as Deadlines['readings'])}
        >
          <Stack gap={6} mt="xs">
            <Radio value="cautious" label="Use the earlier date (cautious)" />
            <Radio value="later" label="Use the later reading" />
          </Stack>
        </Radio.Group>
        <Radio.Group
          label="GDPR extension counted as"
          description="EU texts do not settle how the two further months of Art 12(3) are counted."
          value={extension}
          onChange={setExtension}
        >
          <Stack gap={6} mt="xs">
            {EXTENSION_CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Checkbox
          label="Small processing agent under Brazil’s LGPD (Res. CD/ANPD 2/2022)"
          description="Doubles the LGPD periods for a complete statement (30 days) and allows 15 days for a simplified confirmation. Not for agents doing high-risk processing or above the revenue limit (art 3)."
          checked={smallAgent}
          onChange={(e) => setSmallAgent(e.currentTarget.checked)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button
            onClick={() => void save({ readings, extensionMethod, smallProcessingAgent: smallAgent })}
            loading={saving}
            disabled={!dirty}
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
