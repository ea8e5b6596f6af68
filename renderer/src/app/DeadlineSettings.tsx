import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { JURISDICTIONS } from '../../../shared/reference/jurisdictions';
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
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [region, setRegion] = useState('');
  const [target, setTarget] = useState<number | string>('');
  const [retention, setRetention] = useState<number | string>(365);
  const { saved, error, saving, save } = useSettingsSection(
    'deadlines',
    'The deadline settings are saved.',
    (d) => {
      setReadings(d.readings);
      setExtension(d.extensionMethod ?? 'default');
      setSmallAgent(d.smallProcessingAgent);
      setJurisdiction(d.defaultJurisdiction);
      setRegion(d.holidayRegion ?? '');
      setTarget(d.internalTargetDays ?? '');
      setRetention(d.contactRetentionDays);
    },
  );
  const targetDays = typeof target === 'number' ? target : null;
  const retentionDays = typeof retention === 'number' ? retention : 365;

  const extensionMethod = extension === 'default' ? null : (extension as Deadlines['extensionMethod']);
  const dirty =
    saved !== null &&
    (saved.readings !== readings ||
      saved.extensionMethod !== extensionMethod ||
      saved.smallProcessingAgent !== smallAgent ||
      saved.defaultJurisdiction !== jurisdiction ||
      (saved.holidayRegion ?? '') !== region.trim() ||
      saved.internalTargetDays !== targetDays ||
      saved.contactRetentionDays !== retentionDays);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="deadlines-heading">
      <Title order={2} size="h5" mb={4} id="deadlines-heading">
        Rights requests and deadlines
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Where the law leaves a deadline rule open, the workbench uses the earlier date unless you choose
        otherwise here. Every deadline’s explanation says when a reading is contested and what the other
        reading gives.
      </Text>
      <Stack gap="md">
        <Group grow align="flex-start">
          <Select
            label="Default law for a new request"
            data={JURISDICTIONS.map((j) => ({ value: j.code, label: j.name }))}
            value={jurisdiction}
            onChange={setJurisdiction}
            clearable
            placeholder="From your country"
          />
          <TextInput
            label="Holiday region"
            description="A UK nation (sct), a German state (BY), a canton (ZH)"
            value={region}
            onChange={(e) => setRegion(e.currentTarget.value)}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label="Internal target (days)"
            description="Your own target beside the legal deadline"
            min={1}
            max={90}
            allowDecimal={false}
            value={target}
            onChange={setTarget}
          />
          <NumberInput
            label="Keep a requester’s contact for (days)"
            description="After completion; then it is erased and the dates stay"
            min={30}
            max={3650}
            allowDecimal={false}
            value={retention}
            onChange={setRetention}
          />
        </Group>
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
            onClick={() =>
              void save({
                readings,
                extensionMethod,
                smallProcessingAgent: smallAgent,
                defaultJurisdiction: jurisdiction as Deadlines['defaultJurisdiction'],
                holidayRegion: region.trim() || null,
                internalTargetDays: targetDays,
                contactRetentionDays: retentionDays,
              })
            }
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
